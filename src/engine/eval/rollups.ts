// Evaluation, stage 5 (assemble), the roll-ups: tasks per person (through the roles they hold), per
// department, targets per court, court rankings, and the summary counts.
import type { PlanIR } from '../ir/types.js';
import type { PlanReport, RuleReport, TargetReport, TargetStatus, TaskReport, TaskStatus } from '../report/model.js';
import { isLate, stageInForce } from './status.js';

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function rollupPeople(ir: PlanIR, tasks: readonly TaskReport[]): PlanReport['people'] {
  const byPerson = new Map<string, PlanReport['people'][number]['tasks']>();
  for (const p of ir.people) byPerson.set(p.name, []);
  // A role held per court names the court its holder holds it in: `分管执行工作院领导 @ 北仑`.
  const courtOf = new Map(
    ir.roles.flatMap((r) => r.byCourt.flatMap((c) => c.holders.map((h) => [`${r.name}|${h}`, c.court] as const))),
  );
  const via = (role: string, holder: string): string => {
    const c = courtOf.get(`${role}|${holder}`);
    return c ? `${role} @ ${c}` : role;
  };
  for (const t of tasks) {
    t.owners.forEach((o, k) => {
      for (const h of o.holders) {
        const list = byPerson.get(h) ?? [];
        list.push({
          task: t.id,
          via: o.kind === 'role' ? via(o.name, h) : null,
          status: t.status,
          lead: k === 0 && !t.joint,
          joint: t.joint,
        });
        byPerson.set(h, list);
      }
    });
  }
  const roleless = tasks.flatMap((t) =>
    t.owners
      .filter((o) => o.kind === 'role' && o.holders.length === 0)
      .map((o) => ({ role: o.name, task: t.id, status: t.status })),
  );
  const people = [...byPerson.entries()]
    .filter(([, l]) => l.length > 0)
    .sort(([a], [b]) => cmpStr(a, b))
    .map(([name, list]) => ({
      name,
      title: ir.people.find((p) => p.name === name)?.title ?? null,
      tasks: list,
      late: list.filter((x) => isLate(x.status)).length,
    }));
  const roles = new Map<string, Array<{ task: string; status: TaskStatus }>>();
  for (const r of roleless) {
    const l = roles.get(r.role) ?? [];
    l.push({ task: r.task, status: r.status });
    roles.set(r.role, l);
  }
  for (const [role, list] of [...roles].sort(([a], [b]) => cmpStr(a, b))) {
    people.push({
      name: role,
      title: '（角色未指定人员 / role without a holder）',
      tasks: list.map((x) => ({ ...x, via: role, lead: false, joint: false })),
      late: list.filter((x) => isLate(x.status)).length,
    });
  }
  return people;
}

export function rollupDepartments(ir: PlanIR, tasks: readonly TaskReport[]): PlanReport['departments'] {
  return ir.departments
    .map((d) => {
      const mine = tasks.filter((t) => t.departments.includes(d.name));
      return {
        name: d.name,
        tasks: mine.map((t) => ({ id: t.id, status: t.status })),
        late: mine.filter((t) => isLate(t.status)).length,
      };
    })
    .filter((d) => d.tasks.length > 0);
}

/** Each court's court-scoped targets (the stage in force on `asOf`), for the courts the plan names. */
export function rollupCourts(
  courts: readonly string[],
  planCourts: ReadonlySet<string>,
  targets: readonly TargetReport[],
  asOf: string,
): PlanReport['courts'] {
  return courts
    .filter((c) => planCourts.size === 0 || planCourts.has(c))
    .map((court) => {
      const rows = targets
        .filter((t) => t.scope === 'court')
        .map((t) => {
          const g = stageInForce(t.stages, asOf).groups[court];
          return g ? { target: t.id, status: g.status, value: g.value } : null;
        })
        .filter((x): x is { target: string; status: TargetStatus; value: number | null } => x !== null);
      return {
        court,
        targets: rows,
        lagging: rows.filter((r) => r.status === 'missed' || r.status === 'at risk').length,
      };
    });
}

export function rankings(targets: readonly TargetReport[], asOf: string): PlanReport['rankings'] {
  return targets
    .filter((t) => t.scope === 'court')
    .map((t) => {
      const stage = stageInForce(t.stages, asOf);
      const higherBetter = t.op === '>=' || t.op === '>';
      const rows = Object.entries(stage.groups).map(([court, g]) => ({
        court,
        value: g.value,
        numerator: g.numerator,
        denominator: g.denominator,
        status: g.status,
      }));
      rows.sort((a, b) => {
        if (a.value === null || b.value === null)
          return a.value === null ? (b.value === null ? cmpStr(a.court, b.court) : 1) : -1;
        return (higherBetter ? b.value - a.value : a.value - b.value) || cmpStr(a.court, b.court);
      });
      // Tied courts share a rank: a court's rank is one more than the number of courts strictly ahead of it.
      const ranked = rows.map((r, k) => ({ rank: k + 1, ...r }));
      for (let k = 1; k < ranked.length; k++)
        if (ranked[k]!.value !== null && ranked[k]!.value === ranked[k - 1]!.value)
          ranked[k]!.rank = ranked[k - 1]!.rank;
      return { target: t.id, indicator: t.indicator, unit: t.unit, rows: ranked };
    });
}

export function summarize(
  targets: readonly TargetReport[],
  tasks: readonly TaskReport[],
  rules: readonly RuleReport[],
): PlanReport['summary'] {
  const count = <T extends string>(xs: T[]): Record<string, number> => {
    const o: Record<string, number> = {};
    for (const x of [...xs].sort()) o[x] = (o[x] ?? 0) + 1;
    return o;
  };
  return {
    targets: count(targets.map((t) => t.status)),
    dueTargetsMissed: targets.reduce((n, t) => n + t.missedStages, 0),
    tasks: count(tasks.map((t) => t.status)),
    milestones: count(tasks.flatMap((t) => t.milestones).map((m) => m.status)),
    ruleFailures: rules.reduce((n, r) => n + r.failed, 0),
  };
}
