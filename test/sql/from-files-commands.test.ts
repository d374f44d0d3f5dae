// explain, replay and diff with `--engine duckdb --data FILE.ndjson`: DuckDB reads the case files itself
// (src/harness/sql/from-files.ts loadCaseFiles, the entry point check uses too) and the figures are computed
// in place over that session — the memory engine's output byte for byte on files with rejected and warned
// lines, LF and CRLF alike, and no line saying the files went the old way.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/harness/cli.js';
import { evaluateInPlace, planViews } from '../../src/harness/sql/inplace.js';
import { replayInPlace } from '../../src/harness/sql/replay.js';
import { luoshi, ROOT, SECOND, TRICKY, write } from './tricky-files.js';

// The in-place computations, watched (each still runs): which one a command took, and over which source.
vi.mock('../../src/harness/sql/inplace.js', async (original) => {
  const m = await original<typeof import('../../src/harness/sql/inplace.js')>();
  return { ...m, evaluateInPlace: vi.fn(m.evaluateInPlace), planViews: vi.fn(m.planViews) };
});
vi.mock('../../src/harness/sql/replay.js', async (original) => {
  const m = await original<typeof import('../../src/harness/sql/replay.js')>();
  return { ...m, replayInPlace: vi.fn(m.replayInPlace) };
});

const tmp = mkdtempSync(join(tmpdir(), 'luoshi-from-files-commands-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PLAN = 'policies/ningbo-2018.plan';
const SETS = {
  LF: [write(tmp, 'cases-a.ndjson', TRICKY), write(tmp, 'cases-b.ndjson', SECOND)],
  CRLF: [write(tmp, 'crlf-a.ndjson', TRICKY, '\r\n'), write(tmp, 'crlf-b.ndjson', SECOND, '\r\n')],
};
/** The plan with a lower target: a diff's older version. */
const OLDER = join(tmp, 'older.plan');
writeFileSync(
  OLDER,
  readFileSync(join(ROOT, PLAN), 'utf8').replace('终本合格率 > 90% 力争 95%', '终本合格率 > 80% 力争 85%'),
);
const data = (files: string[]) => files.flatMap((f) => ['--data', f]);

/** A command on the memory engine and with `--engine duckdb`: each run's exit code, stdout and stderr. */
function both(...args: string[]) {
  const run = (...more: string[]) => {
    const r = luoshi(...args, ...more);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const mem = run();
  const duck = run('--engine', 'duckdb');
  expect(duck.stderr).not.toContain('--engine duckdb');
  return { mem, duck };
}

describe.each(Object.entries(SETS))('--engine duckdb --data over tricky %s files', (_, files) => {
  it("replay: the memory engine's JSON byte for byte, its notes and exit code", () => {
    const { mem, duck } = both(
      'replay',
      PLAN,
      ...data(files),
      ...'--staffing examples/data/staffing-2018.ndjson --from 2018-04-30 --to 2018-12-31 --step month'.split(' '),
      ...['--format', 'json'],
    );
    expect(duck).toEqual(mem);
    expect(mem.status).toBe(1); // over the rejection budget (15 of them)
    expect(mem.stderr).toContain('拒收 15 件');
    const result = JSON.parse(mem.stdout) as { dates: string[]; sources: Array<{ file: string; rejected: number }> };
    expect(result.dates).toHaveLength(9);
    expect(result.sources.map((s) => [s.file, s.rejected])).toEqual([
      [files[0], 14],
      [files[1], 1],
      ['examples/data/staffing-2018.ndjson', 0],
    ]);
  }, 120_000);

  it('explain: the same cases listed, the same warnings', () => {
    const year = ['--as-of', '2016-12-31', '--yearly'];
    const totals: number[] = [];
    for (const args of [
      ['--indicator', '结案率', '--part', 'numerator', '--format', 'json'],
      ['--indicator', '结案率', '--part', 'missing', '--court', '海曙法院', '--format', 'json'],
      ['--indicator', '案款发放及时率', '--part', 'denominator', '--limit', '30', '--format', 'json'],
      ['--indicator', '结案率', '--part', 'denominator', '--handler', '陶桂'],
    ]) {
      const { mem, duck } = both('explain', PLAN, ...data(files), ...args, ...year);
      expect(duck).toEqual(mem);
      expect(mem.status).toBe(0);
      expect(mem.stderr).toContain('某某县人民法院'); // a court the plan does not name
      totals.push(Number(/"total": (\d+)|: (\d+) 件/.exec(mem.stdout)!.slice(1).find(Boolean)));
    }
    expect(totals).toEqual([608, 18, 402, 14]);
  }, 180_000);

  it('diff: both versions in place give the same changes', () => {
    const { mem, duck } = both('diff', OLDER, PLAN, ...data(files), '--as-of', '2018-12-31', '--format', 'json');
    expect(duck).toEqual(mem);
    expect(mem.status).toBe(1);
    expect(mem.stderr).toContain('15 条案件记录被拒绝');
    expect((JSON.parse(mem.stdout) as { outcomes: unknown[] }).outcomes.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('every command computes in place over the files DuckDB read', () => {
  const files = SETS.CRLF;
  const run = async (...args: string[]) => {
    vi.clearAllMocks();
    const err: string[] = [];
    const code = await main([...args, ...data(files), '--engine', 'duckdb'], {
      stdout: () => undefined,
      stderr: (t) => void err.push(t),
      cwd: ROOT,
      isTTY: false,
    });
    expect(err.join('')).not.toContain('--engine duckdb');
    return code;
  };
  /** The `option` each call was given (its last argument): the source messages name. */
  const options = (f: unknown) => vi.mocked(f as (...a: unknown[]) => unknown).mock.calls.map((c) => c.at(-1));

  it('check and diff: evaluateInPlace, once per plan version', async () => {
    expect(await run('check', PLAN, '--as-of', '2018-12-31', '--format', 'json')).toBe(1);
    expect(options(evaluateInPlace)).toEqual(['--engine duckdb']);
    expect(await run('diff', OLDER, PLAN, '--as-of', '2018-12-31')).toBe(1);
    expect(options(evaluateInPlace)).toEqual(['--engine duckdb', '--engine duckdb']);
  }, 120_000);

  it('replay: replayInPlace', async () => {
    expect(await run('replay', PLAN, '--from', '2018-10-31', '--to', '2018-12-31', '--format', 'json')).toBe(1);
    expect(options(replayInPlace)).toEqual(['--engine duckdb']);
  }, 120_000);

  it("explain: the plan's views over the session, listed by SQL", async () => {
    expect(await run('explain', PLAN, '--indicator', '结案率', '--as-of', '2016-12-31', '--yearly')).toBe(0);
    expect(vi.mocked(planViews)).toHaveBeenCalledOnce();
  }, 120_000);
});
