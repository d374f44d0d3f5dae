// Loading data files into the engine's shapes: cases into a CaseStore, progress reports and staffing
// into arrays. Every record is validated (engine/data/validate.ts); rejected records are counted and
// located (file, line, column, field), never silently dropped, and read = accepted + rejected always.
//
// Formats by extension: .ndjson/.jsonl (streamed line by line), .json (an array of records, read whole
// up to 256 MB), .yaml/.yml (a list of records, read whole), .csv (streamed; a header row, Chinese or
// English column names, see engine/data/tabular.ts). Encodings: UTF-8 with or without BOM, GB18030/GBK
// (detected, or forced with `encoding`). A folder loads every data file in it, sorted by name; in a
// folder, files named progress*/进度* are progress reports and staffing*/人员* are staffing, the rest
// cases (sub-folders are not entered). A path that does not exist is a UsageError.
import { readdirSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CaseStoreBuilder } from '../../engine/data/store.js';
import { ScannedCase, scanCaseLine } from '../../engine/data/scan.js';
import type { DataProblem, RecordProblem } from '../../engine/data/problems.js';
import { canonicalKeys } from '../../engine/data/fields.js';
import type { CaseRecord, ProgressReport, StaffingRecord } from '../../engine/data/record.js';
import type { RecordKind } from '../../engine/data/tabular.js';
import { validateCase, validateProgress, validateStaffing } from '../../engine/data/validate.js';
import type { Validated } from '../../engine/data/validate.js';
import { UsageError } from '../io.js';
import { BAR_FROM, type Progress, type ProgressFactory } from '../progress.js';
import type { FileStats, Loaded, LoadedCases, LoadStats, RangeLoad, RangeLoader } from './types.js';
import {
  DEFAULT_SNAPSHOT_MIN_BYTES,
  readSnapshot,
  snapshotPath,
  sourcesSize,
  statOf,
  writeSnapshot,
  type SnapshotOptions,
} from './snapshot.js';
import { parseEncodingOption } from './decode.js';
import type { ByteRange, Encoding, Found } from './decode.js';
import { formatOf, isFormat, readItems } from './formats.js';
import { planRanges, RANGES_PER_THREAD } from './ranges.js';
import { casesIn, eventsIn } from './sizes.js';
import { duplicateMessage, moreProblems } from './messages.js';
import type { Format, ReadContext, RawItem } from './formats.js';

export { formatOf, ndjsonLineItem } from './formats.js';
export type { Format, RawItem, ReadContext } from './formats.js';
export { parseEncodingOption } from './decode.js';
export type { CaseOrigins, FileStats, Loaded, LoadedCases, LoadStats, RangeLoad, RangeLoader } from './types.js';

export interface LoadOptions {
  /** utf8, gbk, gb18030, auto (default). */
  encoding?: string;
  /** Relative paths are resolved against it (default process.cwd()). */
  cwd?: string;
  /** JSON and YAML files larger than this are refused (default 256 MB). */
  maxWholeBytes?: number;
  /** At most this many problems are listed (all are counted; default 10,000). */
  maxProblems?: number;
  /** Importers from plugins (src/harness/plugins/importers.ts); without them, the built-in formats by extension. */
  importers?: DataImporters;
  /** Cases only: read and write a columnar snapshot of the load (./snapshot.ts). */
  snapshot?: SnapshotOptions;
  /** A progress bar over the files' bytes, for loads of 16 MB or more (../progress.ts). */
  progress?: ProgressFactory | null | undefined;
  /** Sources that are not files (a database's tables, ../sql/source.ts), by the name they are listed under. */
  sources?: ReadonlyMap<string, RecordSource>;
  /** One NDJSON file only: read just these bytes of it, lines numbered from the range's start (./ranges.ts). */
  range?: ByteRange;
  /**
   * Cases only: loads one NDJSON file in byte ranges in parallel (the resident pool's rangeLoader, ../pool.ts,
   * which keeps the ranges as the shards it evaluates); without it, in this thread.
   */
  ranges?: RangeLoader;
  /** With `ranges`: files smaller than this load in this thread (default 0). */
  poolMinBytes?: number;
  /**
   * false: every NDJSON line is parsed and validated, none taken by the line scanner
   * (src/engine/data/scan.ts); the store, counts and problems are the same either way.
   */
  scan?: boolean;
}

