// The 通报 overview: courts × targets, computed once from a report, so the terminal, Markdown, HTML, CSV,
// the spreadsheet and the workbench show the same cells. Each cell is a court's figure on the stage in
// force (eval/status.ts), with the status the evaluation gave it; nothing here re-derives a status.
// Team, handler and overall targets are not court cells: they are listed on their own.
import { stageInForce, TARGET_SEVERITY } from '../eval/status.js';
import type { PlanReport, TargetReport, TargetStatus } from './model.js';

type Stage = TargetReport['stages'][number];

/** A court-scoped target as a column: its stage in force on the as-of date. */
export interface OverviewColumn {
  target: string;
  indicator: string;
  title: string | null;
  unit: string;
  op: TargetReport['op'];
  /** 1-based number of the stage in force, of `stages`. */
  stage: number;
  stages: number;
  threshold: number;
  display: string;
  by: string | null;
  due: boolean;
}

/** One court on one target; `status` null: the court has no figure for it (no data). */
export interface OverviewCell {
  target: string;
  status: TargetStatus | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Before the deadline: the value projected to it (the basis of 有风险 / 进展正常). */
  projected: number | null;
  stage: number;
  threshold: number;
}

export interface OverviewRow {
  court: string;
  cells: OverviewCell[];
  missed: number;
  atRisk: number;
  notMeasurable: number;
  /** No figure on any target (a court of the plan without data). */
  noData: boolean;
}

/** A target measured per team, per handler or overall: its own section, never a court cell. */
export interface OverviewOther {
  target: string;
  indicator: string;
  scope: TargetReport['scope'];
  status: TargetStatus;
  stage: number;
  stages: number;
  /** Groups (teams, handlers) on the stage in force by status; overall: empty. */
  groups: Partial<Record<TargetStatus, number>>;
  /** Groups missed or at risk, worst first, with their figures. */
  lagging: Array<{
    name: string;
    status: TargetStatus;
    value: number | null;
    numerator: number;
    denominator: number | null;
  }>;
}

export interface BulletinOverview {
  plan: string;
  asOf: string;
  columns: OverviewColumn[];
  /** Worst first: most 未达标, then most 有风险, then most 无法计算; ties by name. */
  rows: OverviewRow[];
  others: OverviewOther[];
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const severity = (s: TargetStatus): number => TARGET_SEVERITY.indexOf(s);

function column(t: TargetReport, s: Stage): OverviewColumn {
  return {
    target: t.id,
    indicator: t.indicator,
    title: t.title,
    unit: t.unit,
    op: t.op,
    stage: t.stages.indexOf(s) + 1,
    stages: t.stages.length,
    threshold: s.value,
    display: s.display,
    by: s.by,
    due: s.due,
  };
}

/** Every court of the plan and of the data: the plan's covered courts, the rollup's, and any court with a figure. */
function courtsOf(r: PlanReport, court: TargetReport[], asOf: string): string[] {
  const all = new Set<string>([...(r.courtIdentity?.covered ?? []), ...r.courts.map((c) => c.court)]);
  for (const t of court) for (const name of Object.keys(stageInForce(t.stages, asOf).groups)) all.add(name);
  return [...all];
}

export function buildOverview(r: PlanReport): BulletinOverview {
  const asOf = r.asOf;
  const court = r.targets.filter((t) => t.scope === 'court');
  const columns = court.map((t) => column(t, stageInForce(t.stages, asOf)));
  const rows = courtsOf(r, court, asOf).map((name): OverviewRow => {
    const cells = court.map((t, k): OverviewCell => {
      const col = columns[k]!;
      const g = stageInForce(t.stages, asOf).groups[name];
      return g
        ? {
            target: t.id,
            status: g.status,
            value: g.value,
            numerator: g.numerator,
            denominator: g.denominator,
            projected: g.projected,
            stage: col.stage,
            threshold: col.threshold,
          }
        : {
            target: t.id,
            status: null,
            value: null,
            numerator: null,
            denominator: null,
            projected: null,
            stage: col.stage,
            threshold: col.threshold,
          };
    });
    const n = (s: TargetStatus): number => cells.filter((c) => c.status === s).length;
    return {
      court: name,
      cells,
      missed: n('missed'),
      atRisk: n('at risk'),
      notMeasurable: n('not measurable'),
      noData: cells.every((c) => c.status === null),
    };
  });
  rows.sort(
    (a, b) =>
      b.missed - a.missed || b.atRisk - a.atRisk || b.notMeasurable - a.notMeasurable || byName(a.court, b.court),
  );
  const others = r.targets
    .filter((t) => t.scope !== 'court')
    .map((t): OverviewOther => {
      const s = stageInForce(t.stages, asOf);
      const groups: Partial<Record<TargetStatus, number>> = {};
      for (const g of Object.values(s.groups)) groups[g.status] = (groups[g.status] ?? 0) + 1;
      const lagging = Object.entries(s.groups)
        .filter(([, g]) => g.status === 'missed' || g.status === 'at risk')
        .map(([name, g]) => ({
          name,
          status: g.status,
          value: g.value,
          numerator: g.numerator,
          denominator: g.denominator,
        }))
        .sort((a, b) => severity(a.status) - severity(b.status) || byName(a.name, b.name));
      return {
        target: t.id,
        indicator: t.indicator,
        scope: t.scope,
        status: t.status,
        stage: t.stages.indexOf(s) + 1,
        stages: t.stages.length,
        groups,
        lagging,
      };
    });
  return { plan: r.plan.title ?? r.plan.name ?? '', asOf, columns, rows, others };
}

/** Rows sorted by a column: a target's cells worst first (by status, then by value, the worse side of the
 *  threshold first), the counts of 未达标 / 有风险 most first, or the court's name; `descending` reverses.
 *  Ties by name, so the order is the same every time. */
export function sortOverviewRows(
  o: BulletinOverview,
  by: { column: number | 'court' | 'missed' | 'atRisk'; descending: boolean },
): OverviewRow[] {
  const dir = by.descending ? -1 : 1;
  const cmp = (a: OverviewRow, b: OverviewRow): number => {
    if (by.column === 'court') return byName(a.court, b.court);
    if (by.column === 'missed') return b.missed - a.missed || b.atRisk - a.atRisk;
    if (by.column === 'atRisk') return b.atRisk - a.atRisk || b.missed - a.missed;
    const higherBetter = o.columns[by.column]!.op.startsWith('>');
    const rank = (c: OverviewCell): number => (c.status === null ? TARGET_SEVERITY.length : severity(c.status));
    const worse = (c: OverviewCell): number =>
      c.value === null ? Number.MAX_VALUE : higherBetter ? c.value : -c.value;
    const x = a.cells[by.column]!,
      y = b.cells[by.column]!;
    return rank(x) - rank(y) || worse(x) - worse(y);
  };
  return [...o.rows].sort((a, b) => dir * cmp(a, b) || byName(a.court, b.court));
}
