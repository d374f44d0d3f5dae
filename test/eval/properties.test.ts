// Properties of evaluation: nothing dated after the as-of date can change a report at that date, and
// the report is deterministic (the same inputs give the same bytes).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/generate/index.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import type { CaseRecord, EventRecord } from '../../src/engine/data/record.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { addMonths, formatDay, parseIsoDay } from '../../src/engine/time/calendar.js';
import { compileText } from './helpers.js';

const PLAN = `方案 性质 { 期间 2017-01-01 至 2018-12-31  使用 std }
目标 结案 : 结案率 >= 60% 每个法院 截至 2018-12-31
目标 移送 : 拒执移送率 >= 1‰ 每年
任务 1 "终本核查" { 责任人 张三  完成 2018-12-31  检查 终本条件 }
人员 张三
`;
const ir = compileText(PLAN).ir;
const base = [...generateCases({ preset: 'fujin', cases: 300, seed: 5, from: '2017-01-01', to: '2018-12-31' })];
const AFTER_CLOSE_OK = ['信访', '信访办结', '案款发放', '终本巡查'];
const ANY = ['执行通知', '总对总查控', '纳入失信', '移送公安', '约谈', '案款到账', '延期', '限制消费'];

/** The same cases, with facts dated after T added: new events, closures of open cases, new cases. */
function withFuture(records: CaseRecord[], T: string, picks: number[], offsets: number[]): CaseRecord[] {
  const t = parseIsoDay(T)!;
  const out = records.map((r) => ({ ...r, events: [...r.events] }));
  picks.forEach((p, k) => {
    const r = out[p % out.length]!;
    const closed = r.closed === null ? null : parseIsoDay(r.closed)!;
    // Open at T (never closed, or closed after T): any event between T and its closure; else the kinds
    // that may follow a closure.
    const openAtT = closed === null || closed > t + 1;
    const span = closed === null ? 200 : Math.max(1, closed - t - 1);
    const day = formatDay(t + 1 + (offsets[k % offsets.length]! % (openAtT ? span : 200)));
    const types = openAtT ? ANY : AFTER_CLOSE_OK;
    const type = types[p % types.length]!;
    const ev: EventRecord =
      type === '案款到账' || type === '案款发放' ? { type, date: day, amount: 100 } : { type, date: day };
    if (parseIsoDay(r.filed)! <= t + 1) r.events.push(ev);
    if (r.closed === null && p % 3 === 0 && parseIsoDay(r.filed)! <= t) {
      r.closed = formatDay(t + 201 + (p % 30));
      r.closure = p % 2 ? '终结本次执行程序' : '执行完毕';
    }
  });
  out.push({
    id: '(2099)未来1号',
    court: records[0]!.court,
    type: '首执',
    filed: formatDay(t + 1),
    closed: null,
    closure: null,
    claimed: 1000,
    recovered: 0,
    property: true,
    handler: '未来',
    events: [],
  } as CaseRecord);
  return out;
}

describe('as-of semantics', () => {
  it('facts dated after T never change the report at T', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.array(fc.nat(10_000), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(10_000), { minLength: 1, maxLength: 40 }),
        (dayOffset, picks, offsets) => {
          const T = formatDay(parseIsoDay('2017-01-01')! + dayOffset);
          const before = evaluatePlan({ ir, store: storeFromRecords(base), asOf: T });
          const after = evaluatePlan({ ir, store: storeFromRecords(withFuture(base, T, picks, offsets)), asOf: T });
          // The added future case may add an (empty) handler group; compare what the plan measures.
          expect(JSON.stringify({ ...after, data: null })).toBe(JSON.stringify({ ...before, data: null }));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('the report is deterministic', () => {
    const a = JSON.stringify(evaluatePlan({ ir, store: storeFromRecords(base), asOf: '2018-06-30' }));
    const b = JSON.stringify(evaluatePlan({ ir, store: storeFromRecords([...base]), asOf: '2018-06-30' }));
    expect(a).toBe(b);
    expect(addMonths(parseIsoDay('2018-08-31')!, 6)).toBe(parseIsoDay('2019-02-28'));
  });
});