/** Records from somewhere other than a file: validated, counted and rejected exactly as a file's. */
export interface RecordSource {
  /** Shown where a file's format would be (e.g. postgres). */
  format: string;
  items(): AsyncGenerator<RawItem>;
}

/** What the loaders ask the plugin registry: which importer reads a file, and which event types plugins add. */
export interface DataImporters {
  /** The importer for a file (by name), or null when none matches. */
  match(fileName: string, kind: RecordKind): DataImporter | null;
  /** Event types plugins contribute: records using them are not warned about (D0120). */
  eventTypes: ReadonlySet<string>;
  /** The file patterns importers accept, for the "unsupported file type" message. */
  patterns(kind: RecordKind): string[];
}

export interface DataImporter {
  name: string;
  /** Built into luoshi (not a plugin's code): its reading may be snapshotted. */
  builtin?: boolean;
  read(path: string, kind: RecordKind, ctx: ReadContext): AsyncGenerator<RawItem>;
}

export const DEFAULT_MAX_WHOLE_BYTES = 256 * 1024 * 1024;

/** The kind of data a file in a folder holds, by its name. */
export function dataKindOf(fileName: string): RecordKind {
  const base = fileName.split(/[/\\]/).pop() ?? fileName;
  if (/^(progress|进度)/i.test(base)) return 'progress';
  if (/^(staffing|人员)/i.test(base)) return 'staffing';
  return 'cases';
}

/**
 * The data files of `paths` for `kind`, in load order: a file as given (any kind), a folder's data
 * files of that kind sorted by name. Display paths keep the user's spelling.
 */
export function listDataFiles(
  paths: readonly string[],
  kind: RecordKind,
  cwd = process.cwd(),
  importers?: DataImporters,
): string[] {
  const readable = (n: string): boolean => (importers ? importers.match(n, kind) !== null : formatOf(n) !== null);
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UsageError(`找不到数据文件或目录 / no such data file or folder: ${p}`);
    }
    if (st.isDirectory()) {
      // Entries named like data files that are not regular files (folders, FIFOs) are kept: loading refuses them with a message.
      const names = readdirSync(abs)
        .filter((n) => !n.startsWith('.') && readable(n) && dataKindOf(n) === kind)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      out.push(...names.map((n) => join(p, n)));
    } else {
      if (!readable(p)) {
        const known = importers ? importers.patterns(kind).join(' ') : '.ndjson .jsonl .json .yaml .yml .csv';
        throw new UsageError(`不支持的数据文件类型（应为 ${known}） / unsupported data file type: ${p}`);
      }
      out.push(p);
    }
  }
  return out;
}

interface Sink<T> {
  /** Takes a valid record (with its dates parsed, for cases); returns false (pushing the reason) to reject it. */
  accept(value: T, file: number, line: number, problems: RecordProblem[], days?: number[]): boolean;
  /** Takes an NDJSON line's bytes whole as an accepted record, or declines (it is then parsed and validated). */
  fast?(bytes: Uint8Array, start: number, end: number, file: number, line: number): boolean;
}

