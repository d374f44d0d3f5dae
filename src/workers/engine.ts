// The engine as a service for the workbench: an in-memory file system the compiler reads, the loaded
// data, the last compilation and evaluation per plan, and the editor services over them. It runs in a Web
// Worker (web-worker.ts exposes it through comlink) and in Node (tests): platform-neutral, plain data in
// and out.
//
// Superseding: every request carries a sequence number per channel. Long work first yields once, so
// that requests already queued behind it register; a request that is no longer the newest on its channel
// stops and answers `{ ok: false, stale: true }`. Replays and data loads check again between steps.
import { leavesWorkspace, OUTSIDE_WORKSPACE } from '../engine/check/import-paths.js';
import { compile, type CompileResult, type CompilerHost } from '../engine/check/compile.js';
import type { PeopleFile, PeopleSource } from '../engine/check/people-file.js';
import { matchesAny } from '../engine/data/plan-data.js';
import type { Diagnostic } from '../engine/diagnostics/diagnostic.js';
import { LineMap } from '../engine/diagnostics/diagnostic.js';
import { diagnostic } from '../engine/diagnostics/codes.js';
import { evaluatePlan } from '../engine/eval/evaluate.js';
import { identifyCourts } from '../engine/data/identity.js';
import type { PlanReport } from '../engine/report/model.js';
import { CaseStoreBuilder, storeFromRecords, type CaseStore } from '../engine/data/store.js';
import { formatDay } from '../engine/time/calendar.js';
import type * as A from '../engine/syntax/ast.js';
import type {
  CasesRequest,
  CasesValue,
  Channel,
  CheckSummary,
  CodeLensItem,
  CompletionValue,
  DataPayloadMeta,
  DataSummary,
  DefinitionValue,
  EvaluateRequest,
  EvaluateValue,
  FormatValue,
  GenerateRequest,
  HoverValue,
  OutlineItem,
  PluginsPayload,
  ProgressMessage,
  RenderedReport,
  ReplayRequest,
  ReportFormatInfo,
  ReplayValue,
  Result,
  Span,
} from './protocol.js';
import { decodeData } from './protocol.js';
import { indexDeclarations, type Decl } from '../engine/language/declarations.js';
import { LanguageService, type Compilation } from '../engine/language/service.js';
import type { DocumentSymbol, Lang, Range } from '../engine/language/types.js';
import { casesBehind } from './cases.js';
import { replayCooperatively } from './replay.js';
import { WorkspacePlugins, type ImportModule } from './plugins.js';
import { irCalls, type EvalHooks } from '../engine/plugins/host.js';
import { compilerFor } from '../engine/eval/jobs.js';
import { ProgressThrottle } from './progress-throttle.js';

export interface EngineEnv {
  fetch(url: string): Promise<Response>;
  now(): number;
  /** Imports a configured plugin's entry module (in the browser: `import(url)` from the server). */
  importModule?: ImportModule;
}

interface Compiled {
  version: number;
  result: CompileResult;
  index: Map<string, Decl>;
  ms: number;
  /** The plugins' lint findings (run once per compilation without errors). */
  lint: Diagnostic[] | null;
  /** The evaluator's hooks from the plugins (functions the plan calls, the calendar). */
  hooks: EvalHooks | null;
}
type PluginEvalOptions = { functions: EvalHooks['functions']; addWorkdays?: NonNullable<EvalHooks['addWorkdays']> };
interface Data {
  store: CaseStore;
  meta: DataPayloadMeta;
  summary: DataSummary;
  version: number;
}

