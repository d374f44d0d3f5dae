// Parsing: source text → AST + syntax diagnostics. The generated Peggy parser recovers at statement and
// entry boundaries (Error nodes); each Error span is re-parsed alone with the matching start rule so the
// diagnostic says exactly what was expected where.
import { parse as peggyParse, type PeggySyntaxError } from './generated/parser.js';
import type { ErrorContext, ErrorNode, Program } from './ast.js';
import { LineMap, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/codes.js';

export interface ParseResult {
  program: Program;
  diagnostics: Diagnostic[];
  lines: LineMap;
}

/** Expectations that say nothing to a person ("whitespace", "end of input", comment openers). */
const NOISE = new Set(['whitespace', '"//"', '"/*"', '[ \\t\\r\\n\\u3000\\uFEFF]']);

const EXPRESSION_STARTS = new Set([
  '"-"',
  '"("',
  '"（"',
  '"count"',
  '"sum"',
  '"mean"',
  '"计数"',
  '"求和"',
  '"平均"',
  '"true"',
  '"false"',
  '"null"',
  '"真"',
  '"假"',
  '"空"',
  '名称/name',
  '日期/date',
  '数字/number',
  '字符串/string',
  '之后有/followedby',
  '事件数/eventcount',
  '首次/first',
  '有/has',
  '无/lacks',
  '符合/passes',
  '案件/cases',
  '事件/events',
  '非/not',
]);

/**
 * Peggy merges alternatives of single characters (`"," / "，" / "、"`) into a class; such a class names
 * punctuation the person should write, so it is shown by its first character. Classes of letters,
 * digits or whitespace say nothing and are dropped.
 */
function classText(x: { parts?: unknown; inverted?: boolean }): string | null {
  const parts = x.parts;
  if (x.inverted || !Array.isArray(parts) || parts.length === 0) return null;
  if (!parts.every((p) => typeof p === 'string' && p.length === 1 && !/[\s\p{L}\p{N}]/u.test(p))) return null;
  return parts[0] as string;
}

function describeExpected(e: PeggySyntaxError): { zh: string; en: string } {
  const seen = new Set<string>();
  for (const x of e.expected ?? []) {
    if (x.type === 'any') continue;
    if (x.type === 'class') {
      const c = classText(x as { parts?: unknown; inverted?: boolean });
      if (c !== null) seen.add(`"${c}"`);
      continue;
    }
    const d =
      x.type === 'end'
        ? '行尾/end of line'
        : x.type === 'literal' && x.text
          ? `"${x.text}"`
          : (x.description ?? x.text ?? x.type);
    if (!NOISE.has(d)) seen.add(d);
  }
  // The many ways an expression can start read better as one word.
  const starts = [...seen].filter((d) => EXPRESSION_STARTS.has(d));
  if (starts.length >= 3) {
    for (const d of starts) seen.delete(d);
    seen.add('表达式/expression');
  }
  const list = [...seen].sort();
  const shown = list.length > 8 ? [...list.slice(0, 8), '…'] : list;
  // A rule's description is "中文/english" (名称/name, 至/到/to): each language gets its own half.
  const half = (d: string, zh: boolean): string => {
    const cut = d.startsWith('"') ? -1 : d.lastIndexOf('/');
    return cut < 0 ? d : zh ? d.slice(0, cut) : d.slice(cut + 1);
  };
  return { zh: shown.map((d) => half(d, true)).join('、'), en: shown.map((d) => half(d, false)).join(', ') };
}

function foundText(text: string, offset: number): string {
  if (offset >= text.length) return '';
  const ch = String.fromCodePoint(text.codePointAt(offset)!);
  if (ch === '\n' || ch === '\r') return '\\n';
  // A control character (a NUL of a binary file) is shown by its code point, never raw.
  const cp = ch.codePointAt(0)!;
  return cp < 0x20 || cp === 0x7f ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : ch;
}

function syntaxDiagnostic(
  file: string,
  text: string,
  lines: LineMap,
  at: number,
  expected: { zh: string; en: string } | null,
): Diagnostic {
  const found = foundText(text, at);
  const end = found ? at + (found === '\\n' || found.startsWith('U+') ? 1 : found.length) : at;
  const foundZh = found === '\\n' ? '行尾' : found ? `“${found}”` : '文件结尾';
  const foundEn = found === '\\n' ? 'the end of the line' : found ? `"${found}"` : 'the end of the file';
  const zh = expected?.zh ? `语法错误：此处应为 ${expected.zh}，实际为 ${foundZh}` : `语法错误：无法理解 ${foundZh}`;
  const en = expected?.en
    ? `syntax error: expected ${expected.en} but found ${foundEn}`
    : `syntax error: unexpected ${foundEn}`;
  return diagnostic('E0001', file, lines.range([at, end]), { zh, en });
}

/** The end of the last character of `text[from, to)` that is not whitespace or in a comment. */
function lastWordEnd(text: string, from: number, to: number): number {
  let end = from;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      while (i < to && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? to : close + 1;
    } else if (c === '"' || c === '“') {
      const q = c === '"' ? '"' : '”';
      for (i++; i < to && text[i] !== q && text[i] !== '\n' && text[i] !== '\r'; i++)
        if (c === '"' && text[i] === '\\') i++;
      end = Math.min(i + 1, to);
    } else if (!/[ \t\u3000\r\n\uFEFF]/.test(c)) {
      end = i + 1;
    }
  }
  return end;
}

