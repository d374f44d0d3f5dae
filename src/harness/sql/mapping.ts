// A court's own tables as luoshi's canonical ones (`luoshi db map`, docs/sql.md): the mapping read from
// luoshi.config.yaml, checked against the database's catalog (every table and column there, of a type that
// fits), the views made in one transaction, and the rows that do not convert (a date that is not one, a
// code without a mapping) counted and named — any of them and nothing is made.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConfig } from '../../engine/plugins/config.js';
import {
  CANONICAL_COLUMNS,
  KIND_EN,
  KIND_ZH,
  ORDERED_KEYS,
  sourceColumns,
  type CanonicalColumn,
  type ColumnSource,
  type DatabaseConfig,
  type TableMapping,
  type Where,
} from '../../engine/sql/mapping.js';
import {
  invalidRowsQueries,
  keyCheckView,
  numberingDDL,
  placed,
  viewDDL,
  type CourtPlace,
  type InvalidRowsQuery,
} from '../../engine/sql/mapping-views.js';
import type { Lang } from '../../engine/report/diagnostics-format.js';
import { findConfig } from '../workspace-root.js';
import { displayPath } from '../host.js';
import { UsageError } from '../io.js';
import { transaction, type SqlDatabase } from './database.js';
import { TABLES } from '../../engine/sql/schema.js';

/** A configuration's `database:` section and the file it was read from (as shown to the user). */
export interface MappingConfig {
  database: DatabaseConfig;
  file: string;
}

/** The `database:` section of `--config F`, else of the luoshi.config.yaml governing `cwd`; null when there is none. */
export function readMappingConfig(cwd: string, configPath?: string): MappingConfig | null {
  let abs: string | null;
  if (configPath !== undefined) {
    abs = resolve(cwd, configPath);
    if (!existsSync(abs)) throw new UsageError(`找不到配置文件 / no such configuration file: ${configPath}`);
  } else abs = findConfig(cwd);
  if (!abs) return null;
  const file = displayPath(cwd, abs);
  const { config, diagnostics } = parseConfig(readFileSync(abs, 'utf8'), file);
  if (diagnostics.length)
    throw new UsageError(
      diagnostics
        // A mapping's own problems say file:line:column already; the schema's get the file and line here.
        .map(
          (d) =>
            `${d.message.includes(`${file}:`) ? '' : `${file}:${d.range.start.line + 1}: `}${d.message} / ${d.messageEn}`,
        )
        .join('\n'),
    );
  return config.database ? { database: config.database, file } : null;
}

/** The URL with its `${NAME}` references replaced by the environment's values (encoded for a URL). */
export function resolveUrl(url: string, env: NodeJS.ProcessEnv, where: string): string {
  return url.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const v = env[name];
    if (v === undefined)
      throw new UsageError(
        `环境变量 ${name} 未设置（${where} 的 database.url 引用它） / the environment variable ${name} is not set (database.url in ${where} refers to it)`,
      );
    return encodeURIComponent(v);
  });
}

type SourceType = 'text' | 'integer' | 'number' | 'date' | 'bool' | 'other';

/** What a catalog's data_type (PostgreSQL's or DuckDB's spelling) holds. */
export function sourceType(dataType: string): SourceType {
  const t = dataType.toLowerCase();
  if (/char|text|string|clob/.test(t)) return 'text';
  if (/^(u?(tiny|small|big|huge)?int(eger)?|int[248])$/.test(t)) return 'integer';
  if (/^(numeric|decimal|real|double|float)/.test(t)) return 'number';
  if (/^(date|timestamp)/.test(t)) return 'date';
  if (/^bool/.test(t)) return 'bool';
  return 'other';
}

/** Which source types each use of a column accepts. */
function accepts(c: CanonicalColumn, s: Exclude<ColumnSource, { kind: 'value' }>): SourceType[] {
  if (s.kind === 'codes') return ['text', 'integer'];
  if (s.kind === 'date') return ['text'];
  if (s.kind === 'yuan') return ['integer', 'number'];
  switch (c.kind) {
    case 'text':
      return ['text', 'integer'];
    case 'int':
    case 'bigint':
      return ['integer', 'number'];
    case 'fen':
      return ['integer'];
    case 'date':
      return ['date'];
    case 'bool':
      return ['bool'];
    case 'double':
      return ['integer', 'number'];
  }
}

