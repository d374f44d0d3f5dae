// `luoshi db init|load` and a database as the data source (src/harness/commands/db.ts, src/harness/sql/source.ts):
// the canonical tables made once; files loaded with the file loaders' validation in one transaction (a
// duplicate 案号 or a budget exceeded writes nothing); `check --db URL` and `explain --db URL` without --data
// compute in place, validated as a file's records would be, and report what the files give; so do
// `replay --db URL` and `diff --db URL`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabaseUrl } from '../../src/harness/sql/database.js';
import { databaseCases } from '../../src/harness/sql/source.js';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'luoshi-db-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const luoshi = (...args: string[]) =>
  spawnSync('node', ['bin/luoshi.js', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });

const PLAN = 'policies/ningbo-2018.plan';
const FILES = [
  'examples/data/ningbo-2018.ndjson',
  '--progress',
  'examples/data/progress-ningbo-2018.ndjson',
  '--staffing',
  'examples/data/staffing-2018.ndjson',
];

/** A report without its data sources (they name the files or the tables). */
function figures(json: string): unknown {
  const r = JSON.parse(json) as { data?: { sources?: unknown } };
  delete r.data?.sources;
  return r;
}

async function count(url: string, table: string): Promise<number> {
  const db = await openDatabaseUrl(url);
  try {
    return Number((await db.query(`SELECT COUNT(*) FROM ${table}`))[0]![0]);
  } finally {
    await db.close();
  }
}

