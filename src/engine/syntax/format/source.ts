// The formatter's view of the source between nodes: its tokens, words, line breaks and blank lines, and
// the comments as they are printed.
import type { PlanComment } from '../comments.js';

export interface GapToken {
  text: string;
  start: number;
  end: number;
  kind: 'word' | 'punct' | 'op';
}

const SPACE = new Set([' ', '\t', '\r', '\n', '\u3000', '\uFEFF']);
const PUNCT = new Set(['(', ')', '（', '）', ',', '，', '、', '|', ':', '：', '＝', ';', '；', '{', '｛', '}', '｝']);
const OP = new Set(['<', '>', '=', '!', '≥', '≤', '≠', '+', '-', '*', '/', '×', '÷']);
export const OPEN_PAREN = ['(', '（'];
export const CLOSE_PAREN = [')', '）'];

/** Reads the keywords and punctuation between AST nodes (the grammar keeps them out of the AST). */
export class Source {
  private readonly commentEnd = new Map<number, number>();

  constructor(
    readonly text: string,
    readonly comments: PlanComment[],
  ) {
    for (const c of comments) this.commentEnd.set(c.range[0], c.range[1]);
  }

  /** The words, operators and punctuation in [from, to), comments and whitespace skipped. */
  tokens(from: number, to: number): GapToken[] {
    const out: GapToken[] = [];
    const t = this.text;
    let i = from;
    while (i < to) {
      const skip = this.commentEnd.get(i);
      if (skip !== undefined) {
        i = skip;
        continue;
      }
      const c = t[i]!;
      if (SPACE.has(c)) {
        i++;
        continue;
      }
      if (PUNCT.has(c)) {
        out.push({ text: c, start: i, end: i + 1, kind: 'punct' });
        i++;
        continue;
      }
      const kind = OP.has(c) ? 'op' : 'word';
      const start = i;
      while (
        i < to &&
        !SPACE.has(t[i]!) &&
        !PUNCT.has(t[i]!) &&
        OP.has(t[i]!) === (kind === 'op') &&
        !this.commentEnd.has(i)
      )
        i++;
      out.push({ text: t.slice(start, i), start, end: i, kind });
    }
    return out;
  }

  words(from: number, to: number): GapToken[] {
    return this.tokens(from, to).filter((x) => x.kind === 'word');
  }

  /** The first token in [from, to) spelled as one of `texts`. */
  find(from: number, to: number, texts: string[]): GapToken | undefined {
    return this.tokens(from, to).find((x) => texts.includes(x.text));
  }

  hasNewline(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const c = this.text[i];
      if (c === '\n' || c === '\r') return true;
    }
    return false;
  }

  /** 1 when [from, to) holds a blank line (two line breaks with nothing but spaces between; comments are not blank), else 0. */
  blankLines(from: number, to: number): number {
    let breaks = 0;
    let i = from;
    while (i < to) {
      const skip = this.commentEnd.get(i);
      if (skip !== undefined) {
        breaks = 0;
        i = skip;
        continue;
      }
      const c = this.text[i]!;
      if (c === '\n' || (c === '\r' && this.text[i + 1] !== '\n')) {
        if (++breaks >= 2) return 1;
      } else if (!SPACE.has(c)) {
        breaks = 0;
      }
      i++;
    }
    return 0;
  }

  /** Nothing but spaces between `at` and the end of its line (or of the text). */
  endsLine(at: number): boolean {
    let i = at;
    while (
      i < this.text.length &&
      (this.text[i] === ' ' || this.text[i] === '\t' || this.text[i] === '\u3000' || this.text[i] === '\uFEFF')
    )
      i++;
    return i >= this.text.length || this.text[i] === '\n' || this.text[i] === '\r';
  }
}

/** A comment as the formatter prints it: line endings normalised, no trailing spaces after `//`, a block comment cut off by the end of the file closed. */
export function commentText(c: PlanComment): string {
  if (c.kind === 'line') return c.text.trimEnd();
  const t = c.text.replace(/\r\n?/g, '\n');
  return c.closed ? t : t.trimEnd() + ' */';
}
