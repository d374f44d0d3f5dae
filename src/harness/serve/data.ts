// Case data for the workbench: the existing loaders read the selected files on the server (any format
// and encoding they support, problems located by file and line), and the result travels to the page's
// worker as one binary payload (encodeData in src/workers/protocol.ts). Loaded sets are kept while their files are
// unchanged, so switching plans back and forth does not reload. With a plan, the files are read with the
// importers of the plan's plugin configuration (./plugins.ts), as `luoshi check PLAN --data …` reads them —
// when its folder is trusted; otherwise with the built-in ones, and a warning names the importers not used.
import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { loadCases, loadProgress, loadStaffing, type DataImporters } from '../loaders/index.js';
import { defaultSnapshotDir } from '../loaders/snapshot.js';
import type { DataProblem } from '../../engine/data/problems.js';
import { encodeData } from '../../workers/protocol.js';
import { dataSources } from '../commands/gate.js';
import type { DataPayloadMeta, DataProblemRow, DataSelection } from '../../workers/protocol.js';
import type { GoverningConfig, PluginService } from './plugins.js';
import { WorkspaceError, type Workspace } from './workspace.js';
import { UsageError } from '../io.js';

const MAX_PROBLEMS_SENT = 2000;

interface Cached {
  key: string;
  chunks: Uint8Array[];
  bytes: number;
}

function row(p: DataProblem, display: Map<string, string>): DataProblemRow {
  // Messages name files too (a duplicate id's first place): workspace paths, not the server's.
  const local = (m: string): string => {
    for (const [abs, shown] of display) m = m.split(abs).join(shown);
    return m;
  };
  const r: DataProblemRow = {
    file: display.get(p.file) ?? p.file,
    line: p.line,
    field: p.field,
    code: p.code,
    severity: p.severity,
    message: local(p.message),
    messageEn: local(p.messageEn),
  };
  if (p.column !== undefined) r.column = p.column;
  return r;
}

export class DataService {
  private cache: Cached[] = [];
  private readonly inflight = new Map<string, Promise<Cached>>();

  constructor(
    private readonly ws: Workspace,
    private readonly plugins?: PluginService,
  ) {}

  /** `config`: undefined without a plan (no plugins), null for a plan no configuration governs. */
  private key(sel: DataSelection, config: GoverningConfig | null | undefined): string {
    const stamp = (abs: string, shown: string): string => {
      try {
        const st = statSync(abs);
        return `${shown}@${st.mtimeMs}-${st.size}`;
      } catch {
        return `${shown}@missing`;
      }
    };
    const files = (paths: string[]): string[] =>
      paths.map((p) => {
        try {
          return stamp(this.ws.resolve(p), p);
        } catch {
          return `${p}@missing`;
        }
      });
    const plugins =
      config === undefined
        ? 'none'
        : config === null
          ? 'builtin'
          : `${stamp(config.abs, config.abs)}${this.plugins?.isTrusted(config) ? '' : ':untrusted'}`;
    return JSON.stringify([files(sel.cases), files(sel.progress), files(sel.staffing), plugins]);
  }

