// The tables people export for follow-up, as DataTables (table.ts): the 通报 overview, a ranking, the
// cases behind a number, the task list (and its overdue part), the responsibility matrix. The CLI and
// the workbench both draw their CSV and .xlsx from these, in one language each.
import type { CaseRecord } from '../data/record.js';
import type { Lang } from './diagnostics-format.js';
import type { PlanReport, TaskReport } from './model.js';
import { buildOverview } from './bulletin.js';
import { statusText } from './render.js';
import { unitColumn, type DataTable, type TableColumn, type TableValue } from './table.js';

const w = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);
const text = (header: string): TableColumn => ({ header, kind: 'text' });
const count = (header: string): TableColumn => ({ header, kind: 'count' });

/** Courts × targets: per target its status, value, numerator and denominator; rows worst first. */
export function overviewTable(r: PlanReport, lang: Lang): DataTable {
  const o = buildOverview(r);
  const columns: TableColumn[] = [
    text(w(lang, '法院', 'court')),
    count(w(lang, '未达标', 'missed')),
    count(w(lang, '有风险', 'at risk')),
  ];
  for (const c of o.columns) {
    columns.push(
      text(`${c.target} ${w(lang, '状态', 'status')}`),
      unitColumn(`${c.target} ${w(lang, '值', 'value')}`, c.unit),
      { header: `${c.target} ${w(lang, '分子', 'numerator')}`, kind: 'number' },
      { header: `${c.target} ${w(lang, '分母', 'denominator')}`, kind: 'number' },
    );
  }
  const rows = o.rows.map((row): TableValue[] => [
    row.court,
    row.missed,
    row.atRisk,
    ...row.cells.flatMap((c) => [
      c.status === null ? w(lang, '无数据', 'no data') : statusText(c.status, lang),
      c.value,
      c.numerator,
      c.denominator,
    ]),
  ]);
  return { title: w(lang, `通报总览 ${r.asOf}`, `overview ${r.asOf}`), lang, columns, rows };
}

/** One target's ranking: rank (ties share it), court, value, numerator, denominator, status. */
export function rankingTable(r: PlanReport, target: string, lang: Lang): DataTable {
  const rk = r.rankings.find((x) => x.target === target);
  if (!rk) throw new Error(`no ranking for target ${target}`);
  return {
    title: w(lang, `排名 ${target} ${r.asOf}`, `ranking ${target} ${r.asOf}`),
    lang,
    columns: [
      count(w(lang, '名次', 'rank')),
      text(w(lang, '法院', 'court')),
      unitColumn(rk.indicator, rk.unit),
      { header: w(lang, '分子', 'numerator'), kind: 'number' },
      { header: w(lang, '分母', 'denominator'), kind: 'number' },
      text(w(lang, '状态', 'status')),
    ],
    rows: rk.rows.map((x) => [x.rank, x.court, x.value, x.numerator, x.denominator, statusText(x.status, lang)]),
  };
}

/** A case behind a number: whether it counts in the numerator / denominator, or the conditions it fails. */
export interface CaseLine {
  record: CaseRecord;
  inNumerator?: boolean;
  inDenominator?: boolean;
  /** For event indicators: how many of its events count. */
  events?: number;
  /** For a rule: the conditions the case fails. */
  failed?: string[];
}

/** The cases behind a number, one row each, with the columns a court follows a case up by. */
export function caseTable(title: string, lines: readonly CaseLine[], lang: Lang): DataTable {
  const rule = lines.some((l) => l.failed !== undefined);
  const events = lines.some((l) => l.events !== undefined);
  const yes = w(lang, '是', 'yes'),
    no = w(lang, '否', 'no');
  const columns: TableColumn[] = [
    text(w(lang, '案号', 'case')),
    text(w(lang, '法院', 'court')),
    text(w(lang, '类型', 'type')),
    { header: w(lang, '立案日期', 'filed'), kind: 'date' },
    { header: w(lang, '结案日期', 'closed'), kind: 'date' },
    text(w(lang, '结案方式', 'closure')),
    { header: w(lang, '申请标的', 'claimed'), kind: 'money' },
    { header: w(lang, '实际到位', 'recovered'), kind: 'money' },
    text(w(lang, '承办人', 'handler')),
    text(w(lang, '团队', 'team')),
    ...(rule
      ? [text(w(lang, '未通过的条件', 'conditions failed'))]
      : [text(w(lang, '计入分子', 'in numerator')), text(w(lang, '计入分母', 'in denominator'))]),
    ...(events ? [count(w(lang, '计入的事件数', 'events counted'))] : []),
  ];
  const rows = lines.map((l): TableValue[] => {
    const c = l.record;
    return [
      c.id,
      c.court,
      c.type,
      c.filed,
      c.closed,
      c.closure,
      c.claimed,
      c.recovered,
      c.handler,
      c.team ?? '',
      ...(rule ? [(l.failed ?? []).join(w(lang, '、', ', '))] : [l.inNumerator ? yes : no, l.inDenominator ? yes : no]),
      ...(events ? [l.events ?? 0] : []),
    ];
  });
  return { title, lang, columns, rows };
}

/** Tasks (the list, or only its overdue ones): id, title, owners, departments, deadline, milestones done, status. */
export function taskTable(title: string, tasks: readonly TaskReport[], lang: Lang): DataTable {
  const sep = w(lang, '、', ', ');
  return {
    title,
    lang,
    columns: [
      text(w(lang, '编号', 'id')),
      text(w(lang, '任务', 'task')),
      text(w(lang, '责任人', 'owners')),
      text(w(lang, '责任部门', 'departments')),
      { header: w(lang, '完成时间', 'due'), kind: 'date' },
      count(w(lang, '已完成节点', 'milestones done')),
      count(w(lang, '节点', 'milestones')),
      count(w(lang, '规则不合格案件', 'rule failures')),
      text(w(lang, '状态', 'status')),
    ],
    rows: tasks.map((x) => [
      x.id,
      x.title,
      x.owners.map((o) => o.name).join(sep),
      x.departments.join(sep),
      x.dueKind === 'ongoing' ? statusText('ongoing', lang) : x.due,
      x.milestones.filter((m) => m.status === 'done on time' || m.status === 'done late').length,
      x.milestones.length,
      x.rules.reduce((n, rr) => n + rr.failed, 0),
      statusText(x.status, lang),
    ]),
  };
}

/** Owners × tasks: 主 (lead) or 协 (co-owner) with the task's status, a row per person or role. */
export function responsibilityTable(r: PlanReport, tasks: readonly TaskReport[], lang: Lang): DataTable {
  const ids = tasks.map((t) => t.id);
  const columns: TableColumn[] = [
    text(w(lang, '责任人', 'owner')),
    text(w(lang, '职务', 'post')),
    count(w(lang, '逾期', 'late')),
    ...tasks.map((t) => text(`${t.id} ${t.title}`)),
  ];
  const rows = r.people
    .map((p): TableValue[] => {
      const mine = new Map(p.tasks.map((x) => [x.task, x]));
      return [
        p.name,
        p.title ?? '',
        p.late,
        ...ids.map((id) => {
          const x = mine.get(id);
          return x ? `${x.lead ? w(lang, '主', 'lead') : w(lang, '协', 'co-owner')} ${statusText(x.status, lang)}` : '';
        }),
      ];
    })
    .filter((row) => row.slice(3).some((c) => c !== ''));
  return { title: w(lang, `责任矩阵 ${r.asOf}`, `responsibility ${r.asOf}`), lang, columns, rows };
}
