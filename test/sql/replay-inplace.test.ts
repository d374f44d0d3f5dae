// Replay in place (src/harness/sql/replay.ts replayInPlace): the database's own tables validated in place,
// each window's points one query per domain over the session's views, the group skeleton the only cases in
// Node. The result — every step's indicators, target statuses, milestones, court identity with its counts —
// equals the memory engine's replay of the same cases byte for byte, on DuckDB and PostgreSQL (PGlite; a
// server too with LUOSHI_TEST_PG_URL).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CourtOptions } from '../../src/engine/data/identity.js';
import type { CaseRecord, StaffingRecord } from '../../src/engine/data/record.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { generateCases } from '../../src/engine/generate/index.js';
import type { PlanIR } from '../../src/engine/ir/types.js';
import { replayPlan } from '../../src/engine/replay/replay.js';
import type { Step } from '../../src/engine/replay/types.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { UsageError } from '../../src/harness/io.js';
import { openPostgres, type SqlDatabase } from '../../src/harness/sql/database.js';
import { sourceSchema, spanInPlace, validateInPlace } from '../../src/harness/sql/inplace.js';
import { replayInPlace } from '../../src/harness/sql/replay.js';
import { COURT_IDENTITY_PLAN, courtIdentityCases, IN_PROCESS_ENGINES, irOf, loaded } from './engines.js';

const PG_URL = process.env.LUOSHI_TEST_PG_URL;
let schemas = 0;
/** The server as a court's database is: plain tables (in place reads no temporary ones), here in a schema of
 *  this test's own, dropped when it closes. */
async function serverSchema(url: string): Promise<SqlDatabase> {
  const db = await openPostgres(url, false);
  const schema = `luoshi_replay_${process.pid}_${schemas++}`;
  await db.exec(`CREATE SCHEMA ${schema}`);
  await db.exec(`SET search_path TO ${schema}`);
  const close = db.close;
  db.close = async () => {
    await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    await close();
  };
  return db;
}
const ENGINES: Array<[string, () => Promise<SqlDatabase>]> = [
  ...IN_PROCESS_ENGINES,
  ...(PG_URL ? [['postgres (server)', () => serverSchema(PG_URL)] as [string, () => Promise<SqlDatabase>]] : []),
];

interface Range {
  from: string;
  to: string;
  step: Step;
}

async function sameReplayInPlace(
  ir: PlanIR,
  records: CaseRecord[],
  staffing: StaffingRecord[],
  range: Range,
  courts: CourtOptions = {},
): Promise<void> {
  const memory = JSON.stringify(
    replayPlan({ ir, store: storeFromRecords(records), staffing, courts, ...range }),
    null,
    1,
  );
  for (const [name, open] of ENGINES) {
    const db = await loaded(open, records, staffing);
    try {
      const src = await sourceSchema(db);
      const { loaded: cases, perCourt } = await validateInPlace(db, src, 'db#cases');
      const windows: Array<[number, number]> = [];
      const inPlace = await replayInPlace(
        db,
        src,
        {
          ir,
          store: cases.store,
          staffing,
          courts,
          ...range,
          onProgress: (done, total) => windows.push([done, total]),
        },
        perCourt,
      );
      expect({ engine: name, replay: JSON.stringify(inPlace, null, 1) }).toEqual({ engine: name, replay: memory });
      // Progress: windows done of all, from none to every one.
      const total = windows[0]![1];
      expect(windows).toEqual(Array.from({ length: total + 1 }, (_, k) => [k, total]));
    } finally {
      await db.close();
    }
  }
}

function staffingOf(records: readonly CaseRecord[]): StaffingRecord[] {
  const courts = [...new Set(records.map((r) => r.court))].sort();
  return courts.flatMap((court, k) => [
    { court, date: '2017-06-30', 执行人员: 20 + k, 政法编制: 100 + 3 * k },
    { court, date: '2018-03-31', 执行人员: 24 + k, 政法编制: 101 + 3 * k },
  ]);
}

