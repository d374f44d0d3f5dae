// Fixtures: cases, progress reports and staffing written inline in a test file, short. A case is one
// line — `{ id: K1, closed: 2018-05-10, closure: 终本, events: [执行通知@2018-01-06, 约谈@2018-04-10] }` —
// with the rest from the block's (and the file's) `defaults`. Each record goes through the loaders'
// validation (engine/data/validate.ts), so a bad fixture is a located error, never a silent gap.
import type { PlanIR } from '../ir/types.js';
import type { CaseRecord, ProgressReport, StaffingRecord } from '../data/record.js';
import { EVENT_TYPES } from '../data/record.js';
import { validateCase, validateProgress, validateStaffing } from '../data/validate.js';
import type { RecordProblem } from '../data/problems.js';
import { CASE_FIELD_NAMES, EVENT_FIELD_NAMES, RECORD_FIELDS, fieldOf } from '../data/fields.js';
import { closest } from '../check/suggest.js';
import type { FixtureBlock, TestFileModel } from './model.js';
import { quantity } from './parse.js';
import { asBoolean, asList, asMap, asNumber, asString, fail, get, type Loc, type YMap, type YNode } from './yaml.js';

/** A fixture case's keys: the data files' field names (../data/fields.ts) and `repeat`. */
function caseKey(key: string): string | null {
  return key === 'repeat' || key === '重复' ? 'repeat' : fieldOf('cases', key);
}
const CASE_KEY_NAMES: readonly string[] = [...RECORD_FIELDS.cases, ...Object.keys(CASE_FIELD_NAMES), 'repeat', '重复'];

export interface FixtureCase {
  record: CaseRecord;
  block: number;
  loc: Loc;
}
export interface FixtureData {
  cases: FixtureCase[];
  progress: Array<{ record: ProgressReport; block: number }>;
  staffing: Array<{ record: StaffingRecord; block: number }>;
}

/** Court short name or full name → the full name the data uses (as declared in the plan). */
export function courtResolver(ir: PlanIR): (name: string, loc: Loc) => string {
  const byName = new Map<string, string>();
  for (const c of ir.courts) {
    byName.set(c.name, c.fullName);
    byName.set(c.fullName, c.fullName);
  }
  return (name, loc) => {
    if (ir.courts.length === 0) return name;
    const full = byName.get(name);
    if (full) return full;
    const hint = closest(name, byName.keys());
    fail(
      loc,
      `计划中没有法院“${name}”${hint ? `（是否应为“${hint}”？）` : ''}`,
      `the plan declares no court "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
    );
  };
}

export function buildFixtures(model: TestFileModel, ir: PlanIR, located: (f: () => void) => void): FixtureData {
  const court = courtResolver(ir);
  const out: FixtureData = { cases: [], progress: [], staffing: [] };
  const seen = new Map<string, Loc>();
  model.fixtures.forEach((block, b) => {
    for (const node of block.cases)
      located(() => {
        for (const c of fixtureCases(node, [model.defaults, block.defaults], court)) {
          const prev = seen.get(c.record.id);
          if (prev)
            fail(
              c.loc,
              `案号重复：${c.record.id}（首次出现于第 ${prev.line} 行）`,
              `duplicate case id ${c.record.id} (first at line ${prev.line})`,
            );
          seen.set(c.record.id, c.loc);
          out.cases.push({ ...c, block: b });
        }
      });
    for (const node of block.progress) located(() => out.progress.push({ record: progressRecord(node, ir), block: b }));
    for (const node of block.staffing)
      located(() => out.staffing.push({ record: staffingRecord(node, court), block: b }));
  });
  return out;
}

/** The blocks a test selects by name (all when `names` is null); unknown names are errors. */
export function selectBlocks(blocks: FixtureBlock[], names: Array<{ text: string; loc: Loc }> | null): Set<number> {
  if (names === null) return new Set(blocks.map((_, i) => i));
  const out = new Set<number>();
  for (const n of names) {
    const i = blocks.findIndex((b) => b.name?.text === n.text);
    if (i < 0) {
      const hint = closest(n.text, blocks.map((b) => b.name?.text ?? '').filter(Boolean));
      fail(
        n.loc,
        `没有名为“${n.text}”的夹具块${hint ? `（是否应为“${hint}”？）` : ''}`,
        `no fixture block named "${n.text}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
      );
    }
    out.add(i);
  }
  return out;
}