async function loadFiles<T>(
  kind: RecordKind,
  files: readonly string[],
  opts: LoadOptions,
  validate: (raw: unknown) => Validated<T>,
  sink: Sink<T>,
): Promise<{ stats: LoadStats; problems: DataProblem[]; found: Found[] }> {
  const cwd = opts.cwd ?? process.cwd();
  const encoding = parseEncodingOption(opts.encoding);
  const maxProblems = opts.maxProblems ?? 10_000;
  const stats: LoadStats = { read: 0, accepted: 0, rejected: 0, warnings: 0, unlisted: 0, files: [] };
  const problems: DataProblem[] = [];
  const found: Found[] = [];
  const bar = progressFor(kind, files, cwd, opts.progress);
  let bytes = 0;
  const onBytes = bar ? (n: number): void => bar.update((bytes += n)) : undefined;
  const report = (p: DataProblem): void => {
    if (p.severity === 'warning') stats.warnings++;
    if (problems.length < maxProblems) problems.push(p);
    else stats.unlisted++;
  };
  for (let fi = 0; fi < files.length; fi++) {
    const file = files[fi]!;
    const source = opts.sources?.get(file) ?? null;
    const own = source ? null : ownFormat(file, kind, opts.importers);
    const importer = source || own ? null : (opts.importers?.match(file, kind) ?? null);
    const format = source ? source.format : importer ? importer.name : (own ?? formatOf(file)!);
    const fs: FileStats = { file, format, encoding: null, read: 0, accepted: 0, rejected: 0 };
    const fast = sink.fast;
    const ctx: ReadContext = {
      encoding,
      maxWholeBytes: opts.maxWholeBytes ?? DEFAULT_MAX_WHOLE_BYTES,
      found: {},
      ...(onBytes ? { onBytes } : {}),
      ...(opts.range ? { range: opts.range } : {}),
      ...(fast && opts.scan !== false && !source && !importer
        ? {
            fastLine: (bytes: Uint8Array, start: number, end: number, line: number): boolean => {
              if (!fast(bytes, start, end, fi, line)) return false;
              fs.read++;
              fs.accepted++;
              return true;
            },
          }
        : {}),
    };
    found.push(ctx.found);
    const extraTypes = opts.importers?.eventTypes;
    const keyProblems: RecordProblem[] = [];
    try {
      const abs = resolve(cwd, file);
      // Stat before opening: a FIFO or a device would block or never end.
      const st = source ? null : await stat(abs);
      if (st && !st.isFile()) {
        const [zh, en] = notRegular(st);
        report({
          file,
          line: 0,
          field: '',
          code: 'D0001',
          severity: 'error',
          message: `无法读取：${zh}，不是普通文件`,
          messageEn: `cannot read: ${en}, not a regular file`,
        });
        stats.files.push(fs);
        continue;
      }
      const items = source
        ? source.items()
        : importer
          ? importer.read(abs, kind, ctx)
          : readItems(abs, own ?? formatOf(file)!, kind, ctx);
      for await (const item of items) {
        if (item.kind === 'file') {
          const { kind: _k, ...rest } = item;
          report({ file, field: '', ...rest });
          continue;
        }
        fs.read++;
        if (item.kind === 'reject') {
          fs.rejected++;
          const { kind: _k, ...rest } = item;
          report({ file, field: '', severity: 'error', ...rest });
          continue;
        }
        // Records with Chinese keys fail the schema (it knows only the English ones): only those are renamed
        // and validated again, so English records pay nothing for it.
        keyProblems.length = 0;
        let checked = validate(item.value);
        if (checked.problems.length > 0 && canonicalKeys(kind, item.value, keyProblems)) checked = validate(item.value);
        const { value, problems: ps } = checked;
        const all = [
          ...item.problems,
          ...keyProblems,
          ...(extraTypes?.size ? ps.filter((p) => !pluginEventType(p, item.value, extraTypes)) : ps),
        ];
        let ok = value !== null && !all.some((p) => p.severity === 'error');
        if (ok && !sink.accept(value as T, fi, item.line, all, checked.days)) ok = false;
        for (const p of all) {
          const dp: DataProblem = { file, line: item.line, ...p };
          if (item.column !== undefined) dp.column = item.column;
          report(dp);
        }
        if (ok) fs.accepted++;
        else fs.rejected++;
      }
    } catch (e) {
      if (e instanceof UsageError) {
        bar?.stop();
        throw e;
      }
      const code = (e as { code?: string }).code;
      const why =
        code === 'EACCES'
          ? '没有读取权限 / permission denied'
          : code === 'EISDIR'
            ? '是目录 / is a folder'
            : code === 'ENOENT'
              ? '文件不存在 / no such file'
              : String((e as Error).message ?? e);
      report({
        file,
        line: 0,
        field: '',
        code: 'D0001',
        severity: 'error',
        message: `无法读取文件：${why}`,
        messageEn: `cannot read the file: ${why}`,
      });
    }
    fs.encoding = ctx.found.encoding ?? null;
    stats.read += fs.read;
    stats.accepted += fs.accepted;
    stats.rejected += fs.rejected;
    stats.files.push(fs);
  }
  bar?.stop();
  if (stats.unlisted > 0) problems.push(moreProblems(stats.unlisted));
  return { stats, problems, found };
}

