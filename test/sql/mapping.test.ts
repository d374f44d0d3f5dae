// A court's own tables mapped to the canonical ones (src/engine/sql/mapping.ts, src/harness/sql/mapping.ts,
// `luoshi db map`): the invented court schema of examples/court-db, its views on DuckDB (a file, through the
// CLI) and on PostgreSQL (PGlite in-process; a server when LUOSHI_TEST_PG_URL is set), the figures read
// through them equal to the files', and every kind of bad input: one line naming the table, the column and
// the place in luoshi.config.yaml, exit 2, nothing made.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabaseUrl, type SqlDatabase } from '../../src/harness/sql/database.js';
import { makeViews, readMappingConfig, type MappingConfig } from '../../src/harness/sql/mapping.js';
import { UsageError } from '../../src/harness/io.js';
import {
  COURT,
  FILES,
  PLAN,
  ROOT,
  courtPglite as pglite,
  courtDuckDB as duckdb,
  figures,
  luoshi,
  viewCount,
  withDb,
} from './court-db.js';

const tmp = mkdtempSync(join(tmpdir(), 'luoshi-map-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const DDL = readFileSync(join(COURT, 'schema.sql'), 'utf8');
const DATA = readFileSync(join(COURT, 'data.sql'), 'utf8');
const CONFIG_TEXT = readFileSync(join(COURT, 'luoshi.config.yaml'), 'utf8');
const CONFIG = 'examples/court-db/luoshi.config.yaml';

/** Where `text` first stands in the example configuration, as line:column. */
function place(text: string, file = CONFIG): string {
  const k = CONFIG_TEXT.split('\n').findIndex((l) => l.includes(text));
  const line = CONFIG_TEXT.split('\n')[k]!;
  return `${file}:${k + 1}:${line.indexOf(text.replace(/^[a-z_]+: /, '')) + 1}`;
}

/** A configuration like the example with `from` replaced by `to`, written to a temporary file. */
function configWith(from: string, to: string, name: string): string {
  expect(CONFIG_TEXT).toContain(from);
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, CONFIG_TEXT.replace(from, to));
  return file;
}

/** A new DuckDB file holding the court schema and its data (and `then`, SQL run after). */
const courtDuckDB = (name: string, then = ''): Promise<string> =>
  duckdb(join(tmp, `${name}.duckdb`), DDL + DATA + then);

const COUNTS_ZH =
  'luoshi.cases 300 行，luoshi.case_tags 13 行，luoshi.events 2961 行，luoshi.progress 19 行，luoshi.staffing 22 行';

describe('luoshi db map on a DuckDB file', () => {
  it('--print prints the views for the dialect and touches no database', () => {
    const r = luoshi('db', 'map', '--db', 'duckdb:/nonexistent/court.duckdb', '--config', CONFIG, '--print');
    expect(r.status).toBe(0);
    expect(
      r.stdout.startsWith(
        'CREATE SCHEMA IF NOT EXISTS luoshi;\n\nCREATE OR REPLACE VIEW luoshi.cases AS\nSELECT\n  CAST(t.ajbs AS INTEGER) AS cid,\n  CAST(t.ah AS VARCHAR) AS id,\n',
      ),
    ).toBe(true);
    // On DuckDB the court's tables named with the file's catalog and the schema: no session object can stand in.
    expect(r.stdout).toContain(`FROM "court"."main".zx_ajxx t WHERE (sfsc = '0');\n`);
    expect(r.stdout).toContain("WHEN '0301' THEN '执行完毕'");
    expect(r.stdout).toContain('CAST(ROUND(t.sqbdje * 100) AS BIGINT) AS claimed_fen');
    // The five views and the key check every run reads (src/harness/sql/key-check.ts).
    expect(r.stdout.match(/CREATE OR REPLACE VIEW/g)).toHaveLength(6);
    expect(r.stdout).toContain('CREATE OR REPLACE VIEW luoshi.key_check AS\nSELECT 0 AS k, ');
  });

  it("creates the views; check --db reads them and gives the files' figures", async () => {
    const url = await courtDuckDB('court');
    const r = luoshi('db', 'map', '--db', url, '--config', CONFIG);
    expect([r.status, r.stderr, r.stdout]).toEqual([0, '', `已在 ${url} 建视图：${COUNTS_ZH}\n`]);
    // Again: the views are replaced, not refused.
    expect(luoshi('db', 'map', '--db', url, '--config', CONFIG, '--lang', 'en').stdout).toBe(
      `created views in ${url}: luoshi.cases 300 rows, luoshi.case_tags 13 rows, luoshi.events 2961 rows, luoshi.progress 19 rows, luoshi.staffing 22 rows\n`,
    );
    const fromDb = luoshi('check', PLAN, '--db', url, '--config', CONFIG, '--as-of', '2018-12-31', '--format', 'json');
    const fromFiles = luoshi('check', PLAN, '--data', ...FILES, '--as-of', '2018-12-31', '--format', 'json');
    expect(fromDb.stderr).toBe(fromFiles.stderr);
    expect(fromDb.status).toBe(fromFiles.status);
    expect(figures(fromDb.stdout)).toEqual(figures(fromFiles.stdout));
    expect((JSON.parse(fromDb.stdout) as { data: { sources: unknown } }).data.sources).toEqual([
      { file: `${url}#luoshi.cases`, kind: 'cases', format: 'duckdb', read: 300, accepted: 300, rejected: 0 },
      { file: `${url}#luoshi.progress`, kind: 'progress', format: 'duckdb', read: 19, accepted: 19, rejected: 0 },
      { file: `${url}#luoshi.staffing`, kind: 'staffing', format: 'duckdb', read: 22, accepted: 22, rejected: 0 },
    ]);
  });

  it('a missing table or column, or a column of the wrong type: one line each, naming it and its place; nothing made', async () => {
    const url = await courtDuckDB('catalog');
    const noColumn = configWith('{ column: larq, date: YYYYMMDD }', '{ column: lard, date: YYYYMMDD }', 'no-column');
    const at = place('{ column: larq', noColumn);
    let r = luoshi('db', 'map', '--db', url, '--config', noColumn);
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      `luoshi db: 映射 cases.filed → zx_ajxx.lard：表 zx_ajxx 没有列 lard（${at}） / mapping cases.filed → zx_ajxx.lard: column lard does not exist in table zx_ajxx (${at})\n`,
    );
    const noTable = configWith('from: zx_jdxx', 'from: zx_jdxx2', 'no-table');
    r = luoshi('db', 'map', '--db', url, '--config', noTable);
    const tableAt = place('from: zx_jdxx', noTable);
    expect([r.status, r.stderr]).toEqual([
      2,
      `luoshi db: 映射 events → zx_jdxx2：数据库中没有表 zx_jdxx2（${tableAt}） / mapping events → zx_jdxx2: table zx_jdxx2 does not exist in the database (${tableAt})\n`,
    ]);
    const textDate = configWith('filed: { column: larq, date: YYYYMMDD }', 'filed: larq', 'text-date');
    r = luoshi('db', 'map', '--db', url, '--config', textDate, '--lang', 'en');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'mapping cases.filed → zx_ajxx.larq: column larq is VARCHAR, not a date; for a date written as text write { column: larq, date: YYYYMMDD }',
    );
    await withDb(url, async (db) => expect(await viewCount(db)).toBe(0));
  });

  it('a code without a mapping, a date that is not one: the rows named by table and 案号, counted; nothing made', async () => {
    const url = await courtDuckDB(
      'rows',
      "UPDATE zx_ajxx SET jafs = '0399' WHERE ajbs IN (18000002, 18000003); UPDATE zx_ajxx SET larq = '20181301' WHERE ajbs = 18000004;",
    );
    const r = luoshi('db', 'map', '--db', url, '--config', CONFIG);
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      [
        `zx_ajxx#(2016)浙0203执恢1号：立案日期 "20181301" 不是 YYYYMMDD 格式的日期 (${place('{ column: larq')})`,
        `zx_ajxx#(2016)浙0203执1号：结案方式代码 "0399" 在代码表 结案方式 中没有映射 (${place('{ column: jafs')})`,
        `zx_ajxx#(2016)浙02执1号：结案方式代码 "0399" 在代码表 结案方式 中没有映射 (${place('{ column: jafs')})`,
        'luoshi db: zx_ajxx 有 3 处日期或代码无法映射，未建任何视图 / 3 dates or codes of zx_ajxx do not map: nothing was made',
        '',
      ].join('\n'),
    );
    await withDb(url, async (db) => expect(await viewCount(db)).toBe(0));
  });

  it('a where the database refuses: the view named, nothing made', async () => {
    const url = await courtDuckDB('where');
    const r = luoshi('db', 'map', '--db', url, '--config', configWith("where: sfsc = '0'", 'where: sfsd = 0', 'where'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^luoshi db: 视图 luoshi\.cases（来自 zx_ajxx）无法建立，未建任何视图 \/ the view luoshi\.cases \(from zx_ajxx\) cannot be made, nothing was made: .*sfsd.*\n$/,
    );
    await withDb(url, async (db) => expect(await viewCount(db)).toBe(0));
  });

  it('a mapping the schema refuses, or that does not fit: the configuration file and line, before any database', () => {
    const cases = [
      ['cid: ajbs', 'cid: ajbs\n        docket: ah', '配置文件有误'],
      ['        cid: ajbs\n', '', 'mapping cases lacks the required column cid (case key)'],
      [
        '{ column: jafs, codes: 结案方式 }',
        '{ column: jafs, codes: 结案 }',
        'mapping cases.closure: no code map named 结案 (database.codes)',
      ],
      [
        '{ column: sqbdje, yuan: true }',
        '{ column: sqbdje, date: YYYYMMDD }',
        'mapping cases.claimed_fen: claimed is not a date column',
      ],
      [
        'luoshi_reader:${LUOSHI_DB_PASSWORD}@',
        'luoshi_reader:hunter2@',
        'database.url must not hold a password: write an environment variable reference such as ${LUOSHI_DB_PASSWORD}',
      ],
    ] as const;
    for (const [k, [from, to, message]] of cases.entries()) {
      const r = luoshi(
        'db',
        'map',
        '--db',
        'duckdb:/nonexistent/x.duckdb',
        '--config',
        configWith(from, to, `bad-${k}`),
      );
      expect([k, r.status]).toEqual([k, 2]);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain(`bad-${k}.yaml:`);
      expect(r.stderr).not.toContain('hunter2');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('without --db: database.url, its password from the environment; a variable not set is said', () => {
    const r = spawnSync('node', [join(ROOT, 'bin/luoshi.js'), 'db', 'map', '--config', CONFIG], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, LUOSHI_DB_PASSWORD: undefined },
    });
    expect([r.status, r.stderr]).toEqual([
      2,
      `luoshi db: 环境变量 LUOSHI_DB_PASSWORD 未设置（${CONFIG} 的 database.url 引用它） / the environment variable LUOSHI_DB_PASSWORD is not set (database.url in ${CONFIG} refers to it)\n`,
    ]);
  });

  it('an unreachable server: one line, the password hidden', () => {
    for (const url of [
      'postgres://luoshi:s3cret@127.0.0.1:1/court',
      'postgres://luoshi:s3cret@no-such-host.invalid/court',
    ]) {
      const r = luoshi('db', 'map', '--db', url, '--config', CONFIG);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /^luoshi db: 无法连接数据库 postgres:\/\/luoshi:\*\*\*@[^ ]+ \/ cannot connect to the database .*\n$/,
      );
      expect(r.stderr).not.toContain('s3cret');
    }
  });
});

