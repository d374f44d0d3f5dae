// Evaluation work as plain data: aggregate jobs (every aggregate at one as-of date over one window) and
// rule jobs (a per-case rule over its scope). `executeJobs` runs them all in one pass over one store — the
// whole data set, or one shard in a worker — and `mergeJobResults` adds shard results into the whole
// store's dictionaries, so the result does not depend on how the data was split.
import type { IRExpr, IRRule, PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import type { Day } from '../time/calendar.js';
import { ExprCompiler, addWeekdays, forEachChild, type Fn, type FunctionTable } from './expr.js';
import type { AggregateResult, GroupSums, StaffingRow } from './aggregate.js';
import { runOnePass, type AggregateJob, type RuleFailure, type RuleJob, type RuleResult } from './one-pass.js';

export type { AggregateJob, RuleJob, RuleFailure, RuleResult } from './one-pass.js';

export interface JobResults {
  aggregates: Record<string, AggregateResult[]>;
  rules: Record<string, RuleResult>;
}

/** How many failing cases a rule result lists (all are counted). */
export const MAX_LISTED_FAILURES = 200;

/** The closures for one store: shared by all jobs over it, so memoised subexpressions are shared too. */
export function compilerFor(
  ir: PlanIR,
  store: CaseStore,
  addWorkdays: (d: Day, n: number) => Day = addWeekdays,
  functions?: FunctionTable,
): ExprCompiler {
  const rules = new Map<string, IRRule>(ir.rules.map((r) => [r.name, r]));
  const ruleFns = new Map<string, Fn>();
  const compiler: ExprCompiler = new ExprCompiler({
    store,
    courtLevels: new Map(ir.courts.map((c) => [c.fullName, c.level ?? ''])),
    addWorkdays,
    ...(functions ? { functions } : {}),
    rule: (name) => {
      let f = ruleFns.get(name);
      if (!f) {
        const conds = (rules.get(name)?.conditions ?? [])
          .filter((c) => c.severity === 'error')
          .map((c) => compiler.compile(c.expr));
        f = (c) => {
          for (const k of conds) if (k(c) !== true) return false;
          return true;
        };
        ruleFns.set(name, f);
      }
      return f;
    },
  });
  for (const ind of ir.indicators) compiler.survey(ind.expr);
  for (const r of ir.rules) for (const c of r.conditions) compiler.survey(c.expr);
  // A rule an indicator calls (`符合 R`) is also checked case by case in the same pass: its conditions
  // are computed once per case for both.
  const called = new Set<string>();
  const collect = (e: IRExpr): void => {
    if (e.op === 'passes') called.add(e.rule);
    forEachChild(e, collect);
  };
  for (const ind of ir.indicators) collect(ind.expr);
  for (const name of called) for (const c of rules.get(name)?.conditions ?? []) compiler.survey(c.expr);
  return compiler;
}

/** Runs every job in one pass over the cases (one-pass.ts). */
export function executeJobs(
  ir: PlanIR,
  store: CaseStore,
  jobs: { aggregates: AggregateJob[]; rules: RuleJob[] },
  staffing: StaffingRow[] = [],
  compiler: ExprCompiler = compilerFor(ir, store),
  /** Told the cases done of the store's (EvaluateInput.onProgress): every 1% of them, at least 1,024, and at the end. */
  onProgress?: (done: number, total: number) => void,
): JobResults {
  const out = runOnePass(ir, store, compiler, jobs, staffing, onProgress);
  for (const r of Object.values(out.rules)) r.failures = capFailures(r.failures);
  return out;
}

/** Failures in case-id order, so the listed ones do not depend on how the data was split. */
function capFailures(fs: RuleFailure[]): RuleFailure[] {
  fs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return fs.slice(0, MAX_LISTED_FAILURES);
}

/** The names a store's group numbers stand for. */
export interface Dictionaries {
  courts: string[];
  handlers: string[];
  teams: string[];
}

function emptySums(d: Dictionaries): GroupSums {
  return {
    overall: new Float64Array(1),
    court: new Float64Array(d.courts.length),
    handler: new Float64Array(d.handlers.length),
    team: new Float64Array(d.teams.length + 1),
  };
}

function addInto(
  into: GroupSums,
  from: GroupSums,
  maps: { court: Int32Array; handler: Int32Array; team: Int32Array },
): void {
  into.overall[0]! += from.overall[0]!;
  for (const kind of ['court', 'handler', 'team'] as const) {
    const m = maps[kind],
      src = from[kind],
      dst = into[kind];
    for (let g = 0; g < src.length; g++) if (src[g] !== 0) dst[m[g]!]! += src[g]!;
  }
}

/** Each shard name's number in the whole store's dictionary (-1: not there), and `extra` slots after them. */
export function indexMap(shard: string[], whole: string[], extra = 0): Int32Array {
  const pos = new Map(whole.map((s, k) => [s, k]));
  const m = new Int32Array(shard.length + extra);
  shard.forEach((s, k) => {
    m[k] = pos.get(s) ?? -1;
  });
  if (extra) m[shard.length] = whole.length; // the team "none" slot
  return m;
}

/** Adds each shard's results (in the shard's dictionaries) into results over the whole store's dictionaries. */
export function mergeJobResults(
  whole: Dictionaries,
  parts: Array<{ dict: Dictionaries; results: JobResults }>,
): JobResults {
  const out: JobResults = { aggregates: {}, rules: {} };
  for (const { dict, results } of parts) {
    const maps = {
      court: indexMap(dict.courts, whole.courts),
      handler: indexMap(dict.handlers, whole.handlers),
      team: indexMap(dict.teams, whole.teams, 1),
    };
    for (const [key, list] of Object.entries(results.aggregates)) {
      const into =
        out.aggregates[key] ??
        (out.aggregates[key] = list.map((r) => ({ key: r.key, sum: emptySums(whole), n: emptySums(whole) })));
      list.forEach((r, k) => {
        addInto(into[k]!.sum, r.sum, maps);
        addInto(into[k]!.n, r.n, maps);
      });
    }
    for (const [key, r] of Object.entries(results.rules)) {
      const into = out.rules[key];
      if (!into) {
        out.rules[key] = { ...r, byCondition: { ...r.byCondition }, failures: [...r.failures] };
        continue;
      }
      into.checked += r.checked;
      into.failed += r.failed;
      into.warned += r.warned;
      for (const [c, n] of Object.entries(r.byCondition)) into.byCondition[c] = (into.byCondition[c] ?? 0) + n;
      into.failures = capFailures([...into.failures, ...r.failures]);
    }
  }
  return out;
}
