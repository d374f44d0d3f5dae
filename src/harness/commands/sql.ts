// `luoshi sql PLAN --dialect postgres|duckdb --as-of D`: prints the SQL that computes the plan's figures.
import { parseArgs } from 'node:util';
import { formatDiagnosticText } from '../../engine/report/diagnostics-format.js';
import { parseIsoDay } from '../../engine/time/calendar.js';
import { DIALECTS, type DialectName } from '../../engine/sql/dialect.js';
import { planSql } from '../../engine/sql/script.js';
import { EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK, UsageError, type CliIO } from '../io.js';
import { compilePlans, expandPlanPaths, lang } from './check.js';

export const SQL_HELP = `luoshi sql PLAN [options]

  Prints the SQL that computes the plan's figures as of a date, over the canonical schema (docs/sql.md):
  one grouped query per as-of date, window and domain (cases, events, staffing).

  --dialect postgres|duckdb   the SQL dialect (default postgres)
  --as-of YYYY-MM-DD          the as-of date (default: the plan's period end)
  --schema                    also print the canonical schema's CREATE TABLE statements
  --lang zh|en                message language (default zh)

  exit 0: printed · 1: the plan has errors · 2: could not run (also: a construct SQL cannot express,
  named with its file and line)`;

export async function sqlCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      dialect: { type: 'string', default: 'postgres' },
      'as-of': { type: 'string' },
      schema: { type: 'boolean', default: false },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(SQL_HELP + '\n');
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new UsageError('用法 / usage: luoshi sql PLAN --dialect postgres|duckdb --as-of YYYY-MM-DD');
  const d = values.dialect!;
  if (d !== 'postgres' && d !== 'duckdb')
    throw new UsageError(`--dialect 只能是 postgres 或 duckdb / --dialect must be postgres or duckdb, not "${d}"`);
  const l = lang(values.lang);
  const files = expandPlanPaths(positionals, io.cwd);
  if (files.length !== 1) throw new UsageError('sql 只接受一个计划文件 / sql takes exactly one plan file');
  const [r] = compilePlans(files, io.cwd);
  for (const x of r!.diagnostics) if (x.severity === 'error') io.stderr(formatDiagnosticText(x, l) + '\n');
  if (r!.errorCount > 0) return EXIT_FAILED;
  const asOf = values['as-of'] ?? r!.ir.plan.period?.to;
  if (!asOf)
    throw new UsageError(`${files[0]}: 计划没有期间，请用 --as-of 指定日期 / the plan has no period: give --as-of`);
  if (parseIsoDay(asOf) === null)
    throw new UsageError(`--as-of 应为 YYYY-MM-DD / --as-of must be YYYY-MM-DD, not "${asOf}"`);
  const { sql, diagnostics } = planSql(r!.ir, DIALECTS[d as DialectName], asOf, values.schema === true);
  if (diagnostics.length) {
    for (const x of diagnostics) io.stderr(`${x.located()}\n`);
    return EXIT_CANNOT_RUN;
  }
  io.stdout(sql);
  return EXIT_OK;
}