const HINT: Partial<Record<string, { zh: string; en: string }>> = {
  key: {
    zh: '不是整数的案件键（如案号）请写 { column: C, key: text }',
    en: 'for a case key that is not an integer (such as 案号) write { column: C, key: text }',
  },
  order: {
    zh: '由排序列编号请写 { order: [C] }',
    en: 'to number the rows in the order of a column write { order: [C] }',
  },
  'date:text': {
    zh: '文字写的日期请写 { column: C, date: YYYYMMDD }',
    en: 'for a date written as text write { column: C, date: YYYYMMDD }',
  },
  'fen:number': {
    zh: '以元计的金额请写 { column: C, yuan: true }',
    en: 'for an amount in yuan write { column: C, yuan: true }',
  },
  'bool:text': {
    zh: '代码请通过代码表映射：{ column: C, codes: 名称 }',
    en: 'map its codes with a code map: { column: C, codes: NAME }',
  },
  'bool:integer': {
    zh: '代码请通过代码表映射：{ column: C, codes: 名称 }',
    en: 'map its codes with a code map: { column: C, codes: NAME }',
  },
};

/** One line per problem, in both languages, pointing at the mapping's place in the file. */
const at = (file: string, w: Where): string => `${file}:${w.line}:${w.column}`;

/**
 * Checks every mapped table and column against the database's catalog (information_schema): the tables
 * exist, their columns exist, each of a type its use fits. Returns the problems, one line each.
 */
export async function catalogProblems(db: SqlDatabase, m: MappingConfig): Promise<string[]> {
  const mapped = Object.values(m.database.tables) as TableMapping[];
  const names = [...new Set(mapped.map((t) => t.from.split('.').pop()!.toLowerCase()))];
  const rows = await db.query(
    `SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns WHERE LOWER(table_name) IN (${names.map((n) => `'${n}'`).join(', ')}) AND table_schema <> '${m.database.schema}' ORDER BY table_schema, table_name, ordinal_position`,
  );
  const problems: string[] = [];
  for (const t of mapped) {
    const [schema, table] = t.from.includes('.') ? t.from.toLowerCase().split('.') : [null, t.from.toLowerCase()];
    const mine = rows.filter(
      (r) => String(r[1]).toLowerCase() === table && (!schema || String(r[0]).toLowerCase() === schema),
    );
    // Unqualified and in several schemas: the first (PostgreSQL's public, DuckDB's main sort first among the usual ones).
    const first = mine.length ? String(mine[0]![0]) : null;
    const columns = new Map(
      mine.filter((r) => String(r[0]) === first).map((r) => [String(r[2]).toLowerCase(), String(r[3])]),
    );
    if (!columns.size) {
      problems.push(
        `映射 ${t.table} → ${t.from}：数据库中没有表 ${t.from}（${at(m.file, t.at)}） / mapping ${t.table} → ${t.from}: table ${t.from} does not exist in the database (${at(m.file, t.at)})`,
      );
      continue;
    }
    for (const c of CANONICAL_COLUMNS[t.table]) {
      const s = t.columns[c.name];
      if (!s || s.kind === 'value') continue;
      for (const column of sourceColumns(s)) {
        const problem = columnProblem(t, c, s, column, columns.get(column.toLowerCase()));
        if (problem) problems.push(`${problem.zh}（${at(m.file, s.at)}） / ${problem.en} (${at(m.file, s.at)})`);
      }
    }
  }
  return problems;
}

/** Why `column` of the court's table cannot serve `s` (its catalog type `type`, undefined: no such column); null when it can. */
function columnProblem(
  t: TableMapping,
  c: CanonicalColumn,
  s: Exclude<ColumnSource, { kind: 'value' }>,
  column: string,
  type: string | undefined,
): { zh: string; en: string } | null {
  const head = `映射 ${t.table}.${c.name} → ${t.from}.${column}`;
  const headEn = `mapping ${t.table}.${c.name} → ${t.from}.${column}`;
  if (type === undefined)
    return {
      zh: `${head}：表 ${t.from} 没有列 ${column}`,
      en: `${headEn}: column ${column} does not exist in table ${t.from}`,
    };
  if (s.kind === 'key' || s.kind === 'order') {
    const use = keyUse(type);
    if (s.kind === 'key' ? use.key : use.order) return null;
    return s.kind === 'key'
      ? {
          zh: `${head}：列 ${column} 的类型是 ${type}，不能作案件键（须为文字、整数、定点数或 UUID）`,
          en: `${headEn}: column ${column} is ${type}, which cannot be a case key (it must be text, an integer, a decimal or a UUID)`,
        }
      : {
          zh: `${head}：列 ${column} 的类型是 ${type}，不能用来排序（须为文字、数值、日期、时间或 UUID）`,
          en: `${headEn}: column ${column} is ${type}, which cannot order rows (it must be text, a number, a date, a timestamp or a UUID)`,
        };
  }
  const kind = sourceType(type);
  if (accepts(c, s).includes(kind)) return null;
  const hint =
    s.kind !== 'column'
      ? undefined
      : c.name === 'cid' && keyUse(type).key
        ? HINT.key
        : ORDERED_KEYS[t.table] === c.name && keyUse(type).order
          ? HINT.order
          : HINT[`${c.kind}:${kind}`];
  const want =
    s.kind === 'date'
      ? { zh: '文字', en: 'text' }
      : s.kind === 'yuan'
        ? { zh: '数值', en: 'a number' }
        : s.kind === 'codes'
          ? { zh: '文字或整数代码', en: 'a text or integer code' }
          : { zh: KIND_ZH[c.kind], en: KIND_EN[c.kind] };
  return {
    zh: `${head}：列 ${column} 的类型是 ${type}，不是${want.zh}${hint ? `；${hint.zh.replace('C', column)}` : ''}`,
    en: `${headEn}: column ${column} is ${type}, not ${want.en}${hint ? `; ${hint.en.replace('C', column)}` : ''}`,
  };
}

