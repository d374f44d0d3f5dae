// `luoshi db load` streamed: COPY's text format (src/engine/sql/copy-text.ts) on nasty strings and through
// PostgreSQL (PGlite; a real server when LUOSHI_TEST_PG_URL is set) and back; a failure mid-COPY rolls the
// whole load back with the database's own words; and a load into a DuckDB file (the loaders' chunks through
// DuckDB's appender, src/harness/loaders/stream.ts) holds the very rows, and says the very counts and problems,
// of the file loaders' load of the whole files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyChunks, copyValue } from '../../src/engine/sql/copy-text.js';
import { canonicalRows, type TableRows } from '../../src/engine/sql/load.js';
import { TABLES } from '../../src/engine/sql/schema.js';
import { CANONICAL_COLUMNS } from '../../src/engine/sql/mapping.js';
import { loadCases } from '../../src/harness/loaders/index.js';
import {
  createSchema,
  openDatabaseUrl,
  openPostgres,
  transaction,
  type SqlDatabase,
} from '../../src/harness/sql/database.js';
import { UsageError } from '../../src/harness/io.js';
import { openPglite } from './engines.js';
import { SECOND, TRICKY, write } from './tricky-files.js';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'luoshi-copy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const luoshi = (...args: string[]) =>
  spawnSync('node', ['bin/luoshi.js', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });

/** Text COPY must carry as it is. */
const NASTY = [
  '',
  'a\tb',
  'line\nfeed',
  'carriage\rreturn',
  'back\\slash',
  '\\.',
  '\\N',
  'N',
  'NULL',
  '"quoted", \'single\'',
  '（2018）浙02执恢1号 张三\u3000李四',
  '😀 emoji',
  '\u0001\u001f control',
  ' spaces ',
  '\u2028\u2029',
  '\\\t\n\r\\',
];

const nastyTable = (types: TableRows['types'] = ['int', 'text', 'date', 'bool', 'bigint']): TableRows => ({
  table: 'nasty',
  types,
  count: NASTY.length,
  row: (k) => [k, NASTY[k]!, k === 3 ? null : 17532 + k, k % 3 === 0 ? null : k % 2 === 0, k * 9007199254740],
});

describe('COPY text format', () => {
  it('escapes backslash, tab, line feed and carriage return; NULL is \\N; dates ISO; booleans t/f', () => {
    expect(NASTY.map((s) => copyValue(s, 'text'))).toEqual([
      '',
      'a\\tb',
      'line\\nfeed',
      'carriage\\rreturn',
      'back\\\\slash',
      '\\\\.',
      '\\\\N',
      'N',
      'NULL',
      '"quoted", \'single\'',
      '（2018）浙02执恢1号 张三\u3000李四',
      '😀 emoji',
      '\u0001\u001f control',
      ' spaces ',
      '\u2028\u2029',
      '\\\\\\t\\n\\r\\\\',
    ]);
    expect([copyValue(null, 'text'), copyValue(null, 'date'), copyValue(0, 'date'), copyValue(17897, 'date')]).toEqual([
      '\\N',
      '\\N',
      '1970-01-01',
      '2019-01-01',
    ]);
    expect([copyValue(true, 'bool'), copyValue(false, 'bool'), copyValue(9007199254740991, 'bigint')]).toEqual([
      't',
      'f',
      '9007199254740991',
    ]);
  });

  it('chunks end at row ends, each row one line, and together are the whole table', () => {
    const whole = [...copyChunks(nastyTable())].join('');
    expect(whole.split('\n')).toHaveLength(NASTY.length + 1);
    expect(whole.split('\n')[2]).toBe('2\tline\\nfeed\t2018-01-03\tt\t18014398509480');
    expect(whole.split('\n')[3]).toBe('3\tcarriage\\rreturn\t\\N\t\\N\t27021597764220');
    const small = [...copyChunks(nastyTable(), 40)];
    expect(small.length).toBeGreaterThan(5);
    expect(small.every((c) => c.endsWith('\n'))).toBe(true);
    expect(small.join('')).toBe(whole);
  });
});

