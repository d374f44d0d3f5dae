// Comments of a plan text. The grammar skips comments as whitespace; the formatter needs them back, with
// their offsets, to keep each one where the author put it. The scan follows the grammar's lexing: a `"…"`
// string (with `\` escapes) or a `“…”` string hides `//` and `/*`, and neither kind of string spans a line.

export interface PlanComment {
  kind: 'line' | 'block';
  /** [start, end) offsets into the text. A line comment ends before its newline; an unclosed block comment at the end of the text. */
  range: [number, number];
  /** The comment as written, `//` or `/*` included. */
  text: string;
  /** False for a block comment that the end of the text cuts off (the grammar accepts one there). */
  closed: boolean;
}

/** Every comment of `text`, in order. */
export function findComments(text: string): PlanComment[] {
  const out: PlanComment[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < n) {
        const d = text[i];
        if (d === '\\') i += 2;
        else if (d === '"') {
          i++;
          break;
        } else if (d === '\n' || d === '\r') break;
        else i++;
      }
    } else if (c === '“') {
      i++;
      while (i < n && text[i] !== '”' && text[i] !== '\n' && text[i] !== '\r') i++;
      if (i < n && text[i] === '”') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      // A line comment ends at any line break the grammar knows (\n, \r\n, or a lone \r).
      let end = i + 2;
      while (end < n && text[end] !== '\n' && text[end] !== '\r') end++;
      out.push({ kind: 'line', range: [i, end], text: text.slice(i, end), closed: true });
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      out.push({ kind: 'block', range: [i, end], text: text.slice(i, end), closed: close >= 0 });
      i = end;
    } else {
      i++;
    }
  }
  return out;
}
