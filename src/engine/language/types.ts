// The language service's plain data: positions are 0-based lines and UTF-16 characters (as LSP counts),
// ranges in a file also as [start, end) offsets where the caller has the text. Monaco's 1-based
// positions and LSP's types are made from these at the edges (src/workers/engine.ts, src/harness/lsp/).

export type { Lang } from '../lang.js';

export interface Pos {
  line: number;
  character: number;
}
export interface Range {
  start: Pos;
  end: Pos;
}

export type SymbolKindName =
  | 'plan'
  | 'court'
  | 'person'
  | 'role'
  | 'department'
  | 'group'
  | 'phase'
  | 'field'
  | 'set'
  | 'indicator'
  | 'rule'
  | 'target'
  | 'task'
  | 'milestone'
  | 'fact';

export type CompletionKind =
  | 'keyword'
  | 'person'
  | 'role'
  | 'department'
  | 'indicator'
  | 'eventType'
  | 'field'
  | 'set'
  | 'court'
  | 'rule'
  | 'target'
  | 'phase'
  | 'function'
  | 'unit'
  | 'group'
  | 'snippet';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail: string;
  documentation?: string;
  insertText?: string;
  /** Snippet syntax ($1, ${1:x}, ${1|a,b|}) in insertText — the same in Monaco and LSP. */
  snippet?: boolean;
  sortText?: string;
}

/** What may be typed at a position; the items replace the text from `from` to the position. */
export interface Completion {
  items: CompletionItem[];
  from: Pos;
}

export interface Hover {
  markdown: string[];
  range: Range;
}

/** A place in a file (a definition, a reference). */
export interface Location {
  file: string;
  range: Range;
}

export interface DocumentSymbol {
  name: string;
  detail: string;
  kind: SymbolKindName;
  range: Range;
  selection: Range;
  children: DocumentSymbol[];
}

export interface TextEdit {
  range: Range;
  text: string;
}

/** A rename: the edits per file, or why it cannot be done. */
export type RenameResult =
  | { ok: true; edits: Record<string, TextEdit[]> }
  | { ok: false; message: string; messageEn: string };

export interface CodeAction {
  title: string;
  titleEn: string;
  code: string;
  diagnostic: Range;
  edits: TextEdit[];
}

/** A code lens: a status line above a task, a target or a milestone (0-based line). */
export interface CodeLens {
  line: number;
  title: string;
  status: string;
  target?: string;
  task?: string;
  milestone?: string;
}

export type SemanticTokenType =
  | 'keyword'
  | 'string'
  | 'comment'
  | 'number'
  | 'date'
  | 'operator'
  | 'eventType'
  | 'field'
  | SymbolKindName;

/** One highlighted token: a single line's [start, start + length). */
export interface SemanticToken {
  line: number;
  character: number;
  length: number;
  type: SemanticTokenType;
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}
