// Diagnostics: what the compiler (and the data loaders) tell a person. Plain data, so they cross worker
// boundaries and serialise to JSON/SARIF unchanged.

export type Severity = 'error' | 'warning' | 'info';

/** A zero-based position in a text: line and column count UTF-16 code units, as editors do. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface SourceRange {
  start: Position;
  end: Position;
}

export interface Fix {
  /** What the fix does, in Chinese and English. */
  title: string;
  titleEn: string;
  /** Replace [start, end) offsets of the file with `text`. */
  edits: Array<{ range: [number, number]; text: string }>;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  file: string;
  range: SourceRange;
  message: string;
  messageEn: string;
  fix?: Fix;
}

/** Maps offsets to (line, column) in one text. Lines break at \n, \r\n and \r. */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0,
      hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: o - this.starts[lo]!, offset: o };
  }

  range(r: readonly [number, number]): SourceRange {
    return { start: this.position(r[0]), end: this.position(r[1]) };
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.range.start.offset - b.range.start.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