/** A bar for reading `files` when there is a terminal to draw it on and enough bytes to be worth it. */
function progressFor(
  kind: RecordKind,
  files: readonly string[],
  cwd: string,
  start: ProgressFactory | null | undefined,
): Progress | null {
  if (!start) return null;
  const total = sourcesSize(files, cwd);
  if (total === null || total < BAR_FROM.readBytes) return null;
  return start(
    kind === 'cases'
      ? '读取案件 / reading cases'
      : kind === 'progress'
        ? '读取进度 / reading progress'
        : '读取人员 / reading staffing',
    total,
    'bytes',
  );
}

/** What a file that is not a regular file is, in Chinese and English. */
function notRegular(st: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): [string, string] {
  if (st.isDirectory()) return ['是目录', 'a folder'];
  if (st.isFIFO()) return ['是命名管道（FIFO）', 'a named pipe (FIFO)'];
  if (st.isCharacterDevice() || st.isBlockDevice()) return ['是设备文件', 'a device'];
  if (st.isSocket()) return ['是套接字', 'a socket'];
  return ['是特殊文件', 'a special file'];
}

/** Loads case files and folders into a CaseStore. Duplicate ids (across files too) are rejected. */
export async function loadCases(paths: readonly string[], opts: LoadOptions = {}): Promise<LoadedCases> {
  const cwd = opts.cwd ?? process.cwd();
  const files = listDataFiles(paths, 'cases', cwd, opts.importers);
  const snap = opts.snapshot ? snapshotFor(files, cwd, opts, opts.snapshot) : null;
  if (!snap)
    return { ...(await readCasesPooled(files, opts)), ...(opts.snapshot ? { snapshot: 'skipped' as const } : {}) };
  const hit = await readSnapshot(snap, files, cwd);
  if (hit) return { ...hit, snapshot: 'hit' };
  const before = files.map((f) => statOf(resolve(cwd, f)));
  const loaded = await readCasesPooled(files, opts);
  return { ...loaded, snapshot: (await writeSnapshot(snap, files, cwd, loaded, before)) ? 'written' : 'unwritable' };
}

/** The snapshot file for these sources, or null when they are too small or a plugin's importer reads one. */
function snapshotFor(
  files: readonly string[],
  cwd: string,
  opts: LoadOptions,
  snapshot: SnapshotOptions,
): string | null {
  const importers = files.map((f) => opts.importers?.match(f, 'cases') ?? null);
  if (importers.some((i) => i !== null && !i.builtin)) return null;
  const size = sourcesSize(files, cwd);
  if (size === null || size < (snapshot.minBytes ?? DEFAULT_SNAPSHOT_MIN_BYTES)) return null;
  return snapshotPath(snapshot.dir, files, cwd, {
    encoding: opts.encoding ?? 'auto',
    maxWholeBytes: opts.maxWholeBytes ?? DEFAULT_MAX_WHOLE_BYTES,
    maxProblems: opts.maxProblems ?? 10_000,
    importers: importers.map((i) => i?.name ?? null),
    eventTypes: [...(opts.importers?.eventTypes ?? [])].sort(),
  });
}

/** Loads cases from a source that is not a file (a database), listed under `name` in counts and problems. */
export function loadCaseSource(name: string, source: RecordSource, opts: LoadOptions = {}): Promise<LoadedCases> {
  return readCases([name], { ...opts, sources: new Map([[name, source]]) }).then(casesOf);
}

