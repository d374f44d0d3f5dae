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
  '-', '(', '（', 'count', 'sum', 'mean', '计数', '求和', '平均', 'true', 'false', 'null', '真', '假', '空',
  '名称/name', '日期/date', '数字/number', '字符串/string', '之后有/followedby', '事件数/eventcount', '首次/first',
  '有/has', '无/lacks', '符合/passes', '案件/cases', '事件/events', '非/not',
]);

function describeExpected(e: PeggySyntaxError): { zh: string; en: string } {
  const seen = new Set<string>();
  for (const x of e.expected ?? []) {
    if (x.type === 'class' || x.type === 'any') continue;
    const d = x.type === 'end' ? '行尾/end of line' : x.description ?? x.text ?? x.type;
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
  return { zh: shown.join('、'), en: shown.join(', ') };
}

function foundText(text: string, offset: number): string {
  if (offset >= text.length) return '';
  const ch = String.fromCodePoint(text.codePointAt(offset)!);
  return ch === '\n' || ch === '\r' ? '\\n' : ch;
}

function syntaxDiagnostic(file: string, text: string, lines: LineMap, at: number, expected: { zh: string; en: string } | null): Diagnostic {
  const found = foundText(text, at);
  const end = found ? at + (found === '\\n' ? 1 : found.length) : at;
  const foundZh = found ? `“${found}”` : '文件结尾';
  const foundEn = found ? `"${found}"` : 'end of file';
  const zh = expected && expected.zh ? `语法错误：此处应为 ${expected.zh}，实际为 ${foundZh}` : `语法错误：无法理解 ${foundZh}`;
  const en = expected && expected.en ? `syntax error: expected ${expected.en} but found ${foundEn}` : `syntax error: unexpected ${foundEn}`;
  return diagnostic('E0001', file, lines.range([at, end]), { zh, en });
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
    if (pe && pe.location) {
      let at = err.range[0] + pe.location.start.offset;
      while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\u3000')) at++;
      return syntaxDiagnostic(file, text, lines, at, describeExpected(pe));
    }
    return syntaxDiagnostic(file, text, lines, err.range[0], null);
  }
}

function collectErrors(node: unknown, out: ErrorNode[], blocks: Array<{ closed: boolean; range: [number, number] }>): void {
  if (Array.isArray(node)) {
    for (const n of node) collectErrors(n, out, blocks);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.kind === 'Error') {
    out.push(o as unknown as ErrorNode);
    return;
  }
  if (typeof o.closed === 'boolean' && Array.isArray(o.items)) blocks.push(o as unknown as { closed: boolean; range: [number, number] });
  for (const k in o) if (k !== 'range') collectErrors(o[k], out, blocks);
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
    const at = nul >= 0 ? nul : bad;
    diagnostics.push(diagnostic('E0004', file, lines.range([at, at + 1]), {}));
  }
  let program: Program;
  try {
    program = peggyParse(text) as Program;
  } catch (e) {
    // The grammar recovers from every statement-level error, so only resource limits land here
    // (a nesting so deep that the recursive descent runs out of stack).
    const at = (e as PeggySyntaxError).location?.start.offset ?? 0;
    const code = e instanceof RangeError ? 'E0006' : 'E0001';
    diagnostics.push(code === 'E0006'
      ? diagnostic('E0006', file, lines.range([0, Math.min(text.length, 1)]), {})
      : syntaxDiagnostic(file, text, lines, at, (e as PeggySyntaxError).expected ? describeExpected(e as PeggySyntaxError) : null));
    return { program: { kind: 'Program', items: [], range: [0, text.length] }, diagnostics, lines };
  }
  const errors: ErrorNode[] = [];
  const blocks: Array<{ closed: boolean; range: [number, number] }> = [];
  collectErrors(program.items, errors, blocks);
  for (const err of errors) diagnostics.push(explain(file, text, lines, err));
  for (const b of blocks) {
    if (!b.closed) diagnostics.push(diagnostic('E0002', file, lines.range([b.range[0], b.range[0] + 1]), {}));
  }
  return { program, diagnostics, lines };
}
