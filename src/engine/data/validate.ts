// Validation of one parsed record: the JSON Schema (ajv, 2020-12) for its shape, then the semantic
// checks of docs/data.md. Returns the record in canonical form (aliases resolved, defaults filled,
// empty optionals dropped) when it has no error; warnings never reject a record. Duplicate ids are
// checked across records by CaseStoreBuilder.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import caseSchema from './schema/case.schema.json' with { type: 'json' };
import progressSchema from './schema/progress.schema.json' with { type: 'json' };
import staffingSchema from './schema/staffing.schema.json' with { type: 'json' };
import { NO_DAY, parseIsoDay } from '../time/calendar.js';
import { parseFen } from './money.js';
import { problem, hasError } from './problems.js';
import { nestedDeeperThan } from './json.js';
import type { RecordProblem } from './problems.js';
import {
  EVENTS_AFTER_CLOSE,
  DEFAULT_CASE_TYPE,
  MONEY_EVENT_TYPES,
  canonicalClosure,
  isCaseType,
  isStandardEventType,
} from './record.js';
import type { CaseRecord, CaseType, Closure, EventRecord, ProgressReport, StaffingRecord } from './record.js';

export interface Validated<T> {
  /** The canonical record, or null when a problem is an error. */
  value: T | null;
  problems: RecordProblem[];
  /** Cases: the day numbers of filed, closed (NO_DAY while open) and each event, parsed once for the store. */
  days?: number[];
}

/** Chinese names of fields, for messages. */
const LABELS: Readonly<Record<string, string>> = {
  id: '案号',
  court: '法院',
  type: '类型',
  filed: '立案日期',
  closed: '结案日期',
  closure: '结案方式',
  claimed: '申请执行标的',
  recovered: '实际到位金额',
  property: '有财产可供执行',
  handler: '承办人',
  team: '执行团队',
  tags: '标签',
  events: '事件',
  date: '日期',
  amount: '金额',
  note: '备注',
  task: '任务',
  milestone: '节点',
  done: '完成日期',
  by: '报告人',
  evidence: '佐证材料',
  执行人员: '执行人员',
  政法编制: '政法编制',
  员额法官: '员额法官',
};

function labelOf(field: string): string {
  const last =
    field
      .replace(/\[\d+\]/g, '')
      .split('.')
      .pop() ?? field;
  const base = LABELS[last] ?? last;
  return field === last ? base : `${base}（${field}）`;
}

