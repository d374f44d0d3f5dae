// The workbench's documents, made by the same code as `luoshi render`, `luoshi report` and `luoshi import`:
//   GET  /api/document?path=P&kind=gongwen|table&format=docx|xlsx   the plan's 公文 or 任务分解表 (bytes)
//   POST /api/bulletin {plan, cases, progress, staffing, asOf, format}  the 通报 (bytes)
//   POST /api/import?name=FILE.xlsx (the file's bytes)           {plan, diagnostics, tasks, pending}
import { basename, dirname, relative } from 'node:path';
import { compile } from '../../engine/check/compile.js';
import type { PlanIR } from '../../engine/ir/types.js';
import { formatDiagnosticText } from '../../engine/report/diagnostics-format.js';
import { bulletinDocument, planDocument, type Produced } from '../documents/produce.js';
import { nodeHost } from '../host.js';
import { UsageError, type CliIO } from '../io.js';
import { compileAndLint } from '../commands/check.js';
import { evaluatePlans } from '../commands/evaluate.js';
import { formatImportDiagnostic, importTable } from '../commands/import.js';
import { openPluginSession, type PluginSession } from '../plugins/session.js';
import { type Workspace, WorkspaceError } from './workspace.js';

const QUIET: Omit<CliIO, 'cwd'> = { stdout: () => {}, stderr: () => {}, isTTY: false };

export class DocumentService {
  /** `pluginsAllowed(path)`: whether the folder of a workspace path is trusted to run its plugins. */
  constructor(
    private readonly ws: Workspace,
    private readonly pluginsAllowed: (path: string) => boolean = () => false,
  ) {}

  /** Compiles a workspace plan (with its luoshi.config.yaml) and hands it to `use`. */
  private async withPlan<T>(
    path: string,
    use: (ir: PlanIR, session: PluginSession, cwd: string) => Promise<T>,
  ): Promise<T> {
    const abs = this.ws.resolve(path);
    const cwd = dirname(abs);
    // The configuration is read (fonts, data, courts); its plugins run only in a trusted folder.
    const session = await openPluginSession({
      cwd,
      from: [basename(abs)],
      noConfig: false,
      noPlugins: !this.pluginsAllowed(path),
    });
    try {
      const [r] = await compileAndLint([basename(abs)], cwd, session);
      if (r!.errorCount > 0)
        throw new WorkspaceError(422, `计划有错误，无法生成文件 / the plan has errors; no document: ${path}`);
      return await use(r!.ir, session, cwd);
    } finally {
      await session.dispose();
    }
  }

  plan(path: string, kind: string, format: string): Promise<Produced> {
    const table = kind === 'table';
    const allowed = table ? ['xlsx', 'docx'] : ['docx', 'html', 'pdf'];
    if (!allowed.includes(format))
      throw new WorkspaceError(400, `format 只能是 ${allowed.join('、')} / format must be ${allowed.join(', ')}`);
    return this.withPlan(path, (ir, session) => planDocument(ir, session.config.documents ?? {}, format, table));
  }

  bulletin(body: {
    plan?: unknown;
    cases?: unknown;
    progress?: unknown;
    staffing?: unknown;
    asOf?: unknown;
    format?: unknown;
  }): Promise<Produced> {
    const list = (v: unknown): string[] =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    const format = body.format === 'xlsx' ? 'xlsx' : 'docx';
    if (typeof body.plan !== 'string') throw new WorkspaceError(400, '缺少 plan / missing plan');
    const cases = list(body.cases);
    if (!cases.length) throw new WorkspaceError(400, '缺少案件数据 / no case data selected');
    return this.withPlan(body.plan, async (ir, session, cwd) => {
      // The loaders see paths relative to the plan's folder; the 通报 names them as the workspace does.
      const back = new Map<string, string>();
      const rel = (p: string): string => {
        const r = relative(cwd, this.ws.resolve(p));
        back.set(r, p);
        return r;
      };
      const values = {
        data: cases.map(rel),
        progress: list(body.progress).map(rel),
        staffing: list(body.staffing).map(rel),
        // No --threads: large data is loaded and evaluated by the process's resident pool (../pool.ts).
        ...(typeof body.asOf === 'string' ? { 'as-of': body.asOf } : {}),
      };
      try {
        const { reports, sources } = await evaluatePlans({
          files: [basename(this.ws.resolve(String(body.plan)))],
          results: [{ ir, files: [{ path: String(body.plan) }] }],
          values,
          lang: 'zh',
          io: { ...QUIET, cwd },
          session,
        });
        const named = sources.map((s) => ({
          file: back.get(s.file) ?? s.file,
          read: s.read,
          accepted: s.accepted,
          rejected: s.rejected,
        }));
        return await bulletinDocument(reports[0]!, named, session.config.documents ?? {}, format);
      } catch (e) {
        if (e instanceof UsageError) throw new WorkspaceError(400, e.message);
        throw e;
      }
    });
  }

  async importTable(
    name: string,
    bytes: Uint8Array,
  ): Promise<{ plan: string; diagnostics: string[]; tasks: number; pending: number }> {
    let got;
    try {
      got = await importTable(name, bytes, { source: name });
    } catch (e) {
      if (e instanceof UsageError) throw new WorkspaceError(400, e.message);
      throw e;
    }
    const host = nodeHost('/');
    const compiled = compile('imported.plan', {
      ...host,
      readFile: (p) => (p === 'imported.plan' ? got.plan : host.readFile(p)),
    });
    const diagnostics = got.table.diagnostics.map((d) => formatImportDiagnostic(name, d, 'zh'));
    for (const d of compiled.diagnostics) if (d.severity === 'error') diagnostics.push(formatDiagnosticText(d, 'zh'));
    return {
      plan: got.plan,
      diagnostics,
      tasks: got.table.tasks.length,
      pending: got.table.tasks.reduce((n, t) => n + t.pending.length, 0),
    };
  }
}
