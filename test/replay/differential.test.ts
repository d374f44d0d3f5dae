// Differential property test: on generated tricky data — dates on month ends and window edges, events on
// the last day of an N-day window and the day after, events after the replay's end, closures on the
// window's first day — the replay at every step equals an independent evaluatePlan at that date, for the
// standard indicators and for the 宁波 plan (indicators per court and target statuses).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { replayPlan } from '../../src/engine/replay/replay.js';
import type { CaseRecord, EventRecord } from '../../src/engine/data/record.js';
import type { PlanIR } from '../../src/engine/ir/types.js';
import { CLOSURES, EVENT_TYPES } from '../../src/engine/domain/vocabulary.js';
import { formatDay, parseIsoDay } from '../../src/engine/time/calendar.js';
import { compile } from '../../src/engine/check/compile.js';
import { nodeHost, PACKAGE_ROOT } from '../../src/harness/host.js';
import { compileText } from '../eval/helpers.js';

const STD_PLAN = `方案 差分 { 期间 2018-01-01 至 2018-12-31  使用 std  法院 海曙, 江北 }
法院 海曙 = "宁波市海曙区人民法院"
法院 江北 = "宁波市江北区人民法院"
目标 结案 : 结案率 >= 60% 每个法院 截至 2018-12-31
目标 终本 : 终本合格率 >= 50% 截至 2018-06-30, >= 80% 截至 2018-12-31
目标 年度移送 : 拒执移送率 >= 1‰ 每年
目标 案款 : 案款发放及时率 >= 90% 截至 2018-09-30
目标 查控 : 3日内总对总查控率 >= 90% 每个法院 截至 2018-12-31
`;
/** Comparisons with T in every direction, T inside arithmetic (evaluated at every step), an event's own day. */
const EDGE_PLAN = `方案 边 { 期间 2018-04-08 至 2018-12-31  使用 std  法院 海曙, 江北 }
法院 海曙 = "宁波市海曙区人民法院"
法院 江北 = "宁波市江北区人民法院"
指标 甲 (件) = 计数(案件 其中 截至日 < 立案日期 + 10日)
指标 乙 (件) = 计数(案件 其中 结案日期 >= 截至日 - 5日)
指标 丙 (件) = 计数(案件 其中 立案日期 + 7日 = 截至日)
指标 丁 (件) = 计数(案件 其中 截至日 > 立案日期 + 20日 且 有 纳入失信 其中 日期 + 3日 < 截至日)
指标 戊 (件) = 计数(事件 案款到账 其中 截至日 >= 日期 + 10日 且 日期 在 窗口)
`;
const COURTS = ['宁波市海曙区人民法院', '宁波市江北区人民法院', '宁波市中级人民法院', '余姚市人民法院'];

/** Days where a comparison flips: month ends, the 宁波 plan's first day, the year's edges. */
const EDGES = [
  '2017-12-31',
  '2018-01-01',
  '2018-01-31',
  '2018-02-28',
  '2018-03-01',
  '2018-03-31',
  '2018-04-07',
  '2018-04-08',
  '2018-04-09',
  '2018-04-30',
  '2018-06-30',
  '2018-07-01',
  '2018-12-31',
  '2019-01-01',
].map((d) => parseIsoDay(d)!);
const LO = parseIsoDay('2017-10-01')!,
  HI = parseIsoDay('2019-01-15')!;
/** Offsets from a case's filing that sit on and next to the N-day windows' last days and expiries. */
const OFFSETS = [0, 1, 2, 3, 4, 6, 7, 8, 14, 15, 16, 29, 30, 31, 32, 91, 92, 183, 184];

const day = fc.oneof(fc.constantFrom(...EDGES), fc.integer({ min: LO, max: HI }));
/** A day on or after `base`: an edge, an N-day offset, or any. */
const after = (base: number) => {
  const edges = EDGES.filter((d) => d >= base);
  const offsets = fc.oneof(fc.constantFrom(...OFFSETS), fc.integer({ min: 0, max: 400 })).map((o) => base + o);
  return edges.length ? fc.oneof(offsets, fc.constantFrom(...edges)) : offsets;
};