/** Lets queued messages run before long work starts (a macrotask, in workers and in Node). */
const yieldToQueue = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** POSIX-style join and normalise (no Node built-ins here). */
export function joinPath(from: string, spec: string): string {
  const parts = [...from.split('/').slice(0, -1), ...spec.split('/')];
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

/** The service's 0-based range → the page's 1-based span (Monaco's lines and columns). */
export function toSpan(r: Range): Span {
  return {
    start: { line: r.start.line + 1, column: r.start.character + 1 },
    end: { line: r.end.line + 1, column: r.end.character + 1 },
  };
}

const toOutline = (d: DocumentSymbol): OutlineItem => ({
  ...d,
  range: toSpan(d.range),
  selection: toSpan(d.selection),
  children: d.children.map(toOutline),
});

function internalError(file: string, e: unknown): Diagnostic {
  const m = e instanceof Error ? e.message : String(e);
  return diagnostic('E0005', file, new LineMap('').range([0, 0]), { reason: `内部错误 / internal error: ${m}` });
}

export class EngineService {
  private readonly files = new Map<string, string>();
  private libraries: Record<string, string[]> = {};
  private version = 0;
  private readonly compiled = new Map<string, Compiled>();
  private data: Data | null = null;
  private dataVersion = 0;
  private readonly reports = new Map<string, { key: string; report: PlanReport }>();
  private lastEntry: string | null = null;
  private readonly latest: Record<Channel, number> = { check: 0, load: 0, evaluate: 0, replay: 0, cases: 0 };
  private progressSink: ((m: ProgressMessage) => void) | null = null;
  private readonly throttle: ProgressThrottle;
  private readonly empty = storeFromRecords([]);
  private readonly plugins: WorkspacePlugins;
  /** readPeopleFile (src/engine/check/people-read.ts), once a plan with people files was compiled. */
  private readPeople: ((src: PeopleSource) => PeopleFile) | null = null;

  /** The editor services, over this worker's compilations (the last evaluated entry's first). */
  private readonly language = new LanguageService({
    compilationOf: (path) => {
      const f = this.compilationOf(path);
      return f ? this.compilation(f.entry, f.c) : null;
    },
    compilations: () => [...this.compiled].map(([entry, c]) => this.compilation(entry, c)),
    eventTypes: () => this.data?.store.eventTypes ?? [],
  });

  constructor(private readonly env: EngineEnv) {
    this.throttle = new ProgressThrottle(() => env.now());
    this.plugins = new WorkspacePlugins(
      env.importModule ??
        (async (url) => {
          throw new Error(`this engine cannot load plugin code (${url})`);
        }),
    );
  }

  /**
   * The workspace's plugin configuration (GET /api/plugins, entry URLs absolute). Every plan is compiled
   * again with its configuration's functions, event types, lints and calendar.
   */
  async setPlugins(payload: PluginsPayload): Promise<Result<true>> {
    try {
      await this.plugins.configure(payload);
    } catch (e) {
      return { ok: false, diagnostics: [internalError('luoshi.config.yaml', e)] };
    }
    this.version++;
    return { ok: true, value: true };
  }

  onProgress(sink: ((m: ProgressMessage) => void) | null): void {
    this.progressSink = sink;
  }

  private progress(m: ProgressMessage): void {
    if (!this.throttle.admit(m)) return;
    try {
      this.progressSink?.(m);
    } catch {
      /* the page went away: nothing to tell */
    }
  }

  /** Registers a request; after one yield, says whether it is still the newest on its channel. */
  private async begin(channel: Channel, seq: number): Promise<boolean> {
    if (seq > this.latest[channel]) this.latest[channel] = seq;
    await yieldToQueue();
    return this.current(channel, seq);
  }

  private current(channel: Channel, seq: number): boolean {
    return seq >= this.latest[channel];
  }

  cancel(channel: Channel, seq: number): void {
    if (seq > this.latest[channel]) this.latest[channel] = seq;
  }

  // ---------------------------------------------------------------- files

  setFiles(files: Record<string, string>, libraries: Record<string, string[]>): void {
    this.files.clear();
    for (const [k, v] of Object.entries(files)) this.files.set(k, v);
    this.libraries = libraries;
    this.version++;
  }

  updateFile(path: string, text: string | null): void {
    if (text === null) this.files.delete(path);
    else if (this.files.get(path) === text) return;
    else this.files.set(path, text);
    this.version++;
  }

  private host(): CompilerHost {
    return {
      readFile: (p) => this.files.get(p) ?? null,
      resolveImport: (from, spec) => {
        const lib = spec.split('/')[0]!;
        if (this.libraries[lib] && !this.files.has(joinPath(from, spec))) return spec;
        // An absolute path or one leading above the workspace stays as written, for refuse() to name.
        return leavesWorkspace(from, spec) ? spec : joinPath(from, spec);
      },
      libraryFiles: (name) => this.libraries[name] ?? null,
      // The page only ever has the workspace's files; an import naming something outside it says so (as the CLI does).
      refuse: (p, from) => (from !== null && leavesWorkspace('', p) ? OUTSIDE_WORKSPACE : null),
      // The people files for the plan, read by the parsers loadPeopleReader() fetched before compiling.
      people: (entry) => {
        const sources = this.peopleSources(entry);
        if (sources.length === 0) return [];
        if (!this.readPeople) throw new Error('people files to read before their reader was loaded');
        return sources.map(this.readPeople);
      },
    };
  }

  /** The people files the governing configuration's data rule names for the plan (the bundle has their text). */
  private peopleSources(entry: string): PeopleSource[] {
    const rule = this.plugins.for(entry).config?.data?.find((r) => matchesAny(r.plans, entry));
    return (rule?.people ?? []).map((p) => ({ path: p, text: this.files.get(p) ?? null }));
  }

  /**
   * Fetches the people-file reader (its CSV and YAML parsers are a chunk of their own) the first time a plan
   * to compile has people files: most workspaces have none, and the page need not load it for them.
   */
  private async loadPeopleReader(entry: string): Promise<void> {
    if (this.readPeople || this.peopleSources(entry).length === 0) return;
    this.readPeople = (await import('../engine/check/people-read.js')).readPeopleFile;
  }

  private compileEntry(entry: string): Compiled {
    const c = this.compiled.get(entry);
    if (c && c.version === this.version) return c;
    const t0 = this.env.now();
    const result = compile(entry, this.host(), this.plugins.for(entry).compileOptions());
    const next: Compiled = {
      version: this.version,
      result,
      index: indexDeclarations(result.files),
      ms: this.env.now() - t0,
      lint: null,
      hooks: null,
    };
    this.compiled.set(entry, next);
    return next;
  }

  async check(seq: number, entry: string): Promise<Result<CheckSummary>> {
    if (!(await this.begin('check', seq))) return { ok: false, diagnostics: [], stale: true };
    try {
      await this.loadPeopleReader(entry);
      const c = this.compileEntry(entry);
      this.lastEntry = entry;
      const r = c.result;
      const plugins = this.plugins.for(entry);
      if (r.errorCount === 0 && c.lint === null)
        c.lint = await plugins.lint(
          r.ir,
          r.files.map((f) => f.path),
          entry,
        );
      // The plan's own diagnostics, its lints' findings, then what the plugins reported (loading, running).
      const diagnostics = [...r.diagnostics, ...(c.lint ?? []), ...this.plugins.diagnostics()];
      const count = (sev: string): number => diagnostics.filter((d) => d.severity === sev).length;
      const ir = { plan: r.ir.plan, phases: r.ir.phases, roles: r.ir.roles };
      const fns = new Map(plugins.host.functionSignatures().map((f) => [f.name, f.plugin ?? '']));
      const calls = [...irCalls(r.ir)]
        .filter((fn) => fns.has(fn))
        .sort()
        .map((fn) => ({ fn, plugin: fns.get(fn)! }));
      return {
        ok: true,
        value: {
          entry,
          diagnostics,
          errorCount: count('error'),
          warningCount: count('warning'),
          blocked: r.errorCount > 0,
          calls,
          files: r.files.map((f) => f.path),
          ir,
          ms: c.ms,
        },
      };
    } catch (e) {
      return { ok: false, diagnostics: [internalError(entry, e)] };
    }
  }

  // ---------------------------------------------------------------- data

  private setData(store: CaseStore, meta: DataPayloadMeta, source: string, ms: number): DataSummary {
    let lo = Infinity,
      hi = -Infinity;
    for (let i = 0; i < store.n; i++) {
      const f = store.filed[i]!;
      if (f < lo) lo = f;
      if (f > hi) hi = f;
    }
    const summary: DataSummary = {
      source,
      cases: store.n,
      events: store.evType.length,
      courts: store.courts.slice(),
      read: meta.read,
      accepted: meta.accepted,
      rejected: meta.rejected,
      warnings: meta.warnings,
      problems: meta.problems,
      filed: store.n ? { from: formatDay(lo), to: formatDay(hi) } : null,
      progress: meta.progress.length,
      staffing: meta.staffing.length,
      ms,
      sources: meta.sources ?? [],
    };
    this.data = { store, meta, summary, version: ++this.dataVersion };
    return summary;
  }

  /** No data: plans are evaluated over no cases (not over whatever was loaded before). */
  clearData(): void {
    if (this.data === null) return;
    this.data = null;
    this.dataVersion++;
  }

  async loadData(seq: number, url: string): Promise<Result<DataSummary>> {
    if (!(await this.begin('load', seq))) return { ok: false, diagnostics: [], stale: true };
    const t0 = this.env.now();
    const fail = (why: string, whyEn: string): Result<DataSummary> => ({
      ok: false,
      diagnostics: [diagnostic('E0005', url, new LineMap('').range([0, 0]), { reason: `${why} / ${whyEn}` })],
    });
    let res: Response;
    try {
      res = await this.env.fetch(url);
    } catch (e) {
      return fail('无法连接服务器', `cannot reach the server (${(e as Error).message})`);
    }
    if (!res.ok) {
      let msg = `HTTP ${res.status}`;
      try {
        const j = (await res.json()) as { error?: string };
        if (j.error) msg = j.error;
      } catch {
        /* not JSON */
      }
      return fail(`无法加载数据：${msg}`, `cannot load the data: ${msg}`);
    }
    const total = Number(res.headers.get('content-length') ?? 0);
    const chunks: Uint8Array[] = [];
    let got = 0;
    const reader = res.body?.getReader();
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        got += value.length;
        if (!this.current('load', seq)) {
          await reader.cancel();
          return { ok: false, diagnostics: [], stale: true };
        }
        this.progress({
          op: 'load',
          fraction: total ? got / total : null,
          text: `读取数据 ${(got / 1e6).toFixed(1)} MB`,
          textEn: `reading data ${(got / 1e6).toFixed(1)} MB`,
        });
      }
    } else {
      chunks.push(new Uint8Array(await res.arrayBuffer()));
    }
    const buf = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      buf.set(c, at);
      at += c.length;
    }
    try {
      const { store, meta } = decodeData(buf.buffer);
      const source = [...meta.selection.cases, ...meta.selection.progress, ...meta.selection.staffing].join(', ');
      return { ok: true, value: this.setData(store, meta, source, this.env.now() - t0) };
    } catch (e) {
      return fail(`数据格式错误：${(e as Error).message}`, `bad data payload: ${(e as Error).message}`);
    }
  }

  async generateData(seq: number, req: GenerateRequest): Promise<Result<DataSummary>> {
    if (!(await this.begin('load', seq))) return { ok: false, diagnostics: [], stale: true };
    const t0 = this.env.now();
    try {
      const b = new CaseStoreBuilder();
      let k = 0;
      const opts = {
        preset: req.preset,
        cases: req.cases,
        seed: req.seed,
        ...(req.from ? { from: req.from } : {}),
        ...(req.to ? { to: req.to } : {}),
      };
      // Generation is fetched when first asked for (the workbench's page loads this worker, and seldom generates).
      const { generateCases } = await import('../engine/generate/index.js');
      for (const rec of generateCases(opts)) {
        b.add(rec);
        if (++k % 20_000 === 0) {
          this.progress({
            op: 'generate',
            fraction: k / req.cases,
            text: `生成示例数据 ${k.toLocaleString()} / ${req.cases.toLocaleString()}`,
            textEn: `generating ${k.toLocaleString()} / ${req.cases.toLocaleString()} cases`,
          });
          await yieldToQueue();
          if (!this.current('load', seq)) return { ok: false, diagnostics: [], stale: true };
        }
      }
      const store = b.build();
      const meta: DataPayloadMeta = {
        selection: { cases: [], progress: [], staffing: [] },
        read: store.n,
        accepted: store.n,
        rejected: 0,
        warnings: 0,
        problems: [],
        progress: [],
        staffing: [],
      };
      return {
        ok: true,
        value: this.setData(
          store,
          meta,
          `gen --preset ${req.preset} --cases ${req.cases} --seed ${req.seed}`,
          this.env.now() - t0,
        ),
      };
    } catch (e) {
      return { ok: false, diagnostics: [internalError('gen', e)] };
    }
  }

  // ---------------------------------------------------------------- evaluation

  private inputs(): { store: CaseStore; meta: DataPayloadMeta | null } {
    return { store: this.data?.store ?? this.empty, meta: this.data?.meta ?? null };
  }

  /**
   * An entry ready to evaluate: compiled without errors, with its plugins' functions and calendar (the
   * evaluator's options). Otherwise the error result that says why not.
   */
  private async evaluable(
    entry: string,
  ): Promise<{ c: Compiled; hooks: EvalHooks; options: PluginEvalOptions } | { no: Result<never> }> {
    await this.loadPeopleReader(entry);
    const c = this.compileEntry(entry);
    if (c.result.errorCount > 0)
      return { no: { ok: false, diagnostics: c.result.diagnostics.filter((d) => d.severity === 'error') } };
    c.hooks ??= await this.plugins.for(entry).prepareEvaluation(c.result.ir);
    const hooks = c.hooks;
    if (hooks.unavailable.length === 0)
      return {
        c,
        hooks,
        options: { functions: hooks.functions, ...(hooks.addWorkdays ? { addWorkdays: hooks.addWorkdays } : {}) },
      };
    const why = `计划调用的函数不可用（提供它的插件未配置或未能激活，见问题面板）：${hooks.unavailable.join('、')} / functions the plan calls are not available (their plugin is not configured or failed to activate; see the problems): ${hooks.unavailable.join(', ')}`;
    return {
      no: {
        ok: false,
        diagnostics: [
          diagnostic('E0005', entry, new LineMap('').range([0, 0]), { reason: why }),
          ...this.plugins.diagnostics(),
        ],
      },
    };
  }

  async evaluate(seq: number, req: EvaluateRequest): Promise<Result<EvaluateValue>> {
    if (!(await this.begin('evaluate', seq))) return { ok: false, diagnostics: [], stale: true };
    try {
      const ready = await this.evaluable(req.entry);
      if ('no' in ready) return ready.no;
      const { c } = ready;
      const key = `${c.version}|${this.dataVersion}|${req.asOf}`;
      const cached = this.reports.get(req.entry);
      if (cached && cached.key === key) return { ok: true, value: forPage(cached.report, 0) };
      const evaluating = (fraction: number | null): void =>
        this.progress({
          op: 'evaluate',
          fraction,
          text: `评估 截至 ${req.asOf}`,
          textEn: `evaluating as of ${req.asOf}`,
        });
      evaluating(null);
      const t0 = this.env.now();
      const { store, meta } = this.inputs();
      const report = evaluatePlan({
        ir: c.result.ir,
        store,
        asOf: req.asOf,
        progress: meta?.progress ?? [],
        staffing: meta?.staffing ?? [],
        ...ready.options,
        // Sent while the evaluation runs: a worker's messages reach the page without waiting for it to end.
        onProgress: (done, total) => evaluating(done / total),
        data: meta
          ? {
              read: meta.read,
              accepted: meta.accepted,
              rejected: meta.rejected,
              warnings: meta.warnings,
              problems: meta.problems.slice(0, 200).map((p) => ({
                file: p.file,
                line: p.line,
                field: p.field,
                code: p.code,
                severity: p.severity,
                message: p.message,
              })),
              sources: meta.sources ?? [],
            }
          : { read: 0, accepted: 0, rejected: 0, warnings: 0, problems: [], sources: [] },
      });
      this.reports.set(req.entry, { key, report });
      this.lastEntry = req.entry;
      return { ok: true, value: forPage(report, this.env.now() - t0) };
    } catch (e) {
      return { ok: false, diagnostics: [internalError(req.entry, e)] };
    }
  }

  async replay(seq: number, req: ReplayRequest): Promise<Result<ReplayValue>> {
    if (!(await this.begin('replay', seq))) return { ok: false, diagnostics: [], stale: true };
    try {
      const ready = await this.evaluable(req.entry);
      if ('no' in ready) return ready.no;
      const { c } = ready;
      const t0 = this.env.now();
      const { store, meta } = this.inputs();
      const replay = await replayCooperatively(
        {
          ir: c.result.ir,
          store,
          progress: meta?.progress ?? [],
          staffing: meta?.staffing ?? [],
          from: req.from,
          to: req.to,
          step: req.step,
          ...ready.options,
        },
        async (done, total) => {
          this.progress({ op: 'replay', fraction: total ? done / total : 1, text: '回放', textEn: 'replaying' });
          await yieldToQueue();
          return this.current('replay', seq);
        },
        () => this.env.now(),
      );
      if (!replay) return { ok: false, diagnostics: [], stale: true };
      // The page charts indicators and targets: the milestone series (megabytes for a huge plan) stay here.
      const { milestones: _milestones, ...forPage } = replay;
      return { ok: true, value: { replay: forPage, ms: this.env.now() - t0, method: replay.method } };
    } catch (e) {
      return { ok: false, diagnostics: [internalError(req.entry, e)] };
    }
  }

  async cases(seq: number, req: CasesRequest): Promise<Result<CasesValue>> {
    if (!(await this.begin('cases', seq))) return { ok: false, diagnostics: [], stale: true };
    try {
      const ready = await this.evaluable(req.entry);
      if ('no' in ready) return ready.no;
      const { c } = ready;
      // The cases as the report counted them: court identity applied (engine/data/identity.ts).
      const { store } = identifyCourts(c.result.ir, this.inputs().store);
      const labels = (name: string): [string | null, string | null] => this.ratioLabels(c, name);
      const compiler = compilerFor(c.result.ir, store, ready.hooks.addWorkdays, ready.hooks.functions);
      return {
        ok: true,
        value: casesBehind(c.result.ir, store, this.reports.get(req.entry)?.report ?? null, req, labels, compiler),
      };
    } catch (e) {
      return { ok: false, diagnostics: [internalError(req.entry, e)] };
    }
  }

  /** The source text of an indicator's numerator and denominator (`计数(结案)`, `计数(受理)`). */
  private ratioLabels(c: Compiled, name: string): [string | null, string | null] {
    const d = c.index.get(name);
    const f = d && c.result.files.find((x) => x.path === d.file);
    const node = f?.program.items.find((s): s is A.Indicator => s.kind === 'Indicator' && s.name.text === name);
    if (!f || !node) return [null, null];
    const text = f.lines.text;
    const e = node.expr;
    if (e.kind === 'Binary' && e.op === '/')
      return [text.slice(e.left.range[0], e.left.range[1]), text.slice(e.right.range[0], e.right.range[1])];
    return [text.slice(e.range[0], e.range[1]), null];
  }

  // ---------------------------------------------------------------- editor services

  /** The compilation that contains `path` (the last evaluated entry first). */
  private compilationOf(path: string): { entry: string; c: Compiled } | null {
    const order = [...this.compiled.keys()].sort((a, b) => (a === this.lastEntry ? -1 : b === this.lastEntry ? 1 : 0));
    for (const entry of order) {
      const c = this.compiled.get(entry)!;
      if (c.result.files.some((f) => f.path === path)) return { entry, c };
    }
    return null;
  }

  private compilation(entry: string, c: Compiled): Compilation {
    return { entry, result: c.result, index: c.index, report: this.reports.get(entry)?.report ?? null };
  }

  complete(path: string, text: string, offset: number, lang: Lang, auto = false): CompletionValue {
    const r = this.language.complete(path, text, offset, lang, auto);
    return { items: r.items, from: { line: r.from.line + 1, column: r.from.character + 1 } };
  }

  hover(path: string, text: string, offset: number, lang: Lang): HoverValue | null {
    const h = this.language.hover(path, text, offset, lang);
    return h && { markdown: h.markdown, range: toSpan(h.range) };
  }

  definition(path: string, text: string, offset: number): DefinitionValue | null {
    const d = this.language.definition(path, text, offset);
    return d && { file: d.file, range: toSpan(d.range) };
  }

  /** Every use of the name at `offset`, across the compilations this worker holds. */
  references(path: string, text: string, offset: number, withDeclaration = true): DefinitionValue[] {
    return this.language
      .references(path, text, offset, withDeclaration)
      .map((l) => ({ file: l.file, range: toSpan(l.range) }));
  }

  /** Renames the name at `offset` everywhere: the edits per file (1-based spans), or why not. */
  rename(
    path: string,
    text: string,
    offset: number,
    newName: string,
  ): Result<Record<string, Array<{ range: Span; text: string }>>> {
    const r = this.language.rename(path, text, offset, newName);
    if (!r.ok)
      return {
        ok: false,
        diagnostics: [
          diagnostic('E0005', path, new LineMap('').range([0, 0]), { reason: `${r.message} / ${r.messageEn}` }),
        ],
      };
    const edits: Record<string, Array<{ range: Span; text: string }>> = {};
    for (const [f, es] of Object.entries(r.edits)) edits[f] = es.map((e) => ({ range: toSpan(e.range), text: e.text }));
    return { ok: true, value: edits };
  }

  /** The outline of a file: at most `limit` entries (the outline view shows a few hundred). */
  outline(path: string, text: string, limit = MAX_OUTLINE): OutlineItem[] {
    const items = this.language.symbols(path, text);
    let n = 0;
    const cut = (xs: DocumentSymbol[]): OutlineItem[] => {
      const out: OutlineItem[] = [];
      for (const x of xs) {
        if (n++ >= Math.min(limit, MAX_OUTLINE)) break;
        out.push(toOutline({ ...x, children: [] }));
        out[out.length - 1]!.children = cut(x.children);
      }
      return out;
    };
    return cut(items);
  }

  /** Code lenses of a file; with `lines`, only those on lines lines[0]..lines[1] (1-based, a huge file's viewport). */
  codeLenses(path: string, lang: Lang, lines?: [number, number]): CodeLensItem[] {
    const all = this.language.codeLenses(path, lang).map((l) => ({ ...l, line: l.line + 1 }));
    return lines ? all.filter((l) => l.line >= lines[0] && l.line <= lines[1]) : all;
  }

  /** The report formats a plan's plugins offer (built-in and configured), for an export. */
  reportFormats(entry: string): ReportFormatInfo[] {
    return this.plugins
      .for(entry)
      .host.formats('report')
      .map((f) => ({ name: f.name, title: f.title, extension: f.extension, mediaType: f.mediaType, plugin: f.plugin }));
  }

  /** The plan's last report in a report format (a plugin's renderer runs here, in the worker). */
  async renderReport(entry: string, format: string, lang: Lang): Promise<Result<RenderedReport>> {
    const report = this.reports.get(entry)?.report;
    const fail = (zh: string, en: string): Result<never> => ({
      ok: false,
      diagnostics: [diagnostic('E0005', entry, new LineMap('').range([0, 0]), { reason: `${zh} / ${en}` })],
    });
    if (!report) return fail('计划尚未评估', 'the plan has not been evaluated yet');
    const plugins = this.plugins.for(entry);
    const info = plugins.host.formats('report').find((f) => f.name === format);
    if (!info) return fail(`没有报告格式“${format}”`, `no report format "${format}"`);
    try {
      const text = await plugins.host.render(
        format,
        { kind: 'report', reports: [report] },
        { lang, color: false, quiet: false },
      );
      if (text === null) return { ok: false, diagnostics: plugins.diagnostics().slice(-1) };
      return { ok: true, value: { text, format, extension: info.extension, mediaType: info.mediaType } };
    } catch (e) {
      return { ok: false, diagnostics: [internalError(entry, e)] };
    }
  }

  format(text: string): Result<FormatValue> {
    const r = this.language.format(text);
    if (r.ok) return { ok: true, value: { text: r.text } };
    return {
      ok: false,
      diagnostics: [
        diagnostic('E0005', '', new LineMap('').range([0, 0]), { reason: `无法格式化 / cannot format: ${r.reason}` }),
      ],
    };
  }
}

/** Above this many tasks the page gets the report's first tasks only. */
export const MAX_PAGE_TASKS = 500;
const MAX_OUTLINE = 3000;

/** The report for the page: a huge plan's tasks cut to the first MAX_PAGE_TASKS (summary counts stay whole). */
function forPage(report: PlanReport, ms: number): EvaluateValue {
  const total = report.tasks.length;
  if (total <= MAX_PAGE_TASKS) return { report, ms, tasksTotal: total };
  const tasks = report.tasks.slice(0, MAX_PAGE_TASKS);
  const kept = new Set(tasks.map((t) => t.id));
  return {
    ms,
    tasksTotal: total,
    report: {
      ...report,
      tasks,
      people: report.people.map((p) => ({ ...p, tasks: p.tasks.filter((x) => kept.has(x.task)) })),
      departments: report.departments.map((d) => ({ ...d, tasks: d.tasks.filter((x) => kept.has(x.id)) })),
    },
  };
}
