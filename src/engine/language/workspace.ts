// The compilations of a language server's workspace: open documents over the files the host reads (from
// disk), each entry compiled lazily and again after any document changed. A file that is not an entry
// takes its names from an entry that imports it, or is compiled as an entry of its own.
import { compile, type CompileOptions, type CompilerHost } from '../check/compile.js';
import type { PlanReport } from '../report/model.js';
import { indexDeclarations } from './declarations.js';
import type { Compilation, LanguageWorkspace } from './service.js';

export class DocumentWorkspace implements LanguageWorkspace {
  private readonly docs = new Map<string, string>();
  private readonly entries = new Set<string>();
  private readonly compiled = new Map<string, { version: number; c: Compilation }>();
  private readonly reports = new Map<string, PlanReport>();
  private version = 0;
  private dataEventTypes: readonly string[] = [];

  constructor(
    private readonly base: CompilerHost,
    private options: (entry: string) => CompileOptions = () => ({}),
    /** How a file is named in hovers (LanguageWorkspace.showPath). */
    readonly showPath?: (file: string) => string,
  ) {}

  /** An open document's text (null: closed, read from the host again). */
  setDocument(path: string, text: string | null): void {
    if (text === null) this.docs.delete(path);
    else this.docs.set(path, text);
    this.version++;
  }

  /** Files changed outside the editor, or the compile options did. */
  invalidate(options?: (entry: string) => CompileOptions): void {
    if (options) this.options = options;
    this.version++;
  }

  /** Plans compiled as entries (the workspace's own .plan files and every opened one). */
  addEntries(paths: Iterable<string>): void {
    for (const p of paths) this.entries.add(p);
  }

  /** A report for an entry, for hover values and code lenses (null removes it). */
  setReport(entry: string, report: PlanReport | null): void {
    if (report) this.reports.set(entry, report);
    else this.reports.delete(entry);
    for (const [k, v] of this.compiled) if (k === entry) v.c.report = report;
  }

  setEventTypes(types: readonly string[]): void {
    this.dataEventTypes = types;
  }

  eventTypes(): readonly string[] {
    return this.dataEventTypes;
  }

  readFile(path: string): string | null {
    return this.docs.get(path) ?? this.base.readFile(path);
  }

  compileEntry(entry: string): Compilation {
    const had = this.compiled.get(entry);
    if (had && had.version === this.version) return had.c;
    const host: CompilerHost = { ...this.base, readFile: (p) => this.readFile(p) };
    const result = compile(entry, host, this.options(entry));
    const c: Compilation = {
      entry,
      result,
      index: indexDeclarations(result.files),
      report: this.reports.get(entry) ?? null,
    };
    this.compiled.set(entry, { version: this.version, c });
    return c;
  }

  compilationOf(path: string): Compilation | null {
    if (this.entries.has(path) || this.docs.has(path)) return this.compileEntry(path);
    for (const c of this.compilations()) if (c.result.files.some((f) => f.path === path && !f.library)) return c;
    return this.readFile(path) === null ? null : this.compileEntry(path);
  }

  *compilations(): Iterable<Compilation> {
    for (const e of new Set([...this.entries, ...this.docs.keys()])) yield this.compileEntry(e);
  }
}