describe('luoshi db on a DuckDB file', () => {
  const url = `duckdb:${join(tmp, 'courts.duckdb')}`;

  it('init makes the tables once; load writes every accepted record; a second load of the same ids writes nothing', async () => {
    const init = luoshi('db', 'init', '--db', url);
    expect([init.status, init.stdout]).toEqual([0, `已建表 cases、case_tags、events、progress、staffing → ${url}\n`]);
    const again = luoshi('db', 'init', '--db', url);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('已有表 case_tags、cases、events、progress、staffing');
    const load = luoshi('db', 'load', ...FILES, '--db', url);
    expect(load.stderr).toBe('读取 3041 条，接受 3041 条，拒收 0 条\n');
    expect([load.status, load.stdout]).toEqual([
      0,
      `已写入 ${url}：案件 3000 件，事件 26373 条，标签 148 条，进度 19 条，人员 22 条\n`,
    ]);
    const dup = luoshi('db', 'load', 'examples/data/ningbo-2018.ndjson', '--db', url);
    expect(dup.status).toBe(2);
    expect(dup.stderr).toContain('写入失败，未写入任何数据 / writing failed, nothing was written');
    expect(await count(url, 'cases')).toBe(3000);
    expect(await count(url, 'events')).toBe(26373);
  });

  it('a file read and written a chunk at a time holds the rows of one read whole; a repeat across chunks is refused', async () => {
    // DuckDB cannot read a CR as JSON whitespace line for line as the loaders do: this file goes through the
    // loaders, a chunk of 50 KB (~60 cases) at a time, and ends with a repeat of the first case's id.
    const lines = readFileSync(FILES[0]!, 'utf8').split('\n').filter(Boolean);
    const odd = join(tmp, 'odd-chunks.ndjson');
    writeFileSync(odd, [lines[0]!.replace('{', '{\r'), ...lines.slice(1), lines[0]!].join('\n') + '\n');
    const chunked = `duckdb:${join(tmp, 'chunked.duckdb')}`;
    expect(luoshi('db', 'init', '--db', chunked).status).toBe(0);
    const load = luoshi('db', 'load', odd, '--db', chunked, '--chunk-mb', '0.05', '--max-rejected', '1');
    const id = (JSON.parse(lines[0]!) as { id: string }).id;
    expect(load.stderr).toContain(`odd-chunks.ndjson:3001`);
    expect(load.stderr).toContain(`${id}（首次出现于 ${odd}:1）`);
    expect(load.stderr).toContain('读取 3001 条，接受 3000 条，拒收 1 条\n');
    expect([load.status, load.stdout]).toEqual([
      0,
      `已写入 ${chunked}：案件 3000 件，事件 26373 条，标签 148 条，进度 0 条，人员 0 条\n`,
    ]);
    // The very rows DuckDB's own reading of the file wrote (the test above), the same numbers.
    const rows = async (u: string, sql: string): Promise<string> => {
      const db = await openDatabaseUrl(u);
      try {
        return JSON.stringify(await db.query(sql), (_, v) => (typeof v === 'bigint' ? String(v) : v));
      } finally {
        await db.close();
      }
    };
    for (const sql of [
      'SELECT * FROM cases ORDER BY cid',
      'SELECT * FROM events ORDER BY eid',
      'SELECT * FROM case_tags ORDER BY cid, tag',
    ])
      expect(await rows(chunked, sql)).toBe(await rows(url, sql));
    const bad = luoshi('db', 'load', odd, '--db', chunked, '--chunk-mb', 'lots');
    expect([bad.status, bad.stderr]).toEqual([
      2,
      'luoshi db: --chunk-mb 需要正数 / --chunk-mb needs a positive number: lots\n',
    ]);
  });

  it("check --db without --data gives the files' figures, its sources the tables", () => {
    const fromDb = luoshi('check', PLAN, '--db', url, '--as-of', '2018-12-31', '--format', 'json');
    const fromFiles = luoshi('check', PLAN, '--data', ...FILES, '--as-of', '2018-12-31', '--format', 'json');
    expect(fromDb.status).toBe(fromFiles.status);
    expect(figures(fromDb.stdout)).toEqual(figures(fromFiles.stdout));
    const sources = (JSON.parse(fromDb.stdout) as { data: { sources: unknown } }).data.sources;
    expect(sources).toEqual([
      { file: `${url}#cases`, kind: 'cases', format: 'duckdb', read: 3000, accepted: 3000, rejected: 0 },
      { file: `${url}#progress`, kind: 'progress', format: 'duckdb', read: 19, accepted: 19, rejected: 0 },
      { file: `${url}#staffing`, kind: 'staffing', format: 'duckdb', read: 22, accepted: 22, rejected: 0 },
    ]);
  });

  it("replay and diff --db without --data, in place: the files' results, the sources the tables", () => {
    const range = ['--from', '2018-04-08', '--to', '2018-12-31', '--step', 'week', '--format', 'json'];
    const fromDb = luoshi('replay', PLAN, '--db', url, ...range);
    const fromFiles = luoshi('replay', PLAN, '--data', ...FILES, ...range);
    expect([fromDb.status, fromDb.stderr]).toEqual([fromFiles.status, fromFiles.stderr]);
    const a = JSON.parse(fromDb.stdout) as { sources: unknown; dates: string[] };
    const b = JSON.parse(fromFiles.stdout) as typeof a;
    expect(a.dates).toHaveLength(39);
    expect(a.sources).toEqual([
      { file: `${url}#cases`, kind: 'cases', format: 'duckdb', read: 3000, accepted: 3000, rejected: 0 },
      { file: `${url}#progress`, kind: 'progress', format: 'duckdb', read: 19, accepted: 19, rejected: 0 },
      { file: `${url}#staffing`, kind: 'staffing', format: 'duckdb', read: 22, accepted: 22, rejected: 0 },
    ]);
    a.sources = b.sources;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    // A range the data does not reach is the same one line as over the files.
    const outside = ['--from', '2025-01-01', '--to', '2025-12-31'];
    const far = luoshi('replay', PLAN, '--db', url, ...outside);
    expect([far.status, far.stdout, far.stderr]).toEqual([
      2,
      '',
      luoshi('replay', PLAN, '--data', FILES[0]!, ...outside).stderr,
    ]);
    expect(far.stderr).toMatch(/^luoshi replay: 数据（2016-.*）不覆盖回放区间 2025-01-01 至 2025-12-31/);

    const older = join(tmp, 'older.plan');
    writeFileSync(
      older,
      readFileSync(join(ROOT, PLAN), 'utf8').replace('终本合格率 > 90% 力争 95%', '终本合格率 > 80% 力争 85%'),
    );
    const diffArgs = ['diff', older, PLAN, '--as-of', '2018-12-31', '--format', 'json'];
    const diffDb = luoshi(...diffArgs, '--db', url);
    const diffFiles = luoshi(...diffArgs, '--data', ...FILES);
    expect([diffDb.status, diffDb.stderr]).toEqual([1, '']);
    expect(diffDb.stdout).toBe(diffFiles.stdout);
    expect((JSON.parse(diffDb.stdout) as { outcomes: unknown[] }).outcomes.length).toBeGreaterThan(0);
  }, 300_000);

  it('explain --db without --data, and explain --engine duckdb, list the cases the memory engine lists', () => {
    for (const args of [
      ['--indicator', '结案率', '--part', 'missing', '--court', '海曙法院'],
      ['--indicator', '案款发放及时率', '--part', 'denominator', '--limit', '30'],
    ]) {
      const memory = luoshi('explain', PLAN, '--data', FILES[0]!, ...args, '--as-of', '2018-12-31', '--format', 'json');
      expect(memory.status).toBe(0);
      expect((JSON.parse(memory.stdout) as { ids: string[] }).ids.length).toBeGreaterThan(10);
      const inPlace = luoshi('explain', PLAN, '--db', url, ...args, '--as-of', '2018-12-31', '--format', 'json');
      const duck = luoshi(
        'explain',
        PLAN,
        '--data',
        FILES[0]!,
        '--engine',
        'duckdb',
        ...args,
        '--as-of',
        '2018-12-31',
        '--format',
        'json',
      );
      expect([inPlace.status, inPlace.stdout, inPlace.stderr]).toEqual([0, memory.stdout, memory.stderr]);
      expect([duck.status, duck.stdout, duck.stderr]).toEqual([0, memory.stdout, memory.stderr]);
    }
    const csv = luoshi('explain', PLAN, '--db', url, '--indicator', '结案率', '--format', 'csv');
    expect([csv.status, csv.stderr]).toEqual([
      2,
      'luoshi explain: --format csv 与 xlsx 列出案件记录，只用内存引擎 / --format csv and xlsx list the case records: memory engine only\n',
    ]);
  }, 180_000);

  it('a row the loaders would refuse in a file is refused from the table too, named by table and row', async () => {
    const db = await openDatabaseUrl(url);
    try {
      await db.exec("UPDATE cases SET closed = DATE '2015-01-01' WHERE cid = 5");
    } finally {
      await db.close();
    }
    const r = luoshi('check', PLAN, '--db', url, '--as-of', '2018-12-31', '--format', 'json');
    expect(r.status).toBe(1);
    const data = (
      JSON.parse(r.stdout) as {
        data: { rejected: number; problems: Array<{ file: string; line: number; field: string }> };
      }
    ).data;
    expect(data.rejected).toBe(1);
    expect(data.problems).toContainEqual(expect.objectContaining({ file: `${url}#cases`, line: 6, field: 'closed' }));
  });

  it('over the rejection budget, or an unknown table state, writes nothing (exit 1 / 2)', async () => {
    const bad = join(tmp, 'bad.ndjson');
    writeFileSync(
      bad,
      '{"id":"X1","court":"宁波市中级人民法院","type":"首次执行","filed":"2018-13-01","closed":null,"closure":null,"claimed":1,"recovered":0,"property":null,"handler":"甲","events":[]}\n',
    );
    const over = luoshi('db', 'load', bad, '--db', url);
    expect(over.status).toBe(1);
    expect(over.stderr).toContain('未写入数据库');
    expect(await count(url, 'cases')).toBe(3000);
    const missing = join(tmp, 'missing.duckdb');
    const noFile = luoshi('db', 'load', 'examples/data/ningbo-2018.ndjson', '--db', `duckdb:${missing}`);
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toContain(`luoshi db: 找不到 DuckDB 数据库文件 / no such DuckDB database file: ${missing}\n`);
    // Said before the case files are read: a missing case file as well is not reached.
    const neither = luoshi('db', 'load', join(tmp, 'no-such-cases.ndjson'), '--db', `duckdb:${missing}`);
    expect([neither.status, neither.stderr]).toEqual([
      2,
      `luoshi db: 找不到 DuckDB 数据库文件 / no such DuckDB database file: ${missing}\n`,
    ]);
    const checkMissing = luoshi('check', PLAN, '--db', `duckdb:${missing}`);
    expect([checkMissing.status, checkMissing.stderr]).toEqual([
      2,
      `luoshi check: 找不到 DuckDB 数据库文件 / no such DuckDB database file: ${missing}\n`,
    ]);
    // A database without the tables: said, nothing read or written.
    const empty = `duckdb:${join(tmp, 'empty.duckdb')}`;
    const made = await openDatabaseUrl(empty, { create: true });
    await made.exec('CREATE TABLE other (x INTEGER)');
    await made.close();
    const noTables = luoshi('db', 'load', 'examples/data/ningbo-2018.ndjson', '--db', empty);
    expect(noTables.status).toBe(2);
    expect(noTables.stderr).toContain(
      `luoshi db: ${empty} 没有表 cases、case_tags、events、progress、staffing：先运行 luoshi db init / has no table cases, case_tags, events, progress, staffing: run luoshi db init first\n`,
    );
    const check = luoshi('check', PLAN, '--db', empty);
    expect(check.status).toBe(2);
    expect(check.stderr).toMatch(/^luoshi check: 无法读取数据库 .* 的表：.*（先运行 luoshi db init \/ db load）\n$/);
  });
  it('in place: bad rows put in with SQL give the report the loaders give for the same rows as a file', async () => {
    const db = await openDatabaseUrl(url);
    const file = join(tmp, 'same-rows.ndjson');
    try {
      for (const s of [
        'UPDATE cases SET claimed_fen = -100 WHERE cid = 50', // D0108: rejected
        "UPDATE cases SET closure = '终本' WHERE cid = 20", // an alias: accepted as 终结本次执行程序
        "UPDATE cases SET team = '' WHERE cid = 60", // an empty team: none
        'UPDATE cases SET type = NULL WHERE cid = 90', // D0111: rejected
        'UPDATE cases SET id = id || chr(1) WHERE cid = 70', // D0116: rejected
        "UPDATE events SET day = DATE '2000-01-01' WHERE eid = (SELECT MIN(eid) FROM events WHERE cid = 30)", // D0121: a warning
        "UPDATE events SET note = '' WHERE cid = 80",
        // A case of a court the plan does not name, an event of no case. (The canonical table holds no two rows
        // with one 案号; a mapped view can, and the suspect rows include them.)
        "INSERT INTO cases SELECT 100000, 'X-1', '宁波市某某区人民法院', type, filed, closed, closure, claimed_fen, recovered_fen, property, handler, team FROM cases WHERE cid = 11",
        "INSERT INTO events VALUES (9000000, 999999, '立案', DATE '2018-05-01', NULL, NULL)",
      ])
        await db.exec(s);
      // The same rows as a file, in cid order (a row's line is its place), as the loaders read them back.
      const lines: string[] = [];
      for await (const item of databaseCases(db).items())
        if (item.kind === 'record') lines.push(JSON.stringify(item.value));
      writeFileSync(file, lines.join('\n') + '\n');
    } finally {
      await db.close();
    }
    const inPlace = luoshi('check', PLAN, '--db', url, '--as-of', '2018-12-31', '--format', 'json');
    const fromFile = luoshi(
      'check',
      PLAN,
      '--data',
      file,
      '--progress',
      FILES[2]!,
      '--staffing',
      FILES[4]!,
      '--as-of',
      '2018-12-31',
      '--format',
      'json',
    );
    expect(inPlace.status).toBe(fromFile.status);
    const a = JSON.parse(inPlace.stdout.replaceAll(`${url}#cases`, 'CASES')) as {
      data: { sources?: unknown; rejected: number; warnings: number; problems: Array<{ code: string; line: number }> };
      courtIdentity: unknown;
    };
    const b = JSON.parse(fromFile.stdout.replaceAll(file, 'CASES')) as typeof a;
    expect([a.data.rejected, a.data.warnings]).toEqual([4, 1]);
    expect([...new Set(a.data.problems.map((p) => `${p.line} ${p.code}`))]).toEqual([
      '6 D0104',
      '6 D0105',
      '31 D0121',
      '51 D0108',
      '71 D0116',
      '91 D0111',
    ]);
    expect(a.courtIdentity).toMatchObject({ unmatched: [{ name: '宁波市某某区人民法院', cases: 1 }], excluded: 1 });
    delete a.data.sources;
    delete b.data.sources;
    expect(a).toEqual(b);
  });
});

