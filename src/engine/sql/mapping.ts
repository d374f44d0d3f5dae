// The mapping from a court system's own tables to luoshi's canonical schema (docs/sql.md, "A court's own
// tables"): luoshi.config.yaml's `database:` section, its JSON Schema, and its reading into a typed mapping
// that remembers where in the file each piece was written, so every later complaint can point there.
//
//   database:
//     url: postgres://luoshi_reader:${LUOSHI_DB_PASSWORD}@127.0.0.1:5432/court   # serve's data source
//     schema: luoshi                          # where `luoshi db map` puts the views (the default)
//     codes:                                  # code maps: a court system's codes → luoshi's words
//       结案方式: { '0301': 执行完毕, '0302': 终结本次执行程序 }
//     tables:
//       cases:
//         from: zx_ajxx                       # the court system's table (schema.table allowed)
//         where: "sfsc = '0'"                 # optional: which of its rows are cases
//         columns:
//           cid: ajbs                         # a column as it is
//           filed: { column: larq, date: YYYYMMDD }   # a date written as text
//           closure: { column: jafs, codes: 结案方式 }  # a code, through a code map
//           claimed_fen: { column: sqbdje, yuan: true } # an amount in 元, as integer 分
//           team: { value: null }             # a constant
//       events:
//         columns:
//           cid: { column: ah, key: text }    # a case's key written as text (案号): numbered (mapping-views.ts)
//           eid: { order: [jdsj] }            # numbered from the columns that order a case's events
import { TABLES } from './schema.js';

export type CanonicalTable = (typeof TABLES)[number];
/** What a canonical column holds: `fen` is integer 分 (BIGINT). */
export type CanonicalKind = 'int' | 'bigint' | 'fen' | 'text' | 'date' | 'bool' | 'double';

export interface CanonicalColumn {
  name: string;
  kind: CanonicalKind;
  required: boolean;
  zh: string;
  en: string;
}

const col = (name: string, kind: CanonicalKind, required: boolean, zh: string, en: string): CanonicalColumn => ({
  name,
  kind,
  required,
  zh,
  en,
});

/** Every canonical table's columns in the order of src/engine/sql/schema.ts, with the names people read. */
export const CANONICAL_COLUMNS: Readonly<Record<CanonicalTable, readonly CanonicalColumn[]>> = {
  cases: [
    col('cid', 'int', true, '案件键', 'case key'),
    col('id', 'text', true, '案号', 'case number'),
    col('court', 'text', true, '法院', 'court'),
    col('type', 'text', false, '类型', 'type'),
    col('filed', 'date', true, '立案日期', 'filed'),
    col('closed', 'date', false, '结案日期', 'closed'),
    col('closure', 'text', false, '结案方式', 'closure'),
    col('claimed_fen', 'fen', false, '申请标的', 'claimed'),
    col('recovered_fen', 'fen', false, '到位金额', 'recovered'),
    col('property', 'bool', false, '有财产', 'property'),
    col('handler', 'text', true, '承办人', 'handler'),
    col('team', 'text', false, '团队', 'team'),
  ],
  case_tags: [col('cid', 'int', true, '案件键', 'case key'), col('tag', 'text', true, '标签', 'tag')],
  events: [
    col('eid', 'bigint', true, '事件键', 'event key'),
    col('cid', 'int', true, '案件键', 'case key'),
    col('type', 'text', true, '事件类型', 'event type'),
    col('day', 'date', true, '事件日期', 'event date'),
    col('amount_fen', 'fen', false, '金额', 'amount'),
    col('note', 'text', false, '备注', 'note'),
  ],
  progress: [
    col('pid', 'int', true, '进度键', 'progress key'),
    col('task', 'text', true, '任务', 'task'),
    col('milestone', 'text', false, '节点', 'milestone'),
    col('done', 'date', true, '完成日期', 'done'),
    col('done_by', 'text', false, '完成单位', 'done by'),
    col('evidence', 'text', false, '佐证', 'evidence'),
  ],
  staffing: [
    col('sid', 'int', true, '人员键', 'staffing key'),
    col('court', 'text', true, '法院', 'court'),
    col('day', 'date', true, '日期', 'date'),
    col('enforcement_staff', 'double', false, '执行人员', 'enforcement staff'),
    col('establishment', 'double', false, '政法编制', 'establishment'),
    col('quota_judges', 'double', false, '员额法官', 'quota judges'),
  ],
};

