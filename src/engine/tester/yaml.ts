// Reading a YAML test file into located nodes: every map, list and value keeps its line and column, so
// every mistake in a test file is reported as file:line:col. Uses the `yaml` package's parseDocument with
// a LineCounter; aliases are resolved, duplicate keys are errors.
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { closest } from '../check/suggest.js';
import { bothLangs } from '../lang.js';

/** A 1-based position in a test file. */
export interface Loc {
  line: number;
  col: number;
}

export type YNode = YMap | YSeq | YScalar;
export interface YScalar {
  kind: 'scalar';
  loc: Loc;
  value: string | number | boolean | null /** The text as written. */;
  source: string;
}
export interface YSeq {
  kind: 'seq';
  loc: Loc;
  items: YNode[];
}
export interface YEntry {
  key: string;
  keyLoc: Loc;
  value: YNode;
}
export interface YMap {
  kind: 'map';
  loc: Loc;
  entries: YEntry[];
}

/** A mistake in a test file, where it is. Messages are Chinese, then English. */
export interface TestFileError {
  file: string;
  line: number;
  col: number;
  message: string;
}

export class TestFileProblem extends Error {
  constructor(
    readonly loc: Loc,
    message: string,
  ) {
    super(message);
    this.name = 'TestFileProblem';
  }
}

/** Throws a located problem (caught per file and turned into a TestFileError). */
export function fail(loc: Loc, zh: string, en: string): never {
  throw new TestFileProblem(loc, bothLangs({ zh, en }));
}

export interface ParsedYaml {
  root: YNode | null;
  errors: TestFileError[];
}

export function parseYaml(file: string, text: string): ParsedYaml {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true });
  const at = (offset: number): Loc => {
    const p = lc.linePos(offset);
    return { line: Math.max(1, p.line), col: Math.max(1, p.col) };
  };
  const errors: TestFileError[] = doc.errors.map((e) => {
    const p = at(e.pos[0]);
    return {
      file,
      line: p.line,
      col: p.col,
      message: `YAML 语法错误 / YAML syntax error: ${e.message.split('\n')[0]}`,
    };
  });
  if (errors.length > 0) return { root: null, errors };
  if (doc.contents === null) return { root: null, errors: [] };
  try {
    return { root: convert(doc, doc.contents as YamlNode, text, at, { line: 1, col: 1 }), errors: [] };
  } catch (e) {
    if (e instanceof TestFileProblem)
      return { root: null, errors: [{ file, line: e.loc.line, col: e.loc.col, message: e.message }] };
    throw e;
  }
}

function convert(
  doc: Document,
  node: YamlNode | null,
  text: string,
  at: (o: number) => Loc,
  fallback: Loc,
  depth = 0,
): YNode {
  if (depth > 100) fail(fallback, '嵌套过深', 'nested too deeply');
  if (node === null || node === undefined) return { kind: 'scalar', loc: fallback, value: null, source: '' };
  const loc = node.range ? at(node.range[0]) : fallback;
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (!target) fail(loc, `未定义的锚点 ${node.source}`, `undefined alias ${node.source}`);
    return convert(doc, target as YamlNode, text, at, loc, depth + 1);
  }
  if (isScalar(node)) {
    const v = node.value;
    const source = node.range ? text.slice(node.range[0], node.range[1]) : String(v);
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      return { kind: 'scalar', loc, value: v, source };
    if (typeof v === 'bigint') return { kind: 'scalar', loc, value: Number(v), source };
    return { kind: 'scalar', loc, value: String(v), source };
  }
  if (isSeq(node)) {
    return { kind: 'seq', loc, items: node.items.map((it) => convert(doc, it as YamlNode, text, at, loc, depth + 1)) };
  }
  if (isMap(node)) {
    const entries: YEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as YamlNode | null;
      const keyLoc = k?.range ? at(k.range[0]) : loc;
      if (!isScalar(k) || (typeof k.value !== 'string' && typeof k.value !== 'number'))
        fail(keyLoc, '键必须是文字', 'a key must be plain text');
      entries.push({
        key: String(k.value),
        keyLoc,
        value: convert(doc, pair.value as YamlNode | null, text, at, keyLoc, depth + 1),
      });
    }
    return { kind: 'map', loc, entries };
  }
  fail(loc, '无法识别的 YAML 节点', 'unrecognised YAML node');
}

// ---------------------------------------------------------------- typed access with locations

export function describeNode(n: YNode): string {
  return n.kind === 'map'
    ? '映射 / a mapping'
    : n.kind === 'seq'
      ? '列表 / a list'
      : n.value === null
        ? '空 / null'
        : `“${n.source}”`;
}

export function asMap(n: YNode, what: string): YMap {
  if (n.kind !== 'map')
    fail(
      n.loc,
      `${what} 应是映射（键: 值），而不是 ${describeNode(n)}`,
      `${what} must be a mapping (key: value), not ${describeNode(n)}`,
    );
  return n;
}

/** A list; a single item written without a list is taken as a list of one. */
export function asList(n: YNode): YNode[] {
  if (n.kind === 'seq') return n.items;
  if (n.kind === 'scalar' && n.value === null) return [];
  return [n];
}

export function asString(n: YNode, what: string): string {
  if (n.kind !== 'scalar' || n.value === null || typeof n.value === 'boolean')
    fail(n.loc, `${what} 应是文字，而不是 ${describeNode(n)}`, `${what} must be text, not ${describeNode(n)}`);
  return typeof n.value === 'number' ? n.source.replace(/^['"]|['"]$/g, '') : n.value;
}

export function asBoolean(n: YNode, what: string): boolean {
  if (n.kind === 'scalar' && typeof n.value === 'boolean') return n.value;
  if (n.kind === 'scalar' && typeof n.value === 'string') {
    if (['真', '是', 'yes', 'true'].includes(n.value)) return true;
    if (['假', '否', 'no', 'false'].includes(n.value)) return false;
  }
  fail(n.loc, `${what} 应是 true 或 false`, `${what} must be true or false`);
}

export function asNumber(n: YNode, what: string): number {
  if (n.kind === 'scalar' && typeof n.value === 'number' && Number.isFinite(n.value)) return n.value;
  if (n.kind === 'scalar' && typeof n.value === 'string' && /^-?\d+(\.\d+)?$/.test(n.value.replace(/,/g, '')))
    return Number(n.value.replace(/,/g, ''));
  fail(n.loc, `${what} 应是数值`, `${what} must be a number`);
}

export function get(m: YMap, ...keys: string[]): YEntry | undefined {
  return m.entries.find((e) => keys.includes(e.key));
}

/** Rejects keys a block does not know (a typo must not silently disable an expectation). */
export function checkKeys(m: YMap, known: readonly string[], what: string): void {
  for (const e of m.entries) {
    if (!known.includes(e.key)) {
      const hint = closest(e.key, known);
      fail(
        e.keyLoc,
        `${what} 中未知的键“${e.key}”${hint ? `（是否应为“${hint}”？）` : ''}`,
        `unknown key "${e.key}" in ${what}${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${known.join(', ')}`,
      );
    }
  }
}