function show(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** '/events/3/date' → 'events[3].date'. */
export function fieldOfPointer(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

let ajv: Ajv2020 | null = null;
const compiled = new Map<object, ValidateFunction>();

function validator(schema: object): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    ajv ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

const DATE_FIELDS = new Set(['filed', 'closed', 'date', 'done']);
const MONEY_FIELDS = new Set(['claimed', 'recovered', 'amount']);

function lastSegment(field: string): string {
  return (
    field
      .replace(/\[\d+\]/g, '')
      .split('.')
      .pop() ?? field
  );
}

function valueAt(root: unknown, field: string): unknown {
  let cur: unknown = root;
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const key = m[1] ?? m[2]!;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Problems for the schema's errors, each classified under a stable code. */
function shapeProblems(errors: readonly ErrorObject[] | null | undefined, raw: unknown): RecordProblem[] {
  const out: RecordProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    const base = fieldOfPointer(e.instancePath);
    let p: RecordProblem;
    if (e.keyword === 'required') {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      const field = base === '' ? missing : `${base}.${missing}`;
      p = problem('error', 'D0101', field, `缺少必填字段${labelOf(field)}`, `required field ${field} is missing`);
    } else if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const field = base === '' ? extra : `${base}.${extra}`;
      p = problem('warning', 'D0113', field, `未知字段 ${field}，已忽略`, `unknown field ${field} ignored`);
    } else if (base === '' && e.keyword === 'type') {
      p = problem(
        'error',
        'D0102',
        '',
        `记录应为 JSON 对象，实为 ${show(raw)}`,
        `a record must be a JSON object, got ${show(raw)}`,
      );
    } else {
      const field = base;
      const v = valueAt(raw, field);
      const last = lastSegment(field);
      if (e.keyword === 'minLength') {
        p = problem('error', 'D0101', field, `${labelOf(field)}不能为空`, `${field} must not be empty`);
      } else if (e.keyword === 'pattern' && DATE_FIELDS.has(last)) {
        p = problem(
          'error',
          'D0103',
          field,
          `${labelOf(field)}格式错误：${show(v)}，应为 YYYY-MM-DD`,
          `${field}: ${show(v)} is not a date YYYY-MM-DD`,
        );
      } else if (e.keyword === 'minimum' && MONEY_FIELDS.has(last)) {
        p = problem(
          'error',
          'D0108',
          field,
          `${labelOf(field)}不能为负数：${show(v)}`,
          `${field} must not be negative: ${show(v)}`,
        );
      } else if (e.keyword === 'minimum') {
        p = problem(
          'error',
          'D0102',
          field,
          `${labelOf(field)}不能为负数：${show(v)}`,
          `${field} must not be negative: ${show(v)}`,
        );
      } else if (e.keyword === 'enum') {
        const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? [])
          .filter((x) => x !== null)
          .join('、');
        p = problem(
          'error',
          'D0111',
          field,
          `${labelOf(field)}的值 ${show(v)} 无效，应为：${allowed}`,
          `${field}: ${show(v)} is not one of ${allowed}`,
        );
      } else {
        const expected = e.keyword === 'type' ? String((e.params as { type: unknown }).type) : e.keyword;
        p = problem(
          'error',
          'D0102',
          field,
          `${labelOf(field)}类型错误：${show(v)}（应为 ${expected}）`,
          `${field}: ${show(v)} has the wrong type (expected ${expected})`,
        );
      }
    }
    const key = `${p.code}|${p.field}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

/** Deepest nesting a record may have (a case is 3 deep: record, events, event). */
export const MAX_RECORD_DEPTH = 32;

/** The schema's problems for `raw`, and `raw` as an object when it is one. */
function checkShape(schema: object, raw: unknown): { problems: RecordProblem[]; obj: Record<string, unknown> | null } {
  const fn = validator(schema);
  if (fn(raw)) return { problems: [], obj: isObject(raw) ? raw : null };
  // A record the schema accepts is at most 3 deep (record, events, event); one it refuses may be deeper
  // than the messages below can show without overflowing the stack.
  if (nestedDeeperThan(raw, MAX_RECORD_DEPTH)) {
    return {
      problems: [
        problem(
          'error',
          'D0014',
          '',
          `记录嵌套过深（超过 ${MAX_RECORD_DEPTH} 层），未读取`,
          `the record is nested more than ${MAX_RECORD_DEPTH} levels deep and is not read`,
        ),
      ],
      obj: null,
    };
  }
  const problems = shapeProblems(fn.errors, raw);
  return { problems, obj: isObject(raw) ? raw : null };
}

const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** Day number of a date that has the right shape; pushes D0103 when it is impossible; null otherwise. */
function checkDate(v: unknown, field: string, problems: RecordProblem[]): number | null {
  if (typeof v !== 'string' || !ISO_SHAPE.test(v)) return null; // shape problems come from the schema
  const d = parseIsoDay(v);
  if (d === null)
    problems.push(
      problem('error', 'D0103', field, `${labelOf(field)}不是有效日期：${v}`, `${field}: ${v} is not a valid date`),
    );
  return d;
}

/** Checks the exactness of a non-negative amount (negatives come from the schema). */
function checkMoney(v: unknown, field: string, problems: RecordProblem[]): void {
  if (typeof v !== 'number' || v < 0) return;
  const fen = parseFen(v);
  if (fen === 'precision') {
    problems.push(
      problem(
        'error',
        'D0109',
        field,
        `${labelOf(field)}最多两位小数：${show(v)}`,
        `${field}: ${show(v)} has more than 2 decimals`,
      ),
    );
  } else if (fen === 'range' || fen === 'format') {
    problems.push(
      problem(
        'error',
        'D0110',
        field,
        `${labelOf(field)}数额过大，无法精确保存：${show(v)}`,
        `${field}: ${show(v)} is too large to hold exactly`,
      ),
    );
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function optString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A character that never belongs in a name: control characters (NUL included) and U+FFFD, the mark of a failed decoding. */
const NOT_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\ufffd]/;

/** Identity fields (id, court, handler, team) that hold a control character or U+FFFD: errors. */
function checkNames(raw: Record<string, unknown>, fields: readonly string[], problems: RecordProblem[]): void {
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k]!;
    const v = raw[f];
    // test() first: every record passes here, and exec() would build a match.
    if (typeof v !== 'string' || !NOT_IN_NAMES.test(v)) continue;
    const m = NOT_IN_NAMES.exec(v)!;
    const code = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const [zh, en] =
      m[0] === '\ufffd'
        ? [`${code}（替换字符，多因编码错误）`, `${code} (the replacement character, usually from a wrong encoding)`]
        : [`控制字符 ${code}`, `the control character ${code}`];
    const at = m.index + 1;
    problems.push(
      problem(
        'error',
        'D0116',
        f,
        `${labelOf(f)}第 ${at} 个字符是${zh}，名称中不能有：${show(v)}`,
        `${f}: character ${at} is ${en}, which a name may not hold: ${show(v)}`,
      ),
    );
  }
}

const CASE_NAME_FIELDS = ['id', 'court', 'handler', 'team'] as const;

export function validateCase(input: unknown): Validated<CaseRecord> {
  const { problems, obj: raw } = checkShape(caseSchema, input);
  if (raw === null) return { value: null, problems };
  checkNames(raw, CASE_NAME_FIELDS, problems);

  const filed = checkDate(raw.filed, 'filed', problems);
  const closed = checkDate(raw.closed, 'closed', problems);
  if (filed !== null && closed !== null && closed < filed) {
    problems.push(
      problem(
        'error',
        'D0104',
        'closed',
        `结案日期 ${String(raw.closed)} 早于立案日期 ${String(raw.filed)}`,
        `closed ${String(raw.closed)} is before filed ${String(raw.filed)}`,
      ),
    );
  }
  const hasClosed = raw.closed !== undefined && raw.closed !== null;
  const hasClosure = raw.closure !== undefined && raw.closure !== null;
  if (hasClosure && !hasClosed) {
    problems.push(
      problem(
        'error',
        'D0106',
        'closure',
        `有结案方式 ${show(raw.closure)} 但没有结案日期`,
        `closure ${show(raw.closure)} is set but closed is not`,
      ),
    );
  } else if (hasClosed && !hasClosure) {
    problems.push(
      problem(
        'error',
        'D0107',
        'closed',
        `有结案日期 ${show(raw.closed)} 但没有结案方式`,
        `closed ${show(raw.closed)} is set but closure is not`,
      ),
    );
  }
  for (const f of ['claimed', 'recovered'] as const) {
    if (raw[f] === undefined) {
      problems.push(problem('warning', 'D0114', f, `缺少${LABELS[f]}，按 0 计`, `${f} missing, taken as 0`));
    }
    checkMoney(raw[f], f, problems);
  }
  if (raw.handler === undefined) {
    problems.push(problem('warning', 'D0114', 'handler', '缺少承办人', 'handler missing'));
  }

  const events: EventRecord[] = [];
  const days: number[] = [filed ?? NO_DAY, closed ?? NO_DAY];
  if (Array.isArray(raw.events)) {
    raw.events.forEach((ev: unknown, i: number) => {
      if (!isObject(ev)) return;
      const at = `events[${i}]`;
      const type = typeof ev.type === 'string' ? ev.type : '';
      if (type !== '' && !isStandardEventType(type)) {
        problems.push(
          problem(
            'warning',
            'D0120',
            `${at}.type`,
            `未知事件类型“${type}”（已保留）`,
            `unknown event type "${type}" (kept)`,
          ),
        );
      }
      const d = checkDate(ev.date, `${at}.date`, problems);
      if (d !== null && closed !== null && d > closed && !EVENTS_AFTER_CLOSE.has(type)) {
        problems.push(
          problem(
            'error',
            'D0105',
            `${at}.date`,
            `事件“${type}”日期 ${String(ev.date)} 晚于结案日期 ${String(raw.closed)}`,
            `event ${type} on ${String(ev.date)} is after closed ${String(raw.closed)}`,
          ),
        );
      }
      if (d !== null && filed !== null && d < filed) {
        problems.push(
          problem(
            'warning',
            'D0121',
            `${at}.date`,
            `事件“${type}”日期 ${String(ev.date)} 早于立案日期 ${String(raw.filed)}`,
            `event ${type} on ${String(ev.date)} is before filed ${String(raw.filed)}`,
          ),
        );
      }
      checkMoney(ev.amount, `${at}.amount`, problems);
      if (MONEY_EVENT_TYPES.includes(type) && ev.amount === undefined) {
        problems.push(
          problem('warning', 'D0122', `${at}.amount`, `事件“${type}”缺少金额`, `money event ${type} has no amount`),
        );
      }
      days.push(d ?? NO_DAY);
      const out: EventRecord = { type, date: String(ev.date) };
      if (typeof ev.amount === 'number') out.amount = ev.amount;
      if (typeof ev.note === 'string' && ev.note !== '') out.note = ev.note;
      events.push(out);
    });
  }
  if (hasError(problems)) return { value: null, problems };

  const rec: CaseRecord = {
    id: raw.id as string,
    court: raw.court as string,
    type: typeof raw.type === 'string' && isCaseType(raw.type) ? raw.type : (DEFAULT_CASE_TYPE as CaseType),
    filed: raw.filed as string,
    closed: hasClosed ? (raw.closed as string) : null,
    closure: hasClosure ? (canonicalClosure(raw.closure as string) as Closure) : null,
    claimed: typeof raw.claimed === 'number' ? raw.claimed : 0,
    recovered: typeof raw.recovered === 'number' ? raw.recovered : 0,
    property: typeof raw.property === 'boolean' ? raw.property : null,
    handler: typeof raw.handler === 'string' ? raw.handler : '',
    events,
  };
  const team = optString(raw.team);
  if (team !== undefined) rec.team = team;
  if (Array.isArray(raw.tags) && raw.tags.length > 0) rec.tags = raw.tags.map(String);
  return { value: rec, problems, days };
}

export function validateProgress(input: unknown): Validated<ProgressReport> {
  const { problems, obj: raw } = checkShape(progressSchema, input);
  if (raw !== null) checkDate(raw.done, 'done', problems);
  if (raw === null || hasError(problems)) return { value: null, problems };
  const rec: ProgressReport = { task: raw.task as string, done: raw.done as string };
  const milestone = optString(raw.milestone);
  if (milestone !== undefined) rec.milestone = milestone;
  const by = optString(raw.by);
  if (by !== undefined) rec.by = by;
  const evidence = optString(raw.evidence);
  if (evidence !== undefined) rec.evidence = evidence;
  return { value: rec, problems };
}

export function validateStaffing(input: unknown): Validated<StaffingRecord> {
  const { problems, obj: raw } = checkShape(staffingSchema, input);
  if (raw !== null) {
    checkDate(raw.date, 'date', problems);
    checkNames(raw, ['court'], problems);
  }
  if (raw === null || hasError(problems)) return { value: null, problems };
  const staff = raw.执行人员 as number;
  const quota = raw.政法编制 as number;
  if (quota === 0) {
    problems.push(
      problem(
        'warning',
        'D0130',
        '政法编制',
        '政法编制为 0，无法计算执行人员占比',
        '政法编制 is 0: the staffing ratio is undefined',
      ),
    );
  } else if (staff > quota) {
    problems.push(
      problem(
        'warning',
        'D0130',
        '执行人员',
        `执行人员 ${staff} 多于政法编制 ${quota}`,
        `执行人员 ${staff} exceeds 政法编制 ${quota}`,
      ),
    );
  }
  const rec: StaffingRecord = {
    court: raw.court as string,
    date: raw.date as string,
    执行人员: staff,
    政法编制: quota,
  };
  if (typeof raw.员额法官 === 'number') rec.员额法官 = raw.员额法官;
  return { value: rec, problems };
}
