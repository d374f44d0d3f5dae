// Field names of the data records: the record's own (English) name and the Chinese names a court's
// files and tables use. One mapping for every place that reads records by name: CSV headers
// (tabular.ts), JSON/YAML keys in data files (canonicalKeys below) and plan-test fixtures
// (../tester/fixtures.ts). docs/data.md lists them.
import { problem } from './problems.js';
import type { RecordProblem } from './problems.js';

export type RecordKind = 'cases' | 'progress' | 'staffing';

/** Chinese name → field of a case record. */
export const CASE_FIELD_NAMES: Readonly<Record<string, string>> = {
  案号: 'id',
  法院: 'court',
  承办法院: 'court',
  执行法院: 'court',
  案件类型: 'type',
  类型: 'type',
  立案日期: 'filed',
  立案: 'filed',
  结案日期: 'closed',
  结案: 'closed',
  结案方式: 'closure',
  申请执行标的: 'claimed',
  申请标的: 'claimed',
  执行标的: 'claimed',
  实际到位金额: 'recovered',
  到位金额: 'recovered',
  有财产可供执行: 'property',
  有财产: 'property',
  承办人: 'handler',
  执行团队: 'team',
  团队: 'team',
  标签: 'tags',
  事件: 'events',
};

/** Chinese name → field of an event (inside a case's events). */
export const EVENT_FIELD_NAMES: Readonly<Record<string, string>> = {
  类型: 'type',
  日期: 'date',
  金额: 'amount',
  备注: 'note',
};

/** Chinese name → field of a progress report. */
export const PROGRESS_FIELD_NAMES: Readonly<Record<string, string>> = {
  任务: 'task',
  任务编号: 'task',
  节点: 'milestone',
  里程碑: 'milestone',
  完成日期: 'done',
  完成时间: 'done',
  报告人: 'by',
  填报人: 'by',
  佐证: 'evidence',
  佐证材料: 'evidence',
  证明材料: 'evidence',
};

/** Chinese name → field of a staffing record (its headcount fields are Chinese already). */
export const STAFFING_FIELD_NAMES: Readonly<Record<string, string>> = {
  法院: 'court',
  日期: 'date',
  统计日期: 'date',
  执行人员数: '执行人员',
  政法编制数: '政法编制',
  入额法官: '员额法官',
};

/** The fields of each kind, in their canonical order. */
export const RECORD_FIELDS: Readonly<Record<RecordKind, readonly string[]>> = {
  cases: [
    'id',
    'court',
    'type',
    'filed',
    'closed',
    'closure',
    'claimed',
    'recovered',
    'property',
    'handler',
    'team',
    'tags',
    'events',
  ],
  progress: ['task', 'milestone', 'done', 'by', 'evidence'],
  staffing: ['court', 'date', '执行人员', '政法编制', '员额法官'],
};

export const REQUIRED_FIELDS: Readonly<Record<RecordKind, readonly string[]>> = {
  cases: ['id', 'court', 'filed'],
  progress: ['task', 'done'],
  staffing: ['court', 'date', '执行人员', '政法编制'],
};

export const FIELD_NAMES: Readonly<Record<RecordKind, Readonly<Record<string, string>>>> = {
  cases: CASE_FIELD_NAMES,
  progress: PROGRESS_FIELD_NAMES,
  staffing: STAFFING_FIELD_NAMES,
};

const has = (o: object, k: string): boolean => Object.hasOwn(o, k);

/** The field a name stands for in records of `kind` (a field's own name or a Chinese one), or null. */
export function fieldOf(kind: RecordKind, name: string): string | null {
  const table = FIELD_NAMES[kind];
  if (has(table, name)) return table[name]!;
  return RECORD_FIELDS[kind].includes(name) ? name : null;
}

/** Renames the Chinese keys of `obj` (in place) to its fields by `table`; a field given twice is an error. */
function renameKeys(
  obj: Record<string, unknown>,
  table: Readonly<Record<string, string>>,
  at: string,
  problems: RecordProblem[],
): boolean {
  let renamed = false;
  for (const k of Object.keys(obj)) {
    if (k.charCodeAt(0) < 0x80 || !has(table, k)) continue;
    const f = table[k]!;
    const v = obj[k];
    delete obj[k];
    renamed = true;
    if (has(obj, f)) {
      problems.push(
        problem(
          'error',
          'D0115',
          at + f,
          `字段“${k}”与“${f}”是同一字段，只能写一个`,
          `"${k}" and "${f}" are the same field: give only one`,
        ),
      );
      continue;
    }
    obj[f] = v;
  }
  return renamed;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function hasChineseKey(obj: object): boolean {
  for (const k in obj) if (k.charCodeAt(0) >= 0x80) return true;
  return false;
}

/**
 * A data file's record with its Chinese keys (案号, 法院, 立案日期, …, and 类型/日期/金额/备注 inside
 * events) renamed to the record's fields, in place, so that validation sees one vocabulary. Keys that
 * are neither stay as they are (validation warns about them). Returns whether a key was renamed.
 */
export function canonicalKeys(kind: RecordKind, value: unknown, problems: RecordProblem[]): boolean {
  if (!isPlainObject(value)) return false;
  let renamed = hasChineseKey(value) && renameKeys(value, FIELD_NAMES[kind], '', problems);
  const events = kind === 'cases' ? value.events : undefined;
  if (!Array.isArray(events)) return renamed;
  for (let i = 0; i < events.length; i++) {
    const ev: unknown = events[i];
    if (isPlainObject(ev) && hasChineseKey(ev) && renameKeys(ev, EVENT_FIELD_NAMES, `events[${i}].`, problems))
      renamed = true;
  }
  return renamed;
}
