// A 任务分解表 (rows of cell texts, merged cells already filled in by the file reader) read into the tasks of
// a plan skeleton: the header found by its words, blank rows skipped, note rows and 附件 headings kept
// apart, group headings (一、……) numbering the tasks under them, owners and departments split, deadlines
// read. Whatever cannot be read becomes a located diagnostic; nothing is guessed silently.
import { normalisePhrase, readDeadline, yearIn, type Every } from './deadline.js';
import { readHeader, type HeaderColumns } from './header.js';

/** Where a row came from: a spreadsheet row, or a Word table's row, or a Word paragraph. */
export interface RowRef {
  sheet?: string;
  table?: number;
  row?: number;
  paragraph?: number;
}

/** A row's cell texts; `mergedAbove[k]` when cell k is the continuation of a merged cell above it. */
export interface SourceRow {
  cells: string[];
  ref: RowRef;
  mergedAbove?: boolean[];
}

export interface ImportDiagnostic {
  ref: RowRef;
  col: number | null;
  zh: string;
  en: string;
}

export interface ImportedOwner {
  name: string;
  kind: 'person' | 'role';
  holders: string[];
  unsure: boolean;
}

export interface ImportedTask {
  id: string;
  title: string;
  text: string[];
  owners: ImportedOwner[];
  departments: string[];
  due: string | null;
  ongoing: boolean;
  milestones: Array<{ text: string; due: string }>;
  /** `day`: a weekly duty's day (每周五: 5), only when the cell names one. */
  recurring: Array<{ every: Every; day?: number; text: string }>;
  irregular: string[];
  notes: string[];
  /** What to settle by hand: each becomes a `// 待定:` comment in the skeleton. */
  pending: string[];
  group: string | null;
  ref: RowRef;
}

export interface ImportedTable {
  title: string | null;
  year: number | null;
  yearFrom: string | null;
  groups: Array<{ label: string; title: string }>;
  notes: string[];
  tasks: ImportedTask[];
  diagnostics: ImportDiagnostic[];
}

export class NoHeaderError extends Error {}

const ROLE_SUFFIX =
  /(院长|庭长|局长|主任|书记|领导|组长|处长|科长|队长|委员|负责人|主管|部长|主席|秘书长|政委|成员|庭室|班子|审判员|法官|干警|局|庭|室|处|科|部)$/u;
const PERSON = /^\p{Script=Han}{2,4}$/u;
const NAME_CHAR = /[^\p{L}\p{N}_·]/gu;

/** Splits a cell's list (、 ， ; and line ends) at the top level, leaving brackets whole. */
export function splitList(cell: string): string[] {
  const out: string[] = [];
  let depth = 0,
    cur = '';
  for (const ch of cell) {
    if (ch === '（' || ch === '(') depth++;
    if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、,，;；\n/]/.test(ch)) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** A name as the plan language allows it (letters, digits, _ and ·), or '' when nothing is left. */
export function planName(s: string): string {
  return normalisePhrase(s).replace(NAME_CHAR, '');
}

/** One owner as a cell writes it: 孙启福 (a person), 执行局局长 (a role), 分管院领导（吕宇、张三） (a role held by people). */
export function readOwner(item: string): ImportedOwner {
  const m = /^(.+?)[（(](.+)[）)]$/u.exec(item.trim());
  if (m)
    return {
      name: planName(m[1]!),
      kind: 'role',
      holders: splitList(m[2]!).map(planName).filter(Boolean),
      unsure: false,
    };
  const name = planName(item);
  if (ROLE_SUFFIX.test(name)) return { name, kind: 'role', holders: [], unsure: false };
  if (PERSON.test(name)) return { name, kind: 'person', holders: [], unsure: false };
  return { name, kind: 'role', holders: [], unsure: true };
}

const GROUP = /^([一二三四五六七八九十]+)[、.．]\s*(.*)$/su;
const NOTE = /^(注|备注|说明|填表说明)[：:\s]/u;
const ATTACHMENT = /^附\s*件\s*\d*\s*[：:]?/u;
const TASK_ID = /^[\p{L}\p{N}_()（）]+(\.[\p{L}\p{N}_()（）]+)*$/u;

