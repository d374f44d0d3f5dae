// The formatter's output: lines with their indentation, every comment printed at its place (before the first
// token after it in the source), trailing comments aligned.
import type { PlanComment } from '../comments.js';
import { Source, commentText } from './source.js';

export const INDENT = 2;
/** Space between code and a comment that ends the line. */
const TRAILING_GAP = '   ';

/** Blank lines before the next item: exactly one, none, or as the source had them (at most one). */
export type Blank = 'one' | 'none' | 'preserve';

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/** An output line: indentation, code, and the `//` comment that ends it (aligned with its neighbours'). */
interface Line {
  indent: number;
  code: string;
  trail: string | null;
}

/**
 * Builds the output line by line. The printer says where items (statements, block entries) begin and
 * gives tokens with their source offsets; the writer places comments, breaks and blank lines.
 */
export class Writer {
  /** Output lines; null is a blank line. */
  private readonly lines: Array<Line | null> = [];
  private cur = '';
  private curIndent = 0;
  private itemIndent = 0;
  /** An item has ended (or a block opened) and the next token begins a new item. */
  private atBoundary = true;
  private policy: Blank = 'none';
  private firstAfterBoundary = true;
  /** The current line holds only a block comment that leads the next item, which follows on that line. */
  private openLeading = false;
  /** No space before the next token (after `(`, `、`, unary `-`). */
  private glue = false;
  /** Source offset after the last token or comment printed. */
  private prevEnd = 0;
  private next = 0;
  /** Parentheses waiting for the token they open, and whether a space goes before them. */
  private opens = 0;
  private openSpace = true;

  constructor(private readonly src: Source) {}

  boundary(indent: number, policy: Blank): void {
    this.atBoundary = true;
    this.itemIndent = indent;
    this.policy = policy;
    this.firstAfterBoundary = true;
    this.openLeading = false;
    this.glue = false;
  }

  glueNext(): void {
    this.glue = true;
  }

  /** Prints a token that starts at `at` in the source; `space`: a space before it; `breakable`: keeps the author's line break before it. */
  token(text: string, at: number, end: number, space = true, breakable = true): void {
    this.flush(at);
    if (this.opens > 0) {
      // Parentheses the printer adds stand right before the token they open, after its comments.
      text = '('.repeat(this.opens) + text;
      space = this.openSpace;
      this.opens = 0;
    }
    if (this.atBoundary) {
      if (this.openLeading) this.cur += ' ' + text;
      else this.startLine(this.itemIndent, this.blanksBefore(at), text);
      this.atBoundary = false;
      this.openLeading = false;
    } else if (this.cur === '') {
      this.startLine(this.itemIndent + INDENT, 0, text);
    } else if (breakable && this.src.hasNewline(this.prevEnd, at)) {
      this.startLine(this.itemIndent + INDENT, 0, text);
    } else {
      this.cur += (space && !this.glue ? ' ' : '') + text;
    }
    this.glue = false;
    this.prevEnd = Math.max(this.prevEnd, end);
  }

  /** A `(` the tree needs: printed with the next token. */
  openParen(space: boolean): void {
    if (this.opens === 0) this.openSpace = space && !this.glue;
    this.opens++;
  }

  /** A `)` the tree needs: right after the last token, never after a comment. */
  closeParen(): void {
    if (this.cur === '') this.startLine(this.itemIndent + INDENT, 0, ')');
    else this.cur += ')';
    this.glue = false;
  }

  /** Prints every comment that starts before `upto`. */
  flush(upto: number): void {
    // Between statements that want a blank line: where the author left a blank line anywhere among the
    // comments in between, their blank lines stay as they are (a comment may belong to the statement above).
    if (
      this.atBoundary &&
      this.firstAfterBoundary &&
      this.policy === 'one' &&
      this.src.blankLines(this.prevEnd, Math.min(upto, this.src.text.length)) > 0
    )
      this.policy = 'preserve';
    const cs = this.src.comments;
    while (this.next < cs.length && cs[this.next]!.range[0] < upto) {
      const c = cs[this.next++]!;
      this.comment(c, Math.min(upto, cs[this.next]?.range[0] ?? upto, this.src.text.length));
    }
  }

  finish(): string {
    this.flush(Infinity);
    this.endLine();
    return render(this.lines);
  }

  /** Prints comment `c`; `following`: where the next thing printed (token or comment) starts in the source. */
  private comment(c: PlanComment, following: number): void {
    const [start, end] = c.range;
    const text = commentText(c);
    const sameLine = this.cur !== '' && !this.src.hasNewline(this.prevEnd, start);
    if (sameLine && c.kind === 'line') {
      this.endLine(text);
    } else if (sameLine) {
      this.cur += (this.atBoundary ? TRAILING_GAP : ' ') + text;
    } else if (this.atBoundary) {
      this.startLine(this.itemIndent, this.blanksBefore(start), text);
      this.openLeading = true;
    } else {
      this.startLine(this.itemIndent + INDENT, 0, text);
    }
    this.prevEnd = end;
    this.glue = false;
    // The line ends after the comment when the source breaks the line before what is printed next — not only
    // right after the comment: a `)` the formatter drops may stand between the comment and that line break.
    if (c.kind === 'line' || this.src.endsLine(end) || this.src.hasNewline(end, following)) {
      this.endLine();
      this.openLeading = false;
    }
  }

  private blanksBefore(at: number): number {
    const first = this.firstAfterBoundary;
    this.firstAfterBoundary = false;
    if (first && this.policy === 'one') return 1;
    if (first && this.policy === 'none') return 0;
    return this.src.blankLines(this.prevEnd, at);
  }

  private startLine(indent: number, blanks: number, text: string): void {
    this.endLine();
    if (blanks > 0 && this.lines.length > 0 && this.lines[this.lines.length - 1] !== null) this.lines.push(null);
    this.curIndent = indent;
    this.cur = text;
  }

  private endLine(trail: string | null = null): void {
    if (this.cur === '') return;
    this.lines.push({ indent: this.curIndent, code: this.cur.trimEnd(), trail });
    this.cur = '';
  }
}

/** Joins the lines; `//` comments that end consecutive lines of one indentation line up. */
function render(lines: Array<Line | null>): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const first = lines[i];
    if (first === null || first === undefined) {
      out.push('');
      i++;
      continue;
    }
    let j = i + 1;
    const alignable = (l: Line | null | undefined): l is Line =>
      !!l && l.trail !== null && l.indent === first.indent && !l.code.includes('\n');
    if (alignable(first)) while (alignable(lines[j])) j++;
    const run = lines.slice(i, j) as Line[];
    const column = Math.max(...run.map((l) => displayWidth(l.code)));
    for (const l of run) {
      const pad = l.trail === null ? '' : ' '.repeat(column - displayWidth(l.code)) + TRAILING_GAP + l.trail;
      out.push(' '.repeat(l.indent) + l.code + pad);
    }
    i = j;
  }
  return out.length === 0 ? '' : out.join('\n') + '\n';
}