/**
 * Which catalog types can be a key: a case key is compared for equality (text, an integer, an exact decimal,
 * a UUID); an order column also may be a float, a date or a time. Never a yes/no, JSON, bytes, a list or a
 * structure.
 */
export function keyUse(dataType: string): { key: boolean; order: boolean } {
  const t = dataType.toLowerCase();
  if (/\[\]|^(array|struct|map|union|list)/.test(t)) return { key: false, order: false };
  const kind = sourceType(t);
  if (kind === 'text' || kind === 'integer' || /^(numeric|decimal)/.test(t) || t === 'uuid')
    return { key: true, order: true };
  if (kind === 'number' || kind === 'date' || /^time/.test(t)) return { key: false, order: true };
  return { key: false, order: false };
}

const LIMIT = 20;

/** What is wrong with one row (or case key) a query of invalidRowsQueries found, in `l`. */
function invalidWhat(q: InvalidRowsQuery, raw: unknown, name: unknown, cases: string, l: Lang): string {
  const s = q.source;
  switch (q.problem) {
    case 'date': {
      const format = s.kind === 'date' ? s.format : '';
      return l === 'zh'
        ? `${q.column.zh} ${JSON.stringify(raw)} 不是 ${format} 格式的日期`
        : `${q.column.en} ${JSON.stringify(raw)} is not a date in the form ${format}`;
    }
    case 'codes': {
      const codes = s.kind === 'codes' ? s.codes : '';
      return l === 'zh'
        ? `${q.column.zh}代码 ${JSON.stringify(raw)} 在代码表 ${codes} 中没有映射`
        : `${q.column.en} code ${JSON.stringify(raw)} has no mapping in the code map ${codes}`;
    }
    case 'orphan':
      return l === 'zh'
        ? `${raw} 行的案件键 ${JSON.stringify(name)} 在 ${cases} 中没有案件`
        : `${raw} row(s) whose case key ${JSON.stringify(name)} is no case of ${cases}`;
    case 'duplicate':
      return l === 'zh'
        ? `案件键 ${JSON.stringify(name)} 有 ${raw} 个案件`
        : `the case key ${JSON.stringify(name)} is ${raw} cases`;
  }
}

/**
 * The rows of every mapped table that do not map — dates or codes that do not convert, tags and events
 * whose case key no case has, a case key more than one case has: up to 20 lines named by table and row,
 * and the counts (rows whose dates or codes fail, rows whose case key fails) with the tables of each.
 */
export async function invalidRows(
  db: SqlDatabase,
  m: MappingConfig,
  place: CourtPlace | undefined,
  l: Lang,
): Promise<{ lines: string[]; values: Tally; keys: Tally; more: number }> {
  const lines: string[] = [];
  const values: Tally = { count: 0, tables: [] };
  const keys: Tally = { count: 0, tables: [] };
  let found = 0;
  const cases = m.database.tables.cases?.from ?? 'cases';
  for (const q of invalidRowsQueries(placed(m.database, place), db.dialect, LIMIT)) {
    const rows = await db.query(q.sql);
    if (!rows.length) continue;
    const from = m.database.tables[q.table]!.from;
    const tally = q.problem === 'date' || q.problem === 'codes' ? values : keys;
    if (!tally.tables.includes(from)) tally.tables.push(from);
    tally.count += Number(rows[0]![2]);
    found += Number(rows[0]![q.problem === 'date' || q.problem === 'codes' ? 2 : 3]);
    for (const [name, raw] of rows) {
      if (lines.length >= LIMIT) break;
      const what = invalidWhat(q, raw, name, cases, l);
      lines.push(
        `${from}#${name === null ? '?' : String(name)}${l === 'zh' ? '：' : ': '}${what} (${at(m.file, q.source.at)})`,
      );
    }
  }
  // More than shown: rows of dates and codes, keys of orphans and duplicates (as many as lines they would take).
  return { lines, values, keys, more: Math.max(0, found - lines.length) };
}

