// What crosses the boundary between the workbench page, the engine worker and the server: plain data only
// (no classes, no functions), so every value survives structured clone. Every call answers with a Result:
// the value, or the diagnostics that say why there is none. A loaded data set travels as bytes: its codec
// (encodeData, decodeData) is at the end, so the server and the worker import the one module.
import type { Diagnostic } from '../engine/diagnostics/diagnostic.js';
import type { PlanIR } from '../engine/ir/types.js';
import type { DataSource, PlanReport } from '../engine/report/model.js';
import type { ReplayResult, Step } from '../engine/replay/types.js';
import type { CaseRecord, ProgressReport, StaffingRecord } from '../engine/data/record.js';
import type { CaseStore } from '../engine/data/store.js';
import type { Bilingual } from '../engine/lang.js';

export type Result<T> = { ok: true; value: T } | { ok: false; diagnostics: Diagnostic[]; stale?: boolean };

/** A plan-language position as Monaco counts it: 1-based line and column (UTF-16 units). */
export interface LineCol {
  line: number;
  column: number;
}
export interface Span {
  start: LineCol;
  end: LineCol;
}

// ---------------------------------------------------------------- files and compilation

/** What a workspace file is, by its name (the server's `kindOf`). */
export type FileKind = 'plan' | 'test' | 'cases' | 'progress' | 'staffing' | 'doc' | 'other';
/** A file of the workspace as the server lists it (GET /api/files). */
export interface FileEntry {
  path: string;
  kind: FileKind;
  size: number;
  stamp: string;
}

export interface CheckSummary {
  entry: string;
  diagnostics: Diagnostic[];
  /** Errors and warnings among `diagnostics` (the plan's, its lints', its plugins'). */
  errorCount: number;
  warningCount: number;
  /** The plan itself has errors: it cannot be evaluated until they are fixed (a plugin's problem alone does not block). */
  blocked: boolean;
  /** The plugins' functions the plan calls, with their plugin (their code runs in the engine worker). */
  calls: Array<{ fn: string; plugin: string }>;
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
  file: string;
  line: number;
  column?: number;
  field: string;
  code: string;
  severity: string;
  message: string;
  messageEn: string;
}

/** The server's database source (luoshi serve with database.url; src/harness/serve/database.ts): where (password
 *  hidden), when it was read, what it held or why it failed. */
export interface DatabaseSourceInfo {
  source: string;
  schema: string | null;
  configFile: string;
  readAt: string | null;
  read: number | null;
  accepted: number | null;
  rejected: number | null;
  error: string | null;
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
  /** The files read, with their counts (none for generated data). */
  sources: DataSource[];
  ms: number;
}

/** A loaded data set as the server sends it (see encodeData below): the store's buffers plus records. */
export interface DataPayloadMeta {
  selection: DataSelection;
  read: number;
  accepted: number;
  rejected: number;
  warnings: number;
  problems: DataProblemRow[];
  progress: ProgressReport[];
  staffing: StaffingRecord[];
  /** The files read, with their counts. */
  sources?: DataSource[];
}

// ---------------------------------------------------------------- evaluation

export interface EvaluateRequest {
  entry: string;
  asOf: string;
}
export interface ReplayRequest {
  entry: string;
  from: string;
  to: string;
  step: Step;
}

/**
 * The report as the page gets it. A huge plan's report is cut to its first tasks (the page's views show
 * no more than that; hovers and code lenses, computed in the worker, see them all).
 */
export interface EvaluateValue {
  report: PlanReport;
  ms: number;
  tasksTotal: number;
}
/** A replay for the page: its series of indicators and targets (the milestones' stay in the worker). */
export type PageReplay = Omit<ReplayResult, 'milestones'>;
export interface ReplayValue {
  replay: PageReplay;
  ms: number;
  method: string;
}

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

export type { SymbolKindName, CompletionKind, CompletionItem } from '../engine/language/types.js';
import type { SymbolKindName, CompletionItem } from '../engine/language/types.js';

export interface OutlineItem {
  name: string;
  detail: string;
  kind: SymbolKindName;
  range: Span;
  selection: Span;
  children: OutlineItem[];
}

export interface CompletionValue {
  items: CompletionItem[];
  from: LineCol;
}

export interface HoverValue {
  markdown: string[];
  range: Span;
}

export interface DefinitionValue {
  file: string;
  range: Span;
}

export interface CodeLensItem {
  line: number;
  title: string;
  status: string;
  target?: string;
  task?: string;
  milestone?: string;
}

export interface FormatValue {
  text: string;
}

export interface ProgressMessage {
  /** Which operation reports. */
  op: 'check' | 'load' | 'evaluate' | 'replay' | 'generate' | 'cases';
  /** 0..1 when known. */
  fraction: number | null;
  text: string;
  textEn: string;
}

