// The canonical layout of a plan file (`luoshi fmt`). The formatter prints the AST, not the text: one
// entry per line, 2-space indentation inside blocks, `{` on the header line, one space between words and
// around operators, `, ` between list items (`、` kept in event-type lists), minimal parentheses that keep
// the tree. What the author chose stays: keyword spellings (Chinese or English, read from the source),
// literals exactly as written, every comment at its place, and the line breaks inside an entry.
//
// How comments keep their place: every printed token carries its source offset, and a comment is printed
// just before the first token that comes after it in the source. A comment alone on its line stays alone
// on its line (re-indented); a comment after code stays at the end of that line.
//
// Safety: a text with syntax errors is refused, never rewritten. The result is re-parsed and must give the
// same AST (ranges aside) and the same comments; otherwise the formatter refuses rather than change a plan.
//
// The parts: format/source.ts (the text between nodes), format/writer.ts (lines, indentation, comments),
// format/precedence.ts, format/printer.ts.
import type * as A from './ast.js';
import { findComments } from './comments.js';
import { normaliseSource, parsePlan } from './parse.js';
import { Printer } from './format/printer.js';
import { Source, commentText } from './format/source.js';
import { Writer } from './format/writer.js';

export type FormatResult = { ok: true; text: string } | { ok: false; reason: string };

/** The AST as data, ranges left out: two texts with the same shape print the same. */
export function astShape(node: unknown): string {
  return JSON.stringify(node, (k, v: unknown) => (k === 'range' ? undefined : v));
}

function syntaxErrors(text: string): { ok: true; program: A.Program } | { ok: false; reason: string } {
  const r = parsePlan('plan', text);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return { ok: true, program: r.program };
  const d = errors[0]!;
  const more = errors.length > 1 ? ` (+${errors.length - 1})` : '';
  return { ok: false, reason: `${d.range.start.line + 1}:${d.range.start.column + 1}: ${d.messageEn}${more}` };
}

/**
 * Formats a plan text canonically. Refuses (ok: false) a text with syntax errors, and any text whose
 * formatted form would not parse to the same AST with the same comments.
 */
export function formatPlan(input: string): FormatResult {
  // parsePlan drops one BOM; a second one would be whitespace, which formatting drops as well.
  const text = normaliseSource(normaliseSource(input));
  let parsed: ReturnType<typeof syntaxErrors>;
  try {
    parsed = syntaxErrors(text);
  } catch (e) {
    return { ok: false, reason: `cannot parse: ${(e as Error).message}` };
  }
  if (!parsed.ok) return { ok: false, reason: `syntax errors: ${parsed.reason}` };
  const comments = findComments(text);
  const expectedShape = astShape(parsed.program);
  const expectedComments = comments.map(commentText).join('\u0000');
  // `;` ends an entry so that the next line is not read as part of it (`目标 X >= 90%; 每年 "…"`): the
  // formatter drops them, and keeps them all when dropping would change the plan.
  for (const keepSemicolons of [false, true]) {
    let out: string;
    try {
      const src = new Source(text, comments);
      out = new Printer(src, new Writer(src), keepSemicolons).program(parsed.program);
    } catch (e) {
      return { ok: false, reason: `internal error: ${(e as Error).message}` };
    }
    const again = syntaxErrors(out);
    if (!again.ok || astShape(again.program) !== expectedShape) continue;
    if (findComments(out).map(commentText).join('\u0000') !== expectedComments) {
      return { ok: false, reason: 'internal error: formatting would move a comment into code' };
    }
    return { ok: true, text: out };
  }
  return { ok: false, reason: 'internal error: formatting would change the plan' };
}