/** A count of rows that do not map and the court's tables they are in. */
interface Tally {
  count: number;
  tables: string[];
}

/** The DDL `db map` runs (and `--print` prints), in the database's dialect: the schema, the case numbers, the views, the key check. */
export function mappingDDL(
  db: Pick<SqlDatabase, 'dialect'>,
  m: MappingConfig,
  place: CourtPlace | undefined,
): { schema: string[]; views: string[]; keyCheck: string } {
  const d = db.dialect;
  const at = placed(m.database, place);
  return {
    schema: [`CREATE SCHEMA IF NOT EXISTS ${m.database.schema}`, ...numberingDDL(at, d)],
    views: viewDDL(at, d),
    keyCheck: keyCheckView(at, m.database, d),
  };
}

/** Every statement of mappingDDL, in order. */
export const allStatements = (ddl: ReturnType<typeof mappingDDL>): string[] => [
  ...ddl.schema,
  ...ddl.views,
  ddl.keyCheck,
];

/** Where a DuckDB session's court tables are (mapping-views.ts `placed`); undefined on PostgreSQL. */
export async function courtPlace(db: SqlDatabase): Promise<CourtPlace | undefined> {
  if (db.dialect.name !== 'duckdb') return undefined;
  const [[catalog, schema]] = (await db.query('SELECT current_database(), current_schema()')) as [[string, string]];
  return { catalog, schema };
}

/** The place `luoshi db map --print` assumes for a DuckDB file: its name up to the first dot (DuckDB's catalog name), schema main. */
export function filePlace(url: string): CourtPlace | undefined {
  if (!url.startsWith('duckdb:')) return undefined;
  const base = url.slice('duckdb:'.length).split(/[\\/]/).pop() ?? '';
  return { catalog: base.split('.')[0]!, schema: 'main' };
}

/**
 * Checks the mapping against the catalog, then makes the schema and its views and checks every row's dates
 * and codes, in one transaction: a problem, a row that does not convert (named on `stderr`) or a database
 * error, and nothing is made. Returns each view's row count, in TABLES order.
 */
export async function makeViews(
  db: SqlDatabase,
  m: MappingConfig,
  l: Lang,
  where: string,
  stderr: (text: string) => void,
): Promise<number[]> {
  const problems = await catalogProblems(db, m);
  if (problems.length) throw new UsageError(problems.join('\n'));
  const schema = m.database.schema;
  const place = await courtPlace(db);
  const ddl = mappingDDL(db, m, place);
  return transaction(db, where, async () => {
    for (const s of ddl.schema) await db.exec(s);
    for (const [k, s] of ddl.views.entries()) {
      const table = TABLES[k]!;
      try {
        await db.exec(s);
      } catch (e) {
        const t = m.database.tables[table];
        throw new UsageError(
          `视图 ${schema}.${table}${t ? `（来自 ${t.from}）` : ''}无法建立，未建任何视图 / the view ${schema}.${table}${t ? ` (from ${t.from})` : ''} cannot be made, nothing was made: ${firstLine(e)}${t ? ` (${m.file}:${t.at.line}:${t.at.column})` : ''}`,
        );
      }
    }
    await db.exec(ddl.keyCheck);
    const bad = await invalidRows(db, m, place, l);
    if (bad.values.count || bad.keys.count) {
      // Thrown inside the transaction: it is rolled back, nothing is made.
      for (const line of bad.lines) stderr(line + '\n');
      if (bad.more) stderr(l === 'zh' ? `……另有 ${bad.more} 处\n` : `… ${bad.more} more\n`);
      const zh: string[] = [];
      const en: string[] = [];
      if (bad.values.count) {
        zh.push(`${bad.values.tables.join('、')} 有 ${bad.values.count} 处日期或代码无法映射`);
        en.push(`${bad.values.count} dates or codes of ${bad.values.tables.join(', ')} do not map`);
      }
      if (bad.keys.count) {
        zh.push(`${bad.keys.tables.join('、')} 有 ${bad.keys.count} 行的案件键不对应唯一的案件`);
        en.push(`${bad.keys.count} rows of ${bad.keys.tables.join(', ')} have a case key that is not one case's`);
      }
      throw new UsageError(`${zh.join('；')}，未建任何视图 / ${en.join('; ')}: nothing was made`);
    }
    const counts: number[] = [];
    for (const t of TABLES) counts.push(Number((await db.query(`SELECT COUNT(*) FROM ${schema}.${t}`))[0]![0]));
    return counts;
  });
}

/** A database's message on one line (DuckDB's run to several, with a caret under the place). */
function firstLine(e: unknown): string {
  return ((e as Error).message ?? String(e)).split('\n')[0]!;
}
