// `luoshi db map`: a court system's own tables made readable as luoshi's canonical tables — views in a
// schema of luoshi's own, from the mapping in luoshi.config.yaml (docs/sql.md, "A court's own tables").
// Checked against the catalog first; made in one transaction, rolled back if any row does not convert.
import { parseArgs } from 'node:util';
import { DIALECTS } from '../../engine/sql/dialect.js';
import { TABLES } from '../../engine/sql/schema.js';
import { EXIT_OK, UsageError, type CliIO } from '../io.js';
import { openDatabaseUrl, safeUrl } from '../sql/database.js';
import { allStatements, filePlace, makeViews, mappingDDL, readMappingConfig, resolveUrl } from '../sql/mapping.js';
import { lang } from './check.js';

export const DB_MAP_HELP = `luoshi db map [--db URL] [--config FILE] [--schema NAME] [--print] [--lang zh|en]

  Makes a court system's own tables readable as luoshi's canonical tables: from the mapping in
  luoshi.config.yaml (database.tables, database.codes; docs/sql.md) it checks that every table and column
  exists and has a type that fits, creates the views cases, case_tags, events, progress and staffing in a
  schema of their own (default luoshi), and checks every row's dates and codes — all in one transaction:
  a row that does not convert, or any database error, and nothing is made. A case key written as text
  is numbered once, into luoshi.case_numbers: run db map again when cases are added (check, explain,
  replay, diff and serve say so, exit 2, and count tags and events whose case key is no case's).

  --db URL        postgres://… or duckdb:FILE (default: database.url, \${NAME} read from the environment)
  --config FILE   the configuration (default: luoshi.config.yaml of the current folder's workspace)
  --schema NAME   the views' schema (default: database.schema, else luoshi)
  --print         print the DDL for the database's dialect; touch no database

  Then: luoshi check PLAN --db URL (no --data) reads the views.

  exit 0: done · 2: could not run (nothing made)`;

export async function dbMapCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string' },
      config: { type: 'string' },
      schema: { type: 'string' },
      print: { type: 'boolean' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(DB_MAP_HELP + '\n');
    return EXIT_OK;
  }
  if (positionals.length) throw new UsageError('db map 不接受文件 / db map takes no files');
  const l = lang(values.lang);
  const m = readMappingConfig(io.cwd, values.config);
  if (!m?.database.tables.cases)
    throw new UsageError(
      `${m?.file ?? 'luoshi.config.yaml'} 没有映射（database.tables）：见 docs/sql.md / has no mapping (database.tables): see docs/sql.md`,
    );
  if (values.schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]*$/.test(values.schema))
      throw new UsageError(`--schema 应为小写标识符 / --schema must be a lowercase identifier, not "${values.schema}"`);
    m.database.schema = values.schema;
  }
  const url =
    values.db ??
    (m.database.url !== undefined
      ? resolveUrl(m.database.url, process.env, m.file)
      : (() => {
          throw new UsageError(
            `需要 --db URL（或 ${m.file} 的 database.url） / --db URL is required (or database.url in ${m.file})`,
          );
        })());
  const dialect = url.startsWith('duckdb:') ? DIALECTS.duckdb : DIALECTS.postgres;
  if (values.print) {
    io.stdout(
      allStatements(mappingDDL({ dialect }, m, filePlace(url)))
        .map((s) => `${s};\n`)
        .join('\n'),
    );
    return EXIT_OK;
  }
  const db = await openDatabaseUrl(url);
  const where = safeUrl(url);
  try {
    const counts = await makeViews(db, m, l, where, io.stderr);
    const schema = m.database.schema;
    io.stdout(
      l === 'zh'
        ? `已在 ${where} 建视图：${TABLES.map((t, k) => `${schema}.${t} ${counts[k]} 行`).join('，')}\n`
        : `created views in ${where}: ${TABLES.map((t, k) => `${schema}.${t} ${counts[k]} rows`).join(', ')}\n`,
    );
    return EXIT_OK;
  } finally {
    await db.close().catch(() => undefined);
  }
}
