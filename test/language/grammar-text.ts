// The grammar read as text, for tests that keep the docs and the grammar's own tables in step with its rules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../corpus/host.js';

export const GRAMMAR = readFileSync(join(ROOT, 'grammar', 'plan.peggy'), 'utf8');

/** Rule name → the rule's text (from its name to the next rule), for the rules at the start of a line. */
export function grammarRules(): Map<string, string> {
  const rules = new Map<string, string>();
  const re = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s+"[^"]*")?\s*\n?\s*=/gm;
  const starts: Array<[string, number]> = [];
  for (const m of GRAMMAR.matchAll(re)) starts.push([m[1]!, m.index!]);
  starts.forEach(([name, at], i) => {
    rules.set(name, GRAMMAR.slice(at, i + 1 < starts.length ? starts[i + 1]![1] : undefined));
  });
  return rules;
}

/** The double-quoted literals of a rule's body (its display name excluded), in order, without duplicates. */
export function literalsOf(rule: string): string[] {
  const body = rule.slice(rule.indexOf('='));
  const out: string[] = [];
  for (const m of body.replace(/\{[^{}]*\}/g, '').matchAll(/"((?:[^"\\]|\\.)*)"/g))
    if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}
