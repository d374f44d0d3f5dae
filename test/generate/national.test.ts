// The national preset: calibrated to the published 2016–2018 totals exactly at any scale (the standard
// 受理数 and 结案数 and the plan's 执行到位金额 over the period, evaluated by the memory engine), with
// realistic courts, and the same bytes for the same seed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCases, NATIONAL_TOTALS, nationalCourts, nationalTotals } from '../../src/engine/generate/index.js';
import { caseJson } from '../../src/engine/data/serialize.js';
import type { CaseRecord } from '../../src/engine/data/record.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { openDuckDB } from '../../src/harness/sql/database.js';
import { evaluateText } from '../eval/helpers.js';

const PLAN = readFileSync(join(PACKAGE_ROOT, 'examples/national-2016-2018.plan'), 'utf8');

describe('gen --preset national', () => {
  it('reproduces the published totals, scaled, exactly (受理, 执结, 到位金额 over 2016–2018)', () => {
    const records = [...generateCases({ preset: 'national', scale: 0.001 })];
    const report = evaluateText(PLAN, records, '2018-12-31');
    const figure = (name: string) => report.indicators.find((i) => i.name === name)!.overall.value;
    expect(nationalTotals(0.001)).toEqual({ filed: 20_435, closed: 19_361, recoveredFen: 440_000_000_000 });
    expect(figure('受理数')).toBe(20_435);
    expect(figure('结案数')).toBe(19_361);
    expect(figure('执行到位金额')).toBe(4_400_000_000); // 44亿元 = 4.4万亿元 × 0.001
    // Every case filed in the period; the open ones are the recent ones.
    expect(records.every((r) => r.filed >= '2016-01-01' && r.filed <= '2018-12-31')).toBe(true);
    const open = records.filter((r) => r.closed === null);
    expect(open.length).toBe(20_435 - 19_361);
    expect(open.filter((r) => r.filed >= '2018-07-01').length / open.length).toBeGreaterThan(0.8);
  });

  it('the calibration is the published totals times the scale, rounded', () => {
    expect(NATIONAL_TOTALS).toEqual({ filed: 20_435_000, closed: 19_361_000, recoveredFen: 4.4e14 });
    expect(nationalTotals(1)).toEqual({ filed: 20_435_000, closed: 19_361_000, recoveredFen: 440_000_000_000_000 });
    expect(nationalTotals(0.0123)).toEqual({
      filed: Math.round(20_435_000 * 0.0123),
      closed: Math.round(19_361_000 * 0.0123),
      recoveredFen: Math.round(4.4e14 * 0.0123),
    });
    let n = 0,
      closed = 0,
      fen = 0;
    for (const r of generateCases({ preset: 'national', scale: 0.0002, seed: 7 })) {
      n++;
      if (r.closed !== null) {
        closed++;
        fen += Math.round(r.recovered * 100);
      }
    }
    expect([n, closed, fen]).toEqual([4_087, 3_872, 88_000_000_000]);
  });

  it('has 31 provinces and about 3,500 courts of three levels, sizes skewed', () => {
    const courts = nationalCourts();
    const provinces = new Set(courts.map((c) => c.province));
    expect(provinces.size).toBe(31);
    expect(courts.filter((c) => c.level === '高院').length).toBe(31);
    expect(courts.length).toBeGreaterThan(3_300);
    expect(courts.length).toBeLessThan(3_700);
    expect(new Set(courts.map((c) => c.name)).size).toBe(courts.length);
    expect(courts.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 9);
    const w = courts.map((c) => c.weight).sort((a, b) => b - a);
    expect(w[0]! / w[Math.floor(w.length / 2)]!).toBeGreaterThan(5);
    expect(courts.find((c) => c.name === '广东省高级人民法院')?.code).toBe('粤');
  });

  it('gives the same bytes for the same seed, other bytes for another', () => {
    const text = (seed: number) =>
      [...generateCases({ preset: 'national', scale: 0.0001, seed })].map((r: CaseRecord) => caseJson(r)).join('\n');
    const a = text(3);
    expect(text(3)).toBe(a);
    expect(text(4)).not.toBe(a);
  });

  it('gen --out duckdb:FILE writes the canonical tables, and never over an existing file (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-national-'));
    try {
      const file = join(dir, 'n.duckdb');
      const gen = () =>
        spawnSync(
          'node',
          ['bin/luoshi.js', 'gen', '--preset', 'national', '--scale', '0.0002', '--out', `duckdb:${file}`],
          {
            cwd: PACKAGE_ROOT,
            encoding: 'utf8',
          },
        );
      const first = gen();
      expect([first.status, first.stdout, first.stderr]).toEqual([
        0,
        '',
        `已生成 4087 件案件 → ${file}（DuckDB）/ wrote 4087 cases to ${file} (DuckDB)\n`,
      ]);
      const db = await openDuckDB(file);
      const [row] = await db.query(
        "SELECT COUNT(*), SUM(CASE WHEN closed <= DATE '2018-12-31' THEN 1 ELSE 0 END), SUM(CASE WHEN closed IS NOT NULL THEN recovered_fen ELSE 0 END), (SELECT COUNT(*) FROM events), (SELECT SUM(amount_fen) FROM events WHERE type = '案款到账') FROM cases",
      );
      const records = [...generateCases({ preset: 'national', scale: 0.0002 })];
      const events = records.reduce((n, r) => n + (r.events?.length ?? 0), 0);
      const paid = records.reduce(
        (n, r) =>
          n +
          (r.events ?? []).filter((e) => e.type === '案款到账').reduce((m, e) => m + Math.round(e.amount! * 100), 0),
        0,
      );
      expect(row!.map(Number)).toEqual([4_087, 3_872, 88_000_000_000, events, paid]);
      await db.close();
      const again = gen();
      expect([again.status, again.stderr]).toEqual([
        2,
        `luoshi gen: ${file} 已存在，不覆盖 / ${file} already exists and is not overwritten (remove it first)\n`,
      ]);
      expect(existsSync(file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
