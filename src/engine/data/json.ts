// JSON helpers for the loaders: parse one record with a precise error position (the engine's own
// syntax check, so positions do not depend on the JS engine's error messages), and split a JSON
// array into its elements with their lines, so a bad element rejects one record, not the file.

export interface JsonSyntaxError {
  /** 0-based offset into the text. */
  offset: number;
  message: string;
  messageEn: string;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

/** Parses JSON text; on failure says where and why. */
export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      error: jsonSyntaxError(text) ?? { offset: 0, message: 'JSON 无效', messageEn: 'invalid JSON' },
    };
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1,
    last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

class Fail {
  constructor(
    readonly offset: number,
    readonly message: string,
    readonly messageEn: string,
  ) {}
}

function describe(ch: string | undefined): [string, string] {
  if (ch === undefined) return ['意外结束', 'unexpected end of input'];
  const shown = JSON.stringify(ch);
  return [`意外的字符 ${shown}`, `unexpected character ${shown}`];
}

/** Nesting beyond which the syntax check stops (it recurses; records are far shallower). */
const MAX_SYNTAX_DEPTH = 256;

/** Whether a parsed value nests (objects and arrays) deeper than `max` levels; iterative, stops early. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  // Every record passes here: two parallel stacks, no allocation per node.
  const nodes: object[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const v = nodes.pop()!;
    const d = depths.pop()!;
    if (d > max) return true;
    if (Array.isArray(v)) {
      for (let k = 0; k < v.length; k++) {
        const x: unknown = v[k];
        if (x !== null && typeof x === 'object') {
          nodes.push(x);
          depths.push(d + 1);
        }
      }
    } else {
      for (const key in v) {
        const x: unknown = (v as Record<string, unknown>)[key];
        if (x !== null && typeof x === 'object') {
          nodes.push(x);
          depths.push(d + 1);
        }
      }
    }
  }
  return false;
}

/** The first syntax error of `text` as JSON, or null when it is valid. */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (expectZh: string, expectEn: string): never => {
    const [zh, en] = describe(text[i]);
    throw new Fail(i, `${zh}，应为${expectZh}`, `${en}, expected ${expectEn}`);
  };
  const str = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('右引号 "', 'closing "');
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail('字符串内容（控制字符须转义）', 'string content (escape control characters)');
      if (c === 92) {
        i++;
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
            i++;
            fail('4 位十六进制数', '4 hex digits');
          }
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail('转义字符', 'an escape character');
      } else i++;
    }
  };
  const num = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail('数字', 'a number');
    i += m![0].length;
  };
  let depth = 0;
  const value = (): void => {
    ws();
    const c = text[i];
    if ((c === '{' || c === '[') && ++depth > MAX_SYNTAX_DEPTH) {
      throw new Fail(i, `嵌套过深（超过 ${MAX_SYNTAX_DEPTH} 层）`, `nested more than ${MAX_SYNTAX_DEPTH} levels deep`);
    }
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        depth--;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('属性名（带双引号）', 'a property name in double quotes');
        str();
        ws();
        if (text[i] !== ':') fail('冒号 :', "':'");
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          depth--;
          return;
        }
        fail('逗号 , 或右花括号 }', "',' or '}'");
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        depth--;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          depth--;
          return;
        }
        fail('逗号 , 或右方括号 ]', "',' or ']'");
      }
    } else if (c === '"') str();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) num();
    else {
      for (const lit of ['true', 'false', 'null']) {
        if (text.startsWith(lit, i)) {
          i += lit.length;
          return;
        }
      }
      fail('一个值', 'a value');
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail('结束（多余内容）', 'end of input');
    return null;
  } catch (e) {
    if (e instanceof Fail) return { offset: e.offset, message: e.message, messageEn: e.messageEn };
    throw e;
  }
}

