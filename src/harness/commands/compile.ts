// `luoshi compile PLAN`: prints the IR as JSON (diagnostics to stderr).
import { parseArgs } from 'node:util';
import { formatDiagnosticText } from '../../engine/report/diagnostics-format.js';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIO } from '../io.js';
import { compilePlans, expandPlanPaths, lang } from './check.js';

export async function compileCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout("luoshi compile PLAN  — print the plan's IR (JSON) on stdout\n");
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError('用法 / usage: luoshi compile PLAN');
  const files = expandPlanPaths(positionals, io.cwd);
  if (files.length !== 1) throw new UsageError('compile 只接受一个计划文件 / compile takes exactly one plan file');
  const [r] = compilePlans(files, io.cwd);
  const l = lang(values.lang);
  for (const d of r!.diagnostics) io.stderr(formatDiagnosticText(d, l) + '\n');
  if (r!.errorCount > 0) return EXIT_FAILED;
  io.stdout(JSON.stringify(r!.ir, null, 2) + '\n');
  return EXIT_OK;
}
