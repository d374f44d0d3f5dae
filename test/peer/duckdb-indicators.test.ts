import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  duckdbIndicators,
  INDICATOR_NAMES,
  openPeer,
  type GroupBy,
  type PeerResult,
} from '../../bench/peer/duckdb-indicators.js';
import { FIXTURE_CASES, FIXTURE_SCENARIOS, fixtureNdjson } from './fixture.js';

let dir = '';
let files: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-peer-'));
  // Two files, to exercise reading several at once: the first 10 cases and the rest.
  files = [join(dir, 'a.ndjson'), join(dir, 'b.ndjson')];
  writeFileSync(files[0]!, fixtureNdjson(FIXTURE_CASES.slice(0, 10)));
  writeFileSync(files[1]!, fixtureNdjson(FIXTURE_CASES.slice(10)));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('DuckDB peer on the hand-computed fixture', () => {
  for (const s of FIXTURE_SCENARIOS) {
    test(s.name, async () => {
      const r = await duckdbIndicators({ files, asOf: s.asOf, from: s.from, to: s.to, groupBy: s.groupBy });
      for (const [name, byGroup] of Object.entries(s.expected)) {
        for (const [key, [num, den]] of Object.entries(byGroup)) {
          const got = r[name as keyof PeerResult]?.[key];
          expect({ name, key, num: got?.numerator, den: got?.denominator }).toEqual({ name, key, num, den });
          expect(got?.value).toBe(den === 0 ? null : num / den);
        }
      }
      if (s.groupBy === null) {
        // Overall scenarios list every indicator, and only the '' key.
        expect(Object.keys(r).sort()).toEqual([...INDICATOR_NAMES].sort());
        expect(Object.keys(s.expected).sort()).toEqual([...INDICATOR_NAMES].sort());
        for (const name of INDICATOR_NAMES) expect(Object.keys(r[name])).toEqual(['']);
      }
    });
  }
});

describe('grouping', () => {
  // Every indicator is a sum over cases or events, so the groups add up to the overall figure.
  const groupings: Exclude<GroupBy, null>[] = ['court', 'handler', 'team'];
  for (const s of FIXTURE_SCENARIOS.filter((x) => x.groupBy === null)) {
    for (const groupBy of groupings) {
      test(`${s.name}: groups by ${groupBy} add up to overall`, async () => {
        const whole = await duckdbIndicators({ files, asOf: s.asOf, from: s.from, to: s.to });
        const parts = await duckdbIndicators({ files, asOf: s.asOf, from: s.from, to: s.to, groupBy });
        for (const name of INDICATOR_NAMES) {
          const groups = Object.values(parts[name]);
          const num = groups.reduce((a, v) => a + v.numerator, 0);
          expect({ name, num }).toEqual({ name, num: whole[name]['']!.numerator });
          if (name === '受理' || name === '旧存' || name === '新收' || name === '结案') {
            for (const v of groups) expect(v.denominator).toBe(1);
          } else {
            const den = groups.reduce((a, v) => a + v.denominator, 0);
            expect({ name, den }).toEqual({ name, den: whole[name]['']!.denominator });
          }
        }
      });
    }
  }

  test('group keys: the visible cases, missing team under ""; every indicator lists every group', async () => {
    const r = await duckdbIndicators({
      files,
      asOf: '2018-10-31',
      from: '2018-01-01',
      to: '2018-12-31',
      groupBy: 'team',
    });
    for (const name of INDICATOR_NAMES)
      expect(Object.keys(r[name]).sort()).toEqual(['', '一组', '三组', '二组'].sort());
    // 二组: K05 (旧存), K08, K13 (新收) → 受理 3; no 信访 → 0 / 0, value null.
    expect(r.受理.二组).toEqual({ numerator: 3, denominator: 1, value: 3 });
    expect(r.信访办结率.二组).toEqual({ numerator: 0, denominator: 0, value: null });
  });
});

describe('as-of edges', () => {
  test('T before `from`: the window is empty and every count is 0', async () => {
    const r = await duckdbIndicators({ files, asOf: '2017-12-31', from: '2018-01-01', to: '2018-12-31' });
    for (const name of INDICATOR_NAMES) expect({ name, num: r[name]['']!.numerator }).toEqual({ name, num: 0 });
  });

  test('the result does not depend on the number of threads', async () => {
    const opts = { files, asOf: '2018-10-31', from: '2018-01-01', to: '2018-12-31', groupBy: 'handler' as const };
    expect(await duckdbIndicators({ ...opts, threads: 1 })).toEqual(await duckdbIndicators({ ...opts, threads: 4 }));
  });

  test('DuckDB clamps month ends as the engine does', async () => {
    const { instance, con } = await openPeer(1);
    try {
      const rows = (
        await con.runAndReadAll(`SELECT
          CAST(CAST(DATE '2018-11-30' + INTERVAL 3 MONTH AS DATE) AS VARCHAR),
          CAST(CAST(DATE '2019-11-30' + INTERVAL 3 MONTH AS DATE) AS VARCHAR),
          CAST(CAST(DATE '2017-08-31' + to_months(9) AS DATE) AS VARCHAR)`)
      ).getRowsJS();
      expect(rows[0]).toEqual(['2019-02-28', '2020-02-29', '2018-05-31']);
    } finally {
      con.closeSync();
      instance.closeSync();
    }
  });

  test('rejects a malformed date', async () => {
    await expect(duckdbIndicators({ files, asOf: '2018-1-31', from: '2018-01-01', to: '2018-12-31' })).rejects.toThrow(
      /asOf/,
    );
  });
});

describe('time-duckdb', () => {
  test('times load and queries apart and returns the same result', async () => {
    const { timeDuckdb } = await import('../../bench/peer/time-duckdb.js');
    const w = { asOf: '2018-10-31', from: '2018-01-01', to: '2018-12-31' };
    const t = await timeDuckdb({ files, ...w, threads: 2, repeat: 2 });
    expect(t.cases).toBe(FIXTURE_CASES.length);
    expect(t.events).toBe(FIXTURE_CASES.reduce((a, c) => a + c.events.length, 0));
    expect(t.queryMs).toHaveLength(2);
    expect(t.loadMs).toBeGreaterThan(0);
    expect(t.result).toEqual(await duckdbIndicators({ files, ...w }));
  });
});