/** When a string opens at `at` and its line ends before it closes: the line's end, else null. */
function unclosedString(text: string, at: number): number | null {
  const q = text[at];
  if (q !== '"' && q !== '“') return null;
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') return i;
    if (q === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c === (q === '"' ? '"' : '”')) return null;
  }
  return text.length;
}

/** Re-parses the span of an Error node alone to locate and describe the failure. */
function explain(file: string, text: string, lines: LineMap, err: ErrorNode): Diagnostic {
  const snippet = text.slice(err.range[0], err.range[1]);
  try {
    peggyParse(snippet, { startRule: err.context as ErrorContext });
    // The span parses alone: it failed in context (e.g. an entry keyword outside its block).
    return syntaxDiagnostic(file, text, lines, err.range[0], null);
  } catch (e) {
    const pe = e as PeggySyntaxError;
    if (pe?.location) {
      let at = err.range[0] + pe.location.start.offset;
      while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\u3000')) at++;
      // What is missing is missing at the end of its line, not past the blank lines and comments after it.
      const p = lastWordEnd(text, err.range[0], at);
      const lineEnd = text.slice(p, at).search(/[\r\n]/);
      if (lineEnd >= 0) at = p + lineEnd;
      const open = unclosedString(text, at);
      if (open !== null) {
        return diagnostic('E0001', file, lines.range([at, open]), {
          zh: '语法错误：字符串缺少结尾的引号（字符串不能跨行）',
          en: 'syntax error: the string has no closing quote (a string cannot span lines)',
        });
      }
      return syntaxDiagnostic(file, text, lines, at, describeExpected(pe));
    }
    return syntaxDiagnostic(file, text, lines, err.range[0], null);
  }
}

/**
 * How deep the checker, the evaluator and every other tree walk may have to go. Real plans nest a few
 * levels; a statement nested deeper (5,000 parentheses, a chain of thousands of `+`) is reported (E0006)
 * and left out, so nothing downstream runs out of stack.
 */
export const MAX_NESTING = 200;

type BlockInfo = { closed: boolean; range: [number, number] };

/**
 * One walk over a statement, with an explicit stack (an expression chain of thousands of terms is
 * thousands deep): collects its Error nodes and its blocks, and returns the first node (in the text)
 * deeper than MAX_NESTING AST nodes, or null.
 */
function walkStatement(root: object, errors: ErrorNode[], blocks: BlockInfo[]): { range: [number, number] } | null {
  let first: { range: [number, number] } | null = null;
  const nodes: unknown[] = [root];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop() as Record<string, unknown>;
    const depth = depths.pop()!;
    if (Array.isArray(node)) {
      for (const n of node)
        if (n !== null && typeof n === 'object') {
          nodes.push(n);
          depths.push(depth);
        }
      continue;
    }
    if (node.kind === 'Error') {
      errors.push(node as unknown as ErrorNode);
      continue;
    }
    if (typeof node.closed === 'boolean' && Array.isArray(node.items)) blocks.push(node as unknown as BlockInfo);
    const d = typeof node.kind === 'string' ? depth + 1 : depth;
    if (d > MAX_NESTING && Array.isArray(node.range)) {
      const r = node as unknown as { range: [number, number] };
      if (!first || r.range[0] < first.range[0]) first = r;
      continue;
    }
    for (const k in node) {
      if (k === 'range') continue;
      const v = node[k];
      if (v !== null && typeof v === 'object') {
        nodes.push(v);
        depths.push(d);
      }
    }
  }
  return first;
}

/** Where parentheses first nest deeper than MAX_NESTING (strings and comments skipped), or null. */
function deepParenthesis(text: string, from: number, to: number): number | null {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (c === '"' || c === '“') {
      const close = c === '"' ? '"' : '”';
      for (i++; i < to && text[i] !== close && text[i] !== '\n'; i++) if (c === '"' && text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < to && text[i] !== '\n') i++;
    } else if (c === '(' || c === '（') {
      if (++depth > MAX_NESTING) return i;
    } else if (c === ')' || c === '）') depth = Math.max(0, depth - 1);
  }
  return null;
}

