// The 通报 a leadership group circulates, drawn from an evaluation's report: a summary paragraph, the
// courts × targets table with values and statuses, each target's ranking, the overdue and nearly due
// tasks by owner, the as-of date and the data it rests on. The .docx and the .xlsx are drawn from this;
// its courts × targets table is the overview every other face shows (report/bulletin.ts).
import type { PlanReport, TargetStatus, TaskStatus } from '../report/model.js';
import { chineseDate } from './deadline.js';
import { stageInForce } from '../eval/status.js';
import { buildOverview } from '../report/bulletin.js';
import { OP_SIGN } from '../report/basis.js';
import { formatValue } from '../report/render-values.js';

export const TARGET_STATUS_ZH: Record<TargetStatus, string> = {
  met: '达标',
  missed: '未达标',
  'on track': '进展正常',
  'at risk': '有风险',
  'not measurable': '无法计算',
};
export const TASK_STATUS_ZH: Record<TaskStatus, string> = {
  'done on time': '按期完成',
  'done late': '逾期完成',
  overdue: '逾期未完成',
  'due soon': '临近到期',
  pending: '未到期',
  ongoing: '持续推进',
};

export interface BulletinTarget {
  id: string;
  label: string;
  unit: string;
  threshold: string;
  value: number;
}
export interface BulletinCell {
  value: number | null;
  status: TargetStatus;
  numerator: number | null;
  denominator: number | null;
}

export interface Bulletin {
  title: string;
  asOf: string;
  asOfText: string;
  summary: string;
  targets: BulletinTarget[];
  courts: Array<{ court: string; cells: Array<BulletinCell | null> }>;
  /** `threshold`: the stage in force's, which a value is told apart from. */
  rankings: Array<{
    target: string;
    label: string;
    unit: string;
    threshold: number | undefined;
    rows: Array<{ rank: number; court: string; value: number | null; status: TargetStatus }>;
  }>;
  lateTasks: Array<{
    person: string;
    post: string;
    task: string;
    title: string;
    status: TaskStatus;
    due: string;
    via: string;
  }>;
  sources: Array<{ file: string; read: number; accepted: number; rejected: number }>;
}

/** A value as the 通报's text shows it (render-values.ts): 58.97%, 1.25‰, 3.20万元, 18件; with the threshold
 *  it is judged on, the digits that tell the two apart. */
export function displayValue(value: number | null, unit: string, threshold?: number): string {
  return formatValue(value, unit, threshold);
}

const count = (m: Record<string, number>, keys: Array<[string, string]>): string =>
  keys
    .filter(([k]) => (m[k] ?? 0) > 0)
    .map(([k, w]) => `${w} ${m[k]} 项`)
    .join('、');

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
    r.summary.ruleFailures > 0
      ? `逐案核查发现 ${r.summary.ruleFailures} 件案件不符合规则`
      : '逐案核查未发现不符合规则的案件',
    `所据案件数据读取 ${r.data.read} 件，采用 ${r.data.accepted} 件${r.data.rejected ? `，因数据问题拒收 ${r.data.rejected} 件` : ''}。`,
  ].join('；');
  const o = buildOverview(r);
  const titles = new Map(r.targets.map((t) => [t.id, t.title ?? t.id]));
  const targets: BulletinTarget[] = o.columns.map((c) => ({
    id: c.target,
    label: c.title ?? c.target,
    unit: c.unit,
    value: c.threshold,
    threshold: `${OP_SIGN[c.op]} ${c.display}${c.by ? `（${chineseDate(c.by)}）` : ''}`,
  }));
  // Worst first, every court of the plan and the data (a court without a figure has empty cells).
  const courts = o.rows.map((row) => ({
    court: row.court,
    cells: row.cells.map((c): BulletinCell | null =>
      c.status === null
        ? null
        : { value: c.value, status: c.status, numerator: c.numerator, denominator: c.denominator },
    ),
  }));
  const rankings = r.rankings.map((k) => {
    const t = r.targets.find((x) => x.id === k.target);
    return {
      target: k.target,
      label: titles.get(k.target) ?? k.target,
      unit: k.unit,
      threshold: t ? stageInForce(t.stages, r.asOf).value : undefined,
      rows: k.rows,
    };
  });
  const tasks = new Map(r.tasks.map((t) => [t.id, t]));
  const lateTasks: Bulletin['lateTasks'] = [];
  for (const p of r.people) {
    for (const x of p.tasks) {
      if (x.status !== 'overdue' && x.status !== 'due soon') continue;
      const t = tasks.get(x.task);
      const due = t?.milestones.find((m) => m.status === x.status)?.due ?? t?.due ?? '';
      lateTasks.push({
        person: p.name,
        post: p.title ?? '',
        task: x.task,
        title: t?.title ?? '',
        status: x.status,
        due: due ? chineseDate(due) : '',
        via: x.via && x.via !== p.name ? x.via : '',
      });
    }
  }
  return { title, asOf: r.asOf, asOfText, summary, targets, courts, rankings, lateTasks, sources };
}
