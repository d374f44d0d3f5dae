// One language service for every editor: the workbench's Monaco (through the engine worker,
// src/workers/engine.ts) and the language server (src/harness/lsp/). It answers over plain data —
// offsets in, 0-based ranges out — from the compilations a workspace keeps (LanguageWorkspace).
import type { CompileResult } from '../check/compile.js';
import { LineMap, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { PlanReport } from '../report/model.js';
import { formatPlan } from '../syntax/format.js';
import { parsePlan } from '../syntax/parse.js';
import { complete, definition, hover, wordAt, type LanguageState } from './assist.js';
import { outlineOf, rangeOf, type Decl } from './declarations.js';
import { foldingRanges, semanticTokens } from './highlight.js';
import { lensesFor } from './lenses.js';
import { referencesOf, renameDecl, toLocations, type NamedFiles } from './references.js';
import type {
  CodeAction,
  CodeLens,
  Completion,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Lang,
  Location,
  Range,
  RenameResult,
  SemanticToken,
} from './types.js';

/** One compiled entry plan, with its declarations and (when data is attached and it was evaluated) its report. */
export interface Compilation {
  entry: string;
  result: CompileResult;
  index: ReadonlyMap<string, Decl>;
  report: PlanReport | null;
}

/** Where the service finds compilations and texts: the worker's file system, or the server's documents and disk. */
export interface LanguageWorkspace {
  /** The compilation a file's names come from (null: the file is in none yet). */
  compilationOf(path: string): Compilation | null;
  /** Every compilation known, for references and rename across files. */
  compilations(): Iterable<Compilation>;
  /** Event types of the attached data (offered and highlighted besides the built-in ones). */
  eventTypes(): readonly string[];
  /** How a file is named in hovers (default: its path as the compilation has it). */
  showPath?(file: string): string;
}

export type FormatOutcome = { ok: true; text: string } | { ok: false; reason: string };

const namedFiles = (c: Compilation): NamedFiles => ({
  index: c.index,
  files: c.result.files.map((f) => ({ path: f.path, text: f.lines.text })),
});

export class LanguageService {
  constructor(private readonly ws: LanguageWorkspace) {}

  private state(path: string): LanguageState {
    const c = this.ws.compilationOf(path);
    return {
      index: c?.index ?? new Map(),
      ir: c?.result.ir ?? null,
      report: c?.report ?? null,
      text: (file) => this.fileText(c, file),
      eventTypes: this.ws.eventTypes(),
      ...(this.ws.showPath ? { show: (f: string) => this.ws.showPath!(f) } : {}),
    };
  }

  private fileText(c: Compilation | null, file: string): string | null {
    return c?.result.files.find((f) => f.path === file)?.lines.text ?? null;
  }

  /** The declaration named at `offset` in `text` (a file of `path`'s compilation). */
  private declAt(
    path: string,
    text: string,
    offset: number,
  ): { decl: Decl; c: Compilation; word: [number, number] } | null {
    const c = this.ws.compilationOf(path);
    const w = wordAt(text, offset);
    const decl = w && c?.index.get(w.word);
    return decl && c && w ? { decl, c, word: [w.start, w.end] } : null;
  }

  /** The compilation's diagnostics located in `path` (imports report in their own files). */
  diagnostics(path: string): Diagnostic[] {
    return this.ws.compilationOf(path)?.result.diagnostics.filter((d) => d.file === path) ?? [];
  }

  complete(path: string, text: string, offset: number, lang: Lang, auto = false): Completion {
    return complete(this.state(path), text, offset, lang, auto);
  }

  hover(path: string, text: string, offset: number, lang: Lang): Hover | null {
    return hover(this.state(path), text, offset, lang);
  }

  definition(path: string, text: string, offset: number): Location | null {
    const c = this.ws.compilationOf(path);
    const d = definition(this.state(path), text, offset);
    const src = d && this.fileText(c, d.file);
    return d && src !== null && src !== undefined ? { file: d.file, range: rangeOf(new LineMap(src), d.range) } : null;
  }

  references(path: string, text: string, offset: number, withDeclaration: boolean): Location[] {
    const at = this.declAt(path, text, offset);
    if (!at) return [];
    return toLocations(referencesOf(at.decl, [...this.ws.compilations()].map(namedFiles), withDeclaration));
  }

  /** The range of the name a rename at `offset` would change, or null (not a declared name, or a library's). */
  prepareRename(path: string, text: string, offset: number): Range | null {
    const at = this.declAt(path, text, offset);
    return at && !at.decl.library ? rangeOf(new LineMap(text), at.word) : null;
  }

  rename(path: string, text: string, offset: number, newName: string): RenameResult {
    const at = this.declAt(path, text, offset);
    if (!at) return { ok: false, message: '光标处不是已声明的名称', messageEn: 'no declared name at the cursor' };
    return renameDecl(at.decl, newName, [...this.ws.compilations()].map(namedFiles), at.c.index);
  }

  /** The outline of a file (from the compilation when it has this very text, else parsed afresh). */
  symbols(path: string, text: string): DocumentSymbol[] {
    const f = this.ws.compilationOf(path)?.result.files.find((x) => x.path === path);
    if (f && f.lines.text === text) return outlineOf(f.program, f.lines);
    const p = parsePlan(path, text);
    return outlineOf(p.program, p.lines);
  }

  format(text: string): FormatOutcome {
    const r = formatPlan(text);
    return r.ok ? { ok: true, text: r.text } : { ok: false, reason: r.reason };
  }

  /** The compiler's fixes for the diagnostics of `text` that touch [from, to] (offsets). */
  codeActions(diagnostics: readonly Diagnostic[], text: string, from: number, to: number): CodeAction[] {
    const lines = new LineMap(text);
    const out: CodeAction[] = [];
    for (const d of diagnostics) {
      if (!d.fix || d.range.end.offset < from || d.range.start.offset > to) continue;
      out.push({
        title: d.fix.title,
        titleEn: d.fix.titleEn,
        code: d.code,
        diagnostic: {
          start: { line: d.range.start.line, character: d.range.start.column },
          end: { line: d.range.end.line, character: d.range.end.column },
        },
        edits: d.fix.edits.map((e) => ({ range: rangeOf(lines, e.range), text: e.text })),
      });
    }
    return out;
  }

  codeLenses(path: string, lang: Lang): CodeLens[] {
    const c = this.ws.compilationOf(path);
    return c?.report ? lensesFor(path, c.report, c.result.ir.tasks, lang) : [];
  }

  semanticTokens(path: string, text: string): SemanticToken[] {
    return semanticTokens(text, this.ws.compilationOf(path)?.index ?? new Map(), this.ws.eventTypes());
  }

  folding(text: string): FoldingRange[] {
    return foldingRanges(text);
  }
}