export interface GenerateRequest {
  preset: string;
  cases: number;
  seed: number;
  from?: string;
  to?: string;
}

export type Channel = 'check' | 'load' | 'evaluate' | 'replay' | 'cases';

// ---------------------------------------------------------------- plugins (GET /api/plugins)

/**
 * The workspace's plugin configuration as `luoshi serve` hands it to the page and its worker: every
 * luoshi.config.yaml that governs part of the workspace, with the plugins it lists. The server reads
 * and parses; the host (in the worker and in the page) validates manifests and settings, as in the harness.
 */
export interface PluginsPayload {
  /** A configuration of a folder not trusted is here with no plugins (built-in ones only) and no calendar. */
  configs: PluginConfigPayload[];
  /**
   * Restricted mode: the configurations of folders the user has not trusted, with what their plugins would
   * contribute (read from plugin.json as data; no code of theirs is run or served). Absent or empty: none.
   */
  restricted?: RestrictedConfigPayload[];
}

export interface RestrictedConfigPayload {
  /** The configuration file and the workspace folder it governs, as in PluginConfigPayload. */
  file: string;
  scope: string;
  plugins: RestrictedPluginPayload[];
}

export interface RestrictedPluginPayload {
  /** How the configuration names it. */
  label: string;
  /** plugin.json's id and name, when it has them. */
  id: string | null;
  name: string | null;
  /** Per contribution point (functions, eventTypes, lints, formats, importers, calendars, commands, views): the names. */
  contributes: Record<string, string[]>;
}

/** GET /api/trust and POST /api/trust {trusted}: whether each served folder's plugins may run. */
export interface TrustPayload {
  folders: Array<{ name: string; dir: string; trusted: boolean; by: string | null; session: boolean }>;
  /** Every served folder is trusted. */
  trusted: boolean;
  /** Where trust is remembered (outside the folders). */
  store: string;
  /** `luoshi serve --no-plugins`: no folder's plugins run, trusted or not. */
  noPlugins: boolean;
}

export interface PluginConfigPayload {
  /** The configuration file: its workspace path, or (above the workspace) its path from the folder served. */
  file: string;
  /** The workspace folder it governs: a plan at or below it uses it ('' = the whole workspace). */
  scope: string;
  /** `calendar:` of the configuration, or null. */
  calendar: string | null;
  plugins: PluginFolderPayload[];
  /** Problems of the configuration and of finding and reading its plugins (P-codes, file and line). */
  diagnostics: Diagnostic[];
  /** Its `data:` rules with every pattern as a workspace path glob (what lies outside the workspace dropped). */
  data?: PlanDataRule[];
}

/**
 * Which plans (workspace path globs) are evaluated with which data files (workspace path globs); `people`:
 * the people files (workspace paths) whose holders fill the plans' per-court roles at compilation.
 */
export interface PlanDataRule {
  plans: string[];
  cases: string[];
  progress: string[];
  staffing: string[];
  people?: string[];
}

export interface PluginFolderPayload {
  /** How the configuration names it (a path or an npm package name). */
  label: string;
  /** plugin.json, parsed (validated by the host, not the server). */
  manifest: unknown;
  /** Where the manifest is, for diagnostics. */
  manifestFile: string;
  /** The entry module's URL on this server (`/plugins/N/index.js`), or null for a plugin without code. */
  entry: string | null;
  /** The plugin's settings in the configuration (validated by the host). */
  settings: unknown;
}

/** A report format the engine can render (built-in or a plugin's). */
export interface ReportFormatInfo {
  name: string;
  title: Bilingual;
  extension: string | null;
  mediaType: string | null;
  plugin: string;
}

export interface RenderedReport {
  text: string;
  format: string;
  extension: string | null;
  mediaType: string | null;
}

// ---------------------------------------------------------------- a data set as bytes
// A loaded data set as bytes: the columnar store's typed arrays, back to back, after a JSON header with
// the string dictionaries, the array layout and the records that are not columnar (progress, staffing,
// load statistics). The server writes it; the worker reads it with zero copies (typed-array views on the
// one buffer it fetched). Platform-neutral: no DOM, no Node built-ins.
//
//   "LSD1" | u32 header length (LE) | header JSON (UTF-8) | padding to 8 | array 0 | padding to 8 | array 1 …

const MAGIC = 'LSD1';

type ArrayName =
  | 'idBytes'
  | 'idStart'
  | 'court'
  | 'type'
  | 'filed'
  | 'closed'
  | 'closure'
  | 'claimed'
  | 'recovered'
  | 'property'
  | 'handler'
  | 'team'
  | 'tagStart'
  | 'tagCode'
  | 'evStart'
  | 'evType'
  | 'evDate'
  | 'evAmount'
  | 'evNote';
