// Shared checks for the formatter tests: an AST compared without ranges, comments compared as text.
import { expect } from 'vitest';
import { findComments } from '../../src/engine/syntax/comments.js';
import { formatPlan } from '../../src/engine/syntax/format.js';
import { parsePlan } from '../../src/engine/syntax/parse.js';

/** The AST without ranges, or null when the text has syntax errors. Written apart from format.ts's own check. */
export function shape(text: string): unknown {
  const r = parsePlan('t.plan', text);
  if (r.diagnostics.some((d) => d.severity === 'error')) return null;
  const strip = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(strip);
    if (x === null || typeof x !== 'object') return x;
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== 'range') o[k] = strip(v);
    return o;
  };
  return strip(r.program);
}

/** The comments of a text as the formatter keeps them (no trailing spaces after `//`, \n line ends, a block comment cut off by the end closed). */
export function commentTexts(text: string): string[] {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return findComments(t).map((c) => {
    if (c.kind === 'line') return c.text.trimEnd();
    const b = c.text.replace(/\r\n?/g, '\n');
    return c.closed ? b : `${b.trimEnd()} */`;
  });
}

/** Formats a text that must format. */
export function fmt(text: string): string {
  const r = formatPlan(text);
  if (!r.ok) throw new Error(`formatPlan refused: ${r.reason}\n${text}`);
  return r.text;
}

/** Everything the formatter promises for a text that parses. */
export function expectCanonical(text: string): string {
  const before = shape(text);
  expect(before, 'the input must parse').not.toBeNull();
  const out = fmt(text);
  expect(shape(out)).toEqual(before);
  expect(commentTexts(out)).toEqual(commentTexts(text));
  expect(fmt(out)).toBe(out);
  if (out !== '') expect(out.slice(-1)).toBe('\n');
  expect(out.endsWith('\n\n')).toBe(false);
  expect(out.includes('\r\n')).toBe(false);
  expect(out.charCodeAt(0)).not.toBe(0xfeff);
  return out;
}