/** Where in luoshi.config.yaml something was written (1-based, as editors count). */
export interface Where {
  line: number;
  column: number;
}

/** The closed set of text date layouts a court system's column may use. */
export const DATE_FORMATS = ['YYYYMMDD', 'YYYY-MM-DD', 'YYYY/MM/DD', 'YYYY.MM.DD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** How one canonical column is computed from the court system's row. */
export type ColumnSource =
  | { kind: 'column'; column: string; at: Where }
  | { kind: 'codes'; column: string; codes: string; at: Where }
  | { kind: 'date'; column: string; format: DateFormat; at: Where }
  | { kind: 'yuan'; column: string; at: Where }
  | { kind: 'value'; value: string | number | boolean | null; at: Where }
  /** cid from a case key of any comparable type (案号 as text, a UUID): numbered over the cases (mapping-views.ts). */
  | { kind: 'key'; column: string; at: Where }
  /** eid, pid or sid numbered from the columns that order the table's rows (ties: the row's other columns). */
  | { kind: 'order'; columns: string[]; at: Where };

/** The canonical keys that may be numbered from order columns (`{ order: [...] }`). */
export const ORDERED_KEYS: Readonly<Partial<Record<CanonicalTable, string>>> = {
  events: 'eid',
  progress: 'pid',
  staffing: 'sid',
};

/** The court's columns a source reads (none for a constant). */
export function sourceColumns(s: ColumnSource): string[] {
  return s.kind === 'value' ? [] : s.kind === 'order' ? s.columns : [s.column];
}

/** Whether the mapping's case key is written as text (cases.cid `{ column, key: text }`): tags and events then join it. */
export const textCaseKey = (db: DatabaseConfig): boolean => db.tables.cases?.columns.cid?.kind === 'key';

export interface TableMapping {
  table: CanonicalTable;
  from: string;
  where?: string;
  at: Where;
  /** Canonical column → its source; a column left out is NULL (only optional ones may be). */
  columns: Record<string, ColumnSource>;
}

export interface DatabaseConfig {
  /** The data source's URL as written (an `${ENV}` reference left in place: resolved when used). */
  url?: string;
  urlAt?: Where;
  /** The schema of the canonical views; default `luoshi`. */
  schema: string;
  /** A code map: a court system's code → luoshi's word (or yes/no); null: a known code meaning "not stated". */
  codes: Record<string, { values: Record<string, string | boolean | null>; at: Where }>;
  tables: Partial<Record<CanonicalTable, TableMapping>>;
  /** Where the views read the text case keys' numbers, when it is not `schema.case_numbers` (mapping-views.ts `placed`). */
  numbers?: string;
}

export const DEFAULT_VIEW_SCHEMA = 'luoshi';

/** Where the canonical tables are read when a configuration maps a court's own tables: its views' schema; else undefined (the search path). */
export function viewSchema(db: DatabaseConfig | undefined): string | undefined {
  return db?.tables.cases ? db.schema : undefined;
}

const IDENT = '^[A-Za-z_][A-Za-z0-9_]*$';
const COLUMN = { type: 'string', pattern: IDENT } as const;

const COLUMN_SOURCE = {
  oneOf: [
    COLUMN,
    {
      type: 'object',
      additionalProperties: false,
      required: ['column'],
      properties: {
        column: COLUMN,
        codes: { type: 'string', minLength: 1 },
        date: { enum: [...DATE_FORMATS] },
        yuan: { const: true },
        key: { const: 'text' },
      },
      // At most one of codes, date, yuan and key.
      not: {
        anyOf: [
          { required: ['codes', 'date'] },
          { required: ['codes', 'yuan'] },
          { required: ['date', 'yuan'] },
          { required: ['key', 'codes'] },
          { required: ['key', 'date'] },
          { required: ['key', 'yuan'] },
        ],
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['order'],
      properties: { order: { type: 'array', minItems: 1, uniqueItems: true, items: COLUMN } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['value'],
      properties: { value: { type: ['string', 'number', 'boolean', 'null'] } },
    },
  ],
} as const;

/** The JSON Schema of `database:` (part of CONFIG_SCHEMA in src/engine/plugins/config.ts). */
export const DATABASE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    url: { type: 'string', pattern: '^(postgres(ql)?://|duckdb:)' },
    schema: { type: 'string', pattern: '^[a-z_][a-z0-9_]*$' },
    codes: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        minProperties: 1,
        additionalProperties: { oneOf: [{ type: 'string', minLength: 1 }, { type: 'boolean' }, { type: 'null' }] },
      },
    },
    tables: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        TABLES.map((t) => [
          t,
          {
            type: 'object',
            additionalProperties: false,
            required: ['from', 'columns'],
            properties: {
              from: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$' },
              where: { type: 'string', minLength: 1 },
              columns: {
                type: 'object',
                additionalProperties: false,
                properties: Object.fromEntries(CANONICAL_COLUMNS[t].map((c) => [c.name, COLUMN_SOURCE])),
              },
            },
          },
        ]),
      ),
    },
  },
} as const;

