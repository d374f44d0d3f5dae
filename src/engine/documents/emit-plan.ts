// An imported 任务分解表 written out as a plan skeleton in the plan language (docs/language.md): the plan
// header, people, roles and departments declared once, one task per row with its 原文, owners,
// departments and deadlines, and a `// 待定:` comment wherever the table left something to settle.
import type { ImportedTable, ImportedTask } from './import-table.js';
import { planName } from './import-table.js';
import { recurWord } from '../eval/recurring.js';

/** A string literal: one line, `"` and `\` escaped. */
export function planString(s: string): string {
  return `"${s
    .replace(/[\r\n]+/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')}"`;
}

export interface EmitOptions {
  source: string;
  name?: string;
}

function taskBlock(t: ImportedTask, where: string): string[] {
  const out: string[] = [];
  out.push(`// ${where}`);
  for (const p of t.pending) out.push(`// 待定: ${p}`);
  out.push(`任务 ${t.id} ${planString(t.title)} {`);
  for (const p of t.text) out.push(`  原文 ${planString(p)}`);
  out.push(`  责任人 ${t.owners.map((o) => o.name).join(', ')}`);
  if (t.departments.length) out.push(`  责任部门 ${t.departments.join(', ')}`);
  for (const m of t.milestones) out.push(`  节点 ${planString(m.text)} 完成 ${m.due}`);
  if (t.due !== null) out.push(`  完成 ${t.due}`);
  else if (t.ongoing || !t.milestones.length) out.push('  完成 持续');
  for (const r of t.recurring) out.push(`  ${recurWord(r.every, r.day)} ${planString(r.text)}`);
  for (const i of t.irregular) out.push(`  不定期 ${planString(i)}`);
  for (const n of t.notes) out.push(`  说明 ${planString(n)}`);
  out.push('}');
  return out;
}

export function refText(ref: ImportedTask['ref']): string {
  const at = ref.row !== undefined ? `第${ref.row}行` : `第${ref.paragraph}段`;
  return `${ref.sheet ? `${ref.sheet} ` : ''}${ref.table !== undefined ? `表${ref.table} ` : ''}${at}`;
}

export function emitPlan(table: ImportedTable, options: EmitOptions): string {
  const title = table.title ?? '导入的任务分解表';
  // A name may not start like a date or a number (2018年…): the leading year is dropped.
  const name =
    options.name ??
    (planName(title.replace(/任务分解.*$/u, ''))
      .replace(/^[\d_·]+年?/u, '')
      .slice(0, 24) ||
      '导入的方案');
  const people: string[] = [];
  const roles = new Map<string, string[]>();
  const unsureRoles = new Set<string>();
  const departments: string[] = [];
  for (const t of table.tasks) {
    for (const o of t.owners) {
      if (o.kind === 'person') {
        if (!people.includes(o.name)) people.push(o.name);
        continue;
      }
      const holders = roles.get(o.name) ?? [];
      for (const h of o.holders) {
        if (!holders.includes(h)) holders.push(h);
        if (!people.includes(h)) people.push(h);
      }
      roles.set(o.name, holders);
      if (o.unsure) unsureRoles.add(o.name);
    }
    for (const d of t.departments) if (!departments.includes(d)) departments.push(d);
  }
  const lines: string[] = [];
  lines.push(`// 由 luoshi import 自 ${options.source} 生成的计划骨架：任务、责任人、部门与期限照表录入，`);
  lines.push('// 目标与规则须另行编写；标有“待定”之处须核对原表后改定。');
  if (table.year !== null) lines.push(`// 未写年份的期限按 ${table.year} 年读（据${table.yearFrom}）。`);
  lines.push('');
  lines.push(`方案 ${name} {`);
  lines.push(`  标题 ${planString(title)}`);
  lines.push('  类型 "任务分解表"');
  lines.push('}');
  lines.push('');
  if (people.length) lines.push(`人员 ${people.join(', ')}`);
  for (const [role, holders] of [...roles].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const pending = unsureRoles.has(role)
      ? `  // 待定: ${role === '待定责任人' ? '原表未写责任领导' : '是人名还是职务？'}`
      : holders.length
        ? ''
        : '  // 原表未写由谁担任';
    lines.push(`角色 ${role}${holders.length ? ` = ${holders.join(', ')}` : ''}${pending}`);
  }
  if (departments.length) lines.push(`部门 ${departments.join(', ')}`);
  for (const n of table.notes) lines.push(`说明 ${planString(n)}`);
  let group: string | null = null;
  for (const t of table.tasks) {
    lines.push('');
    if (t.group !== group) {
      group = t.group;
      const g = table.groups.find((x) => x.label === group);
      if (g) lines.push(`// ${'─'.repeat(12)} ${g.label}、${g.title}`, '');
    }
    lines.push(...taskBlock(t, `${options.source} ${refText(t.ref)}`));
  }
  return lines.join('\n') + '\n';
}
