// The compiler's entry point, its stages in order: parse every file (syntax/parse.ts, following imports and
// libraries) → bind their names (bind.ts) → lower to IR, checking types (lower.ts) → check what cannot be
// (passes/). Platform-neutral: the host supplies file contents, so the same compiler runs in Node (harness),
// in a Web Worker (workbench) and in tests.
import type * as A from '../syntax/ast.js';
import { parsePlan, type ParseResult } from '../syntax/parse.js';
import { compareDiagnostics, LineMap, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/codes.js';
import type { PlanIR } from '../ir/types.js';
import { timed, type Metrics } from '../pipeline/metrics.js';
import { Binder, type SourceFile } from './symbols.js';
import { bindDeclarations } from './bind.js';
import { Lowering } from './lower.js';
import { runPasses } from './passes/index.js';
import type { FunctionSignature } from './functions.js';
import { PeopleIndex, type PeopleFile } from './people-file.js';

export interface CompilerHost {
  /** The text of a file, or null when it does not exist or cannot be read. */
  readFile(path: string): string | null;
  /** The path an import names, relative to the importing file. */
  resolveImport(fromFile: string, spec: string): string;
  /** The files of a library (`使用 std`), or null if there is no such library. */
  libraryFiles(name: string): string[] | null;
  /**
   * Why a file must not be read, asked before readFile (null: read it). `fromFile` is the importing file,
   * null for the entry. A host bounds imports here (outside the workspace, not a regular file, too large).
   */
  refuse?(path: string, fromFile: string | null): Refusal | null;
  /**
   * The people files the configuration names for the entry plan (`data:` → `people:`), read and parsed by
   * the host (readPeopleFile of src/engine/check/people-read.ts, which a host loads only when there are
   * any); their holders fill the plan's per-court roles (src/engine/check/people-file.ts). Absent: none.
   */
  people?(entry: string): PeopleFile[];
}

/** Why a host will not read a file, in both languages. */
export interface Refusal {
  reason: string;
  reasonEn: string;
}

export interface CompileOptions {
  /** Event types contributed by plugins, accepted without a warning. */
  eventTypes?: string[];
  /** Functions contributed by plugins: their signatures (implementations are bound at evaluation). */
  functions?: readonly FunctionSignature[];
  /** Records each stage's time (`--metrics`); nothing is timed without it. */
  metrics?: Metrics;
}

export interface CompileResult {
  /** The IR; present even when there are errors (what could be checked), so views can still show it. */
  ir: PlanIR;
  diagnostics: Diagnostic[];
  /** Every file read, in the order they were bound (libraries first). */
  files: SourceFile[];
  errorCount: number;
  warningCount: number;
}

export function compile(entry: string, host: CompilerHost, options: CompileOptions = {}): CompileResult {
  const diagnostics: Diagnostic[] = [];
  const files: SourceFile[] = [];
  const loaded = new Map<string, SourceFile | null>();
  const libraryFiles: SourceFile[] = [];
  const loadedLibraries = new Set<string>();

  const load = (
    path: string,
    library: boolean,
    stack: string[],
    at: { file: SourceFile; node: { range: A.Range } } | null,
  ): SourceFile | null => {
    if (stack.includes(path)) {
      if (at)
        diagnostics.push(
          diagnostic('E0211', at.file.path, at.file.lines.range(at.node.range), {
            cycle: [...stack.slice(stack.indexOf(path)), path].join(' → '),
          }),
        );
      return null;
    }
    if (loaded.has(path)) return loaded.get(path)!;
    const refusal = host.refuse?.(path, at ? at.file.path : null) ?? null;
    if (refusal) {
      if (at)
        diagnostics.push(
          diagnostic('E0216', at.file.path, at.file.lines.range(at.node.range), {
            path,
            reason: refusal.reason,
            reasonEn: refusal.reasonEn,
          }),
        );
      else
        diagnostics.push(
          diagnostic('E0005', path, new LineMap('').range([0, 0]), {
            reason: `${refusal.reason} / ${refusal.reasonEn}`,
          }),
        );
      loaded.set(path, null);
      return null;
    }
    const text = host.readFile(path);
    if (text === null) {
      if (at) diagnostics.push(diagnostic('E0204', at.file.path, at.file.lines.range(at.node.range), { path }));
      else
        diagnostics.push(
          diagnostic('E0005', path, new LineMap('').range([0, 0]), { reason: '文件不存在或无法读取 / no such file' }),
        );
      loaded.set(path, null);
      return null;
    }
    const parsed = timed(options.metrics, 'parse', () => (library ? parseLibrary(path, text) : parsePlan(path, text)));
    diagnostics.push(...parsed.diagnostics);
    const file: SourceFile = { path, lines: parsed.lines, library, program: parsed.program };
    loaded.set(path, file);
    for (const s of parsed.program.items) {
      if (s.kind === 'Import') {
        load(host.resolveImport(path, s.path.value), library, [...stack, path], { file, node: s.path });
      } else if (s.kind === 'Use' || s.kind === 'Plan') {
        const uses = s.kind === 'Use' ? [s] : s.entries.items.filter((e): e is A.Use => (e as A.Use).kind === 'Use');
        for (const u of uses) useLibrary(u, file);
      }
    }
    (library ? libraryFiles : files).push(file);
    return file;
  };

  const useLibrary = (u: A.Use, file: SourceFile): void => {
    const name = u.lib.text;
    if (loadedLibraries.has(name)) return;
    const paths = host.libraryFiles(name);
    if (!paths) {
      diagnostics.push(diagnostic('E0212', file.path, file.lines.range(u.lib.range), { name }));
      return;
    }
    loadedLibraries.add(name);
    for (const p of paths) load(p, true, [], { file, node: u.lib });
  };

  load(entry, false, [], null);
  const all = [...libraryFiles, ...files];
  const binder = new Binder();
  for (const t of options.eventTypes ?? []) binder.extraEventTypes.add(t);
  for (const f of options.functions ?? []) binder.functions.set(f.name, f);
  timed(options.metrics, 'bind', () => {
    for (const f of all) binder.addFile(f);
    bindDeclarations(binder, all);
  });
  const peopleFiles = host.people?.(entry) ?? [];
  for (const f of peopleFiles) diagnostics.push(...f.diagnostics);
  const people = peopleFiles.length ? new PeopleIndex(peopleFiles, diagnostics) : null;
  const lowering = new Lowering(binder, all, people);
  const ir = timed(options.metrics, 'lower', () => lowering.lower());
  timed(options.metrics, 'check', () => runPasses(binder, all, ir, lowering.facts));
  diagnostics.push(...binder.diagnostics);
  // Library diagnostics matter only when the library itself is broken; keep errors, drop its warnings.
  const kept = dedupe(
    diagnostics.filter((d) => d.severity === 'error' || !libraryFiles.some((f) => f.path === d.file)),
  );
  kept.sort(compareDiagnostics);
  return {
    ir,
    diagnostics: kept,
    files: all,
    errorCount: kept.filter((d) => d.severity === 'error').length,
    warningCount: kept.filter((d) => d.severity === 'warning').length,
  };
}

/**
 * Library files (`使用 std`) are the same text compilation after compilation (every keystroke in the
 * workbench): their parse is kept, keyed by path and text. The AST and its diagnostics are never changed
 * after parsing, so sharing them is safe.
 */
const libraryParses = new Map<string, ParseResult>();
const LIBRARY_PARSES_KEPT = 32;

function parseLibrary(path: string, text: string): ParseResult {
  const key = `${path}\u0000${text}`;
  let r = libraryParses.get(key);
  if (!r) {
    r = parsePlan(path, text);
    if (libraryParses.size >= LIBRARY_PARSES_KEPT) libraryParses.delete(libraryParses.keys().next().value!);
    libraryParses.set(key, r);
  }
  return r;
}

/** The same finding reached twice (an indicator inlined into two targets) is reported once. */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.file}\u0000${d.range.start.offset}\u0000${d.range.end.offset}\u0000${d.code}\u0000${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