/** Loads cases from sources that are not files, each listed under its name, in the order of `names` (duplicate ids across them too). */
export function loadCaseSources(
  names: readonly string[],
  sources: ReadonlyMap<string, RecordSource>,
  opts: LoadOptions = {},
): Promise<LoadedCases> {
  return readCases([...names], { ...opts, sources }).then(casesOf);
}

/**
 * The format of a file these loaders read themselves — with the line scanner, byte progress and byte ranges —
 * or null when a plugin's importer reads it (or none does). Without importers, by the file's extension; with
 * them, when the importer that matches is the built-in one, which is only these readers as an importer.
 */
function ownFormat(file: string, kind: RecordKind, importers: DataImporters | undefined): Format | null {
  if (!importers) return formatOf(file);
  const m = importers.match(file, kind);
  return m?.builtin && isFormat(m.name) ? m.name : null;
}

/**
 * Reads the cases of `files`: one NDJSON file of at least `poolMinBytes` in the pool's threads, in byte ranges
 * (when its encoding allows: ./ranges.ts), anything else here.
 */
async function readCasesPooled(files: string[], opts: LoadOptions): Promise<LoadedCases> {
  const threads = opts.ranges?.threads ?? 1;
  const file = files[0];
  if (opts.ranges && threads > 1 && files.length === 1 && file !== undefined && !opts.sources && !opts.range) {
    const abs = resolve(opts.cwd ?? process.cwd(), file);
    const size = ownFormat(file, 'cases', opts.importers) === 'ndjson' ? await fileSize(abs) : null;
    if (size !== null && size >= (opts.poolMinBytes ?? 0)) {
      const plan = await planRanges(abs, size, threads * RANGES_PER_THREAD, opts.encoding);
      if (plan) {
        return opts.ranges.load(file, size, plan, {
          ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
          ...(opts.maxProblems !== undefined ? { maxProblems: opts.maxProblems } : {}),
          ...(opts.importers ? { eventTypes: opts.importers.eventTypes } : {}),
          progress: opts.progress,
        });
      }
    }
  }
  return casesOf(await readCases(files, opts));
}