/** Shifts every range of a subtree parsed from a slice of the text back to file offsets. */
function shiftRanges(root: unknown, by: number): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const n of node) stack.push(n);
      continue;
    }
    const o = node as Record<string, unknown>;
    if (Array.isArray(o.range)) o.range = [(o.range[0] as number) + by, (o.range[1] as number) + by];
    for (const k in o) if (k !== 'range') stack.push(o[k]);
  }
}

/**
 * The whole-file parse ran out of stack (a statement nested thousands deep): parse again chunk by chunk,
 * a chunk starting at each line that starts at column 0 with a word, so only the deep statement is lost.
 */
function parseInChunks(
  file: string,
  text: string,
  lines: LineMap,
  diagnostics: Diagnostic[],
  deep: Set<ErrorNode>,
): Program {
  const starts = [0];
  for (let i = 1; i < text.length; i++) {
    if ((text[i - 1] === '\n' || text[i - 1] === '\r') && /[\p{L}_]/u.test(text[i]!)) starts.push(i);
  }
  starts.push(text.length);
  const items: Program['items'] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    const from = starts[k]!,
      to = starts[k + 1]!;
    try {
      const chunk = peggyParse(text.slice(from, to)) as Program;
      shiftRanges(chunk.items, from);
      items.push(...chunk.items);
    } catch {
      const at = deepParenthesis(text, from, to) ?? from;
      diagnostics.push(diagnostic('E0006', file, lines.range([at, Math.min(at + 1, text.length)]), {}));
      const err: ErrorNode = { kind: 'Error', context: 'Statement', range: [from, to] };
      deep.add(err);
      items.push(err);
    }
  }
  return { kind: 'Program', items, range: [0, text.length] };
}

/** Source text as a user's file gives it: a BOM is dropped, CRLF kept (ranges stay true to the file). */
export function normaliseSource(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parsePlan(file: string, source: string): ParseResult {
  const text = normaliseSource(source);
  const lines = new LineMap(text);
  const diagnostics: Diagnostic[] = [];
  const nul = text.indexOf('\u0000');
  const bad = text.indexOf('\uFFFD');
  if (nul >= 0 || bad >= 0) {
    const at = nul >= 0 && bad >= 0 ? Math.min(nul, bad) : Math.max(nul, bad);
    diagnostics.push(diagnostic('E0004', file, lines.range([at, at + 1]), {}));
  }
  let program: Program;
  const deep = new Set<ErrorNode>();
  try {
    program = peggyParse(text) as Program;
  } catch (e) {
    // The grammar recovers from every statement-level error, so only resource limits land here
    // (a nesting so deep that the recursive descent runs out of stack).
    if (e instanceof RangeError) program = parseInChunks(file, text, lines, diagnostics, deep);
    else {
      const at = (e as PeggySyntaxError).location?.start.offset ?? 0;
      diagnostics.push(
        syntaxDiagnostic(
          file,
          text,
          lines,
          at,
          (e as PeggySyntaxError).expected ? describeExpected(e as PeggySyntaxError) : null,
        ),
      );
      return { program: { kind: 'Program', items: [], range: [0, text.length] }, diagnostics, lines };
    }
  }
  const errors: ErrorNode[] = [];
  const blocks: BlockInfo[] = [];
  const tooDeep: Diagnostic[] = [];
  program.items = program.items.map((s) => {
    if (s.kind === 'Error') {
      errors.push(s);
      return s;
    }
    const deepNode = walkStatement(s, errors, blocks);
    // Parentheses are checked on the text, so the answer does not depend on how much stack there was.
    const paren = deepParenthesis(text, s.range[0], s.range[1]);
    const at = paren !== null ? ([paren, paren + 1] as const) : deepNode?.range;
    if (!at) return s;
    tooDeep.push(diagnostic('E0006', file, lines.range(at), {}));
    return { kind: 'Error', context: 'Statement', range: s.range } satisfies ErrorNode;
  });
  errors.sort((a, b) => a.range[0] - b.range[0]);
  for (const err of errors) if (!deep.has(err)) diagnostics.push(explain(file, text, lines, err));
  for (const b of blocks) {
    if (!b.closed) diagnostics.push(diagnostic('E0002', file, lines.range([b.range[0], b.range[0] + 1]), {}));
  }
  diagnostics.push(...tooDeep);
  return { program, diagnostics, lines };
}
