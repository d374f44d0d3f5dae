// The whole plan in one pass (src/engine/eval/one-pass.ts) gives the same report as running each job on
// its own — every aggregate job in a pass of its own (aggregate.ts runAggregates) and every rule check in
// a pass of its own, each with its own compiled closures, so nothing is shared between jobs — for every
// seed plan, at as-of dates inside and after its period (so target stages, yearly windows, trends and
// milestone conditions each get a job of their own), on generated cases mixed with the hand-worked
// fixture's (month ends, window edges, closings and events after the as-of date).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/generate/index.js';
import { storeFromRecords, type CaseStore } from '../../src/engine/data/store.js';
import type { CaseRecord, StaffingRecord } from '../../src/engine/data/record.js';
import { evaluatePlan, evaluatePlanWith, type EvaluateInput } from '../../src/engine/eval/evaluate.js';
import {
  compilerFor,
  executeJobs,
  type AggregateJob,
  type JobResults,
  type RuleJob,
} from '../../src/engine/eval/jobs.js';
import { runAggregates, type StaffingRow } from '../../src/engine/eval/aggregate.js';
import { planJobs } from '../../src/engine/eval/plan-jobs.js';
import type { PlanIR } from '../../src/engine/ir/types.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { FIXTURE_CASES } from '../peer/fixture.js';
import { compileText } from './helpers.js';

/** Each job in a pass of its own over the whole store, with closures compiled for it alone. */
function perJob(ir: PlanIR) {
  return async (
    jobs: { aggregates: AggregateJob[]; rules: RuleJob[] },
    staffing: StaffingRow[],
    store: CaseStore,
  ): Promise<JobResults> => {
    const out: JobResults = { aggregates: {}, rules: {} };
    for (const j of jobs.aggregates) {
      const res = runAggregates(
        store,
        compilerFor(ir, store),
        j.nodes,
        j.asOf,
        j.from,
        Math.min(j.asOf, j.to),
        staffing,
      );
      out.aggregates[j.key] = j.nodes.map((n) => res.get(n.key)!);
    }
    for (const j of jobs.rules)
      Object.assign(
        out.rules,
        executeJobs(ir, store, { aggregates: [], rules: [j] }, staffing, compilerFor(ir, store)).rules,
      );
    return out;
  };
}

function staffingOf(records: readonly CaseRecord[]): StaffingRecord[] {
  const courts = [...new Set(records.map((r) => r.court))].sort();
  return courts.flatMap((court, k) => [
    { court, date: '2016-12-31', 执行人员: 20 + k, 政法编制: 100 + 3 * k },
    { court, date: '2018-03-31', 执行人员: 14 + k, 政法编制: 101 + 3 * k, 员额法官: 30 },
  ]);
}

const SEEDS: Array<[string, string, string[]]> = [
  ['ningbo-2018.plan', 'ningbo', ['2018-05-31', '2018-12-31', '2019-02-28']],
  ['kaohe-2018.plan', 'ningbo', ['2018-06-30', '2018-12-31']],
  ['xuzhou-2017.plan', 'ningbo', ['2017-09-30', '2018-01-31']],
  ['chengde-2018.plan', 'chengde', ['2018-03-31', '2018-11-30']],
  ['chongqing2-2016.plan', 'chongqing2', ['2016-06-30', '2016-12-31']],
  ['fujin-2012.plan', 'fujin', ['2012-06-30', '2012-12-31']],
];

describe('one pass = each job in a pass of its own: the seed plans', () => {
  for (const [file, preset, dates] of SEEDS) {
    it(file, async () => {
      const r = compileText(readFileSync(join(PACKAGE_ROOT, 'policies', file), 'utf8'), `policies/${file}`);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const records: CaseRecord[] = [
        ...generateCases({ preset, cases: 1500, seed: 11 }),
        ...(FIXTURE_CASES as unknown as CaseRecord[]).map((c) => ({ ...c, id: `fixture-${c.id}` })),
      ];
      let jobsSeen = 0;
      for (const asOf of dates) {
        const input: EvaluateInput = {
          ir: r.ir,
          store: storeFromRecords(records),
          asOf,
          staffing: staffingOf(records),
          courts: { unmatched: 'include' },
        };
        const planned = planJobs(input);
        jobsSeen = Math.max(jobsSeen, planned.jobs.aggregates.length + planned.jobs.rules.length);
        const folded = JSON.stringify(evaluatePlan(input), null, 1);
        const separate = JSON.stringify(await evaluatePlanWith(input, perJob(r.ir)), null, 1);
        expect({ asOf, report: folded }).toEqual({ asOf, report: separate });
      }
      // The plan has more than one job at some date: there is something to fold.
      expect(jobsSeen).toBeGreaterThan(1);
    }, 120_000);
  }
});

// 有 / 事件数 compute date conditions on case-level values as bounds once per case (expr.ts eventScan);
// the same condition joined by 或 to one that is never true is evaluated event by event: both must agree.
const CONDITIONS = [
  '日期 <= 结案日期',
  '日期 < 结案日期',
  '日期 >= 立案日期 + 3日',
  '日期 > 立案日期 + 3日',
  '日期 = 立案日期 + 1日',
  '结案日期 >= 日期',
  '日期 在 窗口',
  '日期 在 立案日期 至 立案日期 + 1个月',
  '日期 >= 立案日期 且 日期 <= 立案日期 + 15日 且 立案日期 >= 2017-03-01',
];
const BOUNDS_PLAN = `方案 界 { 期间 2017-01-01 至 2018-06-30  使用 std }
${CONDITIONS.map(
  (c, k) => `指标 有${k} (件) = 计数(受理 其中 有 总对总查控、约谈 其中 (${c}))
指标 逐件有${k} (件) = 计数(受理 其中 有 总对总查控、约谈 其中 (${c} 或 立案日期 为空))
指标 数${k} (件) = 平均(受理, 事件数(总对总查控、约谈 其中 (${c})))
指标 逐件数${k} (件) = 平均(受理, 事件数(总对总查控、约谈 其中 (${c} 或 立案日期 为空)))`,
).join('\n')}
`;

describe('date bounds on events = the condition event by event', () => {
  it('every comparison, window and range, counted and tested for', () => {
    const r = compileText(BOUNDS_PLAN);
    expect(
      r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}: ${d.message}`),
    ).toEqual([]);
    const records = [...generateCases({ preset: 'ningbo', cases: 1500, seed: 3 })];
    for (const asOf of ['2017-08-31', '2018-12-31']) {
      const report = evaluatePlan({ ir: r.ir, store: storeFromRecords(records), asOf });
      const value = (name: string) => {
        const ind = report.indicators.find((i) => i.name === name)!;
        return [ind.overall.numerator, ind.overall.denominator, ...Object.values(ind.courts).map((f) => f.numerator)];
      };
      CONDITIONS.forEach((c, k) => {
        expect({ c, asOf, has: value(`有${k}`) }).toEqual({ c, asOf, has: value(`逐件有${k}`) });
        expect({ c, asOf, count: value(`数${k}`) }).toEqual({ c, asOf, count: value(`逐件数${k}`) });
        expect(value(`有${k}`)[0]).toBeGreaterThan(0); // the condition holds for some case
      });
    }
  }, 60_000);
});