/** A problem with the mapping itself, found before any database is asked. */
export interface MappingProblem {
  zh: string;
  en: string;
  at: Where;
}

type RawSource =
  | string
  | {
      column?: string;
      codes?: string;
      date?: DateFormat;
      yuan?: true;
      key?: 'text';
      order?: string[];
      value?: unknown;
    };
interface RawDatabase {
  url?: string;
  schema?: string;
  codes?: Record<string, Record<string, string | boolean | null>>;
  tables?: Partial<Record<CanonicalTable, { from: string; where?: string; columns: Record<string, RawSource> }>>;
}

/**
 * The `database:` section, already valid against DATABASE_SCHEMA, as a typed mapping; `at(path)` says
 * where a path of keys was written. Returns the problems the schema cannot see: a password written into
 * the URL, a code map that does not exist or whose values do not fit, a required column left out, a
 * constant of the wrong type.
 */
export function readDatabaseConfig(
  raw: unknown,
  at: (path: Array<string | number>) => Where,
): { database: DatabaseConfig; problems: MappingProblem[] } {
  const v = raw as RawDatabase;
  const problems: MappingProblem[] = [];
  const database: DatabaseConfig = { schema: v.schema ?? DEFAULT_VIEW_SCHEMA, codes: {}, tables: {} };
  if (v.url !== undefined) {
    database.url = v.url;
    database.urlAt = at(['database', 'url']);
    const password = /^[a-z]+:\/\/[^/@:]*:([^@/]*)@/.exec(v.url)?.[1];
    if (password !== undefined && password !== '' && !/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(password))
      problems.push({
        zh: 'database.url 中不得写入密码：请写成环境变量引用，如 ${LUOSHI_DB_PASSWORD}',
        en: 'database.url must not hold a password: write an environment variable reference such as ${LUOSHI_DB_PASSWORD}',
        at: database.urlAt,
      });
  }
  for (const [name, values] of Object.entries(v.codes ?? {}))
    database.codes[name] = { values, at: at(['database', 'codes', name]) };
  for (const table of TABLES) {
    const t = v.tables?.[table];
    if (!t) continue;
    const path = ['database', 'tables', table];
    const mapping: TableMapping = { table, from: t.from, at: at([...path, 'from']), columns: {} };
    if (t.where !== undefined) mapping.where = t.where;
    for (const c of CANONICAL_COLUMNS[table]) {
      const s = t.columns[c.name];
      const where = at([...path, 'columns', c.name]);
      if (s === undefined) {
        if (c.required)
          problems.push({
            zh: `映射 ${table} 缺少必需的列 ${c.name}（${c.zh}）`,
            en: `mapping ${table} lacks the required column ${c.name} (${c.en})`,
            at: at([...path, 'columns']),
          });
        continue;
      }
      const source = columnSource(s, where);
      const wrong = sourceProblem(table, c, source, database);
      if (wrong) problems.push(wrong);
      mapping.columns[c.name] = source;
    }
    database.tables[table] = mapping;
  }
  problems.push(...keyProblems(database, at));
  if (v.tables && !v.tables.cases)
    problems.push({
      zh: '映射缺少 cases 表',
      en: 'the mapping has no cases table',
      at: at(['database', 'tables']),
    });
  return { database, problems };
}

function columnSource(s: RawSource, at: Where): ColumnSource {
  if (typeof s === 'string') return { kind: 'column', column: s, at };
  if ('value' in s) return { kind: 'value', value: s.value as string | number | boolean | null, at };
  if (s.order) return { kind: 'order', columns: s.order, at };
  const column = s.column!;
  if (s.key) return { kind: 'key', column, at };
  if (s.codes !== undefined) return { kind: 'codes', column, codes: s.codes, at };
  if (s.date !== undefined) return { kind: 'date', column, format: s.date, at };
  if (s.yuan) return { kind: 'yuan', column, at };
  return { kind: 'column', column, at };
}