/** PGlite (real PostgreSQL in-process) holding the court schema and its data. */
const courtPglite = (then = ''): Promise<SqlDatabase> => pglite(DDL + DATA + then);

/** Every view's rows, dates as text, in key order: what any engine must agree on. */
async function viewRows(db: SqlDatabase): Promise<unknown[][][]> {
  const out: unknown[][][] = [];
  for (const [table, cols, key] of [
    [
      'cases',
      'cid, id, court, type, CAST(filed AS VARCHAR), CAST(closed AS VARCHAR), closure, claimed_fen, recovered_fen, property, handler, team',
      'cid',
    ],
    ['case_tags', 'cid, tag', 'cid, tag'],
    ['events', 'eid, cid, type, CAST(day AS VARCHAR), amount_fen, note', 'eid'],
    ['progress', 'pid, task, milestone, CAST(done AS VARCHAR), done_by, evidence', 'pid'],
    ['staffing', 'sid, court, CAST(day AS VARCHAR), enforcement_staff, establishment, quota_judges', 'sid'],
  ] as const)
    out.push(
      (await db.query(`SELECT ${cols} FROM luoshi.${table} ORDER BY ${key}`)).map((r) =>
        r.map((v) => (typeof v === 'bigint' ? Number(v) : v === undefined ? null : v)),
      ),
    );
  return out;
}

