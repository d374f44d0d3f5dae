// The scores policies/kaohe-2018.test.yaml expects are the ones an independent computation gives
// (test/scoring/kaohe-peer.ts: DuckDB SQL for the indicators, the progress file for the days late, the
// 考核办法's arithmetic for the points) — so the plan test checks the engine against numbers it did not make.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { peerScores } from './kaohe-peer.js';

interface YamlTest {
  name?: string;
  data?: string;
  tests?: YamlTest[];
  score?: string;
  court?: string;
  total?: number;
  rank?: number;
  item?: string;
  points?: number;
}

function scoreTests(ts: YamlTest[], data: string | undefined): Array<YamlTest & { data?: string }> {
  return ts.flatMap((t) =>
    t.tests ? scoreTests(t.tests, t.data ?? data) : t.score ? [{ ...t, data: t.data ?? data }] : [],
  );
}

describe('policies/kaohe-2018.test.yaml against an independent computation', () => {
  it('every total, rank and item points on the 宁波 2018 data is what DuckDB and plain arithmetic give', async () => {
    const doc = parse(readFileSync(join(PACKAGE_ROOT, 'policies/kaohe-2018.test.yaml'), 'utf8')) as {
      tests: YamlTest[];
    };
    const tests = scoreTests(doc.tests, undefined).filter((t) => t.data === '宁波2018');
    expect(tests.length).toBeGreaterThanOrEqual(15);
    const peer = await peerScores(PACKAGE_ROOT);
    // Every court is in the file with its total and rank.
    expect(
      tests
        .filter((t) => t.total !== undefined)
        .map((t) => t.court)
        .sort(),
    ).toEqual(peer.map((p) => p.court).sort());
    for (const t of tests) {
      const p = peer.find((x) => x.court === t.court)!;
      if (t.total !== undefined) expect([t.court, t.total]).toEqual([t.court, p.total]);
      if (t.rank !== undefined) expect([t.court, t.rank]).toEqual([t.court, p.rank]);
      if (t.item !== undefined) expect([t.court, t.item, t.points]).toEqual([t.court, t.item, p.items[t.item]]);
    }
  }, 60_000);
});
