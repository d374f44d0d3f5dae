// The SQL engine on the command line: `luoshi sql` prints each dialect's SQL, a construct SQL cannot
// express is one located line (exit 2), `check --engine duckdb` writes the memory engine's report byte for byte,
// and `test --engine duckdb` gives the memory engine's test results.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'luoshi-sql-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PLAN = 'policies/ningbo-2018.plan';
const DATA = [
  '--data',
  'examples/data/ningbo-2018.ndjson',
  '--progress',
  'examples/data/progress-ningbo-2018.ndjson',
  '--staffing',
  'examples/data/staffing-2018.ndjson',
];
const luoshi = (...args: string[]) =>
  spawnSync('node', ['bin/luoshi.js', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });

describe('luoshi sql', () => {
  it("prints the plan's grouped queries in each dialect, with the schema on request", () => {
    const pg = luoshi('sql', PLAN, '--dialect', 'postgres', '--as-of', '2018-06-30', '--schema');
    expect(pg.stderr).toBe('');
    expect(pg.status).toBe(0);
    expect(pg.stdout).toContain('CREATE TABLE cases (cid INTEGER PRIMARY KEY');
    expect(pg.stdout).toContain('-- case: as of 2018-06-30, window 2018-04-08 .. 2018-06-30');
    expect(pg.stdout).toContain('make_interval(months => CAST(6 + 3 * (COALESCE(ce.k');
    expect(pg.stdout).toContain('GROUP BY c.court, c.handler, c.team;');
    expect(pg.stdout).not.toMatch(/FILTER \(|DISTINCT ON/);
    const duck = luoshi('sql', PLAN, '--dialect', 'duckdb', '--as-of', '2018-06-30');
    expect(duck.status).toBe(0);
    expect(duck.stdout).toContain('to_months(CAST(6 + 3 * (COALESCE(ce.k');
    expect(duck.stdout).not.toContain('CREATE TABLE');
    expect(duck.stdout).not.toContain('make_interval');
  });

  it('a duration in working days is a located diagnostic, not a number (exit 2), on sql and on check --engine duckdb', () => {
    const plan = join(tmp, 'workdays.plan');
    writeFileSync(
      plan,
      '方案 工作日 { 期间 2018-01-01 至 2018-12-31  使用 std }\n\n指标 五日查控率 (%) =\n  计数(新收 其中 有 总对总查控 其中 日期 <= 立案日期 + 5个工作日) / 计数(新收)\n',
    );
    const want = `${plan}:3: 工作日期限不能编译为 SQL（工作日日历由插件提供） / a duration in working days cannot be compiled to SQL (the working-day calendar is a plugin)`;
    const s = luoshi('sql', plan);
    expect([s.status, s.stdout, s.stderr]).toEqual([2, '', `${want}\n`]);
    const c = luoshi('check', plan, '--data', 'examples/data/ningbo-2018.ndjson', '--engine', 'duckdb');
    expect([c.status, c.stderr]).toEqual([2, `luoshi check: --engine duckdb: ${want}\n`]);
  });

  it('rejects an unknown dialect or engine with one line (exit 2)', () => {
    const s = luoshi('sql', PLAN, '--dialect', 'oracle');
    expect([s.status, s.stderr]).toEqual([
      2,
      'luoshi sql: --dialect 只能是 postgres 或 duckdb / --dialect must be postgres or duckdb, not "oracle"\n',
    ]);
    const c = luoshi('check', PLAN, ...DATA, '--engine', 'oracle');
    expect([c.status, c.stderr]).toEqual([
      2,
      'luoshi check: --engine 只能是 memory 或 duckdb（PostgreSQL 用 --db URL） / --engine must be memory or duckdb (PostgreSQL: --db URL), not "oracle"\n',
    ]);
  });
});

describe('luoshi check --engine duckdb', () => {
  for (const asOf of ['2018-06-30', '2018-12-31']) {
    it(`writes the memory engine's JSON report byte for byte (as of ${asOf}), with the same exit code`, () => {
      const mem = luoshi('check', PLAN, ...DATA, '--as-of', asOf, '--format', 'json');
      const duck = luoshi('check', PLAN, ...DATA, '--as-of', asOf, '--format', 'json', '--engine', 'duckdb');
      expect(duck.stderr).toBe(mem.stderr);
      expect(duck.status).toBe(mem.status);
      expect((JSON.parse(mem.stdout) as { indicators: unknown[] }).indicators.length).toBeGreaterThan(20);
      expect(duck.stdout).toBe(mem.stdout);
    }, 60_000);
  }
});

describe('luoshi check --db', () => {
  it('an unreachable server is one line naming it, the password hidden (exit 2), nothing else on stdout', () => {
    const r = luoshi('check', PLAN, ...DATA, '--db', 'postgres://luoshi:secret@127.0.0.1:1/courts');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('luoshi check'))).toEqual([
      'luoshi check: 无法连接数据库 postgres://luoshi:***@127.0.0.1:1/courts / cannot connect to the database postgres://luoshi:***@127.0.0.1:1/courts: connect ECONNREFUSED 127.0.0.1:1',
    ]);
    expect(r.stderr).not.toContain('secret');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('a URL that is not postgres:// is refused before connecting', () => {
    const r = luoshi('check', PLAN, ...DATA, '--db', 'mysql://x@y/z');
    expect([r.status, r.stderr]).toEqual([
      2,
      'luoshi check: --db 应为 postgres://… / --db must be a postgres:// URL, not "mysql://x@y/z"\n',
    ]);
  });

  // A real server over the wire when one is given (CI starts one: LUOSHI_TEST_PG_URL); PGlite stands in otherwise (differential.test.ts).
  const url = process.env.LUOSHI_TEST_PG_URL;
  it.skipIf(!url)(
    "a PostgreSQL server computes the memory engine's JSON report byte for byte, and keeps no table",
    () => {
      const mem = luoshi('check', PLAN, ...DATA, '--as-of', '2018-12-31', '--format', 'json');
      const pg = luoshi('check', PLAN, ...DATA, '--as-of', '2018-12-31', '--format', 'json', '--db', url!);
      expect(pg.stderr).toBe(mem.stderr);
      expect(pg.status).toBe(mem.status);
      expect(pg.stdout).toBe(mem.stdout);
    },
    120_000,
  );
});

describe('luoshi replay and diff --engine duckdb', () => {
  it("replay: the memory engine's JSON byte for byte, each window's steps in one query", () => {
    const args = [
      'replay',
      PLAN,
      '--data',
      'examples/data/ningbo-2018.ndjson',
      '--staffing',
      'examples/data/staffing-2018.ndjson',
      '--from',
      '2018-04-30',
      '--to',
      '2018-12-31',
      '--step',
      'month',
      '--format',
      'json',
    ];
    const mem = luoshi(...args);
    const duck = luoshi(...args, '--engine', 'duckdb');
    expect(duck.stderr).toBe(mem.stderr);
    expect(duck.status).toBe(mem.status);
    expect((JSON.parse(mem.stdout) as { dates: string[] }).dates).toHaveLength(9);
    expect(duck.stdout).toBe(mem.stdout);
    const bad = luoshi(...args, '--db', 'postgres://nobody@127.0.0.1:1/courts');
    expect([bad.status, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toMatch(
      /^luoshi replay: 无法连接数据库 postgres:\/\/nobody@127\.0\.0\.1:1\/courts \/ cannot connect to the database .*ECONNREFUSED/,
    );
  });

  it('diff: the same changes whichever engine computes both versions', () => {
    const older = join(tmp, 'older.plan');
    const text = readFileSync(join(ROOT, PLAN), 'utf8');
    expect(text).toContain('终本合格率 > 90% 力争 95%');
    writeFileSync(older, text.replace('终本合格率 > 90% 力争 95%', '终本合格率 > 80% 力争 85%'));
    const args = [
      'diff',
      older,
      PLAN,
      '--data',
      'examples/data/ningbo-2018.ndjson',
      '--as-of',
      '2018-12-31',
      '--format',
      'json',
    ];
    const mem = luoshi(...args);
    const duck = luoshi(...args, '--engine', 'duckdb');
    expect([mem.status, mem.stderr]).toEqual([1, '']);
    expect([duck.status, duck.stderr]).toEqual([1, '']);
    expect(duck.stdout).toBe(mem.stdout);
  });
});

describe('luoshi test --engine duckdb', () => {
  it("runs a plan's tests with the figures from SQL: the memory engine's results", () => {
    for (const file of ['policies/fujin-2012.test.yaml', 'policies/xuzhou-2017.test.yaml']) {
      const memory = luoshi('test', file, '--format', 'json');
      const duck = luoshi('test', file, '--format', 'json', '--engine', 'duckdb');
      expect(memory.status).toBe(0);
      expect((JSON.parse(memory.stdout) as { summary: { passed: number } }).summary.passed).toBeGreaterThan(3);
      expect([duck.status, duck.stdout, duck.stderr]).toEqual([memory.status, memory.stdout, memory.stderr]);
    }
    const file = luoshi('test', 'policies/fujin-2012.test.yaml', '--db', 'duckdb:x.duckdb');
    expect([file.status, file.stderr]).toEqual([
      2,
      'luoshi test: --db duckdb:文件 不适用于 test：测试用自己的数据（用 --engine duckdb） / --db duckdb:FILE does not apply to test: tests bring their own data (use --engine duckdb)\n',
    ]);
  }, 300_000);
});