describe('luoshi db map on PostgreSQL (PGlite)', () => {
  const m = (): MappingConfig => readMappingConfig(ROOT, CONFIG)!;

  it('makes the same views as DuckDB: every row of every view equal', async () => {
    const pg = await courtPglite();
    const duck = await openDatabaseUrl(`duckdb:${join(tmp, 'same.duckdb')}`, { create: true });
    try {
      await duck.exec(DDL + DATA);
      const lines: string[] = [];
      const counts = await makeViews(pg, m(), 'zh', 'pglite', (t) => lines.push(t));
      expect([counts, lines]).toEqual([[300, 13, 2961, 19, 22], []]);
      expect(await makeViews(duck, m(), 'zh', 'duckdb', (t) => lines.push(t))).toEqual([300, 13, 2961, 19, 22]);
      const [a, b] = [await viewRows(pg), await viewRows(duck)];
      expect(a).toEqual(b);
      expect(a[0]![1]).toEqual([
        18000002,
        '(2016)浙02执1号',
        '宁波市中级人民法院',
        '首执',
        '2016-01-26',
        '2016-05-20',
        '终结本次执行程序',
        18579700,
        7685952,
        true,
        '林琳文',
        '执行三团队',
      ]);
    } finally {
      await pg.close();
      await duck.close();
    }
  });

  it('rows that do not convert, and a missing column: the same lines as DuckDB, nothing made (DDL rolled back)', async () => {
    const pg = await courtPglite(
      "UPDATE zx_ajxx SET jafs = '0399' WHERE ajbs = 18000002; UPDATE zx_ajxx SET larq = '20190229' WHERE ajbs = 18000004;",
    );
    try {
      const lines: string[] = [];
      await expect(makeViews(pg, m(), 'en', 'pglite', (t) => lines.push(t))).rejects.toThrow(
        new UsageError(
          'zx_ajxx 有 2 处日期或代码无法映射，未建任何视图 / 2 dates or codes of zx_ajxx do not map: nothing was made',
        ),
      );
      expect(lines).toEqual([
        `zx_ajxx#(2016)浙0203执恢1号: filed "20190229" is not a date in the form YYYYMMDD (${place('{ column: larq')})\n`,
        `zx_ajxx#(2016)浙02执1号: closure code "0399" has no mapping in the code map 结案方式 (${place('{ column: jafs')})\n`,
      ]);
      expect(await viewCount(pg)).toBe(0);
      await pg.exec('ALTER TABLE zx_jdxx RENAME COLUMN je TO jine');
      await expect(makeViews(pg, m(), 'en', 'pglite', () => undefined)).rejects.toThrow(
        `mapping events.amount_fen → zx_jdxx.je: column je does not exist in table zx_jdxx (${place('{ column: je')})`,
      );
    } finally {
      await pg.close();
    }
  });
});

