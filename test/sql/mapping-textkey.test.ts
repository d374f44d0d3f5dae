// A court's tables keyed by text (src/engine/sql/mapping.ts `{ column, key: text }` and `{ order: [...] }`,
// src/engine/sql/mapping-views.ts): examples/court-db with text-key.sql, whose tags and steps name a case by
// its 案号 and order a case's steps by a text timestamp. Its views on DuckDB (a file, through the CLI) and
// on PostgreSQL (PGlite in-process) give the figures and the per-case verdicts of the same cases read from
// NDJSON (in the cases' numbering order: their 案号 by code point); an orphan tag or step and a case key
// two cases share are named and counted and nothing is made; a key of a type that cannot be one is a
// located error.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabaseUrl, type SqlDatabase } from '../../src/harness/sql/database.js';
import { makeViews, readMappingConfig, type MappingConfig } from '../../src/harness/sql/mapping.js';
import { UsageError } from '../../src/harness/io.js';
import { databaseCases } from '../../src/harness/sql/source.js';
import {
  COURT,
  PLAN,
  RECORD_FILES,
  ROOT,
  courtPglite as pglite,
  courtDuckDB as duckdb,
  figures,
  luoshi,
  viewCount,
  withDb,
} from './court-db.js';

const tmp = mkdtempSync(join(tmpdir(), 'luoshi-textkey-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const SQL = ['schema.sql', 'data.sql', 'text-key.sql'].map((f) => readFileSync(join(COURT, f), 'utf8')).join('\n');
const CONFIG = 'examples/court-db/luoshi.text-key.config.yaml';
const CONFIG_TEXT = readFileSync(join(ROOT, CONFIG), 'utf8');

/** cases-300.ndjson in the order the views number the cases: by 案号, code point by code point (UTF-8 bytes). */
const SORTED = join(tmp, 'cases-by-id.ndjson');
const caseLines = readFileSync(join(COURT, 'cases-300.ndjson'), 'utf8').trim().split('\n');
const id = (line: string): string => (JSON.parse(line) as { id: string }).id;
writeFileSync(
  SORTED,
  `${[...caseLines].sort((a, b) => Buffer.compare(Buffer.from(id(a)), Buffer.from(id(b)))).join('\n')}\n`,
);
const FILES = [SORTED, ...RECORD_FILES];

/** Where `text` first stands in the variant's configuration (or `file`, a copy of it), as line:column. */
function place(text: string, file = CONFIG): string {
  const lines = CONFIG_TEXT.split('\n');
  const k = lines.findIndex((l) => l.includes(text));
  return `${file}:${k + 1}:${lines[k]!.indexOf(text.replace(/^[a-z_]+: /, '')) + 1}`;
}

/** The variant's configuration with `from` replaced by `to`, written to a temporary file. */
function configWith(from: string, to: string, name: string): string {
  expect(CONFIG_TEXT).toContain(from);
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, CONFIG_TEXT.replace(from, to));
  return file;
}

const courtDuckDB = (name: string, then = ''): Promise<string> => duckdb(join(tmp, `${name}.duckdb`), SQL + then);
const courtPglite = (then = ''): Promise<SqlDatabase> => pglite(SQL + then);

/** Every view's rows (dates as text, numbers as numbers) in key order: what both engines must agree on. */
async function viewRows(db: SqlDatabase): Promise<unknown[][][]> {
  const out: unknown[][][] = [];
  for (const [table, cols, key] of [
    ['cases', 'cid, id, court, CAST(filed AS VARCHAR), CAST(closed AS VARCHAR), claimed_fen, handler', 'cid'],
    ['case_tags', 'cid, tag', 'cid, tag'],
    ['events', 'eid, cid, type, CAST(day AS VARCHAR), amount_fen, note', 'eid'],
    ['staffing', 'sid, court, CAST(day AS VARCHAR), enforcement_staff', 'sid'],
  ] as const)
    out.push(
      (await db.query(`SELECT ${cols} FROM luoshi.${table} ORDER BY ${key}`)).map((r) =>
        r.map((v) => (typeof v === 'bigint' ? Number(v) : v === undefined ? null : v)),
      ),
    );
  return out;
}

/** The steps as the integer-keyed tables hold them (case by case in 案号 order, each case's in jdbs order) against the views' (by eid). */
async function stepOrder(db: SqlDatabase): Promise<[unknown[][], unknown[][]]> {
  const norm = (rows: unknown[][]) => rows.map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
  const views = await db.query(
    'SELECT c.id, e.note, CAST(e.day AS VARCHAR) FROM luoshi.events e JOIN luoshi.cases c ON c.cid = e.cid ORDER BY e.eid',
  );
  const source = await db.query(
    `SELECT a.ah, j.bz, CAST(j.jdrq AS VARCHAR) FROM zx_jdxx j JOIN zx_ajxx a ON a.ajbs = j.ajbs ORDER BY a.ah${db.dialect.name === 'postgres' ? ' COLLATE "C"' : ''}, j.jdbs`,
  );
  return [norm(views), norm(source)];
}

const COUNTS = 'luoshi.cases 300 rows, luoshi.case_tags 13 rows, luoshi.events 2961 rows';

describe('a case key written as text, on a DuckDB file', () => {
  it('--print numbers the cases by 案号 and the steps by case and 节点时间, the same numbers where tags and steps join', () => {
    const r = luoshi('db', 'map', '--db', 'duckdb:/nonexistent/court.duckdb', '--config', CONFIG, '--print');
    expect(r.status).toBe(0);
    // The numbers stored once by db map (each 案号's place in code-point order), joined by the views.
    expect(r.stdout).toContain(
      `INSERT INTO "court".luoshi.case_numbers SELECT k.luoshi_key, ROW_NUMBER() OVER (ORDER BY k.luoshi_key) FROM (SELECT DISTINCT CAST(t.ah AS VARCHAR) AS luoshi_key FROM "court"."main".zx_ajxx t WHERE (sfsc = '0')) k WHERE k.luoshi_key IS NOT NULL;`,
    );
    // The cases joined LEFT (a key with no number shows, and the run stops on it); tags and steps of a case
    // with no number (one the cases' where leaves out) are left out with it.
    const numbers = `JOIN "court".luoshi.case_numbers c ON c.luoshi_key = CAST(t.ah AS VARCHAR)`;
    expect(r.stdout).toContain(
      `FROM (SELECT t.*, c.luoshi_cid FROM "court"."main".zx_ajxx t LEFT ${numbers} WHERE (sfsc = '0')) t;`,
    );
    expect(r.stdout).toContain(`FROM (SELECT t.*, c.luoshi_cid FROM "court"."main".zx_ajbq_ah t ${numbers}) t;`);
    expect(r.stdout).not.toContain(`zx_ajbq_ah t LEFT ${numbers}`);
    expect(r.stdout).toContain(
      'CAST(c.luoshi_cid AS BIGINT) * 1048576 + ROW_NUMBER() OVER (PARTITION BY c.luoshi_cid ORDER BY t.jdsj NULLS LAST, CASE ',
    );
    expect(r.stdout).toContain(`FROM "court"."main".zx_jdxx_ah t ${numbers}) t;`);
    expect(r.stdout).toContain(
      "ROW_NUMBER() OVER (ORDER BY t.tjrq NULLS LAST, t.xh NULLS LAST, CASE NULLIF(TRIM(CAST(t.fydm AS VARCHAR)), '')",
    );
    // PostgreSQL's collation may order text otherwise: the numbering compares code points there too.
    const pg = luoshi('db', 'map', '--db', 'postgres://x@127.0.0.1:1/court', '--config', CONFIG, '--print');
    expect(pg.stdout).toContain(
      'INSERT INTO luoshi.case_numbers SELECT k.luoshi_key, ROW_NUMBER() OVER (ORDER BY (k.luoshi_key) COLLATE "C")',
    );
  });

  it("creates the views; check and explain --db give the figures and the per-case verdicts of the same cases' file", async () => {
    const url = await courtDuckDB('court');
    const r = luoshi('db', 'map', '--db', url, '--config', CONFIG, '--lang', 'en');
    expect([r.status, r.stderr, r.stdout]).toEqual([
      0,
      '',
      `created views in ${url}: ${COUNTS}, luoshi.progress 19 rows, luoshi.staffing 22 rows\n`,
    ]);
    for (const asOf of ['2016-12-31', '2018-12-31']) {
      const fromDb = luoshi('check', PLAN, '--db', url, '--config', CONFIG, '--as-of', asOf, '--format', 'json');
      const fromFile = luoshi('check', PLAN, '--data', ...FILES, '--as-of', asOf, '--format', 'json');
      expect([fromDb.status, fromDb.stderr]).toEqual([fromFile.status, fromFile.stderr]);
      expect(figures(fromDb.stdout)).toEqual(figures(fromFile.stdout));
      expect((JSON.parse(fromDb.stdout) as { data: { sources: unknown[] } }).data.sources[0]).toEqual({
        file: `${url}#luoshi.cases`,
        kind: 'cases',
        format: 'duckdb',
        read: 300,
        accepted: 300,
        rejected: 0,
      });
    }
    // 终本合格率 rests on the rule 终本条件 (查控 twice, 限高, 约谈 before closing): its steps joined by 案号.
    const explain = (...src: string[]) =>
      luoshi(
        'explain',
        PLAN,
        ...src,
        '--as-of',
        '2016-12-31',
        '--yearly',
        '--indicator',
        '终本合格率',
        '--format',
        'json',
      );
    const fromDb = explain('--db', url, '--config', CONFIG);
    expect(fromDb.status).toBe(0);
    expect(JSON.parse(fromDb.stdout)).toEqual(JSON.parse(explain('--data', SORTED).stdout));
    expect(JSON.parse(fromDb.stdout)).toMatchObject({ total: 8, ids: expect.arrayContaining(['(2016)浙0203执12号']) });
    await withDb(url, async (db) => {
      const [views, source] = await stepOrder(db);
      expect(views).toHaveLength(2961);
      expect(views).toEqual(source);
    });
  });

  it("serve's reading of the views (records, as a file's): the same cases, tags and steps as the file's lines", async () => {
    const url = await courtDuckDB('serve');
    expect(luoshi('db', 'map', '--db', url, '--config', CONFIG).status).toBe(0);
    const db = await openDatabaseUrl(url, { schema: 'luoshi', readOnly: true });
    const read: unknown[] = [];
    try {
      for await (const item of databaseCases(db).items()) read.push(item.kind === 'record' ? item.value : item);
    } finally {
      await db.close();
    }
    expect(read).toEqual(
      readFileSync(SORTED, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    );
  });

  it('an orphan tag or step, a case key two cases share: named by table and 案号, counted; nothing made', async () => {
    const url = await courtDuckDB(
      'orphans',
      [
        // A step of a deleted case (sfsc = '1': left out with it, not an orphan), two steps and a tag of a 案号
        // no case row has.
        "INSERT INTO zx_jdxx_ah VALUES ('(2018)浙0203执9998号', '2018-03-02 09:00:00.000001', '1001', DATE '2018-03-02', NULL, NULL)",
        "INSERT INTO zx_jdxx_ah VALUES ('(2016)浙02执404号', '2016-03-02 09:00:00.000001', '1001', DATE '2016-03-02', NULL, NULL)",
        "INSERT INTO zx_jdxx_ah VALUES ('(2016)浙02执404号', '2016-03-03 09:00:00.000001', '1101', DATE '2016-03-03', NULL, NULL)",
        "INSERT INTO zx_ajbq_ah VALUES ('(2016)浙02执404号', '涉民生')",
        "INSERT INTO zx_ajxx VALUES (18999997, '(2016)浙02执1号', '330200', '01', '20160126', NULL, NULL, 1000.00, 0.00, '9', '测试', NULL, '0');",
      ].join(';\n'),
    );
    const r = luoshi('db', 'map', '--db', url, '--config', CONFIG);
    expect([r.status, r.stdout]).toEqual([2, '']);
    const cid = place('cid: { column: ah, key: text }');
    const tagCid = `${CONFIG}:${CONFIG_TEXT.split('\n').findIndex((l) => l.includes('from: zx_ajbq_ah')) + 3}:14`;
    const eventCid = `${CONFIG}:${CONFIG_TEXT.split('\n').findIndex((l) => l.includes('from: zx_jdxx_ah')) + 4}:14`;
    expect(r.stderr).toBe(
      [
        `zx_ajxx#(2016)浙02执1号：案件键 "(2016)浙02执1号" 有 2 个案件 (${cid})`,
        `zx_ajbq_ah#(2016)浙02执404号：1 行的案件键 "(2016)浙02执404号" 在 zx_ajxx 中没有案件 (${tagCid})`,
        `zx_jdxx_ah#(2016)浙02执404号：2 行的案件键 "(2016)浙02执404号" 在 zx_ajxx 中没有案件 (${eventCid})`,
        "luoshi db: zx_ajxx、zx_ajbq_ah、zx_jdxx_ah 有 5 行的案件键不对应唯一的案件，未建任何视图 / 5 rows of zx_ajxx, zx_ajbq_ah, zx_jdxx_ah have a case key that is not one case's: nothing was made",
        '',
      ].join('\n'),
    );
    await withDb(url, async (db) => expect(await viewCount(db)).toBe(0));
    // The others gone, the views are made: the deleted case's step is left out with it, with or without a
    // where of its own.
    await withDb(url, (db) =>
      db.exec(
        "DELETE FROM zx_jdxx_ah WHERE ah = '(2016)浙02执404号'; DELETE FROM zx_ajbq_ah WHERE ah = '(2016)浙02执404号'; DELETE FROM zx_ajxx WHERE ajbs = 18999997",
      ),
    );
    const where = configWith(
      '      from: zx_jdxx_ah\n',
      "      from: zx_jdxx_ah\n      where: ah NOT IN (SELECT ah FROM zx_ajxx WHERE sfsc = '1')\n",
      'where',
    );
    const plain = luoshi('db', 'map', '--db', url, '--config', CONFIG, '--lang', 'en');
    expect([plain.status, plain.stderr]).toEqual([0, '']);
    const ok = luoshi('db', 'map', '--db', url, '--config', where, '--lang', 'en');
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    expect(ok.stdout).toContain(COUNTS);
    expect(plain.stdout).toBe(ok.stdout);
  });

  it('a key of a type that cannot be one, or written as an integer: one line each, naming it and its place', async () => {
    const url = await courtDuckDB(
      'types',
      'ALTER TABLE zx_ajxx ADD COLUMN xs REAL; ALTER TABLE zx_jdxx_ah ADD COLUMN sfyx BOOLEAN;',
    );
    const real = configWith(
      '        cid: { column: ah, key: text }\n        id: ah',
      '        cid: { column: xs, key: text }\n        id: ah',
      'real',
    );
    let r = luoshi('db', 'map', '--db', url, '--config', real);
    const at = place('cid: { column: ah, key: text }', real);
    expect([r.status, r.stderr]).toEqual([
      2,
      `luoshi db: 映射 cases.cid → zx_ajxx.xs：列 xs 的类型是 FLOAT，不能作案件键（须为文字、整数、定点数或 UUID）（${at}） / mapping cases.cid → zx_ajxx.xs: column xs is FLOAT, which cannot be a case key (it must be text, an integer, a decimal or a UUID) (${at})\n`,
    ]);
    const bool = configWith('eid: { order: [jdsj] }', 'eid: { order: [jdsj, sfyx] }', 'bool');
    r = luoshi('db', 'map', '--db', url, '--config', bool, '--lang', 'en');
    const eidAt = place('eid: { order: [jdsj] }', bool);
    expect([r.status, r.stderr]).toEqual([
      2,
      `luoshi db: 映射 events.eid → zx_jdxx_ah.sfyx：列 sfyx 的类型是 BOOLEAN，不能用来排序（须为文字、数值、日期、时间或 UUID）（${eidAt}） / mapping events.eid → zx_jdxx_ah.sfyx: column sfyx is BOOLEAN, which cannot order rows (it must be text, a number, a date, a timestamp or a UUID) (${eidAt})\n`,
    ]);
    // A text column written as an integer key: what to write instead.
    const plain = configWith('eid: { order: [jdsj] }', 'eid: jdsj', 'plain');
    r = luoshi('db', 'map', '--db', url, '--config', plain);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `mapping events.eid → zx_jdxx_ah.jdsj: column jdsj is VARCHAR, not an integer; to number the rows in the order of a column write { order: [jdsj] } (${place('eid: { order: [jdsj] }', plain)})`,
    );
    await withDb(url, async (db) => expect(await viewCount(db)).toBe(0));
  });

  it('a text key written where it cannot be, or on the cases and not their tags: the configuration file and line', () => {
    const cases = [
      ['tag: bqmc', 'tag: { column: bqmc, key: text }', 'mapping case_tags.tag: only the case key cid can be written'],
      [
        'note: bz',
        'note: { order: [bz] }',
        'mapping events.note: only events.eid, progress.pid and staffing.sid can be numbered from order columns (order)',
      ],
      [
        '        cid: { column: ah, key: text }\n        tag: bqmc',
        '        cid: ah\n        tag: bqmc',
        'mapping case_tags.cid: cases.cid is a text key, so this must be { column: C, key: text } too (the same case key)',
      ],
    ] as const;
    for (const [k, [from, to, message]] of cases.entries()) {
      const file = configWith(from, to, `bad-${k}`);
      const r = luoshi('db', 'map', '--db', 'duckdb:/nonexistent/x.duckdb', '--config', file);
      expect([k, r.status]).toEqual([k, 2]);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toMatch(new RegExp(`bad-${k}\\.yaml:\\d+:\\d+`));
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('a case key written as text, on PostgreSQL (PGlite)', () => {
  const m = (): MappingConfig => readMappingConfig(ROOT, CONFIG)!;

  it('makes the same views as DuckDB: the same numbers, every row equal, the steps in their recorded order', async () => {
    const pg = await courtPglite();
    const duck = await openDatabaseUrl(`duckdb:${join(tmp, 'same.duckdb')}`, { create: true });
    try {
      await duck.exec(SQL);
      const lines: string[] = [];
      expect(await makeViews(pg, m(), 'zh', 'pglite', (t) => lines.push(t))).toEqual([300, 13, 2961, 19, 22]);
      expect(await makeViews(duck, m(), 'zh', 'duckdb', (t) => lines.push(t))).toEqual([300, 13, 2961, 19, 22]);
      expect(lines).toEqual([]);
      const [a, b] = [await viewRows(pg), await viewRows(duck)];
      expect(a).toEqual(b);
      // The cases numbered by 案号 in code-point order: as the sorted file holds them.
      expect(a[0]!.map((r) => r[1])).toEqual(readFileSync(SORTED, 'utf8').trim().split('\n').map(id));
      const [views, source] = await stepOrder(pg);
      expect(views).toEqual(source);
    } finally {
      await pg.close();
      await duck.close();
    }
  });

  it('an orphan step: the same line as DuckDB, nothing made (DDL rolled back)', async () => {
    const pg = await courtPglite(
      "INSERT INTO zx_jdxx_ah VALUES ('(2016)浙02执404号', '2016-03-02 09:00:00.000001', '1001', DATE '2016-03-02', NULL, NULL);",
    );
    try {
      const lines: string[] = [];
      await expect(makeViews(pg, m(), 'en', 'pglite', (t) => lines.push(t))).rejects.toThrow(
        new UsageError(
          "zx_jdxx_ah 有 1 行的案件键不对应唯一的案件，未建任何视图 / 1 rows of zx_jdxx_ah have a case key that is not one case's: nothing was made",
        ),
      );
      const eventCid = `${CONFIG}:${CONFIG_TEXT.split('\n').findIndex((l) => l.includes('from: zx_jdxx_ah')) + 4}:14`;
      expect(lines).toEqual([
        `zx_jdxx_ah#(2016)浙02执404号: 1 row(s) whose case key "(2016)浙02执404号" is no case of zx_ajxx (${eventCid})\n`,
      ]);
      expect(await viewCount(pg)).toBe(0);
    } finally {
      await pg.close();
    }
  });
});
