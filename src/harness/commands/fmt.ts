// `luoshi fmt FILES…|DIRS…`: rewrites plan files in their canonical layout (src/engine/syntax/format.ts).
// A file with syntax errors is never touched; a rewrite goes through a temporary file and a rename, so a
// crash leaves either the old file or the new one, never half of one.
import { writeFileAtomic } from '../files.js';
import { parseArgs } from 'node:util';
import { formatPlan } from '../../engine/syntax/format.js';
import { displayPath, expandPaths, listPlanFiles, readText } from '../host.js';
import { EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK, UsageError, type CliIO } from '../io.js';

export const FMT_HELP = `luoshi fmt PLAN… [options]

  Rewrites plan files in the canonical layout (a folder means every .plan file in it, std included).

  --check    only list the files that are not formatted (exit 1 if any)
  --stdout   print the formatted text of one file instead of rewriting it

  exit 0: all formatted · 1: a file is not formatted (--check) or cannot be formatted · 2: could not run`;

/** Folders become their .plan files; a missing path is a usage error. */
function planFiles(paths: string[], cwd: string): string[] {
  const out = expandPaths(paths, cwd, listPlanFiles);
  if (out.length === 0) throw new UsageError('没有要格式化的计划文件 / no plan files to format');
  return [...new Set(out)];
}

/** Kept for importers of the old name; the one implementation is in ../files.ts. */
export const writeAtomically = writeFileAtomic;

export async function fmtCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      check: { type: 'boolean', default: false },
      stdout: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(FMT_HELP + '\n');
    return EXIT_OK;
  }
  if (positionals.length === 0)
    throw new UsageError('用法 / usage: luoshi fmt PLAN… [--check | --stdout] (luoshi fmt --help)');
  if (values.check && values.stdout)
    throw new UsageError('--check 与 --stdout 不能同时使用 / --check and --stdout cannot be used together');
  const files = planFiles(positionals, io.cwd);
  if (values.stdout && files.length !== 1)
    throw new UsageError('--stdout 只接受一个计划文件 / --stdout takes exactly one plan file');

  let failed = false;
  let cannotRun = false;
  let unformatted = 0;
  for (const file of files) {
    const shown = displayPath(io.cwd, file);
    const text = readText(file);
    if (text === null) {
      io.stderr(`${shown}: 无法读取 / cannot read\n`);
      cannotRun = true;
      continue;
    }
    const r = formatPlan(text);
    if (!r.ok) {
      io.stderr(
        r.reason.startsWith('syntax errors')
          ? `${shown}: 无法格式化：有语法错误 / cannot format: syntax errors (run luoshi check)\n`
          : `${shown}: 无法格式化 / cannot format: ${r.reason}\n`,
      );
      failed = true;
      continue;
    }
    if (values.stdout) {
      io.stdout(r.text);
      continue;
    }
    if (r.text === text) continue;
    if (values.check) {
      io.stdout(`${shown}\n`);
      unformatted++;
      failed = true;
      continue;
    }
    try {
      writeAtomically(file, r.text);
    } catch (e) {
      io.stderr(`${shown}: 无法写入 / cannot write: ${(e as Error).message}\n`);
      cannotRun = true;
      continue;
    }
    io.stdout(`${shown}\n`);
  }
  if (unformatted > 0)
    io.stderr(`${unformatted} 个文件未格式化 / ${unformatted} file(s) not formatted (run luoshi fmt)\n`);
  if (cannotRun) return EXIT_CANNOT_RUN;
  return failed ? EXIT_FAILED : EXIT_OK;
}
