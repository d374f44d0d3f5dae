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
    return { ok: false, error: jsonSyntaxError(text) ?? { offset: 0, message: 'JSON 无效', messageEn: 'invalid JSON' } };
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1, last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

class Fail {
  constructor(readonly offset: number, readonly message: string, readonly messageEn: string) {}
}

function describe(ch: string | undefined): [string, string] {
  if (ch === undefined) return ['意外结束', 'unexpected end of input'];
  const shown = JSON.stringify(ch);
  return [`意外的字符 ${shown}`, `unexpected character ${shown}`];
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
      if (c === 34) { i++; return; }
      if (c < 32) fail('字符串内容（控制字符须转义）', 'string content (escape control characters)');
      if (c === 92) {
        i++;
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) { i++; fail('4 位十六进制数', '4 hex digits'); }
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
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('属性名（带双引号）', 'a property name in double quotes');
        str();
        ws();
        if (text[i] !== ':') fail('冒号 :', "':'");
        i++;
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail('逗号 , 或右花括号 }', "',' or '}'");
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail('逗号 , 或右方括号 ]', "',' or ']'");
      }
    } else if (c === '"') str();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) num();
    else {
      for (const lit of ['true', 'false', 'null']) {
        if (text.startsWith(lit, i)) { i += lit.length; return; }
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
  | { kind: 'element'; text: string; offset: number; line: number; column: number }
  | { kind: 'error'; offset: number; line: number; column: number; message: string; messageEn: string };

/**
 * The top-level elements of a JSON array text, with their 1-based line and column. Element texts are
 * not parsed here (a bad element is the caller's single rejected record). Yields one 'error' and stops
 * when the text is not an array or is cut short.
 */
export function* jsonArrayElements(text: string): Generator<ArrayElement> {
  let i = 0, line = 1, lineStart = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) { line++; lineStart = i + 1; i++; }
      else if (c === 32 || c === 9 || c === 13) i++;
      else break;
    }
  };
  const err = (zh: string, en: string): ArrayElement => ({ kind: 'error', offset: i, line, column: i - lineStart + 1, message: zh, messageEn: en });
  ws();
  if (text[i] !== '[') {
    yield err('JSON 文件应为记录数组（以 [ 开头）', 'a JSON data file must be an array of records (starting with [)');
    return;
  }
  i++;
  ws();
  if (text[i] === ']') {
    i++;
    ws();
    if (i < n) yield err('数组结束后有多余内容', 'content after the end of the array');
    return;
  }
  for (;;) {
    ws();
    const start = i, startLine = line, startCol = i - lineStart + 1;
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++;
        else if (c === 34) inString = false;
        else if (c === 10) { line++; lineStart = i + 1; }
        continue;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (depth === 0) break;
        depth--;
      } else if (c === 44 && depth === 0) break;
      else if (c === 10) { line++; lineStart = i + 1; }
    }
    if (i >= n) {
      yield err('JSON 数组不完整（缺少 ]）', 'the JSON array is cut short (no closing ])');
      return;
    }
    yield { kind: 'element', text: text.slice(start, i), offset: start, line: startLine, column: startCol };
    if (text.charCodeAt(i) === 44) {
      i++;
      continue;
    }
    if (text.charCodeAt(i) === 93) {
      i++;
      ws();
      if (i < n) yield err('数组结束后有多余内容', 'content after the end of the array');
      return;
    }
    // A '}' at depth 0: malformed; report it and stop.
    yield err('意外的右花括号 }', "unexpected '}'");
    return;
  }
}
