// Test coverage of a plan: which rules, rule conditions, targets and milestones no test exercised.
// - a target or milestone is exercised by a test that checks it (target, replay, milestone tests);
// - a rule by a rule test, or by a test of an indicator or target whose definition uses it (符合 R);
// - a condition when some fixture case fails it and some fixture case passes it (both sides seen).
// Rules counted are the plan's own and those it uses (a task's 检查, an indicator of a target).
import type { IRExpr, PlanIR } from '../ir/types.js';
import { forEachChild } from '../eval/expr.js';
import { formatDay, parseIsoDay } from '../time/calendar.js';
import type { BoundFile } from './bind.js';
import type { FileResult } from './run.js';
import { RuleJudge } from './verdict.js';

export type CoverageKind = 'rule' | 'condition' | 'target' | 'milestone';

export interface CoverageItem {
  plan: string;
  kind: CoverageKind;
  /** Rule, `rule.condition`, target id or milestone id. */
  name: string;
  exercised: boolean;
  /** Why not, for a condition: which side no fixture case showed. */
  note: string | null;
}

export interface Coverage {
  items: CoverageItem[];
  total: number;
  exercised: number;
  /** exercised / total × 100 (100 when there is nothing to cover). */
  percent: number;
}

export interface CoveredFile {
  bound: BoundFile;
  plan: string;
  libraryFiles: ReadonlySet<string>;
  result: FileResult;
}

/** Rules an expression uses (through 符合 R), transitively through other rules' conditions. */
export function rulesUsed(ir: PlanIR, e: IRExpr, out = new Set<string>()): Set<string> {
  const walk = (x: IRExpr): void => {
    if (x.op === 'passes' && !out.has(x.rule)) {
      out.add(x.rule);
      const r = ir.rules.find((y) => y.name === x.rule);
      if (r) {
        if (r.applies) walk(r.applies);
        for (const c of r.conditions) walk(c.expr);
      }
    }
    forEachChild(x, walk);
  };
  walk(e);
  return out;
}

export function coverageOf(files: readonly CoveredFile[]): Coverage {
  const byPlan = new Map<string, CoveredFile[]>();
  for (const f of files) byPlan.set(f.plan, [...(byPlan.get(f.plan) ?? []), f]);
  const items: CoverageItem[] = [];
  for (const [plan, group] of [...byPlan].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ir = group[0]!.bound.ir;
    const lib = group[0]!.libraryFiles;
    const indicatorRules = (name: string): Set<string> => {
      const ind = ir.indicators.find((i) => i.name === name);
      return ind ? rulesUsed(ir, ind.expr) : new Set();
    };
    const inScope = new Set<string>();
    for (const r of ir.rules) if (!lib.has(r.source.file)) inScope.add(r.name);
    for (const t of ir.tasks) for (const c of t.checks) inScope.add(c.rule);
    for (const t of ir.targets) for (const r of indicatorRules(t.indicator)) inScope.add(r);

    const ran = new Set<string>();
    const rulesHit = new Set<string>(),
      targetsHit = new Set<string>(),
      milestonesHit = new Set<string>();
    const tally = new Map<string, { passed: number; failed: number }>();
    for (const f of group) {
      for (const r of f.result.results) if (r.status !== 'skipped') ran.add(`${r.file}:${r.line}:${r.col}`);
      for (const t of f.bound.tests) {
        if (!ran.has(`${f.bound.model.file}:${t.spec.loc.line}:${t.spec.loc.col}`)) continue;
        const c = t.check;
        if (c.kind === 'rule') rulesHit.add(c.rule);
        if (c.kind === 'indicator') for (const r of indicatorRules(c.indicator)) rulesHit.add(r);
        if (c.kind === 'target' || c.kind === 'replay') {
          targetsHit.add(c.target);
          const t2 = ir.targets.find((x) => x.id === c.target);
          if (t2) for (const r of indicatorRules(t2.indicator)) rulesHit.add(r);
        }
        if (c.kind === 'milestone') milestonesHit.add(c.milestone);
      }
      const store = f.bound.fixtures.store;
      if (store.n === 0) continue;
      const judge = new RuleJudge(ir, store);
      const asOf = latestDate(ir, store);
      for (const rule of inScope) {
        if (!ir.rules.some((r) => r.name === rule)) continue;
        for (const [cond, n] of Object.entries(judge.conditionTally(rule, asOf))) {
          const k = `${rule}.${cond}`;
          const prev = tally.get(k) ?? { passed: 0, failed: 0 };
          tally.set(k, { passed: prev.passed + n.passed, failed: prev.failed + n.failed });
        }
      }
    }
    for (const r of ir.rules.filter((x) => inScope.has(x.name))) {
      items.push({ plan, kind: 'rule', name: r.name, exercised: rulesHit.has(r.name), note: null });
      for (const c of r.conditions) {
        const n = tally.get(`${r.name}.${c.name}`) ?? { passed: 0, failed: 0 };
        const note =
          n.passed > 0 && n.failed > 0
            ? null
            : n.passed === 0 && n.failed === 0
              ? "没有适用的夹具案件 / no fixture case in the rule's scope"
              : n.failed === 0
                ? '没有夹具案件不满足它 / no fixture case fails it'
                : '没有夹具案件满足它 / no fixture case passes it';
        items.push({ plan, kind: 'condition', name: `${r.name}.${c.name}`, exercised: note === null, note });
      }
    }
    for (const t of ir.targets)
      items.push({ plan, kind: 'target', name: t.id, exercised: targetsHit.has(t.id), note: null });
    for (const t of ir.tasks)
      for (const m of t.milestones)
        items.push({ plan, kind: 'milestone', name: m.id, exercised: milestonesHit.has(m.id), note: null });
  }
  const exercised = items.filter((i) => i.exercised).length;
  return {
    items,
    total: items.length,
    exercised,
    percent: items.length === 0 ? 100 : (exercised / items.length) * 100,
  };
}

/** The as-of date at which every fixture is visible: the later of the plan's end and the last fixture date. */
function latestDate(ir: PlanIR, store: BoundFile['fixtures']['store']): string {
  let max = parseIsoDay(ir.plan.period?.to ?? '1900-01-01')!;
  for (let i = 0; i < store.n; i++) {
    max = Math.max(max, store.filed[i]!);
    if (store.closed[i]! > max) max = store.closed[i]!;
  }
  for (let k = 0; k < store.evDate.length; k++) if (store.evDate[k]! > max) max = store.evDate[k]!;
  return formatDay(max);
}
