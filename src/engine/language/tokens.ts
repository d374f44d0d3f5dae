// A lexical scan of plan text for the editor services that need every word (highlighting, references,
// rename, folding): names, strings, comments, dates and numbers, the rest one punctuation mark at a time.
// It follows the grammar's lexical rules (grammar/plan.peggy) closely enough for an editor and never
// fails: a half-typed line still scans.

export type TokenKind = 'ident' | 'string' | 'comment' | 'number' | 'date' | 'punct';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

const DATE = [
  /\d{4}年\d{1,2}月\d{1,2}[日号]前?/y,
  /\d{4}年\d{1,2}月[底末前]?/y,
  /\d{4}-\d{1,2}(?:-\d{1,2})?(?![\p{L}\p{N}_])/uy,
  /\d{4}年[底末前]?(?!\d)/y,
];
const NUMBER =
  /\d+(?:,\d{3})*(?:\.\d+)?(?:[ \t]*(?:%|％|‰|个工作日|工作日|个月|万元|亿元|元|件|人|日|天|次)(?![\p{L}\p{N}_]))?(?![\p{L}_])/uy;
/** A name, or a task number such as 一.1 or 2.3甲 (a dot between name characters). */
const IDENT = /[\p{L}\p{N}_·]+(?:\.[\p{L}\p{N}_·]+)*/uy;
const SPACE = /[\s\u3000]+/y;

function sticky(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : -1;
}

export function scan(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const sp = sticky(SPACE, text, i);
    if (sp > i) {
      i = sp;
      continue;
    }
    const c = text[i]!;
    let end = -1;
    let kind: TokenKind = 'punct';
    if (c === '/' && text[i + 1] === '/') {
      end = i + 2;
      while (end < n && text[end] !== '\n' && text[end] !== '\r') end++;
      kind = 'comment';
    } else if (c === '/' && text[i + 1] === '*') {
      const j = text.indexOf('*/', i + 2);
      end = j < 0 ? n : j + 2;
      kind = 'comment';
    } else if (c === '"') {
      end = i + 1;
      while (end < n && text[end] !== '"' && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
      end = Math.min(n, end < n && text[end] === '"' ? end + 1 : end);
      kind = 'string';
    } else if (c === '“') {
      end = i + 1;
      while (end < n && text[end] !== '”' && text[end] !== '\n') end++;
      if (end < n && text[end] === '”') end++;
      kind = 'string';
    } else if (c >= '0' && c <= '9') {
      for (const re of DATE) {
        end = sticky(re, text, i);
        if (end > i) {
          kind = 'date';
          break;
        }
      }
      if (end <= i) {
        end = sticky(NUMBER, text, i);
        kind = 'number';
      }
      if (end <= i) {
        end = sticky(IDENT, text, i);
        kind = 'ident';
      }
    } else {
      end = sticky(IDENT, text, i);
      kind = 'ident';
    }
    if (end <= i) {
      end = i + (c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdbff ? 2 : 1);
      kind = 'punct';
    }
    out.push({ kind, start: i, end });
    i = end;
  }
  return out;
}

/** The names of a text (tokens of kind ident) equal to `name`. */
export function occurrences(text: string, name: string): Array<[number, number]> {
  if (!text.includes(name)) return [];
  return scan(text)
    .filter((t) => t.kind === 'ident' && t.end - t.start === name.length && text.startsWith(name, t.start))
    .map((t) => [t.start, t.end]);
}

/** Is `s` one whole name (what a rename may produce)? */
export function isName(s: string): boolean {
  const ts = scan(s);
  return (
    ts.length === 1 &&
    ts[0]!.kind === 'ident' &&
    ts[0]!.start === 0 &&
    ts[0]!.end === s.length &&
    !/^\d/.test(s) &&
    !s.includes('.')
  );
}
