// Validation in place kept for a DuckDB file while its bytes are the same (src/harness/sql/validation-cache.ts):
// a second `check --db duckdb:FILE` reads it (no `validate` stage in --metrics) and prints the same report;
// a row changed in the file is validated again and its problem reported; --no-cache neither reads nor writes it;
// explain --db keeps and reads the same entry.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabaseUrl } from '../../src/harness/sql/database.js';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'luoshi-vcache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const luoshi = (...args: string[]) =>
  spawnSync('node', ['bin/luoshi.js', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });

interface Report {
  data: { read: number; rejected: number; problems: Array<{ line: number; message: string }> };
  metrics: Array<{ stage: string; runs: number }>;
}

describe('validation in place, cached for a DuckDB file', () => {
  const url = `duckdb:${join(tmp, 'courts.duckdb')}`;
  const cache = join(tmp, 'cache');
  const check = (...more: string[]) => {
    const r = luoshi(
      'check',
      'policies/ningbo-2018.plan',
      '--db',
      url,
      '--as-of',
      '2018-12-31',
      '--format',
      'json',
      '--metrics',
      ...more,
    );
    expect(r.status, r.stderr).toBe(1); // the plan has failing targets: the report is written
    const { metrics, ...report } = JSON.parse(r.stdout) as Report;
    return {
      report: JSON.stringify(report),
      parsed: report as Omit<Report, 'metrics'>,
      stages: metrics.map((m) => m.stage),
    };
  };
  const entries = () => readdirSync(join(cache, 'snapshots')).sort();

  it('is read back while the bytes are the same, validated again when a row changes, skipped with --no-cache', async () => {
    expect(luoshi('db', 'init', '--db', url).status).toBe(0);
    const load = luoshi(
      'db',
      'load',
      'examples/data/ningbo-2018.ndjson',
      '--staffing',
      'examples/data/staffing-2018.ndjson',
      '--db',
      url,
    );
    expect(load.status, load.stderr).toBe(0);

    const first = check('--cache-dir', cache);
    expect(first.stages).toContain('validate');
    expect(entries()).toHaveLength(1);
    const second = check('--cache-dir', cache);
    expect(second.stages).not.toContain('validate');
    expect(second.report).toBe(first.report);
    // explain --db keeps and reads the same entry: what it keeps in a fresh folder, check reads back.
    const explain = (dir: string) =>
      luoshi(
        'explain',
        'policies/ningbo-2018.plan',
        '--db',
        url,
        '--indicator',
        '结案率',
        '--part',
        'missing',
        '--as-of',
        '2018-12-31',
        '--cache-dir',
        dir,
      );
    const listed = explain(cache);
    expect(listed.status, listed.stderr).toBe(0);
    expect(entries()).toHaveLength(1);
    const other = join(tmp, 'cache-explain');
    expect(explain(other).stdout).toBe(listed.stdout);
    expect(readdirSync(join(other, 'snapshots'))).toEqual(entries());
    expect(check('--cache-dir', other).stages).not.toContain('validate');

    // One case closed the day before it was filed: the loaders reject it (closed before filed).
    const db = await openDatabaseUrl(url);
    const [[cid]] = (await db.query('SELECT MIN(cid) FROM cases WHERE closed IS NOT NULL')) as [[number]];
    // Its line: its place among the cases in cid order.
    const line = Number(((await db.query(`SELECT COUNT(*) FROM cases WHERE cid <= ${cid}`)) as [[bigint]])[0][0]);
    await db.exec(`UPDATE cases SET closed = filed - 1 WHERE cid = ${cid}`);
    await db.close();
    const changed = check('--cache-dir', cache);
    expect(changed.stages).toContain('validate');
    expect(changed.parsed.data.read).toBe(first.parsed.data.read);
    expect(changed.parsed.data.rejected).toBe(first.parsed.data.rejected + 1);
    const said = changed.parsed.data.problems.filter(
      (p) => !first.parsed.data.problems.some((q) => JSON.stringify(q) === JSON.stringify(p)),
    );
    // The case's problems: its closing before its filing, and each of its events after that closing.
    expect(said.length).toBeGreaterThan(0);
    expect(new Set(said.map((p) => p.line))).toEqual(new Set([line]));
    expect(said.map((p) => p.message)).toContainEqual(expect.stringMatching(/早于立案日期/));
    const kept = entries();
    expect(check('--cache-dir', cache).stages).not.toContain('validate');

    const none = check('--cache-dir', cache, '--no-cache');
    expect(none.stages).toContain('validate');
    expect(none.report).toBe(changed.report);
    expect(entries()).toEqual(kept);
  }, 120_000);
});
