// The 任务分解表 of a compiled plan, as courts lay it out: one row per task with 序号, 工作任务, 具体内容 (原文),
// 责任领导 (people; a role with who holds it), 牵头部门, 配合部门, 完成时限 and 目标. The .xlsx and .docx tables
// and the 公文's attachment are drawn from these rows, and `luoshi import` reads the same words back.
import type { IROwner, IRTarget, IRTask, PlanIR } from '../ir/types.js';
import { chineseDate } from './deadline.js';
import { recurWord } from '../eval/recurring.js';

export const TABLE_HEADERS = [
  '序号',
  '工作任务',
  '具体内容',
  '责任领导',
  '牵头部门',
  '配合部门',
  '完成时限',
  '目标及阈值',
] as const;

export interface TaskRow {
  id: string;
  title: string;
  text: string;
  owners: string;
  lead: string;
  support: string;
  deadline: string;
  targets: string;
}

const SCOPE_WORD = { overall: '', court: '每个法院', handler: '每个承办人', team: '每个团队' } as const;

/** An owner as a table cell writes it: a person by name, a role with its holders in brackets. */
export function ownerCell(o: IROwner): string {
  return o.kind === 'role' && o.holders.length ? `${o.name}（${o.holders.join('、')}）` : o.name;
}

/** The 完成时限 cell: the deadline, then each milestone, recurring and irregular duty on its own line. */
export function deadlineCell(t: IRTask): string {
  const lines: string[] = [];
  if (t.dueKind === 'ongoing') lines.push('长期坚持');
  for (const m of t.milestones) lines.push(`${chineseDate(m.due)}前：${m.text}`);
  if (t.dueKind === 'date' && t.due) lines.push(`${chineseDate(t.due)}前`);
  for (const r of t.recurring) lines.push(`${recurWord(r.every, r.day)}：${r.text}`);
  for (const i of t.irregular) lines.push(`不定期：${i}`);
  return lines.join('\n');
}

/** A target with its thresholds: 执结率 >= 90%（截至2018年12月31日；力争95%）每个法院. */
export function targetCell(t: IRTarget): string {
  const stages = t.stages
    .map((s) => {
      const extra = [s.by ? `截至${chineseDate(s.by)}` : '', s.stretchDisplay ? `力争${s.stretchDisplay}` : '']
        .filter(Boolean)
        .join('；');
      return `${s.display}${extra ? `（${extra}）` : ''}`;
    })
    .join('，');
  const scope = SCOPE_WORD[t.scope.kind];
  return `${t.title ? `${t.title}：` : ''}${t.indicator} ${t.op} ${stages}${scope ? ` ${scope}` : ''}`;
}

export function taskRows(ir: PlanIR): TaskRow[] {
  const targets = new Map(ir.targets.map((t) => [t.id, t]));
  return ir.tasks.map((t) => ({
    id: t.id,
    title: t.title,
    text: t.text ?? '',
    owners: t.owners.map(ownerCell).join('、'),
    lead: t.departments[0] ?? '',
    support: t.departments.slice(1).join('、'),
    deadline: deadlineCell(t),
    targets: t.targets
      .map((id) => targets.get(id))
      .filter((x): x is IRTarget => x !== undefined)
      .map(targetCell)
      .join('\n'),
  }));
}

export function rowCells(r: TaskRow): string[] {
  return [r.id, r.title, r.text, r.owners, r.lead, r.support, r.deadline, r.targets];
}

/** The table's caption: the plan's title followed by 任务分解表. */
export function tableCaption(ir: PlanIR): string {
  return `${ir.plan.title ?? ir.plan.name ?? '实施方案'}任务分解表`;
}
