// A court's own tables mapped robustly (src/engine/sql/mapping-views.ts, src/harness/sql/mapping.ts,
// src/harness/sql/key-check.ts): a court whose tables are called cases, events, progress and staffing (the
// names of luoshi's own session views); text case keys numbered once by `db map` and a key added since said;
// orphan tags and events written after `db map` found at each run and counted as rejected records. On a
// DuckDB file through the CLI and on PostgreSQL (PGlite in-process).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeViews, readMappingConfig } from '../../src/harness/sql/mapping.js';
import { checkKeys } from '../../src/harness/sql/key-check.js';
import { evaluateInPlace, sourceSchema, validateInPlace } from '../../src/harness/sql/inplace.js';
import { loadRecordSource } from '../../src/harness/loaders/index.js';
import { databaseStaffing } from '../../src/harness/sql/source.js';
import { UsageError } from '../../src/harness/io.js';
import { compilePlans } from '../../src/harness/commands/check.js';
import { COURT, FILES, PLAN, ROOT, courtDuckDB, courtPglite, figures, luoshi, withDb } from './court-db.js';

const tmp = mkdtempSync(join(tmpdir(), 'luoshi-maprobust-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const read = (f: string): string => readFileSync(join(COURT, f), 'utf8');
const SQL = read('schema.sql') + read('data.sql');
const CONFIG_TEXT = read('luoshi.config.yaml');
const TEXT_KEY_SQL = SQL + read('text-key.sql');
const TEXT_KEY_CONFIG = 'examples/court-db/luoshi.text-key.config.yaml';

/** The court's tables renamed to luoshi's own names: cases, events, progress, staffing. */
const RENAME =
  'ALTER TABLE zx_ajxx RENAME TO cases; ALTER TABLE zx_jdxx RENAME TO events; ALTER TABLE dc_rwjz RENAME TO progress; ALTER TABLE tj_zxry RENAME TO staffing;';

/** The example's configuration over the renamed tables (events written `schema.events` when `events` says so). */
function renamedConfig(events: string, name: string): string {
  let text = CONFIG_TEXT;
  for (const [from, to] of [
    ['from: zx_ajxx', 'from: cases'],
    ['from: zx_jdxx', `from: ${events}`],
    ['from: dc_rwjz', 'from: progress'],
    ['from: tj_zxry', 'from: staffing'],
  ] as const) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

const check = (url: string, config: string, ...more: string[]) =>
  luoshi('check', PLAN, '--db', url, '--config', config, '--as-of', '2018-12-31', '--format', 'json', ...more);
/** The cases behind 结案率 as of 2018-12-31, from `source` (`--db URL --config FILE`, or `--data FILE`). */
const explain = (...source: string[]) =>
  luoshi('explain', PLAN, ...source, '--as-of', '2018-12-31', '--indicator', '结案率', '--format', 'json');

describe('a court whose tables are called cases, events, progress and staffing', () => {
  const fromFiles = luoshi('check', PLAN, '--data', ...FILES, '--as-of', '2018-12-31', '--format', 'json');

  for (const events of ['events', 'main.events'])
    it(`DuckDB: db map, then check --db gives the files' figures (events from ${events})`, async () => {
      const url = await courtDuckDB(join(tmp, `named-${events}.duckdb`), SQL + RENAME);
      const config = renamedConfig(events, `named-${events}`);
      const map = luoshi('db', 'map', '--db', url, '--config', config, '--lang', 'en');
      expect([map.status, map.stderr]).toEqual([0, '']);
      expect(map.stdout).toContain('luoshi.cases 300 rows, luoshi.case_tags 13 rows, luoshi.events 2961 rows');
      const r = check(url, config);
      expect([r.status, r.stderr]).toEqual([fromFiles.status, fromFiles.stderr]);
      expect(figures(r.stdout)).toEqual(figures(fromFiles.stdout));
      // explain reads the same views and lists the cases the file gives.
      const listed = explain('--db', url, '--config', config);
      expect(listed.status).toBe(0);
      expect(JSON.parse(listed.stdout)).toEqual(JSON.parse(explain('--data', FILES[0]!).stdout));
    });

  it('PostgreSQL: the same report in place as over the tables under their own names', async () => {
    const ir = compilePlans([PLAN], ROOT)[0]!.ir;
    const report = async (sql: string, config: string): Promise<string> => {
      const pg = await courtPglite(sql);
      try {
        const m = readMappingConfig(ROOT, config)!;
        expect(await makeViews(pg, m, 'en', 'pglite', () => undefined)).toEqual([300, 13, 2961, 19, 22]);
        await pg.exec('SET search_path TO luoshi');
        expect(await checkKeys(pg, 'luoshi', 'pglite', 'en')).toEqual({ problems: [], rejected: 0 });
        const staffing = (await loadRecordSource('staffing', 'pglite#staffing', databaseStaffing(pg))).records;
        const src = await sourceSchema(pg);
        const { loaded, perCourt } = await validateInPlace(pg, src, 'pglite#cases');
        const r = await evaluateInPlace(pg, src, { ir, store: loaded.store, asOf: '2018-12-31', staffing }, perCourt);
        return JSON.stringify(r);
      } finally {
        await pg.close();
      }
    };
    const own = await report(SQL, 'examples/court-db/luoshi.config.yaml');
    expect(own).toContain('结案率');
    expect(await report(SQL + RENAME, renamedConfig('public.events', 'named-pg'))).toBe(own);
  });
});

describe('a case key written as text: numbered once, by db map', () => {
  it('DuckDB: the numbers stored in luoshi.case_numbers; a case added since db map stops check (exit 2) until db map again', async () => {
    const url = await courtDuckDB(join(tmp, 'stale.duckdb'), TEXT_KEY_SQL);
    expect(luoshi('db', 'map', '--db', url, '--config', TEXT_KEY_CONFIG).status).toBe(0);
    await withDb(url, async (db) => {
      const rows = await db.query('SELECT luoshi_key, luoshi_cid FROM luoshi.case_numbers ORDER BY luoshi_cid');
      expect(rows).toHaveLength(300);
      // Each 案号's place in code-point order, as DENSE_RANK over the keys gave it.
      const ids = rows.map((r) => String(r[0]));
      expect(ids).toEqual([...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
      expect(rows.map((r) => Number(r[1]))).toEqual(ids.map((_, k) => k + 1));
      await db.exec(
        "INSERT INTO zx_ajxx VALUES (17000001, '(2018)浙0203执9999号', '330203', '01', '20180301', NULL, NULL, 1000.00, 0.00, '9', '测试', NULL, '0'); INSERT INTO zx_ajxx VALUES (17000002, '(2018)浙0203执9997号', '330203', '01', '20180302', NULL, NULL, 1000.00, 0.00, '9', '测试', NULL, '0')",
      );
    });
    for (const [lang, message] of [
      [
        'zh',
        'luoshi check: zx_ajxx 有 2 个案件键在 luoshi db map 之后新增、尚未编号（如 "(2018)浙0203执9997号"）：请重新运行 luoshi db map\n',
      ],
      [
        'en',
        'luoshi check: zx_ajxx has 2 case key(s) added since luoshi db map, with no number yet (e.g. "(2018)浙0203执9997号"): run luoshi db map again\n',
      ],
    ] as const) {
      const r = check(url, TEXT_KEY_CONFIG, '--lang', lang);
      expect([r.status, r.stdout, r.stderr]).toEqual([2, '', message]);
    }
    const stale = explain('--db', url, '--config', TEXT_KEY_CONFIG);
    expect([stale.status, stale.stderr]).toEqual([
      2,
      expect.stringContaining('有 2 个案件键在 luoshi db map 之后新增'),
    ]);
    // db map again: numbered, the new cases counted.
    expect(luoshi('db', 'map', '--db', url, '--config', TEXT_KEY_CONFIG).status).toBe(0);
    const r = check(url, TEXT_KEY_CONFIG);
    expect(r.status).toBe(1); // the plan's targets: some fail on this data, as over the file
    expect((JSON.parse(r.stdout) as { data: { sources: Array<{ read: number }> } }).data.sources[0]!.read).toBe(302);
  });

  it('PostgreSQL: the same check', async () => {
    const pg = await courtPglite(TEXT_KEY_SQL);
    try {
      await makeViews(pg, readMappingConfig(ROOT, TEXT_KEY_CONFIG)!, 'en', 'pglite', () => undefined);
      expect(await pg.query('SELECT COUNT(*), MIN(luoshi_cid), MAX(luoshi_cid) FROM luoshi.case_numbers')).toEqual([
        [300, 1, 300],
      ]);
      await pg.exec(
        "INSERT INTO zx_ajxx VALUES (17000001, '(2018)浙0203执9999号', '330203', '01', '20180301', NULL, NULL, 1000.00, 0.00, '9', '测试', NULL, '0')",
      );
      await expect(checkKeys(pg, 'luoshi', 'pglite', 'en')).rejects.toThrow(
        new UsageError(
          'zx_ajxx has 1 case key(s) added since luoshi db map, with no number yet (e.g. "(2018)浙0203执9999号"): run luoshi db map again',
        ),
      );
    } finally {
      await pg.close();
    }
  });
});

describe('orphans written after db map: found at each run', () => {
  const ORPHANS = [
    "INSERT INTO zx_jdxx_ah VALUES ('(2016)浙02执404号', '2016-03-02 09:00:00.000001', '1001', DATE '2016-03-02', NULL, NULL)",
    "INSERT INTO zx_jdxx_ah VALUES ('(2016)浙02执404号', '2016-03-03 09:00:00.000001', '1101', DATE '2016-03-03', NULL, NULL)",
    "INSERT INTO zx_jdxx_ah VALUES ('(2016)浙02执405号', '2016-03-03 09:00:00.000001', '1101', DATE '2016-03-03', NULL, NULL)",
    "INSERT INTO zx_ajbq_ah VALUES ('(2016)浙02执404号', '涉民生')",
  ].join(';\n');

  it('DuckDB: counted and named as rejected records (D0123), within --max-rejected or over it; the figures unchanged', async () => {
    const url = await courtDuckDB(join(tmp, 'orphans.duckdb'), TEXT_KEY_SQL);
    expect(luoshi('db', 'map', '--db', url, '--config', TEXT_KEY_CONFIG).status).toBe(0);
    const before = check(url, TEXT_KEY_CONFIG, '--lang', 'en');
    // 1: some of the plan's targets fail on this data (as over the file); nothing is left out.
    expect([before.status, before.stderr]).toEqual([1, expect.not.stringContaining('left out')]);
    await withDb(url, (db) => db.exec(ORPHANS));
    const over = check(url, TEXT_KEY_CONFIG, '--lang', 'en');
    expect(over.status).toBe(1);
    const problems = (r: { stdout: string }) =>
      (JSON.parse(r.stdout) as { data: { problems: Array<{ code: string }> } }).data.problems.filter(
        (p) => p.code === 'D0123',
      );
    expect(problems(over)).toEqual([
      {
        file: `${url}#zx_ajbq_ah`,
        line: 0,
        field: 'cid',
        code: 'D0123',
        severity: 'error',
        message: '1 row(s) whose case key is no case of zx_ajxx (1 key(s), e.g. "(2016)浙02执404号"): left out',
      },
      {
        file: `${url}#zx_jdxx_ah`,
        line: 0,
        field: 'cid',
        code: 'D0123',
        severity: 'error',
        message: '3 row(s) whose case key is no case of zx_ajxx (2 key(s), e.g. "(2016)浙02执404号"): left out',
      },
    ]);
    expect(over.stderr).toContain(
      'the data is over the rejection budget: 4 records left out (1.32%) (4 rejected, 0 of courts not in the plan), more than --max-rejected 0',
    );
    const within = check(url, TEXT_KEY_CONFIG, '--max-rejected', '4', '--lang', 'en');
    expect([within.status, within.stderr]).toEqual([1, expect.not.stringContaining('rejection budget')]);
    expect(problems(within)).toHaveLength(2);
    const report = JSON.parse(within.stdout) as { data: { sources: unknown[] } };
    expect(report.data.sources[0]).toEqual({
      file: `${url}#luoshi.cases`,
      kind: 'cases',
      format: 'duckdb',
      read: 304,
      accepted: 300,
      rejected: 4,
    });
    expect(figures(within.stdout)).toMatchObject({
      indicators: (figures(before.stdout) as { indicators: unknown }).indicators,
    });
    // A case key two cases share, written after db map: no key, the run stops.
    await withDb(url, (db) =>
      db.exec(
        "INSERT INTO zx_ajxx VALUES (18999997, '(2016)浙02执1号', '330200', '01', '20160126', NULL, NULL, 1000.00, 0.00, '9', '测试', NULL, '0')",
      ),
    );
    const shared = check(url, TEXT_KEY_CONFIG, '--lang', 'en', '--max-rejected', '4');
    expect([shared.status, shared.stderr]).toEqual([
      2,
      'luoshi check: zx_ajxx has 1 case key(s) that are each more than one case (2 rows, e.g. "(2016)浙02执1号"): a case key must be unique; correct the data or the mapping and run luoshi db map again\n',
    ]);
  });

  it('PostgreSQL: the same rows found by the same check', async () => {
    const pg = await courtPglite(TEXT_KEY_SQL);
    try {
      await makeViews(pg, readMappingConfig(ROOT, TEXT_KEY_CONFIG)!, 'en', 'pglite', () => undefined);
      for (const statement of ORPHANS.split(';\n')) await pg.exec(statement);
      const k = await checkKeys(pg, 'luoshi', 'pglite', 'zh');
      expect(k.rejected).toBe(4);
      expect(k.problems.map((p) => [p.file, p.code, p.message])).toEqual([
        ['pglite#zx_ajbq_ah', 'D0123', '1 行的案件键在 zx_ajxx 中没有案件（1 个键，如 "(2016)浙02执404号"），未计入'],
        ['pglite#zx_jdxx_ah', 'D0123', '3 行的案件键在 zx_ajxx 中没有案件（2 个键，如 "(2016)浙02执404号"），未计入'],
      ]);
    } finally {
      await pg.close();
    }
  });
});