  /**
   * The payload of a selection (workspace paths), loading it unless an identical one is cached; with
   * `plan` (a workspace path), read with the importers of the plugin configuration governing it.
   */
  async payload(sel: DataSelection, plan?: string): Promise<{ chunks: Uint8Array[]; bytes: number }> {
    // Pipes and devices would block a loader or never end: only regular files are loaded.
    for (const p of [...sel.cases, ...sel.progress, ...sel.staffing]) {
      let regular = false;
      try {
        regular = (await stat(this.ws.resolve(p))).isFile();
      } catch (e) {
        if (e instanceof WorkspaceError) throw e;
      }
      if (!regular)
        throw new WorkspaceError(
          400,
          `不是普通文件（文件夹、管道或设备），不能加载 / not a regular file (a folder, pipe or device), not loaded: ${p}`,
        );
    }
    let config: GoverningConfig | null | undefined;
    if (plan !== undefined && this.plugins) {
      this.ws.resolve(plan, false); // a workspace path, or a refusal
      config = this.plugins.governing(plan);
    }
    const key = this.key(sel, config);
    const hit = this.cache.find((c) => c.key === key);
    if (hit) return hit;
    let p = this.inflight.get(key);
    if (!p) {
      const plugins = this.plugins;
      const importers = config === undefined || !plugins ? Promise.resolve(undefined) : plugins.importers(config);
      const notUsed =
        config && plugins && !plugins.isTrusted(config)
          ? plugins.untrustedImporters(config, [...sel.cases, ...sel.progress, ...sel.staffing])
          : [];
      p = importers.then((imp) => this.load(sel, key, imp, notUsed)).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    const c = await p;
    this.cache = [c, ...this.cache.filter((x) => x.key !== key)].slice(0, 2);
    return c;
  }

  /** `notUsed`: warnings about importers of a folder not trusted, listed first among the problems. */
  private async load(
    sel: DataSelection,
    key: string,
    importers: DataImporters | undefined,
    notUsed: DataProblemRow[] = [],
  ): Promise<Cached> {
    try {
      return await this.loadWith(sel, key, importers, notUsed);
    } catch (e) {
      // A file only the folder's plugin reads: the refusal says why it was not used.
      if (e instanceof UsageError && notUsed.length)
        throw new UsageError(`${e.message}\n${notUsed.map((r) => `${r.message} / ${r.messageEn}`).join('\n')}`);
      throw e;
    }
  }

  private async loadWith(
    sel: DataSelection,
    key: string,
    importers: DataImporters | undefined,
    notUsed: DataProblemRow[],
  ): Promise<Cached> {
    const display = new Map<string, string>();
    const abs = (paths: string[]): string[] =>
      paths.map((p) => {
        const a = this.ws.resolve(p);
        display.set(a, p);
        return a;
      });
    const opts = importers ? { importers } : {};
    // Cases through a snapshot in the user's cache (../loaders/snapshot.ts): a large set opens quickly the next time.
    const cases = await loadCases(abs(sel.cases), { ...opts, snapshot: { dir: defaultSnapshotDir() } });
    const progress = sel.progress.length ? await loadProgress(abs(sel.progress), opts) : null;
    const staffing = sel.staffing.length ? await loadStaffing(abs(sel.staffing), opts) : null;
    return { key, ...encodeLoaded(sel, cases, progress, staffing, display, notUsed) };
  }
}

/** A loaded data set as the page's worker receives it; `display`: the names its files are shown by. */
export function encodeLoaded(
  sel: DataSelection,
  cases: Awaited<ReturnType<typeof loadCases>>,
  progress: Awaited<ReturnType<typeof loadProgress>> | null,
  staffing: Awaited<ReturnType<typeof loadStaffing>> | null,
  display: Map<string, string>,
  notUsed: DataProblemRow[] = [],
): { chunks: Uint8Array[]; bytes: number } {
  // Staffing of courts without cases says nothing about this data set (a folder may hold several).
  const courts = new Set(cases.store.courts);
  const problems = [...cases.problems, ...(progress?.problems ?? []), ...(staffing?.problems ?? [])];
  const meta: DataPayloadMeta = {
    selection: sel,
    read: cases.stats.read,
    accepted: cases.stats.accepted,
    rejected: cases.stats.rejected,
    warnings: notUsed.length + cases.stats.warnings + (progress?.stats.warnings ?? 0) + (staffing?.stats.warnings ?? 0),
    problems: [...notUsed, ...problems.slice(0, MAX_PROBLEMS_SENT).map((p) => row(p, display))],
    progress: progress?.records ?? [],
    staffing: (staffing?.records ?? []).filter((s) => courts.size === 0 || courts.has(s.court)),
    sources: dataSources([
      { kind: 'cases', stats: cases.stats },
      progress && { kind: 'progress', stats: progress.stats },
      staffing && { kind: 'staffing', stats: staffing.stats },
    ]).map((x) => ({ ...x, file: display.get(x.file) ?? x.file })),
  };
  const chunks = encodeData(cases.store, meta);
  return { chunks, bytes: chunks.reduce((n, c) => n + c.length, 0) };
}
