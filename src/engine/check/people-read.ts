// Reading a people file (人员名单, ./people-file.ts): CSV with a header row or YAML (a list of maps); columns
// `法院 court`, `角色 role`, `人员 person` and optionally `别名 aliases` (other names of the person, separated by
// 、 , ; or |). Apart from people-file.ts because of the two parsers it brings: a host loads this module only
// when a plan has a people file (the workbench's engine worker imports it on demand, src/workers/engine.ts).
import { parse as parseCsv } from 'csv-parse/browser/esm/sync'; // the browser build: the workbench's worker has no Buffer
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { diagnostic } from '../diagnostics/codes.js';
import { LineMap, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { PeopleFile, PeopleSource } from './people-file.js';

const COLUMNS = {
  court: ['法院', 'court'],
  role: ['角色', 'role'],
  person: ['人员', 'person'],
  aliases: ['别名', 'aliases', 'alias'],
} as const;
type Column = keyof typeof COLUMNS;
const columnOf = (header: string): Column | null =>
  (Object.keys(COLUMNS) as Column[]).find((c) =>
    (COLUMNS[c] as readonly string[]).includes(header.trim().toLowerCase()),
  ) ?? null;

const splitAliases = (s: string): string[] =>
  s
    .split(/[、,，;；|]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Reads a people file; its problems (E0220) are its `diagnostics`. */
export function readPeopleFile(src: PeopleSource): PeopleFile {
  const text = (src.text ?? '').replace(/^\uFEFF/, '');
  const lines = new LineMap(text);
  const file: PeopleFile = { path: src.path, lines, rows: [], diagnostics: [] };
  const out = file.diagnostics;
  const fail = (zh: string, en: string, at: [number, number] = [0, 0]): PeopleFile => {
    out.push(diagnostic('E0220', src.path, lines.range(at), { zh, en }));
    return file;
  };
  if (src.text === null)
    return fail(
      src.why?.zh ?? '人员名单文件不存在或无法读取',
      src.why?.en ?? 'the people file does not exist or cannot be read',
    );
  const lower = src.path.toLowerCase();
  if (lower.endsWith('.csv')) return readCsv(text, file, fail, out);
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return readYaml(text, file, fail, out);
  return fail('人员名单应为 .csv 或 .yaml 文件', 'a people file is a .csv or .yaml file');
}

type Fail = (zh: string, en: string, at?: [number, number]) => PeopleFile;

/** A row's cells by column; a row missing court, role or person is one E0220 (the rest are still read). */
function addRow(
  file: PeopleFile,
  cells: Partial<Record<Column, { text: string; at: [number, number] }>>,
  rowAt: [number, number],
  out: Diagnostic[],
): void {
  const missing = (['court', 'role', 'person'] as const).filter((c) => !cells[c]?.text.trim());
  if (missing.length) {
    out.push(
      diagnostic('E0220', file.path, file.lines.range(rowAt), {
        zh: `此行缺少${missing.map((c) => COLUMNS[c][0]).join('、')}`,
        en: `this row has no ${missing.map((c) => COLUMNS[c][1]).join(', ')}`,
      }),
    );
    return;
  }
  file.rows.push({
    court: cells.court!.text.trim(),
    role: cells.role!.text.trim(),
    person: cells.person!.text.trim(),
    aliases: splitAliases(cells.aliases?.text ?? ''),
    at: { court: cells.court!.at, role: cells.role!.at, person: cells.person!.at },
  });
}

function readCsv(text: string, file: PeopleFile, fail: Fail, out: Diagnostic[]): PeopleFile {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parseCsv(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      comment: '#',
    }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return fail(
      `CSV 格式错误：${(e as Error).message}`,
      `malformed CSV: ${(e as Error).message}`,
      lineSpan(file.lines, line - 1),
    );
  }
  const [head, ...rows] = records;
  if (!head)
    return fail(
      '人员名单是空的：第一行应为表头（法院,角色,人员,别名）',
      'the people file is empty: its first row is the header (court,role,person,aliases)',
    );
  const cols = head.record.map(columnOf);
  const absent = (['court', 'role', 'person'] as const).filter((c) => !cols.includes(c));
  if (absent.length) {
    return fail(
      `表头缺少列：${absent.map((c) => COLUMNS[c][0]).join('、')}（应为 法院,角色,人员[,别名]）`,
      `the header lacks the column(s) ${absent.map((c) => COLUMNS[c][1]).join(', ')} (court,role,person[,aliases])`,
      lineSpan(file.lines, 0),
    );
  }
  for (const r of rows) {
    const span = lineSpan(file.lines, r.info.lines - 1);
    const cells: Partial<Record<Column, { text: string; at: [number, number] }>> = {};
    r.record.forEach((v, k) => {
      const c = cols[k];
      if (c) cells[c] = { text: v, at: cellSpan(file.lines.text, span, v) };
    });
    addRow(file, cells, span, out);
  }
  return file;
}

function readYaml(text: string, file: PeopleFile, fail: Fail, out: Diagnostic[]): PeopleFile {
  const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    return fail(`YAML 语法错误：${e.message.split('\n')[0]}`, `YAML syntax error: ${e.message.split('\n')[0]}`, [
      e.pos[0],
      e.pos[1],
    ]);
  }
  const seq = doc.contents;
  if (!isSeq(seq))
    return fail(
      '人员名单应为一个列表，每项含 法院、角色、人员',
      'a people file is a list of entries with court, role and person',
    );
  for (const item of seq.items) {
    const r = (item as { range?: [number, number, number] }).range;
    const span: [number, number] = r ? [r[0], r[1]] : [0, 0];
    if (!isMap(item)) {
      addRow(file, {}, span, out);
      continue;
    }
    const cells: Partial<Record<Column, { text: string; at: [number, number] }>> = {};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const c = columnOf(key);
      if (!c) continue;
      const v = pair.value;
      const at: [number, number] = v && 'range' in v && v.range ? [v.range[0], v.range[1]] : span;
      const value = isSeq(v)
        ? v.items.map((x) => (isScalar(x) ? String(x.value) : '')).join('、')
        : isScalar(v)
          ? String(v.value ?? '')
          : '';
      cells[c] = { text: value, at };
    }
    addRow(file, cells, span, out);
  }
  return file;
}

/** [start, end) of line `k` (0-based) without its line break. */
function lineSpan(lines: LineMap, k: number): [number, number] {
  const t = lines.text;
  let start = 0;
  for (let n = 0; n < k && start < t.length; n++) {
    const nl = t.slice(start).search(/\r\n|\n|\r/);
    if (nl < 0) {
      start = t.length;
      break;
    }
    start += nl + (t.startsWith('\r\n', start + nl) ? 2 : 1);
  }
  const rest = t.slice(start).search(/\r|\n/);
  return [start, rest < 0 ? t.length : start + rest];
}

/** Where a cell's text is on its line (the whole line when it cannot be found). */
function cellSpan(text: string, line: [number, number], cell: string): [number, number] {
  const i = cell ? text.slice(line[0], line[1]).indexOf(cell) : -1;
  return i < 0 ? line : [line[0] + i, line[0] + i + cell.length];
}