// Staged (each stage its own deadline), stretched, yearly and per-group targets: windows of every kind.
const PLAN = `方案 回放 { 期间 2017-01-01 至 2018-12-31  使用 std }
目标 a : 结案率 >= 50% 截至 2017-12-31, >= 60% 截至 2018-12-31 每个承办人
目标 b : 执行到位率 >= 30% 力争 40% 每个团队
目标 c : 终本合格率 >= 90% 每个法院
目标 e : 信访办结率 >= 80% 每个法院 每年
目标 g : 有财产案件法定期限内执结率 >= 70% 截至 2018-06-30
`;

describe("replay in place = the memory engine's replay", () => {
  const records = [...generateCases({ preset: 'ningbo', cases: 500, seed: 17, from: '2016-06-01', to: '2019-02-28' })];

  it('std targets of every kind, monthly over two years and past the period', async () => {
    await sameReplayInPlace(irOf(PLAN), records, staffingOf(records), {
      from: '2017-01-31',
      to: '2019-03-31',
      step: 'month',
    });
  }, 240_000);

  it('the 宁波 plan, weekly through its year, with staffing', async () => {
    const ir = irOf(
      readFileSync(join(PACKAGE_ROOT, 'policies', 'ningbo-2018.plan'), 'utf8'),
      'policies/ningbo-2018.plan',
    );
    await sameReplayInPlace(ir, records, staffingOf(records), { from: '2018-04-08', to: '2018-12-31', step: 'week' });
  }, 240_000);

  it('the span of the data: first filing, last filing, closure or event of the accepted cases', async () => {
    const days = records.flatMap((r) => [r.filed, ...(r.closed ? [r.closed] : []), ...r.events.map((e) => e.date)]);
    const store = storeFromRecords(records);
    const db = await loaded(IN_PROCESS_ENGINES[0]![1], records, []);
    try {
      const src = await sourceSchema(db);
      await validateInPlace(db, src, 'db#cases');
      const span = await spanInPlace(db, src);
      expect(span).toEqual({
        first: Math.min(...Array.from(store.filed)),
        last: Math.max(...days.map((d) => Date.parse(d) / 86_400_000)),
      });
    } finally {
      await db.close();
    }
  });
});

describe('replay in place: what SQL cannot express', () => {
  it('a duration in working days is one located line (a usage error: exit 2), not a number', async () => {
    const records = [...generateCases({ preset: 'ningbo', cases: 50, seed: 2 })];
    const ir = irOf(
      '方案 工作日 { 期间 2018-01-01 至 2018-12-31  使用 std }\n\n指标 五日查控率 (%) =\n  计数(新收 其中 有 总对总查控 其中 日期 <= 立案日期 + 5个工作日) / 计数(新收)\n',
      'workdays.plan',
    );
    const db = await loaded(IN_PROCESS_ENGINES[0]![1], records, []);
    try {
      const src = await sourceSchema(db);
      const { loaded: cases, perCourt } = await validateInPlace(db, src, 'db#cases');
      const input = { ir, store: cases.store, from: '2018-06-01', to: '2018-12-31', step: 'month' as const };
      await expect(replayInPlace(db, src, input, perCourt)).rejects.toThrow(
        new UsageError(
          '--db: workdays.plan:3: 工作日期限不能编译为 SQL（工作日日历由插件提供） / a duration in working days cannot be compiled to SQL (the working-day calendar is a plugin)',
        ),
      );
    } finally {
      await db.close();
    }
  });
});

describe('replay in place = memory engine: court identity (a short name, a court the plan does not name)', () => {
  const records = courtIdentityCases(600);
  const plan = COURT_IDENTITY_PLAN;
  for (const unmatched of ['exclude', 'include'] as const) {
    it(`unmatched: ${unmatched}`, async () => {
      await sameReplayInPlace(
        irOf(plan),
        records,
        staffingOf(records),
        { from: '2017-03-31', to: '2018-12-31', step: 'month' },
        { unmatched },
      );
    }, 120_000);
  }
});