function fixtureCases(
  node: YNode,
  defaults: Array<YMap | null>,
  court: (n: string, l: Loc) => string,
): Array<{ record: CaseRecord; loc: Loc }> {
  const m = asMap(node, '夹具案件 / a fixture case');
  const fields = new Map<string, YNode>();
  const keyLocs = new Map<string, Loc>();
  for (const layer of [...defaults, m]) {
    if (!layer) continue;
    for (const e of layer.entries) {
      const k = caseKey(e.key);
      if (!k) {
        const hint = closest(e.key, CASE_KEY_NAMES);
        fail(
          e.keyLoc,
          `案件没有字段“${e.key}”${hint ? `（是否应为“${hint}”？）` : ''}`,
          `a case has no field "${e.key}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
        );
      }
      fields.set(k, e.value);
      keyLocs.set(k, e.value.loc);
    }
  }
  const raw: Record<string, unknown> = { claimed: 0, recovered: 0, handler: '' };
  let repeat = 1;
  const eventLocs: Loc[] = [];
  for (const [k, v] of fields) {
    const str = (): string => asString(v, k);
    switch (k) {
      case 'repeat': {
        repeat = asNumber(v, 'repeat');
        if (!Number.isInteger(repeat) || repeat < 1 || repeat > 10000)
          fail(v.loc, 'repeat 应是 1 到 10000 的整数', 'repeat must be an integer from 1 to 10000');
        break;
      }
      case 'court':
        raw.court = court(str(), v.loc);
        break;
      case 'closed':
      case 'closure':
        raw[k] = v.kind === 'scalar' && v.value === null ? null : str();
        break;
      case 'claimed':
      case 'recovered':
        raw[k] = money(v, k);
        break;
      case 'property':
        raw.property = v.kind === 'scalar' && v.value === null ? null : asBoolean(v, k);
        break;
      case 'tags':
        raw.tags = asList(v).map((t) => asString(t, 'tags'));
        break;
      case 'events':
        raw.events = asList(v).flatMap((e) => {
          const evs = events(e);
          eventLocs.push(...evs.map(() => e.loc));
          return evs;
        });
        break;
      default:
        raw[k] = str();
    }
  }
  if (raw.events === undefined) raw.events = [];
  const where = (field: string): Loc => {
    const top = field.replace(/[[.].*$/, '');
    const idx = /^events\[(\d+)\]/.exec(field);
    if (idx) return eventLocs[Number(idx[1])] ?? fields.get('events')?.loc ?? m.loc;
    return keyLocs.get(top) ?? m.loc;
  };
  const v = validateCase(raw);
  reportProblems(v.problems, where);
  const base = v.value!;
  if (repeat === 1) return [{ record: base, loc: m.loc }];
  return Array.from({ length: repeat }, (_, k) => ({ record: { ...base, id: `${base.id}-${k + 1}` }, loc: m.loc }));
}

function reportProblems(problems: RecordProblem[], where: (field: string) => Loc): void {
  for (const p of problems) {
    if (p.code === 'D0120') {
      const type = /“(.*)”/.exec(p.message)?.[1] ?? '';
      const hint =
        closest(type, EVENT_TYPES) ??
        (EVENT_TYPES.filter((t) => t.includes(type)).length === 1 ? EVENT_TYPES.find((t) => t.includes(type))! : null);
      fail(
        where(p.field),
        `未知事件类型“${type}”${hint ? `（是否应为“${hint}”？）` : ''}`,
        `unknown event type "${type}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
      );
    }
    if (p.severity === 'error')
      fail(where(p.field), `${p.message}（${p.field || '记录'}）`, `${p.messageEn} (${p.field || 'record'})`);
  }
}

function money(v: YNode, what: string): number {
  const q = quantity(v, what);
  if (q.unit !== null && !['元', '万元', '亿元'].includes(q.unit))
    fail(v.loc, `${what} 是金额，单位应是元、万元或亿元`, `${what} is money: its unit must be 元, 万元 or 亿元`);
  const f = q.unit === '万元' ? 1e4 : q.unit === '亿元' ? 1e8 : 1;
  return Math.round(q.number * f * 100) / 100;
}

const EVENT_RE = /^\s*([^@\s]+)\s*@\s*(\S+?)(?:\s+([\d.,]+(?:元|万元|亿元)?))?(?:\s*[×x]\s*(\d+))?\s*$/;

/** `类型@日期`, `案款到账@2018-03-01 5000元`, `总对总查控@2018-01-10×2`, or `{type, date, amount, note}`. */
function events(n: YNode): Array<Record<string, unknown>> {
  if (n.kind === 'map') {
    const out: Record<string, unknown> = {};
    for (const e of n.entries) {
      const k = Object.hasOwn(EVENT_FIELD_NAMES, e.key) ? EVENT_FIELD_NAMES[e.key]! : e.key;
      if (k === 'type') out.type = asString(e.value, 'type');
      else if (k === 'date') out.date = asString(e.value, 'date');
      else if (k === 'amount') out.amount = money(e.value, 'amount');
      else if (k === 'note') out.note = asString(e.value, 'note');
      else
        fail(
          e.keyLoc,
          `事件没有字段“${e.key}”（type、date、amount、note）`,
          `an event has no field "${e.key}" (type, date, amount, note)`,
        );
    }
    return [out];
  }
  const s = asString(n, '事件 / event');
  const m = EVENT_RE.exec(s);
  if (!m)
    fail(
      n.loc,
      `事件应写作“类型@日期”，如 执行通知@2018-01-06，而不是“${s}”`,
      `an event is written TYPE@DATE, e.g. 执行通知@2018-01-06, not "${s}"`,
    );
  const ev: Record<string, unknown> = { type: m[1], date: m[2] };
  if (m[3]) ev.amount = money({ kind: 'scalar', loc: n.loc, value: m[3], source: m[3] }, 'amount');
  const times = m[4] ? Number(m[4]) : 1;
  if (times < 1 || times > 1000) fail(n.loc, '×N 应在 1 到 1000 之间', '×N must be from 1 to 1000');
  return Array.from({ length: times }, () => ({ ...ev }));
}

/** `四.3/1@2018-04-20` (a milestone), `四.10@2018-12-20` (the task), or `{task, milestone, done, by, evidence}`. */
function progressRecord(n: YNode, ir: PlanIR): ProgressReport {
  let task: string, milestone: string | undefined, done: string;
  const extra: Record<string, string> = {};
  let taskLoc = n.loc,
    msLoc = n.loc;
  if (n.kind === 'map') {
    for (const e of n.entries)
      if (fieldOf('progress', e.key) === null)
        fail(
          e.keyLoc,
          `进度报告没有字段“${e.key}”`,
          `a progress report has no field "${e.key}" (task, milestone, done, by, evidence)`,
        );
    const field = (f: string) => n.entries.find((e) => fieldOf('progress', e.key) === f);
    const t = field('task'),
      ms = field('milestone'),
      d = field('done');
    if (!t || !d) fail(n.loc, '进度报告需要 task 和 done', 'a progress report needs task and done');
    task = asString(t.value, 'task');
    taskLoc = t.value.loc;
    done = asString(d.value, 'done');
    if (ms) {
      milestone = asString(ms.value, 'milestone');
      msLoc = ms.value.loc;
    }
    for (const k of ['by', 'evidence']) {
      const x = field(k);
      if (x) extra[k] = asString(x.value, k);
    }
  } else {
    const s = asString(n, '进度报告 / a progress report');
    const m = /^\s*(\S+?)\s*@\s*(\S+)\s*$/.exec(s);
    if (!m)
      fail(
        n.loc,
        `进度报告应写作“任务/节点@日期”，如 四.3/1@2018-04-20`,
        `a progress report is written TASK/MILESTONE@DATE, e.g. 四.3/1@2018-04-20`,
      );
    done = m[2]!;
    const slash = m[1]!.lastIndexOf('/');
    const whole = ir.tasks.some((t) => t.id === m[1]);
    task = whole || slash < 0 ? m[1]! : m[1]!.slice(0, slash);
    if (!whole && slash >= 0) milestone = m[1]!;
  }
  const t = ir.tasks.find((x) => x.id === task);
  if (!t) {
    const hint = closest(
      task,
      ir.tasks.map((x) => x.id),
    );
    fail(
      taskLoc,
      `计划中没有任务“${task}”${hint ? `（是否应为“${hint}”？）` : ''}`,
      `the plan has no task "${task}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
    );
  }
  const rec: Record<string, unknown> = { task, done, ...extra };
  if (milestone !== undefined) {
    const k = /^\d+$/.test(milestone) ? Number(milestone) - 1 : -1;
    const m =
      t.milestones[k] ??
      t.milestones.find(
        (x) => x.id === milestone || x.name === milestone || x.text === milestone || x.id === `${task}/${milestone}`,
      );
    const recurring = t.recurring.find((r) => r.text === milestone);
    if (!m && !recurring) {
      fail(
        msLoc,
        `任务 ${task} 没有节点“${milestone}”（可用序号 1…${t.milestones.length}、节点编号或原文）`,
        `task ${task} has no milestone "${milestone}" (use 1…${t.milestones.length}, the id or the text)`,
      );
    }
    rec.milestone = m ? m.id : milestone;
  }
  const v = validateProgress(rec);
  reportProblems(v.problems, () => n.loc);
  return v.value!;
}

function staffingRecord(n: YNode, court: (n: string, l: Loc) => string): StaffingRecord {
  const m = asMap(n, '人员数据 / a staffing record');
  const raw: Record<string, unknown> = {};
  for (const e of m.entries) {
    const k = fieldOf('staffing', e.key);
    if (k === 'court') raw.court = court(asString(e.value, 'court'), e.value.loc);
    else if (k === 'date') raw.date = asString(e.value, 'date');
    else if (k !== null) raw[k] = asNumber(e.value, k);
    else
      fail(
        e.keyLoc,
        `人员数据没有字段“${e.key}”（court、date、执行人员、政法编制、员额法官）`,
        `a staffing record has no field "${e.key}" (court, date, 执行人员, 政法编制, 员额法官)`,
      );
  }
  const v = validateStaffing(raw);
  reportProblems(
    v.problems.filter((p) => p.code !== 'D0130'),
    (f) => get(m, f)?.value.loc ?? m.loc,
  );
  return v.value!;
}
