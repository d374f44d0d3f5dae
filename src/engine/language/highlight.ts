// Semantic highlighting and folding from the lexical scan (tokens.ts) and the compilation's names.
import { EVENT_TYPES, CASE_FIELDS } from '../domain/vocabulary.js';
import { LineMap } from '../diagnostics/diagnostic.js';
import type { Decl } from './declarations.js';
import { allKeywordSpellings } from './keywords.js';
import { scan } from './tokens.js';
import type { FoldingRange, SemanticToken, SemanticTokenType } from './types.js';

let keywords: ReadonlySet<string> | null = null;
const FIELDS = new Set(CASE_FIELDS.flatMap((f) => [f.zh, f.en]));

function identType(
  word: string,
  index: ReadonlyMap<string, Decl>,
  eventTypes: readonly string[],
): SemanticTokenType | null {
  const d = index.get(word);
  if (d) return d.kind;
  keywords ??= new Set(allKeywordSpellings());
  if (keywords.has(word)) return 'keyword';
  if ((EVENT_TYPES as readonly string[]).includes(word) || eventTypes.includes(word)) return 'eventType';
  if (FIELDS.has(word)) return 'field';
  return null;
}

/** The highlighted tokens of a text, in order, each on one line (a block comment is cut at line ends). */
export function semanticTokens(
  text: string,
  index: ReadonlyMap<string, Decl>,
  eventTypes: readonly string[],
): SemanticToken[] {
  const lines = new LineMap(text);
  const out: SemanticToken[] = [];
  for (const t of scan(text)) {
    let type: SemanticTokenType | null;
    switch (t.kind) {
      case 'ident':
        type = identType(text.slice(t.start, t.end), index, eventTypes);
        break;
      case 'punct':
        type = /^[<>=≥≤≠!+\-*/×÷]$/.test(text[t.start]!) ? 'operator' : null;
        break;
      default:
        type = t.kind;
    }
    if (!type) continue;
    const a = lines.position(t.start);
    let line = a.line,
      character = a.column;
    for (const part of text.slice(t.start, t.end).split(/\r\n|\r|\n/)) {
      if (part.length) out.push({ line, character, length: part.length, type });
      line++;
      character = 0;
    }
  }
  return out;
}

/** Blocks ({…} over several lines) and multi-line comments. */
export function foldingRanges(text: string): FoldingRange[] {
  const lines = new LineMap(text);
  const out: FoldingRange[] = [];
  const open: number[] = [];
  for (const t of scan(text)) {
    if (t.kind === 'comment') {
      const a = lines.position(t.start).line,
        b = lines.position(t.end).line;
      if (b > a) out.push({ startLine: a, endLine: b, kind: 'comment' });
      continue;
    }
    if (t.kind !== 'punct') continue;
    const c = text[t.start];
    if (c === '{' || c === '｛') open.push(t.start);
    else if ((c === '}' || c === '｝') && open.length) {
      const a = lines.position(open.pop()!).line,
        b = lines.position(t.start).line;
      // The closing brace's line stays visible.
      if (b - 1 > a) out.push({ startLine: a, endLine: b - 1 });
    }
  }
  return out.sort((x, y) => x.startLine - y.startLine);
}