function rowText(cells: readonly string[]): string {
  return cells
    .map((c) => c.trim())
    .filter(Boolean)
    .filter((c, k, a) => a.indexOf(c) === k)
    .join(' ');
}

/** Splits a 完成时限 cell into its phrases: lines, and 、；-separated items that start with a date. */
function deadlineLines(cell: string): string[] {
  return cell
    .split(/\n/)
    .flatMap((l) => l.split(/[；;](?=\s*(?:\d{4}年|\d{1,2}月|每|长期|持续))/u))
    .map((l) => l.trim())
    .filter(Boolean);
}

export interface ReadOptions {
  year?: number | null;
}

export function readTaskTable(rows: readonly SourceRow[], options: ReadOptions = {}): ImportedTable {
  const diagnostics: ImportDiagnostic[] = [];
  const headerAt = rows.findIndex((r) => readHeader(r.cells) !== null);
  if (headerAt < 0)
    throw new NoHeaderError(
      '找不到表头（序号 / 工作任务 / 责任领导 / 牵头部门 / 责任部门 / 完成时限） / no header row found (序号, 工作任务, 责任领导, 牵头部门, 责任部门, 完成时限)',
    );
  const cols: HeaderColumns = readHeader(rows[headerAt]!.cells)!;
  const headerKey = rows[headerAt]!.cells.map((c) => c.trim()).join('|');

  // Title and year: what stands above the header (a caption, a 附件 heading), else --year, else the table's dates.
  let title: string | null = null;
  let year: number | null = options.year ?? null;
  let yearFrom: string | null = year !== null ? '--year' : null;
  for (const r of rows.slice(0, headerAt)) {
    const t = rowText(r.cells);
    if (!t) continue;
    if (ATTACHMENT.test(t) && t.replace(ATTACHMENT, '').trim() === '') continue;
    const words = t.replace(ATTACHMENT, '').trim();
    if (year === null && yearIn(words) !== null) {
      year = yearIn(words);
      yearFrom = '标题 / title';
    }
    if (words.length >= 4 && words.length <= 80) title = words;
  }
  if (year === null) {
    for (const r of rows.slice(headerAt + 1)) {
      const c = cols.due !== undefined ? (r.cells[cols.due] ?? '') : '';
      const y = yearIn(c);
      if (y !== null) {
        year = y;
        yearFrom = '完成时限 / deadlines';
        break;
      }
    }
  }

  const cell = (r: SourceRow, role: keyof HeaderColumns): string => {
    const k = cols[role];
    return k === undefined ? '' : normaliseCell(r.cells[k] ?? '');
  };

  const body = joinContinuations(rows.slice(headerAt + 1), cols);
  const tasks: ImportedTask[] = [];
  const groups: ImportedTable['groups'] = [];
  const notes: string[] = [];
  const ids = new Set<string>();
  let group: string | null = null;
  let counter = 0;
  for (const r of body) {
    const all = rowText(r.cells);
    if (!all) continue;
    if (r.cells.map((c) => c.trim()).join('|') === headerKey) continue; // the header repeated on a new page
    const seqRaw = cell(r, 'seq').replace(/[、.．\s]+$/u, '');
    const taskCell = cell(r, 'task');
    const distinct = new Set(r.cells.map((c) => c.trim()).filter(Boolean));
    if (NOTE.test(all)) {
      notes.push(all);
      continue;
    }
    if (ATTACHMENT.test(all)) {
      notes.push(all);
      continue;
    }
    // A group heading: 一、…… across the row, or a Chinese-numbered 序号 with only the task column.
    const g = distinct.size === 1 ? GROUP.exec(all) : null;
    const onlyTask =
      seqRaw &&
      /^[一二三四五六七八九十]+$/u.test(seqRaw) &&
      !cell(r, 'leader') &&
      !cell(r, 'due') &&
      !cell(r, 'lead') &&
      !cell(r, 'dept');
    if (g || onlyTask) {
      const label = g ? g[1]! : seqRaw;
      group = label;
      groups.push({ label, title: g ? g[2]!.trim() : taskCell });
      continue;
    }
    if (distinct.size === 1 && !taskCell) {
      notes.push(all);
      continue;
    } // a merged note row
    if (!taskCell) {
      diagnostics.push({
        ref: r.ref,
        col: cols.task ?? null,
        zh: `这一行没有工作任务，按备注行保留：“${all}”`,
        en: `the row has no task; kept as a note: "${all}"`,
      });
      notes.push(all);
      continue;
    }
    counter++;
    const pending: string[] = [];
    let seq = seqRaw;
    if (!seq) {
      seq = String(counter);
      pending.push(`序号空缺，按顺序编为 ${seq}`);
      diagnostics.push({
        ref: r.ref,
        col: cols.seq ?? null,
        zh: `没有序号，按顺序编为 ${seq}`,
        en: `no 序号; numbered ${seq} in order`,
      });
    }
    let id = normalisePhrase(seq).replace(/\s+/g, '');
    if (group && !id.includes('.') && !id.startsWith(`${group}`)) id = `${group}.${id}`;
    if (!TASK_ID.test(id)) {
      const fixed = `${group ? `${group}.` : ''}${counter}`;
      pending.push(`序号“${seq}”不能作任务编号，编为 ${fixed}`);
      diagnostics.push({
        ref: r.ref,
        col: cols.seq ?? null,
        zh: `序号“${seq}”不能作任务编号，编为 ${fixed}`,
        en: `"${seq}" cannot be a task number; numbered ${fixed}`,
      });
      id = fixed;
    }
    if (ids.has(id)) {
      let k = 2;
      while (ids.has(`${id}_${k}`)) k++;
      pending.push(`序号 ${id} 重复，编为 ${id}_${k}`);
      diagnostics.push({
        ref: r.ref,
        col: cols.seq ?? null,
        zh: `序号 ${id} 与前面的任务重复，编为 ${id}_${k}`,
        en: `序号 ${id} repeats an earlier task's; numbered ${id}_${k}`,
      });
      id = `${id}_${k}`;
    }
    ids.add(id);

    // Title and 原文: a separate content column is the 原文; otherwise the task cell is both, titled by its first clause.
    const content = cell(r, 'content');
    const taskLines = taskCell
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    let titleText = taskLines.join('');
    let text: string[] = content
      ? content
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
      : [];
    if (cols.content === undefined && (taskLines.length > 1 || titleText.length > 40)) {
      text = taskLines;
      const first = /^[^。；;！!？?]{2,40}/u.exec(taskLines[0]!);
      titleText = first ? first[0].replace(/[，,：:]$/u, '') : taskLines[0]!.slice(0, 40);
    }

    const owners: ImportedOwner[] = [];
    const leaderCell = cell(r, 'leader');
    for (const item of splitList(leaderCell)) {
      const o = readOwner(item);
      if (!o.name) continue;
      if (o.unsure) {
        pending.push(`“${item}”是人名还是职务？暂作角色`);
        diagnostics.push({
          ref: r.ref,
          col: cols.leader ?? null,
          zh: `“${item}”看不出是人名还是职务，暂作角色`,
          en: `"${item}" is neither clearly a name nor a post; declared as a role`,
        });
      }
      if (!owners.some((x) => x.name === o.name)) owners.push(o);
    }
    if (!owners.length) {
      pending.push(`没有写责任领导（第${r.ref.row ?? r.ref.paragraph}行）`);
      diagnostics.push({
        ref: r.ref,
        col: cols.leader ?? null,
        zh: '没有写责任领导，责任人记为“待定责任人”',
        en: 'no 责任领导; the owner is recorded as 待定责任人 (to be settled)',
      });
      owners.push({ name: '待定责任人', kind: 'role', holders: [], unsure: true });
    }
    const departments: string[] = [];
    for (const role of ['lead', 'dept', 'support'] as const) {
      for (const item of splitList(cell(r, role))) {
        const name = planName(item);
        if (!name) continue;
        if (name !== normalisePhrase(item).replace(/\s+/g, '')) {
          diagnostics.push({
            ref: r.ref,
            col: cols[role] ?? null,
            zh: `部门名“${item}”去掉标点后记为 ${name}`,
            en: `department "${item}" recorded as ${name} (punctuation dropped)`,
          });
        }
        if (!departments.includes(name)) departments.push(name);
      }
    }

    const t: ImportedTask = {
      id,
      title: titleText,
      text,
      owners,
      departments,
      due: null,
      ongoing: false,
      milestones: [],
      recurring: [],
      irregular: [],
      notes: [],
      pending,
      group,
      ref: r.ref,
    };
    const dueCell = cell(r, 'due');
    let unreadable = false;
    for (const line of deadlineLines(dueCell)) {
      const d = readDeadline(line, year);
      if (d.kind === 'date') {
        if (d.rest) t.milestones.push({ text: d.rest, due: d.date });
        else {
          if (t.due !== null && t.due !== d.date) t.notes.push(`完成时限另写：${line}`);
          t.due = t.due === null || d.date > t.due ? d.date : t.due;
        }
      } else if (d.kind === 'ongoing') {
        t.ongoing = true;
        if (d.rest) t.notes.push(`完成时限：${line}`);
      } else if (d.kind === 'recurring')
        t.recurring.push({ every: d.every, ...(d.day !== null ? { day: d.day } : {}), text: d.rest || line });
      else if (d.kind === 'irregular') t.irregular.push(d.rest || line);
      else {
        unreadable = true;
        pending.push(`完成时限：${d.zh}，暂记为持续`);
        diagnostics.push({ ref: r.ref, col: cols.due ?? null, zh: d.zh, en: d.en });
        t.notes.push(`完成时限（未读懂）：${line}`);
      }
    }
    t.milestones.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
    const lastMilestone = t.milestones[t.milestones.length - 1];
    if (t.due !== null && lastMilestone && lastMilestone.due > t.due) {
      pending.push(`节点“${lastMilestone.text}”晚于完成时限 ${t.due}，未写完成时限`);
      diagnostics.push({
        ref: r.ref,
        col: cols.due ?? null,
        zh: `节点晚于完成时限 ${t.due}，完成时限改记为说明`,
        en: `a milestone falls after the deadline ${t.due}; the deadline is kept as a note`,
      });
      t.notes.push(`完成时限：${t.due}`);
      t.due = null;
    }
    if (t.due === null && !t.ongoing && !t.milestones.length) {
      if (t.recurring.length || t.irregular.length)
        t.ongoing = true; // a recurring duty runs through the plan
      else {
        t.ongoing = true;
        if (!unreadable) {
          pending.push('没有写完成时限，暂记为持续');
          diagnostics.push({
            ref: r.ref,
            col: cols.due ?? null,
            zh: '没有写完成时限，暂记为持续',
            en: 'no deadline; recorded as ongoing (to be settled)',
          });
        }
      }
    }
    const targets = cell(r, 'targets');
    if (targets) {
      for (const line of targets.split('\n').filter((l) => l.trim())) t.notes.push(`目标：${line.trim()}`);
      pending.push('目标及阈值照录于说明，尚未写成可核对的目标');
    }
    const remark = cell(r, 'remark');
    if (remark) t.notes.push(`备注：${remark.replace(/\n/g, ' ')}`);
    tasks.push(t);
  }
  return { title, year, yearFrom, groups, notes, tasks, diagnostics };
}

/**
 * A row whose 序号 cell continues a merged one above (a spreadsheet splits a multi-line cell over rows
 * that way) belongs to the task above: its other cells join that row's, line by line.
 */
function joinContinuations(rows: readonly SourceRow[], cols: HeaderColumns): SourceRow[] {
  const out: SourceRow[] = [];
  const seq = cols.seq;
  for (const r of rows) {
    const prev = out[out.length - 1];
    const continues =
      seq !== undefined && prev !== undefined && r.mergedAbove?.[seq] === true && (r.cells[seq] ?? '').trim() !== '';
    if (!continues) {
      out.push({ ...r, cells: [...r.cells] });
      continue;
    }
    r.cells.forEach((c, k) => {
      if (r.mergedAbove?.[k] || !c.trim()) return;
      prev.cells[k] = prev.cells[k]?.trim() ? `${prev.cells[k]}\n${c}` : c;
    });
  }
  return out;
}

/** A cell's text with line ends normalised and full-width spaces and trailing blanks dropped. */
function normaliseCell(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\u3000\s]+$/u, '').replace(/^[\u3000\s]+/u, ''))
    .join('\n')
    .trim();
}
