// A shared pre-aggregation without the events' join to their case (src/engine/sql/case-bounds.ts): conditions
// bounding an event's date by the case (lower, upper, strict, a range, a null closing date) are applied per
// case to plain aggregates, and the uncertain cases — events before filing, 案款发放 after closing — are
// computed exactly. The figures are the memory engine's on DuckDB and PostgreSQL (PGlite), and the uncertain
// cases are the ones the data makes so.
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/engine/data/record.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { evaluatePlan, prepareEvaluation } from '../../src/engine/eval/evaluate.js';
import { generateCases } from '../../src/engine/generate/index.js';
import { SharedCaseEvents } from '../../src/engine/sql/case-events.js';
import { SqlCompiler } from '../../src/engine/sql/compile.js';
import { DIALECTS } from '../../src/engine/sql/dialect.js';
import { evaluateOnDatabase } from '../../src/harness/sql/evaluate.js';
import { IN_PROCESS_ENGINES, irOf, loaded } from './engines.js';

const PLAN = `方案 界 { 期间 2017-01-01 至 2018-12-31 }
指标 三日查控 (件) = 计数(案件 其中 有 总对总查控 其中 (日期 >= 立案日期 且 日期 <= 立案日期 + 3日))
指标 立案后查控两次 (件) = 计数(案件 其中 事件数(总对总查控 其中 日期 > 立案日期) >= 2)
指标 结案前发放 (件) = 计数(案件 其中 事件数(案款发放 其中 日期 <= 结案日期) >= 1)
指标 结案前发放次数 (件) = 求和(案件, 事件数(案款发放 其中 日期 <= 结案日期))
指标 结案前约谈 (件) = 计数(案件 其中 有 约谈 其中 日期 < 结案日期)
指标 区间内发放 (件) = 计数(案件 其中 有 案款发放 其中 日期 在 立案日期 至 结案日期)
指标 窗口内立案后查控 (件) = 计数(案件 其中 有 总对总查控 其中 (日期 在 窗口 且 日期 >= 立案日期))
指标 大额到账 (件) = 计数(案件 其中 有 案款到账 其中 金额 * 2 >= 申请标的)
`;

/** Generated cases, some given events before their filing and 案款发放 after their closing. */
function records(): CaseRecord[] {
  const out = [...generateCases({ preset: 'ningbo', cases: 600, seed: 17, from: '2016-06-01', to: '2018-12-31' })];
  const shift = (d: string, days: number) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  out.forEach((r, k) => {
    if (k % 5 === 0) r.events.push({ type: '总对总查控', date: shift(r.filed, -2 - (k % 3)) });
    if (k % 10 === 0) r.events.push({ type: '总对总查控', date: shift(r.filed, 1 + (k % 4)) });
    if (r.closed && k % 3 === 0) r.events.push({ type: '案款发放', date: shift(r.closed, 5 + (k % 40)), amount: 100 });
  });
  return out;
}

describe('bounds of an event date by its case, applied per case', () => {
  const ir = irOf(PLAN);
  const data = records();
  for (const [name, open] of IN_PROCESS_ENGINES) {
    it(`${name}: the memory engine's figures at every as-of date, the uncertain cases computed exactly`, async () => {
      for (const asOf of ['2017-06-30', '2018-03-31', '2018-12-31']) {
        const db = await open();
        try {
          const input = { ir, store: storeFromRecords(data), asOf };
          const sql = await evaluateOnDatabase(input, db);
          expect(JSON.stringify(sql.indicators)).toBe(JSON.stringify(evaluatePlan(input).indicators));
        } finally {
          await db.close();
        }
      }
      // The statements: the events aggregated alone; the uncertain cases and their exact columns.
      const db = await loaded(open, data, []);
      try {
        const { jobs } = prepareEvaluation({ ir, store: storeFromRecords(data), asOf: '2018-12-31' });
        const shared = new SharedCaseEvents();
        const compiler = new SqlCompiler(ir, db.dialect, shared);
        for (const j of jobs.aggregates) compiler.jobQueries(j);
        const create = shared.create();
        // 大额到账 compares the amount with the claim: not a bound of the date, so that table joins the cases.
        expect(create.map((s) => /^CREATE TEMPORARY TABLE (\w+)/.exec(s)![1])).toEqual([
          'luoshi_ce0',
          'luoshi_ce0u',
          'luoshi_ce0x',
        ]);
        expect(create[0]).toContain('JOIN cases c');
        for (const s of create) await db.exec(s);
        const ids = async (table: string) =>
          (await db.query(`SELECT c.id FROM ${table} t JOIN cases c ON c.cid = t.cid ORDER BY c.id`)).map((r) => r[0]);
        // Uncertain: an earliest 总对总查控 (in the window) before or on the filing day, an earliest 案款发放 before
        // it, or a latest 案款发放 after the closing (closed by the as-of date).
        const T = '2018-12-31';
        const expected = data
          .filter((r) => {
            if (r.filed > T) return false;
            const days = (type: string, from = '0000') =>
              r.events
                .filter((e) => e.type === type && e.date <= T && e.date >= from)
                .map((e) => e.date)
                .sort();
            const cc = days('总对总查控'),
              inWindow = days('总对总查控', '2017-01-01'),
              paid = days('案款发放');
            const closed = r.closed && r.closed <= T ? r.closed : null;
            return (
              (cc.length > 0 && cc[0]! <= r.filed) ||
              (inWindow.length > 0 && inWindow[0]! < r.filed) ||
              (paid.length > 0 && paid[0]! < r.filed) ||
              (closed !== null && paid.length > 0 && paid.at(-1)! > closed)
            );
          })
          .map((r) => r.id)
          .sort();
        expect(expected.length).toBeGreaterThan(100);
        expect(await ids('luoshi_ce0u')).toEqual(expected);
        expect(await ids('luoshi_ce0x')).toEqual(expected);
      } finally {
        await db.close();
      }
    }, 120_000);
  }

  it('a plan whose conditions only bound the date: the events are not joined to their case', () => {
    const bounded = irOf(PLAN.split('\n').slice(0, -2).join('\n'));
    const shared = new SharedCaseEvents();
    const compiler = new SqlCompiler(bounded, DIALECTS.duckdb, shared);
    const { jobs } = prepareEvaluation({ ir: bounded, store: storeFromRecords(data), asOf: '2018-12-31' });
    for (const j of jobs.aggregates) compiler.jobQueries(j);
    const [ce0] = shared.create();
    expect(ce0).toMatch(/^CREATE TEMPORARY TABLE luoshi_ce0 AS SELECT x\.cid, .* FROM events x WHERE x\.type IN/);
    expect(ce0).not.toContain('cases');
  });
});
