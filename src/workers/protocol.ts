// What crosses the boundary between the workbench page and the engine worker: plain data only (no
// classes, no functions), so every value survives structured clone. Every call answers with a Result:
// the value, or the diagnostics that say why there is none.
import type { Diagnostic } from '../engine/diagnostics/diagnostic.js';
import type { PlanIR } from '../engine/ir/types.js';
import type { PlanReport } from '../engine/report/model.js';
import type { ReplayResult, Step } from '../engine/replay/types.js';
import type { CaseRecord, ProgressReport, StaffingRecord } from '../engine/data/record.js';

export type Result<T> = { ok: true; value: T } | { ok: false; diagnostics: Diagnostic[]; stale?: boolean };

/** A plan-language position as Monaco counts it: 1-based line and column (UTF-16 units). */
export interface LineCol { line: number; column: number }
export interface Span { start: LineCol; end: LineCol }

// ---------------------------------------------------------------- files and compilation

export interface CheckSummary {
  entry: string;
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
  /** Every file the compilation read (libraries first). */
  files: string[];
  /** What the page needs of the IR (the whole IR stays in the worker: a huge plan's IR is megabytes). */
  ir: Pick<PlanIR, 'plan' | 'phases' | 'roles'>;
  /** Milliseconds spent in the worker. */
  ms: number;
}

// ---------------------------------------------------------------- data

export interface DataSelection {
  cases: string[];
  progress: string[];
  staffing: string[];
}

export interface DataProblemRow {
  file: string; line: number; column?: number; field: string; code: string; severity: string;
  message: string; messageEn: string;
}

export interface DataSummary {
  /** What was loaded: the selection, or a description of generated data. */
  source: string;
  cases: number;
  events: number;
  courts: string[];
  read: number;
  accepted: number;
  rejected: number;
  warnings: number;
  /** The first problems (all are counted). */
  problems: DataProblemRow[];
  /** Date range of filings (ISO), or null without cases. */
  filed: { from: string; to: string } | null;
  progress: number;
  staffing: number;
  ms: number;
}

/** A loaded data set as the server sends it (see store-codec.ts): the store's buffers plus records. */
export interface DataPayloadMeta {
  selection: DataSelection;
  read: number;
  accepted: number;
  rejected: number;
  warnings: number;
  problems: DataProblemRow[];
  progress: ProgressReport[];
  staffing: StaffingRecord[];
}

// ---------------------------------------------------------------- evaluation

export interface EvaluateRequest { entry: string; asOf: string }
export interface ReplayRequest { entry: string; from: string; to: string; step: Step }

/**
 * The report as the page gets it. A huge plan's report is cut to its first tasks (the page's views show
 * no more than that; hovers and code lenses, computed in the worker, see them all).
 */
export interface EvaluateValue { report: PlanReport; ms: number; tasksTotal: number }
export interface ReplayValue { replay: ReplayResult; ms: number; method: string }

/** Which cases lie behind a figure: an indicator (or a target's indicator) in one group at a date. */
export interface CasesRequest {
  entry: string;
  asOf: string;
  indicator?: string;
  target?: string;
  /** A court's full name; absent = all courts. */
  court?: string;
  /** The rule whose failures to list (instead of an indicator). */
  rule?: string;
  /** Only cases in the denominator but not the numerator (the ones that pull a ratio down). */
  onlyMissing?: boolean;
  limit?: number;
  offset?: number;
}

export interface CaseRow {
  record: CaseRecord;
  /** For an indicator: whether the case counts in the numerator / denominator (or the single aggregate). */
  inNumerator: boolean;
  inDenominator: boolean;
  /** Indices into record.events of the events that count (event-domain sets). */
  events: number[];
  /** Rule conditions the case fails (rule queries). */
  failed?: string[];
}

export interface CasesValue {
  title: string;
  titleEn: string;
  unit: string;
  numeratorLabel: string | null;
  denominatorLabel: string | null;
  numerator: number;
  denominator: number | null;
  /** Number of cases matching the query (before limit/offset). */
  total: number;
  rows: CaseRow[];
}

// ---------------------------------------------------------------- language service

export type SymbolKindName =
  | 'plan' | 'court' | 'person' | 'role' | 'department' | 'group' | 'phase' | 'field' | 'set' | 'indicator' | 'rule'
  | 'target' | 'task' | 'milestone' | 'fact';

export interface OutlineItem {
  name: string;
  detail: string;
  kind: SymbolKindName;
  range: Span;
  selection: Span;
  children: OutlineItem[];
}

export type CompletionKind = 'keyword' | 'person' | 'role' | 'department' | 'indicator' | 'eventType' | 'field' | 'set'
  | 'court' | 'rule' | 'target' | 'phase' | 'function' | 'unit' | 'group' | 'snippet';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail: string;
  documentation?: string;
  insertText?: string;
  /** Monaco snippet syntax in insertText. */
  snippet?: boolean;
  sortText?: string;
}

export interface CompletionValue { items: CompletionItem[]; from: LineCol }

export interface HoverValue { markdown: string[]; range: Span }

export interface DefinitionValue { file: string; range: Span }

export interface CodeLensItem { line: number; title: string; status: string; target?: string; task?: string; milestone?: string }

export interface FormatValue { text: string }

export interface ProgressMessage {
  /** Which operation reports. */
  op: 'check' | 'load' | 'evaluate' | 'replay' | 'generate' | 'cases';
  /** 0..1 when known. */
  fraction: number | null;
  text: string;
  textEn: string;
}

export interface GenerateRequest { preset: string; cases: number; seed: number; from?: string; to?: string }

export type Channel = 'check' | 'load' | 'evaluate' | 'replay' | 'cases';