// A real PostgreSQL server when one is given (CI starts one): a database of this run, dropped at the end.
const PG_URL = process.env.LUOSHI_TEST_PG_URL;
describe.skipIf(!PG_URL)('luoshi db map on a PostgreSQL server', () => {
  const name = `luoshi_map_test_${process.pid}`;
  const url = PG_URL ? PG_URL.replace(/\/[^/]*$/, `/${name}`) : '';
  it("db map, then check --db gives the files' figures; a missing database and wrong credentials are one line", async () => {
    const admin = await openDatabaseUrl(PG_URL!);
    try {
      await admin.exec(`CREATE DATABASE ${name}`);
    } finally {
      await admin.close();
    }
    try {
      await withDb(url, (db) => db.exec(DDL + DATA));
      const r = luoshi('db', 'map', '--db', url, '--config', CONFIG);
      expect([r.status, r.stderr]).toEqual([0, '']);
      const fromDb = luoshi(
        'check',
        PLAN,
        '--db',
        url,
        '--config',
        CONFIG,
        '--as-of',
        '2018-12-31',
        '--format',
        'json',
      );
      const fromFiles = luoshi('check', PLAN, '--data', ...FILES, '--as-of', '2018-12-31', '--format', 'json');
      expect(figures(fromDb.stdout)).toEqual(figures(fromFiles.stdout));
      const missing = luoshi(
        'db',
        'map',
        '--db',
        PG_URL!.replace(/\/[^/]*$/, '/luoshi_no_such_db'),
        '--config',
        CONFIG,
      );
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/^luoshi db: 无法连接数据库 .*luoshi_no_such_db.*does not exist\n$/);
      const u = new URL(url);
      u.username = 'luoshi_no_such_user';
      u.password = 'wrong';
      const creds = luoshi('db', 'map', '--db', u.toString(), '--config', CONFIG);
      expect(creds.status).toBe(2);
      expect(creds.stderr).toMatch(/^luoshi db: 无法连接数据库 .*\n$/);
      expect(creds.stderr).not.toContain(':wrong@');
    } finally {
      const admin2 = await openDatabaseUrl(PG_URL!);
      try {
        await admin2.exec(`DROP DATABASE IF EXISTS ${name}`);
      } finally {
        await admin2.close();
      }
    }
  });
});