// A real PostgreSQL server when one is given (CI starts one): a database of this run, dropped at the end.
const PG_URL = process.env.LUOSHI_TEST_PG_URL;
describe.skipIf(!PG_URL)('luoshi db on a PostgreSQL server', () => {
  const name = `luoshi_db_test_${process.pid}`;
  const url = PG_URL ? PG_URL.replace(/\/[^/]*$/, `/${name}`) : '';
  it("init, load, and check --db give the files' figures", async () => {
    const admin = await openDatabaseUrl(PG_URL!);
    try {
      await admin.exec(`CREATE DATABASE ${name}`);
    } finally {
      await admin.close();
    }
    try {
      expect(luoshi('db', 'init', '--db', url).status).toBe(0);
      // Over the wire a chunk of 100 KB (~140 cases) at a time: each chunk's COPY in the one transaction.
      const load = luoshi('db', 'load', ...FILES, '--db', url, '--chunk-mb', '0.1');
      expect([load.status, load.stderr]).toEqual([0, '读取 3041 条，接受 3041 条，拒收 0 条\n']);
      const fromDb = luoshi('check', PLAN, '--db', url, '--as-of', '2018-12-31', '--format', 'json');
      const fromFiles = luoshi('check', PLAN, '--data', ...FILES, '--as-of', '2018-12-31', '--format', 'json');
      expect(fromDb.stderr).toBe(fromFiles.stderr);
      expect(figures(fromDb.stdout)).toEqual(figures(fromFiles.stdout));
      // replay in place over the wire: the files' replay, but for the sources.
      const range = ['--from', '2018-04-08', '--to', '2018-12-31', '--step', 'month', '--format', 'json'];
      const replayDb = JSON.parse(luoshi('replay', PLAN, '--db', url, ...range).stdout) as { sources: unknown };
      const replayFiles = JSON.parse(luoshi('replay', PLAN, '--data', ...FILES, ...range).stdout) as typeof replayDb;
      replayDb.sources = replayFiles.sources;
      expect(JSON.stringify(replayDb)).toBe(JSON.stringify(replayFiles));
      // explain in place over the wire lists what the memory engine lists.
      const args = ['--indicator', '结案率', '--part', 'missing', '--as-of', '2018-12-31', '--format', 'json'];
      const explained = luoshi('explain', PLAN, '--db', url, ...args);
      expect([explained.status, explained.stdout]).toEqual([
        0,
        luoshi('explain', PLAN, '--data', FILES[0]!, ...args).stdout,
      ]);
    } finally {
      const admin2 = await openDatabaseUrl(PG_URL!);
      try {
        await admin2.exec(`DROP DATABASE IF EXISTS ${name}`);
      } finally {
        await admin2.close();
      }
    }
  }, 120_000);
});
