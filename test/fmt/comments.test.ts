// findComments: comments with their offsets, strings skipped as the grammar reads them.
import { describe, expect, it } from 'vitest';
import { findComments } from '../../src/engine/syntax/comments.js';

const texts = (t: string): string[] => findComments(t).map((c) => c.text);

describe('findComments', () => {
  it('finds line and block comments with their offsets', () => {
    const t = '人员 甲 // a\n/* b\n c */ 人员 乙 /**/';
    expect(findComments(t)).toEqual([
      { kind: 'line', range: [5, 9], text: '// a', closed: true },
      { kind: 'block', range: [10, 20], text: '/* b\n c */', closed: true },
      { kind: 'block', range: [26, 30], text: '/**/', closed: true },
    ]);
  });

  it('ends a line comment at the line break, CRLF included (as the grammar does)', () => {
    expect(texts('// a\r\nx // b')).toEqual(['// a', '// b']);
  });

  it('skips "…" strings with \\ escapes and “…” strings', () => {
    expect(texts('说明 "a // b \\" /* c" // real')).toEqual(['// real']);
    expect(texts('说明 “a // b /* c” /* real */')).toEqual(['/* real */']);
    // No escapes inside “…”: the first ” ends the string.
    expect(texts('说明 “a \\” /* c” */')).toEqual(['/* c” */']);
    expect(texts('说明 "a\\\\" // after an escaped backslash')).toEqual(['// after an escaped backslash']);
  });

  it('ends an unterminated string at the end of its line, as the grammar does', () => {
    expect(texts('说明 "abc\n// c')).toEqual(['// c']);
    expect(texts('说明 “abc\n// c')).toEqual(['// c']);
  });

  it('marks a block comment cut off by the end of the text', () => {
    expect(findComments('x /* open')).toEqual([{ kind: 'block', range: [2, 9], text: '/* open', closed: false }]);
    expect(findComments('/*/')[0]!.closed).toBe(false);
  });

  it('reads `//` inside a block comment and `/*` inside a line comment as comment text', () => {
    expect(texts('/* a // b */ x // c /* d')).toEqual(['/* a // b */', '// c /* d']);
  });
});

describe('line breaks the grammar knows', () => {
  it('a line comment ends at a lone \\r, as in the grammar', () => {
    const text = '// 说明\r人员 张三\n';
    const cs = findComments(text);
    expect(cs).toHaveLength(1);
    expect(cs[0]!.text).toBe('// 说明');
  });
});
