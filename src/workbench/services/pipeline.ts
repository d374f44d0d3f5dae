// The evaluation pipeline, all of it in the engine worker: edit → check → evaluate → replay, and the data
// under it. Each stage has its own timer (an edit waits for typing to pause; the as-of slider for the hand
// to rest; a replay for the evaluation to land) and its own channel: a newer request supersedes the older,
// whose answer is dropped. A check that finds errors stops the chain; the last report stays, marked stale.
import type { CasesRequest, CheckSummary, DataSelection, ProgressMessage } from '../../workers/protocol.js';
import type { EngineClient } from '../engine-client.js';
import type { State, Store } from '../state.js';
import { pickData, rememberData, rememberedData } from '../data-pick.js';
import type { PluginsPayload } from '../../workers/protocol.js';
import { inBoth, pick, t } from '../i18n.js';
import type { NotificationService } from './notifications.js';
import { Debouncer, DisposableStore, type Disposable } from './lifecycle.js';

/** Waits after the last keystroke before the text goes to the engine (a huge file's text is read then). */
export const EDIT_DELAY_MS = 250;
export const BIG_EDIT_DELAY_MS = 700;
/** A text this long is read when typing pauses, not on every keystroke. */
const BIG_TEXT = 200_000;
/** The as-of slider moving: evaluate once it rests this long. */
export const ASOF_DELAY_MS = 40;

type Busy = 'check' | 'load' | 'evaluate' | 'replay' | 'cases';

export interface PipelineDeps {
  client: Pick<EngineClient, 'engine' | 'request' | 'cancel'>;
  notifications: Pick<NotificationService, 'notify' | 'clearCause'>;
  editor: {
    versions(): Map<string, number>;
    applyCheck(check: CheckSummary, versions: ReadonlyMap<string, number>, entry: string): void;
    refreshLenses(): void;
  };
  workspace: { recordText(path: string, text: string): void; rememberActive(path: string): void };
  plugins: {
    configs(): PluginsPayload['configs'];
    configOf(plan: string | null): string | null;
    restrictedCount(): number;
    refreshExports(): void;
  };
  /** Where the worker fetches a data selection from. */
  dataUrl(sel: DataSelection, plan: string | null): string;
}

export class EvaluationPipeline implements Disposable {
  private readonly edit = new Debouncer();
  private readonly asOfMove = new Debouncer();
  private readonly replayWait = new Debouncer();
  private readonly disposables = new DisposableStore();
  /** An IME composition is under way (pinyin being typed) and the check it holds back. */
  private composingNow = false;
  private afterComposition: (() => void) | null = null;
  /** Evaluation waits after the engine was restarted because it was stuck, until the plan or its plugins change. */
  paused = false;
  /** Evaluation goes on (the plan or its plugins changed since a restart paused it). */
  resume(): void {
    this.paused = false;
  }

  /** What data the worker holds (a selection with its importers, or generated data): loaded once. */
  private loadedSelection = '';

  constructor(
    private readonly store: Store,
    private readonly deps: PipelineDeps,
  ) {
    for (const d of [this.edit, this.asOfMove, this.replayWait]) this.disposables.add(d);
  }

  /** Timers waiting (the tests count them). */
  get pendingTimers(): number {
    return [this.edit, this.asOfMove, this.replayWait].filter((d) => d.pending).length;
  }

  // ---------------------------------------------------------------- edits

  /** A writable file's text changed in the editor. */
  edited(path: string, model: { getValue(): string; getValueLength(): number }): void {
    this.paused = false;
    const b = this.store.s.buffers.get(path);
    if (!b || b.readOnly) return;
    // The text is read when typing pauses: a huge file's getValue() is megabytes per keystroke.
    const big = model.getValueLength() > BIG_TEXT;
    const sync = (): void => this.deps.workspace.recordText(path, model.getValue());
    if (!big) sync();
    else if (b.text === b.savedText) {
      b.text = `${b.savedText}\u0000`;
      this.store.touch('buffers');
    } // dirty until synced
    this.edit.schedule(
      () => {
        const push = (): void => {
          if (big) sync();
          void this.deps.client.engine.updateFile(path, b.text);
          void this.runCheck();
        };
        if (this.composingNow)
          this.afterComposition = () => {
            if (!big) sync();
            push();
          };
        else push();
      },
      big ? BIG_EDIT_DELAY_MS : EDIT_DELAY_MS,
    );
    this.store.update({ reportStale: true });
  }

  composing(on: boolean): void {
    this.composingNow = on;
    if (on) return;
    const pending = this.afterComposition;
    this.afterComposition = null;
    // The committed characters brought an edit of their own, whose timer will push them: once is enough.
    if (!this.edit.pending) pending?.();
  }

  scheduleCheck(delay: number): void {
    this.edit.schedule(() => {
      void this.runCheck();
    }, delay);
  }

  // ---------------------------------------------------------------- the plan and its data