type DictName = 'courts' | 'handlers' | 'teams' | 'tags' | 'eventTypes' | 'notes';

const CTORS = {
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float64Array,
} as const;
type CtorName = keyof typeof CTORS;

const ARRAYS: ReadonlyArray<[ArrayName, CtorName]> = [
  ['idBytes', 'Uint8Array'],
  ['idStart', 'Uint32Array'],
  ['court', 'Uint16Array'],
  ['type', 'Uint8Array'],
  ['filed', 'Int32Array'],
  ['closed', 'Int32Array'],
  ['closure', 'Uint8Array'],
  ['claimed', 'Float64Array'],
  ['recovered', 'Float64Array'],
  ['property', 'Int8Array'],
  ['handler', 'Uint32Array'],
  ['team', 'Int32Array'],
  ['tagStart', 'Uint32Array'],
  ['tagCode', 'Uint32Array'],
  ['evStart', 'Uint32Array'],
  ['evType', 'Uint16Array'],
  ['evDate', 'Int32Array'],
  ['evAmount', 'Float64Array'],
  ['evNote', 'Int32Array'],
];
const DICTS: readonly DictName[] = ['courts', 'handlers', 'teams', 'tags', 'eventTypes', 'notes'];

interface Header {
  n: number;
  dicts: Record<DictName, string[]>;
  /** [name, byte offset from the start of the payload, element count]. */
  arrays: Array<[ArrayName, number, number]>;
  meta: DataPayloadMeta;
}

const pad8 = (n: number): number => (n + 7) & ~7;

/** The bytes of a data set, as a list of chunks (write them in order; no copy of the big arrays). */
export function encodeData(store: CaseStore, meta: DataPayloadMeta): Uint8Array[] {
  const dicts = {} as Record<DictName, string[]>;
  for (const d of DICTS) dicts[d] = store[d];
  // The header's length decides where the arrays start, and the offsets are in the header: lay out the
  // arrays relative to 0 first, then shift by the header's (fixed-width) size.
  const rel: Array<[ArrayName, number, number]> = [];
  let at = 0;
  for (const [name] of ARRAYS) {
    const a = store[name];
    rel.push([name, at, a.length]);
    at = pad8(at + a.byteLength);
  }
  const encoder = new TextEncoder();
  const headerFor = (base: number): Uint8Array =>
    encoder.encode(
      JSON.stringify({ n: store.n, dicts, arrays: rel.map(([k, o, l]) => [k, base + o, l]), meta } satisfies Header),
    );
  // Offsets are numbers in JSON: their width can grow with the base. Iterate until it is stable.
  let base = 0;
  let header = headerFor(base);
  for (;;) {
    const next = pad8(8 + header.length);
    if (next === base) break;
    base = next;
    header = headerFor(base);
  }
  const prefix = new Uint8Array(base);
  prefix.set(encoder.encode(MAGIC), 0);
  new DataView(prefix.buffer).setUint32(4, header.length, true);
  prefix.set(header, 8);
  const chunks: Uint8Array[] = [prefix];
  for (const [name] of ARRAYS) {
    const a = store[name];
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    chunks.push(bytes);
    const gap = pad8(a.byteLength) - a.byteLength;
    if (gap) chunks.push(new Uint8Array(gap));
  }
  return chunks;
}

export class DataFormatError extends Error {}

/** Reads encodeData's bytes; the store's arrays are views on `buffer`. */
export function decodeData(buffer: ArrayBuffer): { store: CaseStore; meta: DataPayloadMeta } {
  if (buffer.byteLength < 8) throw new DataFormatError('data payload too short');
  const magic = new TextDecoder().decode(new Uint8Array(buffer, 0, 4));
  if (magic !== MAGIC) throw new DataFormatError(`not a luoshi data payload (${JSON.stringify(magic)})`);
  const len = new DataView(buffer).getUint32(4, true);
  if (8 + len > buffer.byteLength) throw new DataFormatError('data payload truncated (header)');
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, len))) as Header;
  const store = { n: header.n } as Record<string, unknown>;
  for (const d of DICTS) store[d] = header.dicts[d];
  const types = new Map(ARRAYS);
  for (const [name, offset, length] of header.arrays) {
    const ctor = CTORS[types.get(name)!];
    if (offset + length * ctor.BYTES_PER_ELEMENT > buffer.byteLength)
      throw new DataFormatError(`data payload truncated (${name})`);
    store[name] = new ctor(buffer, offset, length);
  }
  return { store: store as unknown as CaseStore, meta: header.meta };
}
