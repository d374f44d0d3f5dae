// The engine against the same indicators computed independently: by hand (the fixture) and by plain SQL
// in DuckDB (bench/peer), on the hand-made fixture and on generated data, overall and per court.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_CASES, FIXTURE_SCENARIOS } from '../peer/fixture.js';
import { duckdbIndicators, INDICATOR_NAMES } from '../../bench/peer/duckdb-indicators.js';
import { generateCases } from '../../src/engine/generate/index.js';
import type { CaseRecord } from '../../src/engine/data/record.js';
import type { PlanReport, Figure } from '../../src/engine/report/model.js';
import { evaluateText } from './helpers.js';

/** The peer's count indicators are std's …数 indicators. */
const ENGINE_NAME: Record<string, string> = { 受理: '受理数', 旧存: '旧存数', 新收: '新收数', 结案: '结案数' };
/** Money figures: the engine sums yuan, the peer fen. */
const MONEY = new Set(['执行到位率']);

function planText(from: string, to: string): string {
  return `方案 差分测试 { 期间 ${from} 至 ${to}  使用 std }\n`;
}

function engineFigure(report: PlanReport, name: string, group: string): [number, number] {
  const ind = report.indicators.find((i) => i.name === (ENGINE_NAME[name] ?? name));
  if (!ind) throw new Error(`no indicator ${name}`);
  const f: Figure | undefined = group === '' ? ind.overall : ind.courts[group];
  if (!f) return [0, ENGINE_NAME[name] ? 1 : 0];
  // The engine sums money in whole fen and reports yuan (fen / 100): back to fen exactly.
  const norm = (x: number) => (MONEY.has(name) ? Math.round(x * 100) : Math.round(x * 1e6) / 1e6);
  return [norm(f.numerator), f.denominator === null ? 1 : norm(f.denominator)];
}

describe('engine = hand-worked fixture', () => {
  for (const sc of FIXTURE_SCENARIOS) {
    it(sc.name, () => {
      const report = evaluateText(planText(sc.from, sc.to), FIXTURE_CASES as unknown as CaseRecord[], sc.asOf);
      for (const [name, groups] of Object.entries(sc.expected)) {
        for (const [group, [num, den]] of Object.entries(groups)) {
          expect([name, group, ...engineFigure(report, name, group)]).toEqual([name, group, num, den]);
        }
      }
    });
  }
});

describe('engine = DuckDB SQL on generated data', () => {
  const records = [...generateCases({ preset: 'ningbo', cases: 4000, seed: 7, from: '2016-01-01', to: '2018-12-31' })];
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-diff-'));
  const file = join(dir, 'cases.ndjson');
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const windows = [
    { asOf: '2017-06-30', from: '2017-01-01', to: '2017-12-31' },
    { asOf: '2018-04-15', from: '2018-01-01', to: '2018-12-31' },
    { asOf: '2019-03-31', from: '2018-01-01', to: '2018-12-31' },
    // Before the window begins it is empty: every count 0 (bench/peer/README.md, reading 2), though
    // thousands of cases are open on that day.
    { asOf: '2017-12-15', from: '2018-01-01', to: '2018-12-31' },
  ];
  for (const w of windows) {
    it(`as of ${w.asOf}, window ${w.from}..${w.to}: every indicator, overall and per court`, async () => {
      const report = evaluateText(planText(w.from, w.to), records, w.asOf);
      const overall = await duckdbIndicators({ files: [file], asOf: w.asOf, from: w.from, to: w.to, groupBy: null });
      const byCourt = await duckdbIndicators({ files: [file], asOf: w.asOf, from: w.from, to: w.to, groupBy: 'court' });
      let compared = 0;
      for (const name of INDICATOR_NAMES) {
        for (const [result, groups] of [
          [overall, ['']],
          [byCourt, Object.keys(byCourt[name] ?? {})],
        ] as const) {
          for (const g of groups) {
            const peer = result[name]![g]!;
            const [num, den] = engineFigure(report, name, g);
            expect({ name, g, num, den }).toEqual({
              name,
              g,
              num: Math.round(peer.numerator * 1e6) / 1e6,
              den: Math.round(peer.denominator * 1e6) / 1e6,
            });
            if (peer.value !== null && den !== 0) expect(Math.abs(num / den - peer.value)).toBeLessThan(1e-9);
            compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(INDICATOR_NAMES.length * 5);
      const accepted = engineFigure(report, '受理', '')[0];
      if (w.asOf < w.from) expect(accepted).toBe(0);
      else expect(accepted).toBeGreaterThan(100);
    });
  }
});