  setEntry(path: string): void {
    this.deps.workspace.rememberActive(path);
    const choice = pickData(
      path,
      this.store.s.files,
      this.deps.plugins.configs(),
      rememberedData(path),
      this.store.s.database !== null,
    );
    this.paused = false;
    this.store.update({
      entry: path,
      dataSelection: choice.selection,
      dataOrigin: choice.origin,
      report: null,
      replay: null,
      check: null,
      cases: null,
      casesQuery: null,
      evalErrors: [],
    });
    void this.runCheck().then(() => this.loadData());
    this.deps.plugins.refreshExports();
  }

  selectData(sel: DataSelection): void {
    const entry = this.store.s.entry;
    if (entry) rememberData(entry, sel);
    this.store.update({ dataSelection: sel, dataOrigin: 'chosen' });
    void this.loadData();
  }

  /** The configuration's `data:` may name other files now: the plan in view takes them unless the user chose. */
  configurationChanged(): void {
    const { entry, dataOrigin } = this.store.s;
    if (!entry || !(dataOrigin === 'configured' || dataOrigin === 'guessed' || dataOrigin === 'none')) return;
    const choice = pickData(
      entry,
      this.store.s.files,
      this.deps.plugins.configs(),
      rememberedData(entry),
      this.store.s.database !== null,
    );
    if (JSON.stringify(choice.selection) === JSON.stringify(this.store.s.dataSelection)) return;
    this.store.update({ dataSelection: choice.selection, dataOrigin: choice.origin });
    void this.loadData();
  }

  /** Reads the data again (its files changed, or the importers did). */
  reloadData(): void {
    this.loadedSelection = '';
    void this.loadData();
  }

  async loadData(): Promise<void> {
    const sel = this.store.s.dataSelection;
    if (!sel) return;
    const { client, notifications } = this.deps;
    // The same files read with another configuration's importers are another data set.
    const key = JSON.stringify([
      sel,
      this.deps.plugins.configOf(this.store.s.entry),
      this.deps.plugins.restrictedCount(),
    ]);
    if (key === this.loadedSelection) return;
    this.loadedSelection = key;
    if (sel.cases.length === 0 && sel.progress.length === 0) {
      client.cancel('load');
      await client.engine.clearData();
      this.store.update({ data: null, dataError: null });
      await this.runEvaluate();
      this.scheduleReplay(200);
      return;
    }
    this.busy('load', { op: 'load', fraction: null, text: t('loadingData'), textEn: t('loadingData') });
    const r = await client.request('load', (seq) =>
      client.engine.loadData(seq, this.deps.dataUrl(sel, this.store.s.entry)),
    );
    this.busy('load', false);
    if (!r) return;
    if (!r.ok) {
      const d = r.diagnostics[0];
      this.loadedSelection = '';
      this.store.update({ dataError: d ? pick(d.message, d.messageEn) : 'error' });
      notifications.notify(
        inBoth((tr, pk) => `${tr('loadingData')} ${d ? pk(d.message, d.messageEn) : ''}`),
        'error',
        { cause: 'data' },
      );
      return;
    }
    this.store.update({ data: r.value, dataError: null });
    const { rejected, read } = r.value;
    // The data in use now decides what is said about data: an older data set's problems go.
    if (rejected === 0) notifications.clearCause('data');
    else
      notifications.notify(
        inBoth((tr) => `${tr('dataProblems')}: ${rejected} ${tr('rejected')} / ${read} ${tr('read')}`),
        'error',
        { cause: 'data' },
      );
    await this.runEvaluate();
    this.scheduleReplay(100);
  }

  async generateData(cases: number, preset = 'ningbo', seed = 1): Promise<void> {
    const { client, notifications } = this.deps;
    this.loadedSelection = `gen:${preset}:${cases}:${seed}`;
    this.busy('load', { op: 'generate', fraction: 0, text: t('generate'), textEn: t('generate') });
    const r = await client.request('load', (seq) =>
      client.engine.generateData(seq, { preset, cases, seed, from: '2016-01-01', to: '2018-12-31' }),
    );
    this.busy('load', false);
    if (!r) return;
    if (!r.ok) {
      const ds = r.diagnostics;
      notifications.notify(
        { zh: ds.map((d) => d.message).join('；'), en: ds.map((d) => d.messageEn).join('; ') },
        'error',
        { cause: 'data' },
      );
      return;
    }
    notifications.clearCause('data');
    this.store.update({
      data: r.value,
      dataError: null,
      dataSelection: { cases: [], progress: [], staffing: [] },
      dataOrigin: 'generated',
    });
    await this.runEvaluate();
    this.scheduleReplay(100);
  }

  /** Generated data to make again after a restart of the engine, else null. */
  generated(): { cases: number; preset: string; seed: number } | null {
    const g = this.loadedSelection.startsWith('gen:') ? this.loadedSelection.split(':') : null;
    return g ? { preset: g[1] ?? 'ningbo', cases: Number(g[2]), seed: Number(g[3]) } : null;
  }

  /** The worker was replaced: whatever it held must be sent again. */
  forgetData(): void {
    this.loadedSelection = '';
  }

  // ---------------------------------------------------------------- check → evaluate → replay

  private busy(op: Busy, on: boolean | ProgressMessage): void {
    const busy = { ...this.store.s.busy };
    if (on === false) delete busy[op];
    else busy[op] = on;
    this.store.update({ busy });
  }

