// The page's state: one object, changed through `update`, watched by views. Views re-render at most once
// per animation frame however many changes arrive, so a burst of results never stacks up DOM work.
import type { Diagnostic } from '../engine/diagnostics/diagnostic.js';
import type { PlanReport } from '../engine/report/model.js';
import type {
  CasesRequest,
  CasesValue,
  CheckSummary,
  DataSelection,
  DataSummary,
  FileEntry,
  FileKind,
  PageReplay,
  ProgressMessage,
  DatabaseSourceInfo,
} from '../workers/protocol.js';
import type { Lang } from './i18n.js';
import type { DataOrigin } from './data-pick.js';
import type { Title } from '../engine/plugins/api.js';

export type { FileEntry, FileKind };

export interface Buffer {
  path: string;
  text: string;
  /** What is on disk as far as we know (the last read or save). */
  savedText: string;
  etag: string | null;
  stamp: string | null;
  readOnly: boolean;
  /** The file changed on disk while this buffer had unsaved edits. */
  changedOnDisk: boolean;
}

/** Words shown to the reader: one string (a path, a plugin's own text) or both languages, picked when drawn. */
export type Words = string | Title;

/**
 * A notice in the corner. `cause` names what it is about: a new notice of the same cause replaces the old
 * one, and the cause going away (the server back) clears it. Sticky notices stay until dismissed.
 */
export interface Notice {
  id: number;
  text: Words;
  kind: 'info' | 'error' | 'ok';
  cause: string;
  sticky: boolean;
  action?: { label: Words; run(): void };
}

export interface State {
  lang: Lang;
  /** 'signed-out': the server answered 401 (the page was not opened with the URL `luoshi serve` printed). */
  server: 'ok' | 'down' | 'signed-out' | 'unknown';
  roots: Array<{ name: string; dir: string }>;
  files: FileEntry[];
  libraries: Record<string, string[]>;
  buffers: Map<string, Buffer>;
  openTabs: string[];
  active: string | null;
  /** The plan being evaluated (the last plan file made active). */
  entry: string | null;
  check: CheckSummary | null;
  dataSelection: DataSelection | null;
  /** Where the data in use came from (guessed or generated data shows a banner until the user picks data). */
  dataOrigin: DataOrigin;
  /** The server's database source (luoshi.config.yaml's database.url), or null when it has none. */
  database: DatabaseSourceInfo | null;
  data: DataSummary | null;
  dataError: string | null;
  range: { from: string; to: string } | null;
  asOf: string | null;
  step: 'day' | 'week' | 'month';
  playing: boolean;
  report: PlanReport | null;
  /** The report is older than the text (the plan has errors, or an evaluation is under way). */
  reportStale: boolean;
  /** How many tasks the plan has (the page's report holds at most the first 500). */
  tasksTotal: number;
  evalErrors: Diagnostic[];
  /** Problems of the configured plugins that surfaced in the page (a command or a view that failed). */
  pluginProblems: Diagnostic[];
  replay: PageReplay | null;
  busy: Partial<Record<'check' | 'load' | 'evaluate' | 'replay' | 'cases', ProgressMessage | true>>;
  casesQuery: CasesRequest | null;
  cases: CasesValue | null;
  casesError: string | null;
  panelView: string;
  /** What a view should show when opened from elsewhere (a code lens, a hover). */
  focus: { indicator?: string; target?: string };
  notices: Notice[];
  /** Milliseconds from page open to the first evaluated view (the benchmark reads it). */
  firstEvaluatedAt: number | null;
}

export type Key = keyof State;
type Listener = (changed: ReadonlySet<Key>) => void;

class Store {
  readonly s: State;
  private readonly listeners = new Set<Listener>();
  private pending = new Set<Key>();
  private scheduled = false;

  constructor(initial: State) {
    this.s = initial;
  }

  update(patch: Partial<State>): void {
    for (const k of Object.keys(patch) as Key[]) {
      (this.s as unknown as Record<string, unknown>)[k] = patch[k];
      this.pending.add(k);
    }
    this.schedule();
  }

  /** For in-place changes of a Map or array held in the state. */
  touch(...keys: Key[]): void {
    for (const k of keys) this.pending.add(k);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      const changed = this.pending;
      this.pending = new Set();
      for (const l of this.listeners) {
        try {
          l(changed);
        } catch (e) {
          console.error(e);
        }
      }
    });
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

export function createStore(lang: Lang): Store {
  return new Store({
    lang,
    server: 'unknown',
    roots: [],
    files: [],
    libraries: {},
    buffers: new Map(),
    openTabs: [],
    active: null,
    entry: null,
    check: null,
    dataSelection: null,
    dataOrigin: 'none',
    database: null,
    data: null,
    dataError: null,
    range: null,
    asOf: null,
    step: 'week',
    playing: false,
    report: null,
    reportStale: false,
    tasksTotal: 0,
    evalErrors: [],
    pluginProblems: [],
    replay: null,
    busy: {},
    casesQuery: null,
    cases: null,
    casesError: null,
    panelView: 'tasks',
    focus: {},
    notices: [],
    firstEvaluatedAt: null,
  });
}

export type { Store };
