// Evaluation, stage 4 (status) for rules, tasks and milestones: each rule check's counts, each milestone done
// (a progress report, or its condition holding in the data) or not by its deadline, each task's status
// (status.ts), recurring duties' missing reports, and progress reports that name nothing in the plan.
import type { IRExpr, IRTask, PlanIR, ScopeKind } from '../ir/types.js';
import type { ProgressReport } from '../data/record.js';
import { dayOf, formatDay, parseIsoDay, yearOf, type Day } from '../time/calendar.js';
import type { MilestoneReport, PlanReport, RuleReport, TargetReport, TaskReport } from '../report/model.js';
import type { AggregateNode, AggregateResult } from './aggregate.js';
import { planBool } from './figures.js';
import type { JobResults } from './jobs.js';
import { checkKey, type Job, type PlannedJobs } from './plan-jobs.js';
import { resultsOf } from './indicators.js';
import type { Window } from './window.js';
import { milestoneStatus, taskStatus } from './status.js';
import { recurInstances } from './recurring.js';

export function ruleReports(ir: PlanIR, results: JobResults): RuleReport[] {
  const out: RuleReport[] = [];
  const byKey = new Map<string, RuleReport>();
  for (const task of ir.tasks)
    for (const chk of task.checks) {
      const key = checkKey(chk.rule, chk.applies);
      const existing = byKey.get(key);
      if (existing) {
        if (!existing.tasks.includes(task.id)) existing.tasks.push(task.id);
        continue;
      }
      const r = ir.rules.find((x) => x.name === chk.rule);
      const res = results.rules[key];
      if (!r || !res) continue;
      const rep: RuleReport = {
        rule: r.name,
        title: r.title,
        tasks: [task.id],
        checked: res.checked,
        passed: res.checked - res.failed,
        failed: res.failed,
        warned: res.warned,
        byCondition: res.byCondition,
        conditions: r.conditions.map((c) => ({ name: c.name, label: c.label, severity: c.severity })),
        failures: res.failures,
        failuresListed: res.failures.length,
      };
      byKey.set(key, rep);
      out.push(rep);
    }
  return out;
}

/** Progress reports dated by T. */
export function progressBy(progress: readonly ProgressReport[], T: Day): ProgressReport[] {
  return progress.filter((p) => {
    const d = parseIsoDay(p.done);
    return d !== null && d <= T;
  });
}

export function taskReports(
  ir: PlanIR,
  p: PlannedJobs,
  results: JobResults,
  progress: readonly ProgressReport[],
  targets: readonly TargetReport[],
  rules: readonly RuleReport[],
  soon: number,
): TaskReport[] {
  const { T, milestoneJobs } = p;
  return ir.tasks.map((task) => {
    const milestones: MilestoneReport[] = task.milestones.map((m) => {
      const due = parseIsoDay(m.due)!;
      const reports = progress.filter(
        (x) => x.task === task.id && (x.milestone === m.name || x.milestone === m.text || x.milestone === m.id),
      );
      let doneOn: Day | null = reports.length ? Math.min(...reports.map((x) => parseIsoDay(x.done)!)) : null;
      let evidence = reports.map((x) => ({ done: x.done, by: x.by ?? null, evidence: x.evidence ?? null }));
      let conditionHolds: boolean | null = null;
      const mj = milestoneJobs.get(m);
      if (mj && m.condition) {
        const holds = (j: Job) =>
          conditionHoldsIn(m.condition!.expr, m.condition!.scope, resultsOf(results, j), j.nodes);
        const atT = holds(mj.atT);
        conditionHolds = atT;
        if (atT && doneOn === null) {
          // Done the day the condition first holds: by the deadline if it held then, else after it.
          // Without a replay the first day is known only to lie after the deadline: report T.
          doneOn = mj.atDue && holds(mj.atDue) ? due : T;
          evidence = [
            ...evidence,
            { done: formatDay(doneOn), by: null, evidence: '条件已满足 / condition holds in the data' },
          ];
        }
      }
      const status = milestoneStatus(doneOn, due, T, soon);
      return {
        id: m.id,
        name: m.name,
        text: m.text,
        due: m.due,
        dueText: m.dueText,
        status,
        done: doneOn === null ? null : formatDay(doneOn),
        evidence,
        conditionHolds,
        owners: m.owners.map((o) => o.name),
      };
    });
    const taskProgress = progress.filter((x) => x.task === task.id && !x.milestone);
    const targetStatuses = targets.filter((t) => task.targets.includes(t.id));
    const status = taskStatus(task, milestones, taskProgress, targetStatuses, T, soon);
    return {
      id: task.id,
      title: task.title,
      owners: task.owners,
      joint: task.joint,
      departments: task.departments,
      due: task.due,
      dueKind: task.dueKind,
      status,
      milestones,
      targets: task.targets,
      rules: rules.filter((r) => r.tasks.includes(task.id)).map((r) => ({ rule: r.rule, failed: r.failed })),
      recurring: task.recurring.map((r) => recurringStatus(task, r, progress, p.period, T)),
      source: task.source,
    };
  });
}

/** Progress reports that name no task or deliverable of the plan: shown, never silently dropped. */
export function unmatchedProgress(ir: PlanIR, progress: readonly ProgressReport[]): PlanReport['unmatchedProgress'] {
  return progress
    .filter((p) => {
      const task = ir.tasks.find((t) => t.id === p.task);
      if (!task) return true;
      if (!p.milestone) return false;
      return (
        !task.milestones.some((m) => p.milestone === m.name || p.milestone === m.text || p.milestone === m.id) &&
        !task.recurring.some((r) => r.text === p.milestone)
      );
    })
    .map((p) => ({ task: p.task, milestone: p.milestone ?? null, done: p.done }));
}

function conditionHoldsIn(
  expr: IRExpr,
  scope: ScopeKind,
  res: Map<string, AggregateResult>,
  nodes: Map<string, AggregateNode>,
): boolean {
  if (scope === 'overall') return planBool(expr, res, nodes, 'overall', 0);
  const first = res.values().next().value as AggregateResult | undefined;
  const n = first ? first.sum[scope].length : 0;
  for (let g = 0; g < n; g++) if (!planBool(expr, res, nodes, scope, g)) return false;
  return n > 0;
}

/** Instances of a recurring duty due by T (each period's end), and which have a progress report. */
function recurringStatus(
  task: IRTask,
  r: IRTask['recurring'][number],
  progress: readonly ProgressReport[],
  period: Window | null,
  T: Day,
): TaskReport['recurring'][number] {
  if (!period) return { every: r.every, text: r.text, due: 0, reported: 0, missing: [] };
  const instances = recurInstances(r.every, r.day ?? null, period, T);
  const mine = progress.filter((p) => p.task === task.id && (p.milestone === r.text || !p.milestone));
  const missing = instances
    .filter(
      (ins) =>
        !mine.some((p) => {
          const d = parseIsoDay(p.done)!;
          return d >= ins.from && d <= ins.to;
        }),
    )
    .map((i) => i.label);
  return { every: r.every, text: r.text, due: instances.length, reported: instances.length - missing.length, missing };
}