function sourceProblem(table: string, c: CanonicalColumn, s: ColumnSource, db: DatabaseConfig): MappingProblem | null {
  const name = `${table}.${c.name}`;
  const problem = (zh: string, en: string): MappingProblem => ({
    zh: `映射 ${name}：${zh}`,
    en: `mapping ${name}: ${en}`,
    at: s.at,
  });
  if (s.kind === 'codes') {
    const map = db.codes[s.codes];
    if (!map)
      return problem(`没有名为 ${s.codes} 的代码表（database.codes）`, `no code map named ${s.codes} (database.codes)`);
    if (c.kind !== 'text' && c.kind !== 'bool')
      return problem('只有文字列和是否列可以用代码表', 'only text and yes/no columns can use a code map');
    const want = c.kind === 'bool' ? 'boolean' : 'string';
    const bad = Object.entries(map.values).find(([, x]) => x !== null && typeof x !== want);
    if (bad)
      return problem(
        `代码表 ${s.codes} 的代码 ${bad[0]} 应映射为${c.kind === 'bool' ? ' true 或 false' : '文字'}`,
        `code ${bad[0]} of the code map ${s.codes} must map to ${c.kind === 'bool' ? 'true or false' : 'text'}`,
      );
  }
  if (s.kind === 'key' && c.name !== 'cid')
    return problem(
      '只有案件键 cid 可以写成 { column: C, key: text }',
      'only the case key cid can be written { column: C, key: text }',
    );
  if (s.kind === 'order' && ORDERED_KEYS[table as CanonicalTable] !== c.name)
    return problem(
      '只有 events.eid、progress.pid 和 staffing.sid 可以由排序列编号（order）',
      'only events.eid, progress.pid and staffing.sid can be numbered from order columns (order)',
    );
  if (s.kind === 'date' && c.kind !== 'date') return problem(`${c.zh}不是日期列`, `${c.en} is not a date column`);
  if (s.kind === 'yuan' && c.kind !== 'fen') return problem(`${c.zh}不是金额列`, `${c.en} is not an amount column`);
  if (s.kind === 'value') {
    const v = s.value;
    const fits =
      v === null
        ? !c.required
        : c.kind === 'text'
          ? typeof v === 'string'
          : c.kind === 'bool'
            ? typeof v === 'boolean'
            : c.kind === 'date'
              ? typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
              : c.kind === 'double'
                ? typeof v === 'number'
                : Number.isInteger(v);
    if (!fits)
      return problem(
        `常量 ${JSON.stringify(v)} 不适合${c.zh}（${KIND_ZH[c.kind]}${c.required ? '，必需' : ''}）`,
        `the constant ${JSON.stringify(v)} does not fit ${c.en} (${KIND_EN[c.kind]}${c.required ? ', required' : ''})`,
      );
  }
  return null;
}

/**
 * A case key written as text is the cases' and also every table's that names a case: tags and events join
 * the cases by it, so either all of them write it `{ column, key: text }` or none does.
 */
function keyProblems(db: DatabaseConfig, at: (path: Array<string | number>) => Where): MappingProblem[] {
  const text = textCaseKey(db);
  const out: MappingProblem[] = [];
  for (const table of ['case_tags', 'events'] as const) {
    const s = db.tables[table]?.columns.cid;
    if (!s || (s.kind === 'key') === text) continue;
    out.push(
      text
        ? {
            zh: `映射 ${table}.cid：cases.cid 是文字键，这里也须写成 { column: C, key: text }（同一案件键）`,
            en: `mapping ${table}.cid: cases.cid is a text key, so this must be { column: C, key: text } too (the same case key)`,
            at: s.at,
          }
        : {
            zh: `映射 ${table}.cid：cases.cid 不是文字键，这里不能写 key: text`,
            en: `mapping ${table}.cid: cases.cid is not a text key, so this cannot be key: text`,
            at: at(['database', 'tables', table, 'columns', 'cid']),
          },
    );
  }
  return out;
}

export const KIND_ZH: Record<CanonicalKind, string> = {
  int: '整数',
  bigint: '整数',
  fen: '金额（分）',
  text: '文字',
  date: '日期',
  bool: '是否',
  double: '数值',
};
export const KIND_EN: Record<CanonicalKind, string> = {
  int: 'an integer',
  bigint: 'an integer',
  fen: 'an amount in fen',
  text: 'text',
  date: 'a date',
  bool: 'yes/no',
  double: 'a number',
};