/** A regular file's size, or null (not there, not a regular file: the single-threaded loader says why). */
export async function fileSize(abs: string): Promise<number | null> {
  try {
    const st = await stat(abs);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}

/** The files' sizes together (a file that cannot be read counts 0: its loader says why). */
function bytesOf(files: readonly string[], cwd = process.cwd()): number {
  let total = 0;
  for (const f of files) {
    try {
      total += statSync(resolve(cwd, f)).size;
    } catch {
      // told by the loader
    }
  }
  return total;
}

/** A load as LoadedCases (without what only ranges need). */
function casesOf(r: RangeLoad): LoadedCases {
  return { store: r.store, stats: r.stats, problems: r.problems, origins: r.origins };
}

/**
 * Loads the cases of bytes `range` of one NDJSON file, exactly as the whole file's loader would read those lines;
 * the store's columns in shared memory when `shared` (a worker's range, merged by another thread: ../pool.ts).
 */
export async function loadCaseRange(
  file: string,
  range: ByteRange,
  opts: LoadOptions = {},
  shared = false,
): Promise<RangeLoad> {
  return readCases([file], { ...opts, range }, shared);
}

async function readCases(files: string[], opts: LoadOptions, shared = false): Promise<RangeLoad> {
  const builder = new CaseStoreBuilder();
  // Columns sized for the bytes to read, so that they do not grow (and copy themselves) as cases come.
  const bytes = opts.range ? opts.range.end - opts.range.start : opts.sources ? 0 : bytesOf(files, opts.cwd);
  if (bytes > 0) builder.reserve(casesIn(bytes), eventsIn(bytes));
  const fileArray = (n: number): Uint16Array | Uint32Array =>
    files.length > 0xffff ? new Uint32Array(n) : new Uint16Array(n);
  const room = Math.max(1024, casesIn(bytes));
  let fileCol = fileArray(room),
    lineCol = new Uint32Array(room);
  const duplicates: RangeLoad['duplicates'] = [];
  /** Case i came from line `line` of file `file`. */
  const origin = (i: number, file: number, line: number): void => {
    if (i >= fileCol.length) {
      const f2 = fileArray(fileCol.length * 2);
      f2.set(fileCol);
      fileCol = f2;
      const l2 = new Uint32Array(lineCol.length * 2);
      l2.set(lineCol);
      lineCol = l2;
    }
    fileCol[i] = file;
    lineCol[i] = line;
  };
  const scanned = new ScannedCase();
  const sink: Sink<CaseRecord> = {
    fast(bytes, start, end, file, line) {
      const i = builder.size;
      if (!scanCaseLine(bytes, start, end, scanned) || !builder.addScanned(bytes, scanned)) return false;
      origin(i, file, line);
      return true;
    },
    accept(rec, file, line, problems, days) {
      const before = problems.length;
      const i = builder.size;
      if (!builder.add(rec, problems, days)) {
        // Say where the first one was.
        const dup = problems[before];
        const j = builder.duplicateOf;
        if (dup && j >= 0) {
          Object.assign(dup, duplicateMessage(rec.id, `${files[fileCol[j]!] ?? ''}:${lineCol[j]!}`));
          duplicates.push({ line, id: rec.id, first: j });
        }
        return false;
      }
      origin(i, file, line);
      return true;
    },
  };
  const { stats, problems, found } = await loadFiles('cases', files, opts, validateCase, sink);
  const store = builder.build(shared);
  return {
    store,
    stats,
    problems,
    origins: { files, file: fileCol.slice(0, store.n), line: lineCol.slice(0, store.n) },
    lines: found[0]?.lines ?? 0,
    encoding: found[0]?.encoding ?? null,
    duplicates,
  };
}

/** An "unknown event type" warning (D0120) about a type a plugin contributes. */
function pluginEventType(p: RecordProblem, raw: unknown, types: ReadonlySet<string>): boolean {
  if (p.code !== 'D0120') return false;
  const k = /^events\[(\d+)\]\.type$/.exec(p.field);
  const ev = k ? (raw as { events?: Array<{ type?: unknown }> }).events?.[Number(k[1])] : undefined;
  return typeof ev?.type === 'string' && types.has(ev.type);
}

function collect<T>(records: T[]): Sink<T> {
  return { accept: (v) => records.push(v) > 0 };
}

/** Loads progress reports or staffing from a source that is not a file (a database's table). */
export async function loadRecordSource<K extends 'progress' | 'staffing'>(
  kind: K,
  name: string,
  source: RecordSource,
  opts: LoadOptions = {},
): Promise<Loaded<K extends 'progress' ? ProgressReport : StaffingRecord>> {
  const records: Array<ProgressReport | StaffingRecord> = [];
  const validate = kind === 'progress' ? validateProgress : validateStaffing;
  const { stats, problems } = await loadFiles<ProgressReport | StaffingRecord>(
    kind,
    [name],
    { ...opts, sources: new Map([[name, source]]) },
    validate,
    collect(records),
  );
  return { stats, problems, records: records as Array<K extends 'progress' ? ProgressReport : StaffingRecord> };
}

/** Loads progress reports ({task, milestone?, done, by?, evidence?}). */
export async function loadProgress(paths: readonly string[], opts: LoadOptions = {}): Promise<Loaded<ProgressReport>> {
  const records: ProgressReport[] = [];
  const { stats, problems } = await loadFiles(
    'progress',
    listDataFiles(paths, 'progress', opts.cwd, opts.importers),
    opts,
    validateProgress,
    collect(records),
  );
  return { stats, problems, records };
}

/** Loads staffing records ({court, date, 执行人员, 政法编制, 员额法官?}). */
export async function loadStaffing(paths: readonly string[], opts: LoadOptions = {}): Promise<Loaded<StaffingRecord>> {
  const records: StaffingRecord[] = [];
  const { stats, problems } = await loadFiles(
    'staffing',
    listDataFiles(paths, 'staffing', opts.cwd, opts.importers),
    opts,
    validateStaffing,
    collect(records),
  );
  return { stats, problems, records };
}
