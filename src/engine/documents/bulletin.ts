// The 通报 a leadership group circulates, drawn from an evaluation's report: a summary paragraph, the
// courts × targets table with values and statuses, each target's ranking, the overdue and nearly due
// tasks by owner, the as-of date and the data it rests on. The .docx and the .xlsx are drawn from this.
import type { PlanReport, TargetStatus, TaskStatus } from '../report/model.js';
import { chineseDate } from './deadline.js';
import { stageInForce } from '../eval/status.js';

export const TARGET_STATUS_ZH: Record<TargetStatus, string> = { met: '达标', missed: '未达标', 'on track': '进展正常', 'at risk': '有风险', 'not measurable': '无法计算' };
export const TASK_STATUS_ZH: Record<TaskStatus, string> = { 'done on time': '按期完成', 'done late': '逾期完成', overdue: '逾期未完成', 'due soon': '临近到期', pending: '未到期', ongoing: '持续推进' };

export interface BulletinTarget { id: string; label: string; unit: string; threshold: string }
export interface BulletinCell { value: number | null; status: TargetStatus }

export interface Bulletin {
  title: string;
  asOf: string;
  asOfText: string;
  summary: string;
  targets: BulletinTarget[];
  courts: Array<{ court: string; cells: Array<BulletinCell | null> }>;
  rankings: Array<{ target: string; label: string; unit: string; rows: Array<{ rank: number; court: string; value: number | null; status: TargetStatus }> }>;
  lateTasks: Array<{ person: string; post: string; task: string; title: string; status: TaskStatus; due: string; via: string }>;
  sources: Array<{ file: string; read: number; accepted: number; rejected: number }>;
}

/** A value as the 通报's text shows it: 59.0%, 1.25‰, 3.20万元, 18件. */
export function displayValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === '%') return `${(value * 100).toFixed(1)}%`;
  if (unit === '‰') return `${(value * 1000).toFixed(2)}‰`;
  if (unit === '万元') return `${(value / 10000).toFixed(2)}万元`;
  return `${Number.isInteger(value) ? value : value.toFixed(2)}${unit}`;
}

const count = (m: Record<string, number>, keys: Array<[string, string]>): string => keys.filter(([k]) => (m[k] ?? 0) > 0).map(([k, w]) => `${w} ${m[k]} 项`).join('、');

export function buildBulletin(r: PlanReport, sources: Bulletin['sources']): Bulletin {
  const title = `${r.plan.title ?? r.plan.name ?? '实施方案'}落实情况通报`;
  const asOfText = chineseDate(r.asOf);
  const nTargets = Object.values(r.summary.targets).reduce((a, b) => a + b, 0);
  const nTasks = Object.values(r.summary.tasks).reduce((a, b) => a + b, 0);
  const targetWords = count(r.summary.targets, Object.entries(TARGET_STATUS_ZH));
  const taskWords = count(r.summary.tasks, Object.entries(TASK_STATUS_ZH));
  const summary = [
    `截至${asOfText}，本方案确定的 ${nTargets} 项目标中，${targetWords || '尚无可测量的目标'}`,
    `${nTasks} 项任务中，${taskWords || '尚无任务'}`,
    r.summary.ruleFailures > 0 ? `逐案核查发现 ${r.summary.ruleFailures} 件案件不符合规则` : '逐案核查未发现不符合规则的案件',
    `所据案件数据读取 ${r.data.read} 件，采用 ${r.data.accepted} 件${r.data.rejected ? `，因数据问题拒收 ${r.data.rejected} 件` : ''}。`,
  ].join('；');
  const inCourts = new Set(r.courts.flatMap((c) => c.targets.map((x) => x.target)));
  const targets: BulletinTarget[] = r.targets.filter((t) => inCourts.has(t.id)).map((t) => {
    const stage = stageInForce(t.stages, r.asOf);
    return { id: t.id, label: t.title ?? t.id, unit: t.unit, threshold: stage ? `${t.op} ${stage.display}${stage.by ? `（${chineseDate(stage.by)}）` : ''}` : '' };
  });
  const courts = r.courts.map((c) => ({
    court: c.court,
    cells: targets.map((t) => {
      const got = c.targets.find((x) => x.target === t.id);
      return got ? { value: got.value, status: got.status } : null;
    }),
  }));
  const titles = new Map(r.targets.map((t) => [t.id, t.title ?? t.id]));
  const rankings = r.rankings.map((k) => ({ target: k.target, label: titles.get(k.target) ?? k.target, unit: k.unit, rows: k.rows }));
  const tasks = new Map(r.tasks.map((t) => [t.id, t]));
  const lateTasks: Bulletin['lateTasks'] = [];
  for (const p of r.people) {
    for (const x of p.tasks) {
      if (x.status !== 'overdue' && x.status !== 'due soon') continue;
      const t = tasks.get(x.task);
      const due = t?.milestones.find((m) => m.status === x.status)?.due ?? t?.due ?? '';
      lateTasks.push({ person: p.name, post: p.title ?? '', task: x.task, title: t?.title ?? '', status: x.status, due: due ? chineseDate(due) : '', via: x.via && x.via !== p.name ? x.via : '' });
    }
  }
  return { title, asOf: r.asOf, asOfText, summary, targets, courts, rankings, lateTasks, sources };
}
