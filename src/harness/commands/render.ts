// `luoshi render PLAN --format docx|html|pdf --out FILE`: the plan as the 公文 it becomes (GB/T 9704-2012);
// with --table, the 任务分解表 alone (xlsx|docx). Files are written whole or not at all.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { PlanIR } from '../../engine/ir/types.js';
import { formatDiagnosticText } from '../../engine/report/diagnostics-format.js';
import type { Lang } from '../../engine/lang.js';
import { planDocument } from '../documents/produce.js';
import { writeOutputFile } from '../files.js';
import { EXIT_OK, UsageError, type CliIO } from '../io.js';
import type { PluginSession } from '../plugins/session.js';
import { compileAndLint, expandPlanPaths, lang, pluginSession } from './check.js';

export const RENDER_HELP = `luoshi render PLAN --format docx|html|pdf --out FILE [options]
luoshi render PLAN --table --format xlsx|docx --out FILE

  The plan as an official document (公文, GB/T 9704-2012): 发文机关标志, 发文字号, title, the body with its
  numbering 一、（一）1.（1）, the 任务分解表 attached, the 印发 line. With --table, the 任务分解表 alone.

  --format FMT                 docx | html | pdf (公文); xlsx | docx (--table)
  --table                      the 任务分解表 alone
  --out FILE                   where to write (required except for html, which may go to stdout)
  --lang zh|en
  --config PATH / --no-config  fonts and 发文机关 from luoshi.config.yaml's documents: section (docs/documents.md)

  exit 0: written · 2: could not run (the plan has errors, a bad option)`;

/** Compiles one plan for a document command; a plan with errors cannot become a document. */
export async function compileForDocument(
  session: PluginSession,
  positionals: string[],
  io: CliIO,
  l: Lang,
  what: string,
): Promise<PlanIR> {
  const files = expandPlanPaths(positionals, io.cwd);
  if (files.length !== 1) throw new UsageError(`${what} 只接受一个计划文件 / ${what} takes exactly one plan file`);
  const [compiled] = await compileAndLint(files, io.cwd, session);
  if (compiled!.errorCount > 0) {
    for (const d of compiled!.diagnostics) io.stderr(formatDiagnosticText(d, l) + '\n');
    throw new UsageError('计划有错误，无法生成文件 / the plan has errors; no document written');
  }
  return compiled!.ir;
}

export async function renderCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      table: { type: 'boolean' },
      out: { type: 'string' },
      lang: { type: 'string' },
      config: { type: 'string' },
      'no-config': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(RENDER_HELP + '\n');
    return EXIT_OK;
  }
  const l = lang(values.lang);
  if (positionals.length !== 1)
    throw new UsageError('用法 / usage: luoshi render PLAN --format docx|html|pdf --out FILE (luoshi render --help)');
  const table = values.table === true;
  const allowed = table ? ['xlsx', 'docx'] : ['docx', 'html', 'pdf'];
  const format = values.format ?? (table ? 'xlsx' : 'docx');
  if (!allowed.includes(format))
    throw new UsageError(
      `--format 只能是 ${allowed.join('、')}${table ? '（--table）' : ''} / --format must be ${allowed.join(', ')}${table ? ' with --table' : ''}, not "${format}"`,
    );
  if (!values.out && format !== 'html')
    throw new UsageError(`需要 --out（${format} 是二进制文件） / --out is required for ${format}`);
  const session = await pluginSession(values, positionals, io);
  try {
    for (const d of session.takeDiagnostics()) io.stderr(formatDiagnosticText(d, l) + '\n');
    const ir = await compileForDocument(session, positionals, io, l, 'render');
    const out = (await planDocument(ir, session.config.documents ?? {}, format, table)).bytes;
    if (values.out) writeOutputFile(resolve(io.cwd, values.out), out);
    else io.stdout(out as string);
    return EXIT_OK;
  } finally {
    await session.dispose();
  }
}
