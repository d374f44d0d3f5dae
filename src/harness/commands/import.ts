// `luoshi import FILE.xlsx|FILE.docx|FILE.csv --out PLAN`: a court's 任务分解表 becomes a plan skeleton that
// compiles. What the table leaves unclear is listed (file, row, column) and marked `// 待定:` in the plan.
import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compile } from '../../engine/check/compile.js';
import { emitPlan } from '../../engine/documents/emit-plan.js';
import {
  NoHeaderError,
  readTaskTable,
  type ImportDiagnostic,
  type ImportedTable,
  type SourceRow,
} from '../../engine/documents/import-table.js';
import { readHeader } from '../../engine/documents/header.js';
import { formatDiagnosticText } from '../../engine/report/diagnostics-format.js';
import type { Lang } from '../../engine/lang.js';
import { writeOutputFile } from '../files.js';
import { displayPath, nodeHost } from '../host.js';
import { csvRows } from '../import/csv.js';
import { docxRows } from '../import/docx.js';
import { xlsxSheets } from '../import/xlsx.js';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIO } from '../io.js';
import { lang } from './check.js';

export const IMPORT_HELP = `luoshi import FILE.xlsx|FILE.docx|FILE.csv --out PLAN [options]

  Reads a 任务分解表 (序号 / 工作任务 / 责任领导 / 牵头部门 / 责任部门 / 完成时限 …) into a plan skeleton:
  tasks with their 原文, owners, departments and deadlines; people, roles and departments declared once.
  Whatever cannot be read is listed with its place and marked "// 待定:" in the plan.

  --out PLAN      the plan file to write (atomically); without it the plan goes to stdout
  --year YYYY     the year of deadlines written without one (6月30日前, 年底前); default: the title's year
  --name NAME     the plan's name (default: from the table's title)
  --lang zh|en

  exit 0: imported · 1: imported, with items to settle (待定) · 2: could not run`;

/** Reads a file's rows by its extension; an .xlsx's first sheet that has a header. */
export async function tableRows(path: string, data: Uint8Array): Promise<SourceRow[]> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return csvRows(data);
  if (ext === '.docx') return docxRows(data);
  if (ext === '.xlsx') {
    let sheets;
    try {
      sheets = await xlsxSheets(data);
    } catch (e) {
      throw new UsageError(`不是有效的 .xlsx / not a valid .xlsx: ${(e as Error).message}`);
    }
    return (sheets.find((s) => s.rows.some((r) => readHeader(r.cells) !== null)) ?? sheets[0])?.rows ?? [];
  }
  throw new UsageError(`只能导入 .xlsx、.docx 或 .csv / can import .xlsx, .docx or .csv, not "${ext || path}"`);
}

/** Where a diagnostic points: file, sheet or table, row, column (1-based). */
export function formatImportDiagnostic(file: string, d: ImportDiagnostic, l: Lang): string {
  const place =
    d.ref.row !== undefined ? `${d.ref.row}${d.col !== null ? `:${d.col + 1}` : ''}` : `¶${d.ref.paragraph}`;
  const within = d.ref.sheet ? `#${d.ref.sheet}` : d.ref.table !== undefined ? `#表${d.ref.table}` : '';
  return `${file}${within}:${place}: ${l === 'zh' ? `待定：${d.zh}` : `to settle: ${d.en}`}`;
}

export async function importTable(
  path: string,
  data: Uint8Array,
  options: { year?: number | null; name?: string; source: string },
): Promise<{ table: ImportedTable; plan: string }> {
  const rows = await tableRows(path, data);
  let table: ImportedTable;
  try {
    table = readTaskTable(rows, { year: options.year ?? null });
  } catch (e) {
    if (e instanceof NoHeaderError) throw new UsageError(`${options.source}: ${e.message}`);
    throw e;
  }
  return { table, plan: emitPlan(table, { source: options.source, ...(options.name ? { name: options.name } : {}) }) };
}

export async function importCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      year: { type: 'string' },
      name: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(IMPORT_HELP + '\n');
    return EXIT_OK;
  }
  const l = lang(values.lang);
  if (positionals.length !== 1)
    throw new UsageError('用法 / usage: luoshi import FILE.xlsx|FILE.docx|FILE.csv --out PLAN (luoshi import --help)');
  let year: number | null = null;
  if (values.year !== undefined) {
    if (!/^\d{4}$/.test(values.year))
      throw new UsageError(`--year 应为四位年份 / --year must be a four-digit year, not "${values.year}"`);
    year = Number(values.year);
  }
  const abs = resolve(io.cwd, positionals[0]!);
  let data: Uint8Array;
  try {
    data = readFileSync(abs);
  } catch {
    throw new UsageError(`找不到文件 / no such file: ${positionals[0]}`);
  }
  // Named as the user reached it; a file outside the working folder by its name alone (no machine's path in the plan).
  const shown = displayPath(io.cwd, abs);
  const source = shown.startsWith('/') || /^[A-Za-z]:/.test(shown) ? basename(abs) : shown;
  const { table, plan } = await importTable(abs, data, { year, source, ...(values.name ? { name: values.name } : {}) });
  for (const d of table.diagnostics) io.stderr(formatImportDiagnostic(source, d, l) + '\n');

  // The skeleton must compile: checked here, on the text about to be written.
  const outPath = values.out ? displayPath(io.cwd, resolve(io.cwd, values.out)) : 'imported.plan';
  const host = nodeHost(io.cwd);
  const compiled = compile(outPath, { ...host, readFile: (p) => (p === outPath ? plan : host.readFile(p)) });
  if (compiled.errorCount > 0) {
    for (const d of compiled.diagnostics) io.stderr(formatDiagnosticText(d, l) + '\n');
    throw new Error('导入的计划没有通过编译 / the imported plan does not compile');
  }
  if (values.out) writeOutputFile(resolve(io.cwd, values.out), plan);
  else io.stdout(plan);
  const pending = table.tasks.reduce((n, t) => n + t.pending.length, 0);
  io.stderr(
    l === 'zh'
      ? `导入：${table.tasks.length} 项任务，${table.notes.length} 条备注，${pending} 处待定${values.out ? ` → ${values.out}` : ''}\n`
      : `imported: ${table.tasks.length} tasks, ${table.notes.length} notes, ${pending} items to settle${values.out ? ` → ${values.out}` : ''}\n`,
  );
  return pending > 0 ? EXIT_FAILED : EXIT_OK;
}