const event = (filed: number) =>
  fc.record({
    type: fc.constantFrom(...EVENT_TYPES),
    date: after(filed).map(formatDay),
    amount: fc.option(fc.integer({ min: 1, max: 90000 }), { nil: undefined }),
  });

const caseRecord = (id: number) =>
  day.chain((filed) =>
    fc
      .record({
        id: fc.constant(`(2018)测${id}号`),
        court: fc.constantFrom(...COURTS),
        type: fc.constantFrom('首执' as const, '恢复执行' as const, '执行保全' as const),
        filed: fc.constant(formatDay(filed)),
        closing: fc.option(fc.tuple(after(filed), fc.constantFrom(...CLOSURES)), { nil: null }),
        claimed: fc.integer({ min: 0, max: 500000 }),
        recovered: fc.integer({ min: 0, max: 500000 }),
        property: fc.constantFrom(true, false, null),
        handler: fc.constantFrom('张三', '李四', ''),
        events: fc.array(event(filed), { maxLength: 12 }),
      })
      .map(
        ({ closing, ...r }): CaseRecord => ({
          ...r,
          closed: closing ? formatDay(closing[0]) : null,
          closure: closing ? closing[1] : null,
          events: r.events
            .map(
              (e): EventRecord =>
                e.amount === undefined
                  ? { type: e.type, date: e.date }
                  : { type: e.type, date: e.date, amount: e.amount },
            )
            .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
        }),
      ),
  );

const dataSet = fc
  .integer({ min: 1, max: 40 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => caseRecord(k + 1))));

/** The replay at every step against evaluatePlan at that date: every figure, per court, and every status. */
function sameAtEveryStep(ir: PlanIR, records: readonly CaseRecord[], from: string, to: string): void {
  const store = storeFromRecords(records);
  const rep = replayPlan({ ir, store, from, to, step: 'day' });
  rep.dates.forEach((d, k) => {
    const ev = evaluatePlan({ ir, store, asOf: d });
    for (const ind of rep.indicators) {
      const e = ev.indicators.find((x) => x.name === ind.name)!;
      expect([d, ind.name, ind.overall.numerators[k], ind.overall.denominators[k]]).toEqual([
        d,
        ind.name,
        e.overall.numerator,
        e.overall.denominator,
      ]);
      for (const [court, s] of Object.entries(ind.courts)) {
        const f = e.courts[court];
        expect([d, ind.name, court, s.numerators[k], s.denominators[k]]).toEqual([
          d,
          ind.name,
          court,
          f?.numerator ?? 0,
          f?.denominator ?? (s.denominators[k] === null ? null : 0),
        ]);
      }
    }
    for (const t of rep.targets) {
      const e = ev.targets.find((x) => x.id === t.id)!;
      expect([d, t.id, t.statuses[k]]).toEqual([d, t.id, e.status]);
    }
  });
}

const NINGBO = compile('policies/ningbo-2018.plan', nodeHost(PACKAGE_ROOT)).ir;

describe('replay equals evaluation at every step on tricky generated data', () => {
  it('the standard indicators, daily over the first edges of the year', () => {
    const ir = compileText(STD_PLAN).ir;
    fc.assert(
      fc.property(dataSet, (records) => sameAtEveryStep(ir, records, '2017-12-29', '2018-01-03')),
      { seed: 14, numRuns: 15 },
    );
    fc.assert(
      fc.property(dataSet, (records) => sameAtEveryStep(ir, records, '2018-06-27', '2018-07-03')),
      { seed: 15, numRuns: 15 },
    );
  });
  it('comparisons with T in every direction, and T inside arithmetic', () => {
    const ir = compileText(EDGE_PLAN).ir;
    fc.assert(
      fc.property(dataSet, (records) => sameAtEveryStep(ir, records, '2018-03-30', '2018-04-30')),
      { seed: 18, numRuns: 15 },
    );
  });
  it('the 宁波 plan, daily across its first day and month ends', () => {
    fc.assert(
      fc.property(dataSet, (records) => sameAtEveryStep(NINGBO, records, '2018-03-29', '2018-04-10')),
      { seed: 16, numRuns: 15 },
    );
    fc.assert(
      fc.property(dataSet, (records) => sameAtEveryStep(NINGBO, records, '2018-12-26', '2018-12-31')),
      { seed: 17, numRuns: 15 },
    );
  });
});
