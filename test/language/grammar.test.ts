// The grammar's hand-kept tables agree with its rules: the reserved words (read as one word and looked
// up in RESERVED_WORDS, for speed) are exactly the one-word forms of the keywords the grammar reserves,
// and each of them is refused as a name while other keywords are not reserved.
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/engine/syntax/parse.js';
import { GRAMMAR, grammarRules } from './grammar-text.js';

const rules = grammarRules();

/** The KW_ rules the comment above ReservedPhrase names. */
function reservedRules(): string[] {
  const at = GRAMMAR.indexOf('ReservedPhrase\n');
  const comment = GRAMMAR.slice(GRAMMAR.lastIndexOf('// Words that can never be a name', at), at);
  return [...comment.matchAll(/KW_[A-Z_]+/g)].map((m) => m[0]);
}

/** The one-word forms of a keyword rule: its alternatives that are a single literal. */
function oneWordForms(rule: string): string[] {
  const body = /=\s*\(([^)]*)\)/.exec(rule)![1]!;
  return body
    .split(' / ')
    .map((a) => a.trim())
    .filter((a) => /^"[^"]+"$/.test(a))
    .map((a) => a.slice(1, -1));
}

function reservedSet(): string[] {
  const m = /const RESERVED_WORDS = new Set\(\[([^\]]*)\]\)/.exec(GRAMMAR)!;
  return [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!);
}

describe('reserved words', () => {
  it('RESERVED_WORDS is exactly the one-word forms of the reserved keywords', () => {
    const names = reservedRules();
    expect(names.length).toBeGreaterThanOrEqual(30);
    for (const n of names) expect(rules.has(n), n).toBe(true);
    const expected = names.flatMap((n) => oneWordForms(rules.get(n)!));
    expect([...new Set(reservedSet())].sort()).toEqual([...new Set(expected)].sort());
  });

  it.each(reservedSet())('%s cannot be a name', (w) => {
    expect(parsePlan('t.plan', `人员 ${w}`).diagnostics.map((d) => d.code)).toContain('E0001');
  });

  it.each(['each court', 'each handler', 'each team', 'is null', 'is not null'])(
    '"%s" (two words) cannot start a name',
    (w) => {
      expect(parsePlan('t.plan', `部门 ${w}`).diagnostics.map((d) => d.code)).toContain('E0001');
    },
  );

  it.each(['each', 'is', '其中甲', 'where_x', '任务', '力争方案', '每年度'])('%s can be a name', (w) => {
    expect(parsePlan('t.plan', `人员 ${w}`).diagnostics).toEqual([]);
  });
});
