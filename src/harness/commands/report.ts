// `luoshi report PLAN --data … --as-of D --format docx|xlsx --out FILE`: the 通报 — summary, courts ×
// targets, rankings, overdue and nearly due tasks by owner, the data it rests on. Written whole or not at all.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { reportFails } from '../../engine/report/model.js';
import { formatDiagnosticText } from '../../engine/report/diagnostics-format.js';
import { parseIsoDay } from '../../engine/time/calendar.js';
import { bulletinDocument } from '../documents/produce.js';
import { writeOutputFile } from '../files.js';
import { displayPath } from '../host.js';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIO } from '../io.js';
import { lang, pluginSession } from './check.js';
import { evaluatePlans } from './evaluate.js';
import { THREADS_OPTIONS } from './threads-option.js';
import { compileForDocument } from './render.js';

export const REPORT_HELP = `luoshi report PLAN --data PATH… --as-of YYYY-MM-DD --format docx|xlsx --out FILE [options]

  The 通报: a summary paragraph, each court's value and status on each target, the ranking per target,
  overdue and nearly due tasks by owner with their names, the as-of date and the data sources.
  The .xlsx has one sheet per table, headers frozen, figures as numbers formatted %, ‰, 万元.

  --data PATH / --progress PATH / --staffing PATH   data, as for luoshi check (repeatable)
  --as-of YYYY-MM-DD           the date the 通报 speaks of (default: the plan's period end)
  --format docx|xlsx           (default docx)
  --out FILE                   where to write (required)
  --threads N, --lang zh|en, --config PATH / --no-config

  exit 0: written · 1: written, and a due target was missed or a rule failed · 2: could not run`;

export async function reportCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      data: { type: 'string', multiple: true },
      progress: { type: 'string', multiple: true },
      staffing: { type: 'string', multiple: true },
      'as-of': { type: 'string' },
      format: { type: 'string', default: 'docx' },
      out: { type: 'string' },
      ...THREADS_OPTIONS,
      lang: { type: 'string' },
      config: { type: 'string' },
      'no-config': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(REPORT_HELP + '\n');
    return EXIT_OK;
  }
  const l = lang(values.lang);
  if (positionals.length !== 1)
    throw new UsageError(
      '用法 / usage: luoshi report PLAN --data PATH --as-of D --format docx|xlsx --out FILE (luoshi report --help)',
    );
  const format = values.format!;
  if (format !== 'docx' && format !== 'xlsx')
    throw new UsageError(`--format 只能是 docx 或 xlsx / --format must be docx or xlsx, not "${format}"`);
  if (!values.out) throw new UsageError('需要 --out / --out is required');
  if (!values.data?.length) throw new UsageError('需要 --data / --data is required');
  if (values['as-of'] !== undefined && parseIsoDay(values['as-of']) === null)
    throw new UsageError(
      `--as-of 应为有效日期 YYYY-MM-DD / --as-of must be a valid date YYYY-MM-DD, not "${values['as-of']}"`,
    );
  const session = await pluginSession(values, positionals, io);
  try {
    for (const d of session.takeDiagnostics()) io.stderr(formatDiagnosticText(d, l) + '\n');
    const ir = await compileForDocument(session, positionals, io, l, 'report');
    const { reports, problems, sources } = await evaluatePlans({
      files: [positionals[0]!],
      results: [{ ir, files: [{ path: positionals[0]! }] }],
      values,
      lang: l,
      io,
      session,
    });
    for (const d of session.takeDiagnostics()) io.stderr(formatDiagnosticText(d, l) + '\n');
    if (problems.length)
      io.stderr(
        l === 'zh'
          ? `数据：${problems.length} 条问题（luoshi check --data 列出）\n`
          : `data: ${problems.length} problems (luoshi check --data lists them)\n`,
      );
    const report = reports[0]!;
    const named = sources.map((s) => ({
      file: displayPath(io.cwd, resolve(io.cwd, s.file)),
      read: s.read,
      accepted: s.accepted,
      rejected: s.rejected,
    }));
    writeOutputFile(
      resolve(io.cwd, values.out),
      (await bulletinDocument(report, named, session.config.documents ?? {}, format)).bytes,
    );
    return reportFails(report) ? EXIT_FAILED : EXIT_OK;
  } finally {
    await session.dispose();
  }
}