// A real PostgreSQL server when one is given (CI starts one): a database of this run, dropped at the end.
const PG_URL = process.env.LUOSHI_TEST_PG_URL;
const servers: Array<[string, () => Promise<SqlDatabase>]> = [
  ['PGlite', openPglite],
  ...(PG_URL
    ? [['a PostgreSQL server', () => openPostgres(PG_URL, true)] as [string, () => Promise<SqlDatabase>]]
    : []),
];

/** The case tables' columns (the canonical schema's), each read as text (the same text from either dialect). */
const CASE_TABLES: Record<string, string[]> = Object.fromEntries(
  (['cases', 'case_tags', 'events'] as const).map((t) => [t, CANONICAL_COLUMNS[t].map((c) => c.name)]),
);

/** Every row of the case tables, in key order, a row one line of text. */
async function caseRows(db: SqlDatabase): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [t, cols] of Object.entries(CASE_TABLES)) {
    const text = cols.map((c) => `COALESCE(CAST(${c} AS VARCHAR), 'NULL')`).join(` || '|' || `);
    out[t] = (await db.query(`SELECT ${text} FROM ${t} ORDER BY ${cols[0]}, ${cols[1]}`)).map((r) => String(r[0]));
  }
  return out;
}

describe.each(servers)('COPY into PostgreSQL (%s)', (_name, open) => {
  it('nasty strings arrive as they were', async () => {
    const db = await open();
    try {
      await db.exec(`CREATE TEMPORARY TABLE nasty (k INTEGER, s VARCHAR, d DATE, b BOOLEAN, n BIGINT)`);
      await db.load(nastyTable());
      const back = await db.query('SELECT k, s, CAST(d AS VARCHAR), b, CAST(n AS VARCHAR) FROM nasty ORDER BY k');
      expect(back).toEqual(
        NASTY.map((s, k) => [
          k,
          s,
          k === 3 ? null : `2018-01-${String(k + 1).padStart(2, '0')}`,
          k % 3 === 0 ? null : k % 2 === 0,
          String(k * 9007199254740),
        ]),
      );
    } finally {
      await db.close();
    }
  });

  it('a server error mid-COPY rolls the whole load back, in its own words; the session goes on', async () => {
    const db = await open();
    try {
      await db.exec('CREATE SCHEMA IF NOT EXISTS luoshi_copy_test');
      await db.exec('SET search_path TO luoshi_copy_test');
      for (const t of TABLES) await db.exec(`DROP TABLE IF EXISTS ${t}`);
      await createSchema(db);
      const { store } = await loadCases([join(ROOT, 'examples/data/ningbo-2018.ndjson')]);
      const tables = canonicalRows(store, []);
      // Event 20000 of 26373 has no type: NOT NULL refuses it after the cases and most events were sent.
      const events = tables.find((t) => t.table === 'events')!;
      const broken = {
        ...events,
        row: (k: number) => (k === 20_000 ? [k, 0, null, 17532, null, null] : events.row(k)),
      };
      const load = transaction(db, 'test', async () => {
        for (const t of tables) await db.load(t.table === 'events' ? broken : t);
      });
      await expect(load).rejects.toThrow(UsageError);
      await expect(load).rejects.toThrow(
        /^test 写入失败，未写入任何数据 \/ writing failed, nothing was written: .*null value in column "type"/,
      );
      const [[cases, evs]] = (await db.query('SELECT (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM events)')) as [
        [unknown, unknown],
      ];
      expect([Number(cases), Number(evs)]).toEqual([0, 0]);
      // The same load, whole, then goes in.
      await transaction(db, 'test', async () => {
        for (const t of tables) await db.load(t);
      });
      const [[c2, e2]] = (await db.query('SELECT (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM events)')) as [
        [unknown, unknown],
      ];
      expect([Number(c2), Number(e2)]).toEqual([3000, 26373]);
    } finally {
      await db.exec('DROP SCHEMA luoshi_copy_test CASCADE').catch(() => undefined);
      await db.close();
    }
  }, 60_000);
});