  /** Progress from the worker, shown while its operation runs. */
  progress(m: ProgressMessage): void {
    const op = m.op === 'generate' ? 'load' : m.op;
    if (this.store.s.busy[op] !== undefined) this.busy(op, m);
  }

  async runCheck(): Promise<void> {
    const entry = this.store.s.entry;
    if (!entry) return;
    const { client, editor } = this.deps;
    const versions = editor.versions();
    this.busy('check', true);
    const r = await client.request('check', (seq) => client.engine.check(seq, entry));
    this.busy('check', false);
    if (!r || this.store.s.entry !== entry) return;
    if (!r.ok) {
      this.store.update({ evalErrors: r.diagnostics });
      return;
    }
    const check = r.value;
    editor.applyCheck(check, versions, entry);
    const range = check.ir.plan.period ?? this.store.s.range ?? this.dataRange();
    const patch: Partial<State> = { check };
    // A new range object would rebuild the as-of controls: a slider being used would lose its focus.
    const moved = !sameRange(range, this.store.s.range);
    if (moved) patch.range = range;
    const asOf = this.store.s.asOf;
    if (range && (!asOf || asOf < range.from || asOf > range.to || moved)) patch.asOf = range.to;
    this.store.update(patch);
    if (check.blocked) {
      this.store.update({
        reportStale: this.store.s.report !== null,
        evalErrors: check.diagnostics.filter((d) => d.severity === 'error'),
      });
      return;
    }
    this.store.update({ evalErrors: [] });
    await this.runEvaluate();
    this.scheduleReplay(400);
  }

  private dataRange(): { from: string; to: string } | null {
    const f = this.store.s.data?.filed;
    return f ? { from: f.from, to: f.to } : null;
  }

  async runEvaluate(): Promise<void> {
    const { entry, asOf, check } = this.store.s;
    if (!entry || !asOf || !check || check.blocked || this.paused) return;
    const { client, editor } = this.deps;
    this.busy('evaluate', true);
    const r = await client.request('evaluate', (seq) => client.engine.evaluate(seq, { entry, asOf }));
    this.busy('evaluate', false);
    if (!r || this.store.s.entry !== entry) return;
    if (!r.ok) {
      this.store.update({ evalErrors: r.diagnostics, reportStale: true });
      return;
    }
    // An edit waiting to be checked: the report is already behind the text.
    const stale = this.store.s.buffers.get(entry)?.text !== undefined && this.edit.pending;
    this.store.update({ report: r.value.report, reportStale: stale, evalErrors: [], tasksTotal: r.value.tasksTotal });
    if (this.store.s.firstEvaluatedAt === null && this.store.s.data !== null) {
      this.store.update({ firstEvaluatedAt: performance.now() });
      document.body.dataset.firstEvaluated = String(Math.round(performance.now()));
    }
    document.body.dataset.evaluatedAsOf = r.value.report.asOf;
    editor.refreshLenses();
    const q = this.store.s.casesQuery;
    if (q && q.asOf !== asOf) void this.showCases({ ...q, asOf });
  }

  scheduleReplay(delay: number): void {
    this.replayWait.schedule(() => {
      void this.runReplay();
    }, delay);
  }

  async runReplay(): Promise<void> {
    const { entry, range, step, check } = this.store.s;
    if (!entry || !range || !check || check.blocked || this.paused) return;
    const { client } = this.deps;
    this.busy('replay', true);
    const r = await client.request('replay', (seq) =>
      client.engine.replay(seq, { entry, from: range.from, to: range.to, step }),
    );
    this.busy('replay', false);
    if (!r || this.store.s.entry !== entry) return;
    if (r.ok) this.store.update({ replay: r.value.replay });
  }

  /** Stops the replay that runs (the worker stops at its next slice) or waits to run; the last series stay. */
  cancelReplay(): void {
    this.replayWait.cancel();
    this.deps.client.cancel('replay');
    this.busy('replay', false);
  }

  setAsOf(date: string, immediate = false): void {
    if (date === this.store.s.asOf) return;
    this.store.update({ asOf: date });
    this.asOfMove.schedule(
      () => {
        void this.runEvaluate();
      },
      immediate ? 0 : ASOF_DELAY_MS,
    );
  }

  setStep(step: State['step']): void {
    this.store.update({ step });
    this.scheduleReplay(0);
  }

  async showCases(q: CasesRequest): Promise<void> {
    const { client } = this.deps;
    this.store.update({ casesQuery: q, casesError: null });
    this.busy('cases', true);
    const r = await client.request('cases', (seq) => client.engine.cases(seq, q));
    this.busy('cases', false);
    if (!r) return;
    if (r.ok) this.store.update({ cases: r.value, casesError: null });
    else
      this.store.update({ cases: null, casesError: r.diagnostics.map((d) => pick(d.message, d.messageEn)).join('; ') });
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

function sameRange(a: { from: string; to: string } | null, b: { from: string; to: string } | null): boolean {
  return !!a && !!b && a.from === b.from && a.to === b.to;
}