export type ArrayElement =
  /** An element's text (parsed by the caller); `endLine` is the line it ends on. */
  | { kind: 'element'; text: string; offset: number; line: number; column: number; endLine: number }
  /** An element that cannot be read (its brackets do not match): one rejected record. */
  | { kind: 'bad'; offset: number; line: number; column: number; endLine: number; message: string; messageEn: string }
  /** A problem with the array itself (not an array, cut short, a stray ']' or ','). */
  | { kind: 'error'; offset: number; line: number; column: number; message: string; messageEn: string };

/** 1-based line and column of offsets into one text, by binary search over its line starts. */
function locator(text: string): (offset: number) => { line: number; column: number } {
  let count = 0;
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) count++;
  const starts = new Int32Array(count + 1);
  let j = 1;
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts[j++] = k + 1;
  return (offset) => {
    let lo = 0,
      hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

const isWs = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * The top-level elements of a JSON array text, located. Element texts are not parsed here (a bad
 * element is the caller's single rejected record). An element whose brackets do not match is 'bad' and
 * reading resumes at the next line that starts with '{' no deeper indented than that element's line (how
 * records are laid out in a file), or, on the same line, at the next ', {' followed by the key the first
 * record started with, so one broken record never hides the ones after it. A stray ']' or
 * ',' between elements, or a missing ',', is an 'error' and reading goes on.
 */
export function* jsonArrayElements(text: string): Generator<ArrayElement> {
  const at = locator(text);
  const n = text.length;
  let i = 0;
  const skipWs = (): void => {
    while (i < n && isWs(text.charCodeAt(i))) i++;
  };
  const err = (offset: number, zh: string, en: string): ArrayElement => ({
    kind: 'error',
    offset,
    ...at(offset),
    message: zh,
    messageEn: en,
  });
  /** Leading whitespace of the line holding `offset`. */
  const indentOf = (offset: number): number => {
    let s = offset;
    while (s > 0 && text.charCodeAt(s - 1) !== 10) s--;
    let k = s;
    while (k < offset && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    return k - s;
  };
  /** After a newline at `nl`: the offset of a '{' that starts the next line (after whitespace and an optional ','), indented at most `indent`; else -1. */
  const recordStartAfter = (nl: number, indent: number): number => {
    let k = nl + 1;
    while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    if (k - nl - 1 > indent) return -1;
    if (text.charCodeAt(k) === 44) {
      k++;
      while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    }
    return text.charCodeAt(k) === 123 ? k : -1;
  };
  /** The end of the array: ']' then only whitespace. */
  const closeArray = function* (): Generator<ArrayElement> {
    i++;
    skipWs();
    if (i < n) yield err(i, '数组结束后有多余内容', 'content after the end of the array');
  };

  skipWs();
  if (text[i] !== '[') {
    yield err(
      i,
      'JSON 文件应为记录数组（以 [ 开头）',
      'a JSON data file must be an array of records (starting with [)',
    );
    return;
  }
  i++;
  skipWs();
  if (text[i] === ']') {
    yield* closeArray();
    return;
  }
  let expectElement = true;
  /** The first key of the first record read (`"id"`), to find where records start on a line. */
  let firstKey: string | null = null;
  while (true) {
    skipWs();
    if (i >= n) {
      yield err(i, 'JSON 数组不完整（缺少 ]）', 'the JSON array is cut short (no closing ])');
      return;
    }
    const c0 = text.charCodeAt(i);
    if (c0 === 93) {
      // ']'
      let k = i + 1;
      while (k < n && isWs(text.charCodeAt(k))) k++;
      if (k >= n) {
        if (expectElement) yield err(i, '数组末尾多了逗号', "a ',' before the closing ']'");
        yield* closeArray();
        return;
      }
      yield err(
        i,
        '多余的右方括号 ]（已跳过，继续读取后面的记录）',
        "a stray ']' (skipped; the records after it are read)",
      );
      i++;
      continue;
    }
    if (c0 === 44) {
      // ','
      if (expectElement) yield err(i, '多余的逗号（缺少一条记录）', "a stray ',' (no record between commas)");
      expectElement = true;
      i++;
      continue;
    }
    if (!expectElement) yield err(i, '记录之间缺少逗号 ,', "a ',' is missing between records");
    // One element, from `start`: brackets are matched on a stack; strings are skipped.
    const start = i;
    const indent = indentOf(start);
    const stack: number[] = [];
    let inString = false;
    let bad = -1; // offset where the element stopped making sense
    let end = -1; // offset just after the element
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++;
        else if (c === 34) inString = false;
        else if (c === 10) {
          bad = i;
          break;
        } // a raw line break cannot be inside a JSON string
        continue;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) stack.push(c);
      else if (c === 125 || c === 93) {
        if (stack.length === 0) {
          if (c === 93) {
            end = i;
            break;
          }
          bad = i;
          break;
        }
        if (stack.pop() !== c - 2) {
          bad = i;
          break;
        } // '{'+2 is '}', '['+2 is ']'
        if (stack.length === 0) {
          let k = i + 1;
          while (k < n && isWs(text.charCodeAt(k))) k++;
          const next = text.charCodeAt(k);
          if (k >= n || next === 44 || next === 93 || next === 123) {
            end = i + 1;
            break;
          }
          bad = k;
          i = k;
          break;
        }
      } else if (c === 44 && stack.length === 0) {
        end = i;
        break;
      } else if (c === 10 && stack.length > 0) {
        // A record that never closed: the next record's first line.
        const next = recordStartAfter(i, indent);
        if (next >= 0) {
          bad = i;
          break;
        }
      }
    }
    if (bad < 0 && end < 0) {
      if (stack.length === 0 && i >= n)
        end = n; // a scalar element at the very end
      else bad = n;
    }
    firstKey ??= /^\{\s*("(?:[^"\\]|\\.)*")\s*:/.exec(text.slice(start, start + 200))?.[1] ?? null;
    if (bad < 0) {
      let last = end;
      while (last > start && isWs(text.charCodeAt(last - 1))) last--;
      yield {
        kind: 'element',
        text: text.slice(start, end),
        offset: start,
        ...at(start),
        endLine: at(Math.max(start, last - 1)).line,
      };
      i = end;
      expectElement = false;
      continue;
    }
    // Resume at the next record start (or the array's closing ']').
    let resume = -1;
    for (let k = text.indexOf('\n', bad); k >= 0; k = text.indexOf('\n', k + 1)) {
      const r = recordStartAfter(k, indent);
      if (r >= 0) {
        resume = r;
        break;
      }
    }
    if (resume < 0 && firstKey !== null) {
      // Records on one line: the next ', {' that opens a record the way the first record opened.
      const re = new RegExp(`,\\s*(\\{\\s*${firstKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:)`, 'g');
      re.lastIndex = bad;
      const m = re.exec(text);
      if (m) resume = m.index + m[0].indexOf('{');
    }
    let stop = resume >= 0 ? resume : n;
    if (resume < 0) {
      const close = text.lastIndexOf(']');
      if (close > bad) stop = close;
    }
    let last = stop;
    while (last > start && (isWs(text.charCodeAt(last - 1)) || text.charCodeAt(last - 1) === 44)) last--;
    const shown = bad < n ? JSON.stringify(text[bad]) : '';
    const where = at(bad);
    yield {
      kind: 'bad',
      offset: start,
      ...at(start),
      endLine: at(Math.max(start, last - 1)).line,
      message:
        bad >= n
          ? '记录不完整（文件在记录中途结束）'
          : `记录的括号不匹配：第 ${where.line} 行第 ${where.column} 列意外的 ${shown}`,
      messageEn:
        bad >= n
          ? 'the record is cut short (the file ends inside it)'
          : `the record's brackets do not match: unexpected ${shown} at line ${where.line}, column ${where.column}`,
    };
    i = stop;
    // Reading resumes at a record start; a comma missing there is part of the bad record's damage.
    expectElement = resume >= 0;
    if (resume < 0 && stop >= n) {
      yield err(n, 'JSON 数组不完整（缺少 ]）', 'the JSON array is cut short (no closing ])');
      return;
    }
  }
}