describe('luoshi db load into a DuckDB file', () => {
  const first = write(tmp, 'cases-a.ndjson', TRICKY);
  const second = write(tmp, 'cases-b.ndjson', SECOND);
  // The same lines but for a carriage return as JSON whitespace inside a clean line: the same records.
  const crlfDir = join(tmp, 'crlf');
  mkdirSync(crlfDir);
  const crlf = [
    write(crlfDir, 'cases-a.ndjson', [TRICKY[0]!, TRICKY[1]!.replace('{', '{\r'), ...TRICKY.slice(2)]),
    write(crlfDir, 'cases-b.ndjson', SECOND),
  ];

  it("holds the loaders' rows and says their counts and problems, in chunks or not, as PostgreSQL does", async () => {
    const memory = await loadCases([first, second], { cwd: tmp });
    expect([memory.stats.read, memory.stats.rejected, memory.problems.length]).toEqual([
      TRICKY.length - 2 + SECOND.length,
      15,
      20,
    ]);
    const urls = ['sql.duckdb', 'old.duckdb'].map((f) => `duckdb:${join(tmp, f)}`);
    for (const u of urls) expect(luoshi('db', 'init', '--db', u).status).toBe(0);
    const budget = ['--max-rejected', '100%'];
    const sql = luoshi('db', 'load', first, second, '--db', urls[0]!, ...budget);
    // A chunk of 2 KB (a few lines) at a time: repeats across chunks and files, problems in the file's order.
    const old = luoshi('db', 'load', ...crlf, '--db', urls[1]!, ...budget, '--chunk-mb', '0.002');
    const read = memory.stats.read;
    const counts = `读取 ${read} 条，接受 ${read - 15} 条，拒收 15 条\n`;
    expect(sql.stderr).toContain(`${first}:122:`);
    // The loaders' 20 problems, one line each, then the counts.
    expect(sql.stderr.split('\n')).toHaveLength(22);
    expect(sql.stderr.endsWith(`\n${counts}`)).toBe(true);
    const written = `案件 ${memory.store.n} 件，事件 ${memory.store.evStart[memory.store.n]} 条，标签 ${memory.store.tagStart[memory.store.n]} 条，进度 0 条，人员 0 条\n`;
    expect([sql.status, sql.stdout]).toEqual([0, `已写入 ${urls[0]}：${written}`]);
    expect(old.status).toBe(0);
    expect(old.stderr).toBe(sql.stderr.replaceAll(tmp, crlfDir));
    const rows = async (url: string) => {
      const db = await openDatabaseUrl(url);
      try {
        return await caseRows(db);
      } finally {
        await db.close();
      }
    };
    const bySql = await rows(urls[0]!);
    expect(bySql.cases).toHaveLength(memory.store.n);
    expect(bySql.cases![0]).toMatch(/^0\|\(2016\)浙02执恢1号\|宁波市中级人民法院\|/);
    expect(await rows(urls[1]!)).toEqual(bySql);
    // PostgreSQL: the loaders' store streamed with COPY, as db load does.
    for (const [, open] of servers) {
      const db = await open();
      try {
        await db.exec('CREATE SCHEMA luoshi_copy_rows');
        await db.exec('SET search_path TO luoshi_copy_rows');
        await createSchema(db);
        for (const t of canonicalRows(memory.store, [])) await db.load(t);
        expect(await caseRows(db)).toEqual(bySql);
      } finally {
        await db.exec('DROP SCHEMA luoshi_copy_rows CASCADE').catch(() => undefined);
        await db.close();
      }
    }
    // Loaded again: every 案号 is there already; nothing is written.
    const again = luoshi('db', 'load', first, '--db', urls[0]!, ...budget);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(
      /写入失败，未写入任何数据 \/ writing failed, nothing was written: .*Duplicate key "id: \(2016\)浙02执恢1号" violates unique constraint/,
    );
    expect((await rows(urls[0]!)).cases).toHaveLength(memory.store.n);
  }, 180_000);
});
