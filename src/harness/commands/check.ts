// `luoshi check FILES…`: compile and lint plans; with `--data`, evaluate them as of a date.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compile, type CompileResult } from '../../engine/check/compile.js';
import { compareDiagnostics, type Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import { diagnosticsJson, diagnosticsSarif, formatDiagnosticText, summaryLine, type Lang } from '../../engine/report/diagnostics-format.js';
import { displayPath, listPlanFiles, nodeHost } from '../host.js';
import { EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK, UsageError, type CliIO } from '../io.js';
import { VERSION } from '../version.js';

export const CHECK_HELP = `luoshi check PLAN… [options]

  Compiles and lints plan files (a folder means every .plan file in it).
  With --data, also evaluates each plan against case data as of a date.

  --format text|json|sarif|md|junit   output (default text)
  --lang zh|en                        message language (default zh)
  --data PATH                         case data files or folders (repeatable)
  --progress PATH                     progress reports (repeatable)
  --staffing PATH                     staffing data (repeatable)
  --as-of YYYY-MM-DD                  the as-of date (default: the plan's period end)
  --workers N                         worker threads for evaluation (default: the machine's cores)
  --quiet                             only errors

  exit 0: no errors · 1: errors, or a due target missed / a rule failed · 2: could not run`;

/** Expands folders into their .plan files; a missing path is a usage error. */
export function expandPlanPaths(paths: string[], cwd: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try { st = statSync(abs); } catch { throw new UsageError(`找不到文件或目录 / no such file or folder: ${p}`); }
    if (st.isDirectory()) out.push(...listPlanFiles(abs).map((f) => displayPath(cwd, f)).filter((f) => !f.includes('/std/') && !f.startsWith('std/')));
    else out.push(displayPath(cwd, abs));
  }
  if (out.length === 0) throw new UsageError('没有要检查的计划文件 / no plan files to check');
  return out;
}

export function compilePlans(files: string[], cwd: string): CompileResult[] {
  const host = nodeHost(cwd);
  return files.map((f) => compile(f, host));
}

export function lang(v: string | undefined): Lang {
  if (v === undefined || v === 'zh') return 'zh';
  if (v === 'en') return 'en';
  throw new UsageError(`--lang 只能是 zh 或 en / --lang must be zh or en, not "${v}"`);
}

export async function checkCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      format: { type: 'string', default: 'text' }, lang: { type: 'string' }, quiet: { type: 'boolean', default: false },
      data: { type: 'string', multiple: true }, progress: { type: 'string', multiple: true }, staffing: { type: 'string', multiple: true },
      'as-of': { type: 'string' }, workers: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) { io.stdout(CHECK_HELP + '\n'); return EXIT_OK; }
  if (positionals.length === 0) throw new UsageError('用法 / usage: luoshi check PLAN… (luoshi check --help)');
  const l = lang(values.lang);
  const format = values.format!;
  if (!['text', 'json', 'sarif', 'md', 'junit'].includes(format)) throw new UsageError(`未知的输出格式 / unknown --format "${format}"`);
  const files = expandPlanPaths(positionals, io.cwd);
  const results = compilePlans(files, io.cwd);
  const all: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const r of results) for (const d of r.diagnostics) {
    const k = `${d.file}:${d.range.start.offset}:${d.code}:${d.message}`;
    if (!seen.has(k)) { seen.add(k); all.push(d); }
  }
  all.sort(compareDiagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.filter((d) => d.severity === 'warning').length;

  if (values.data && values.data.length > 0) {
    const { evaluateCommandPart } = await import('./evaluate.js');
    return evaluateCommandPart({ files, results, diagnostics: all, errors, warnings, values, format, lang: l, io });
  }

  if (format === 'json') io.stdout(JSON.stringify({ files, errors, warnings, diagnostics: diagnosticsJson(all) }, null, 2) + '\n');
  else if (format === 'sarif') io.stdout(JSON.stringify(diagnosticsSarif(all, VERSION), null, 2) + '\n');
  else {
    for (const d of all) if (!values.quiet || d.severity === 'error') io.stdout(formatDiagnosticText(d, l, io.isTTY) + '\n');
    io.stdout(summaryLine(files.length, errors, warnings, l) + '\n');
  }
  return errors > 0 ? EXIT_FAILED : EXIT_OK;
}
