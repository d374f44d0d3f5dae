// A plan diff for people (text, Markdown) and machines (JSON).
import { statusText } from '../report/render.js';
import type { DefinitionChange } from './definitions.js';
import type { OutcomeChange, PlanDiff } from './outcomes.js';

const KIND_ZH: Record<string, string> = {
  indicator: '指标',
  rule: '规则',
  set: '集合',
  field: '字段',
  target: '目标',
  task: '任务',
  role: '角色',
  milestone: '节点',
  owner: '责任人',
};
const CHANGE: Record<DefinitionChange['change'], string> = {
  added: '新增 added',
  removed: '删除 removed',
  changed: '修改 changed',
};

const st = (s: string | null): string =>
  s === null
    ? '（无 / absent）'
    : `${statusText(s, 'zh')} ${/[a-z]/.test(s) && statusText(s, 'zh') !== s ? `(${s})` : ''}`.trim();

function outcomeLine(o: OutcomeChange): string {
  if (o.kind === 'owner') return `${o.name}`;
  return `${o.name}: ${st(o.before)} → ${st(o.after)}`;
}

export function renderDiffText(d: PlanDiff): string {
  const out: string[] = [`${d.old.file} → ${d.new.file} (截至 / as of ${d.asOf})`, ''];
  out.push(`结果变化 / outcome changes: ${d.outcomes.length}`);
  for (const o of d.outcomes) {
    out.push(`  ${KIND_ZH[o.kind]} ${o.kind.padEnd(9)} ${outcomeLine(o)}`);
    for (const x of o.details) out.push(`      ${x}`);
  }
  out.push('', `定义变化 / definition changes: ${d.definitions.length}`);
  for (const c of d.definitions) {
    out.push(`  ${KIND_ZH[c.kind]} ${c.kind.padEnd(9)} ${c.name} — ${CHANGE[c.change]}`);
    for (const x of c.details) out.push(`      ${x}`);
  }
  out.push('', d.outcomes.length ? '结果有变化 / outcomes changed' : '结果没有变化 / no outcome changed');
  return out.join('\n') + '\n';
}

const md = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderDiffMarkdown(d: PlanDiff): string {
  const out: string[] = [
    `## 计划对比 / plan diff: \`${d.old.file}\` → \`${d.new.file}\``,
    '',
    `截至 / as of **${d.asOf}**`,
    '',
  ];
  out.push(`### 结果变化 / outcome changes (${d.outcomes.length})`, '');
  if (d.outcomes.length) {
    out.push('| 类别 kind | 名称 name | 之前 before | 之后 after | 说明 details |', '|---|---|---|---|---|');
    for (const o of d.outcomes)
      out.push(
        `| ${KIND_ZH[o.kind]} ${o.kind} | ${md(o.name)} | ${md(o.kind === 'owner' ? (o.before ?? '—') : st(o.before))} | ${md(o.kind === 'owner' ? (o.after ?? '—') : st(o.after))} | ${md(o.details.join('; '))} |`,
      );
  } else out.push('没有 / none');
  out.push('', `### 定义变化 / definition changes (${d.definitions.length})`, '');
  if (d.definitions.length) {
    out.push('| 类别 kind | 名称 name | 变化 change | 说明 details |', '|---|---|---|---|');
    for (const c of d.definitions)
      out.push(`| ${KIND_ZH[c.kind]} ${c.kind} | ${md(c.name)} | ${CHANGE[c.change]} | ${md(c.details.join('; '))} |`);
  } else out.push('没有 / none');
  return out.join('\n') + '\n';
}

export function renderDiffJson(d: PlanDiff): string {
  return JSON.stringify({ version: 1, ...d, changed: d.outcomes.length > 0 }, null, 2) + '\n';
}
