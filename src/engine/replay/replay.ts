// Replay: every indicator, target and milestone at each step of a date range, computed incrementally.
//
// A case's contribution to an aggregate is a step function of the as-of date T: it can change only on a
// *critical day* of that case — the days its facts become visible (filed, closed, each event) and the days
// a comparison against T flips (`立案日期 + 3日 <= 截至日` flips on filed + 3; `日期 在 窗口` on the date
// itself). Those days are found from the IR, per case. Each case is evaluated once where it starts to
// count and then only at the steps holding one of its critical days; the differences are added to
// per-step deltas and a prefix sum gives every step. Cost: cases' critical days × aggregates, plus
// steps × aggregates — not steps × cases. An expression that depends on T in a way not recognised
// makes its window fall back to evaluating every case at every step (correct, slower; `method` says so).
import type { IRExpr, IRWindow, PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import type { ProgressReport, StaffingRecord } from '../data/record.js';
import type { MilestoneStatus, TargetStatus } from '../report/model.js';
import {
  NO_DAY,
  dayOf,
  endOfMonth,
  endOfYear,
  formatDay,
  parseIsoDay,
  yearOf,
  civilOf,
  type Day,
} from '../time/calendar.js';
import { Cursor, forEachChild, usesEvent, type ExprCompiler, type Fn, type FunctionTable } from '../eval/expr.js';
import {
  collectAggregates,
  memberValue,
  runAggregates,
  type AggregateNode,
  type AggregateResult,
  type GroupSums,
  type StaffingRow,
} from '../eval/aggregate.js';
import { compilerFor } from '../eval/jobs.js';
import { figureOf, planBool } from '../eval/figures.js';
import { planWindow, stageWindow, windowAt } from '../eval/window.js';
import { identifyStaffing, TREND_DAYS } from '../eval/plan-jobs.js';
import { project } from '../eval/targets.js';
import { DUE_SOON_DAYS, milestoneStatus, stageInForce, targetStatus, worstStatus } from '../eval/status.js';
import { identifyCourts, type CourtIdentity, type CourtOptions } from '../data/identity.js';
import { byName } from '../report/groups.js';
import { timed, type Metrics } from '../pipeline/metrics.js';
import type { ReplayResult, ReplaySeries, Step } from './types.js';
import { replayScores } from '../scoring/replay.js';

export interface ReplayInput {
  ir: PlanIR;
  store: CaseStore;
  from: string;
  to: string;
  step: Step;
  progress?: readonly ProgressReport[];
  staffing?: readonly StaffingRecord[];
  /** Calendar for working days (a plugin); default Monday–Friday. */
  addWorkdays?: (day: Day, n: number) => Day;
  /** Plugins' functions, for plans that call them. */
  functions?: FunctionTable;
  /** Court aliases and unmatched courts (luoshi.config.yaml `courts`), as for an evaluation. */
  courts?: CourtOptions;
  /** Days before a deadline that count as "due soon", as for an evaluation. */
  dueSoonDays?: number;
  /** Records each stage's time (`--metrics`); nothing is timed without it. */
  metrics?: Metrics;
}

export class ReplayError extends Error {}

/** The as-of dates of a replay: every day; every 7th day; each month's end — always ending on `to`. */
export function stepDates(from: Day, to: Day, step: Step): Day[] {
  if (to < from) throw new ReplayError(`replay range is backwards: ${formatDay(from)} > ${formatDay(to)}`);
  const out: Day[] = [];
  if (step === 'day') for (let d = from; d <= to; d++) out.push(d);
  else if (step === 'week') for (let d = from + 6; d <= to; d += 7) out.push(d);
  else {
    const { y, m } = civilOf(from);
    for (let k = 0; ; k++) {
      const total = y * 12 + (m - 1) + k;
      const e = endOfMonth(Math.floor(total / 12), (total % 12) + 1);
      if (e > to) break;
      out.push(e);
    }
  }
  if (out.length === 0 || out[out.length - 1] !== to) out.push(to);
  return out;
}

// ---------------------------------------------------------------- critical days

interface Critical {
  expr: IRExpr;
  event: boolean;
  shift: 0 | 1;
}
interface CriticalSet {
  exprs: Critical[];
  exhaustive: boolean;
}

const isT = (ir: IRExpr): boolean => ir.op === 'window' && (ir.which === 'end' || ir.which === 'asOf');

function dependsOnT(ir: IRExpr): boolean {
  if (isT(ir) || ir.op === 'inWindow') return true;
  let dep = false;
  forEachChild(ir, (c) => {
    if (dependsOnT(c)) dep = true;
  });
  return dep;
}

/** The expressions whose value, per case (or per event), is a day on which a comparison with T flips. */
function criticalExpressions(roots: IRExpr[], rules: ReadonlyMap<string, IRExpr[]>): CriticalSet {
  const exprs: Critical[] = [];
  const rulesWalked = new Set<string>();
  let exhaustive = true;
  const seen = new Set<string>();
  const add = (expr: IRExpr, event: boolean, shift: 0 | 1) => {
    if (expr.op === 'lit') return; // a constant flips on a constant day: covered by the step itself
    const k = `${JSON.stringify(expr)}|${event}|${shift}`;
    if (!seen.has(k)) {
      seen.add(k);
      exprs.push({ expr, event, shift });
    }
  };
  const walk = (ir: IRExpr, event: boolean): void => {
    switch (ir.op) {
      case 'cmp': {
        const l = dependsOnT(ir.left),
          r = dependsOnT(ir.right);
        if (l && r) {
          exhaustive = false;
          return;
        }
        if (l || r) {
          const tSide = l ? ir.left : ir.right,
            other = l ? ir.right : ir.left;
          if (!isT(tSide)) {
            exhaustive = false;
            return;
          }
          // X <= T flips on X, X < T on X + 1 (either side): add both, an extra day costs little.
          add(other, event || usesEvent(other), 0);
          add(other, event || usesEvent(other), 1);
          walk(other, event);
          return;
        }
        break;
      }
      case 'inWindow':
        add(ir.subject, event || usesEvent(ir.subject), 0);
        walk(ir.subject, event);
        return;
      case 'inRange':
        if (dependsOnT(ir.from) || dependsOnT(ir.to)) {
          if (dependsOnT(ir.from) || !isT(ir.to)) {
            exhaustive = false;
            return;
          }
          add(ir.subject, event || usesEvent(ir.subject), 0);
        }
        break;
      case 'has':
      case 'eventCount':
        if (ir.where) walk(ir.where, true);
        return;
      case 'passes':
        // `符合 R` depends on T wherever R's conditions do (per case, as R is evaluated for the case).
        if (!rulesWalked.has(ir.rule)) {
          rulesWalked.add(ir.rule);
          for (const c of rules.get(ir.rule) ?? []) walk(c, false);
        }
        return;
      case 'count':
      case 'sum':
      case 'mean':
        for (const w of ir.set.where) walk(w, ir.set.domain === 'event');
        if (ir.op !== 'count') walk(ir.value, ir.set.domain === 'event');
        return;
      default:
        if (isT(ir)) {
          exhaustive = false;
          return;
        } // T used as a value (not compared): recompute every step
        break;
    }
    forEachChild(ir, (c) => walk(c, event));
  };
  for (const r of roots) walk(r, false);
  return { exprs, exhaustive };
}

// ---------------------------------------------------------------- dependencies

/** What an expression reads that becomes visible over time: event types, and whether the closure. */
interface Deps {
  types: Set<string>;
  closed: boolean;
}

function depsOf(
  ir: IRExpr,
  rules: ReadonlyMap<string, IRExpr[]>,
  out: Deps = { types: new Set(), closed: false },
  seen = new Set<string>(),
): Deps {
  switch (ir.op) {
    case 'field':
      if (ir.name === 'closed' || ir.name === 'closure') out.closed = true;
      break;
    case 'has':
    case 'eventCount':
    case 'followedBy':
      for (const t of ir.types) out.types.add(t);
      break;
    case 'first':
      out.types.add(ir.type);
      break;
    case 'passes':
      if (!seen.has(ir.rule)) {
        seen.add(ir.rule);
        for (const c of rules.get(ir.rule) ?? []) depsOf(c, rules, out, seen);
      }
      break;
    case 'count':
    case 'sum':
    case 'mean':
      if (ir.set.domain === 'event') for (const t of ir.set.types) out.types.add(t);
      break;
    default:
      break;
  }
  forEachChild(ir, (c) => depsOf(c, rules, out, seen));
  return out;
}

// ---------------------------------------------------------------- one window's incremental pass

interface Slot {
  node: AggregateNode;
  where: Fn[];
  value: Fn | null;
  types: Uint8Array | null;
  /** Event type codes whose events' visibility can change this aggregate. */
  watch: Uint8Array;
  closed: boolean;
  /** Its T-compared expressions, each with what that expression itself reads. */
  crit: Array<{ f: Fn; shift: number; event: boolean; watch: Uint8Array; closed: boolean; fixed: boolean }>;
}

function typeCodes(store: CaseStore, types: Set<string>): Uint8Array {
  const m = new Uint8Array(Math.max(1, store.eventTypes.length));
  for (let k = 0; k < store.eventTypes.length; k++) if (types.has(store.eventTypes[k]!)) m[k] = 1;
  return m;
}

/**
 * Per-point sums of every node over one fixed window, at as-of dates `points` (sorted). Groups: overall
 * and each court (replay series are shown per court). One window's pass goes case by case: the sums are additive over cases, so the pass can run in slices
 * (`run(lo, hi)` for consecutive case ranges) with a yield between them — the workbench's worker answers
 * an as-of move between two slices instead of after the whole window. `result()` once, at the end.
 */
export interface WindowPass {
  run(lo: number, hi: number): void;
  result(): { perPoint: Array<Map<string, AggregateResult>>; exhaustive: boolean };
}

function windowPass(
  store: CaseStore,
  compiler: ExprCompiler,
  nodes: AggregateNode[],
  points: Day[],
  win: { from: Day; to: Day },
  rules: ReadonlyMap<string, IRExpr[]>,
  staffing: StaffingRow[],
): WindowPass {
  const m = points.length,
    C = store.courts.length,
    G = 1 + C;
  const caseNodes = nodes.filter((n) => n.set.domain !== 'staffing');
  let exhaustive = true;
  const slots: Slot[] = caseNodes.map((node) => {
    const asIR = (
      node.op === 'count' ? { op: 'count', set: node.set } : { op: node.op, set: node.set, value: node.value! }
    ) as IRExpr;
    const found = criticalExpressions([asIR], rules);
    exhaustive &&= found.exhaustive;
    const d = depsOf(asIR, rules);
    const types = node.set.domain === 'event' ? typeCodes(store, new Set(node.set.types)) : null;
    return {
      node,
      types,
      where: node.set.where.map((w) => compiler.compile(w)),
      value: node.value ? compiler.compile(node.value) : null,
      watch: typeCodes(store, d.types),
      closed: d.closed,
      crit: found.exprs.map((c) => {
        const cd = depsOf(c.expr, rules);
        return {
          f: compiler.compile(c.expr),
          shift: c.shift,
          event: c.event,
          watch: typeCodes(store, cd.types),
          closed: cd.closed,
          fixed: cd.types.size === 0 && !cd.closed,
        };
      }),
    };
  });
  const S = slots.length;
  const dSum = new Float64Array(S * G * m),
    dN = new Float64Array(S * G * m);
  const prevSum = new Float64Array(S),
    prevN = new Float64Array(S);
  const last = points[m - 1]!;
  const cursor = new Cursor(store, last, win.from, Math.min(last, win.to), win.to);
  const pointOf = (day: Day): number => {
    let lo = 0,
      hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (points[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** The contribution of the case under the cursor to slot a. */
  const contribution = (a: number): [number, number] => {
    const sl = slots[a]!;
    if (!sl.types) {
      const v = memberValue(sl, cursor);
      return v === null ? [0, 0] : [v, 1];
    }
    let sum = 0,
      n = 0;
    for (let k = store.evStart[cursor.i]!; k < cursor.evEnd; k++) {
      if (sl.types[store.evType[k]!] !== 1) continue;
      cursor.e = k;
      const v = memberValue(sl, cursor);
      if (v !== null) {
        sum += v;
        n++;
      }
    }
    cursor.e = -1;
    return [sum, n];
  };
  // (point, slot) pairs to evaluate for the current case, encoded point * S + slot.
  let pairs = new Int32Array(1024);
  let np = 0;
  const push = (k: number, a: number) => {
    if (np === pairs.length) {
      const p = new Int32Array(pairs.length * 2);
      p.set(pairs);
      pairs = p;
    }
    pairs[np++] = k * S + a;
  };
  // Who must be re-evaluated when: computed once per window, so each case's scan touches each fact once.
  const T = store.eventTypes.length;
  const watchers: number[][] = Array.from({ length: T }, () => []);
  const closedSlots: number[] = [];
  slots.forEach((sl, a) => {
    for (let t = 0; t < T; t++) if (sl.watch[t] === 1) watchers[t]!.push(a);
    if (sl.closed) closedSlots.push(a);
  });
  const critList: Array<Slot['crit'][number] & { slots: number[] }> = [];
  slots.forEach((sl, a) => {
    for (const c of sl.crit) {
      const got = critList.find((x) => x.f === c.f && x.shift === c.shift);
      if (got) got.slots.push(a);
      else critList.push({ ...c, slots: [a] });
    }
  });
  let p0 = 0,
    caseI = 0;
  let targets: number[] = [];
  const at = (d: number): void => {
    if (d === NO_DAY || Number.isNaN(d) || d <= p0 || d > last) return;
    const k = pointOf(d);
    for (const a of targets) push(k, a);
  };
  const readAt = (f: Fn, shift: number, t: Day): void => {
    cursor.setAsOf(t);
    if (cursor.i !== caseI) cursor.moveTo(caseI);
    const v = f(cursor);
    if (typeof v === 'number') at(v + shift);
  };
  const run = (lo: number, hi: number): void => {
    for (let i = lo; i < hi; i++) {
      const filed = store.filed[i]!;
      if (filed > last) continue;
      const court = store.court[i]!;
      const k0 = pointOf(filed);
      p0 = points[k0]!;
      caseI = i;
      np = 0;
      const closed = store.closed[i]!;
      const evLo = store.evStart[i]!,
        evHi = store.evStart[i + 1]!;
      cursor.i = -1;
      for (let a = 0; a < S; a++) push(k0, a);
      if (!exhaustive) {
        for (let k = k0 + 1; k < m; k++) for (let a = 0; a < S; a++) push(k, a);
      } else {
        if (closed !== NO_DAY) {
          targets = closedSlots;
          at(closed);
        }
        for (let k = evLo; k < evHi; k++) {
          targets = watchers[store.evType[k]!]!;
          if (targets.length) at(store.evDate[k]!);
        }
        for (const c of critList) {
          targets = c.slots;
          if (c.event) {
            if (cursor.i !== i || cursor.asOf !== last) {
              cursor.setAsOf(last);
              cursor.moveTo(i);
            }
            for (let k = evLo; k < cursor.evEnd; k++) {
              cursor.e = k;
              const v = c.f(cursor);
              if (typeof v === 'number') at(v + c.shift);
            }
            cursor.e = -1;
            continue;
          }
          // A T-compared value is re-read after each fact it depends on becomes visible.
          readAt(c.f, c.shift, last);
          if (c.fixed) continue;
          readAt(c.f, c.shift, filed);
          if (c.closed && closed !== NO_DAY && closed <= last) readAt(c.f, c.shift, closed);
          for (let k = evLo; k < evHi; k++)
            if (c.watch[store.evType[k]!] === 1 && store.evDate[k]! <= last) readAt(c.f, c.shift, store.evDate[k]!);
        }
      }
      const sorted = pairs.subarray(0, np).sort();
      prevSum.fill(0);
      prevN.fill(0);
      let curK = -1,
        prevPair = -1;
      for (let q = 0; q < np; q++) {
        const pr = sorted[q]!;
        if (pr === prevPair) continue;
        prevPair = pr;
        const k = (pr / S) | 0,
          a = pr - k * S;
        if (k !== curK) {
          curK = k;
          cursor.setAsOf(points[k]!);
          cursor.moveTo(i);
        }
        const [cs, cn] = contribution(a);
        const ds = cs - prevSum[a]!,
          dn = cn - prevN[a]!;
        if (ds === 0 && dn === 0) continue;
        prevSum[a] = cs;
        prevN[a] = cn;
        const base = a * G * m;
        dSum[base + k]! += ds;
        dN[base + k]! += dn;
        const cb = (a * G + 1 + court) * m;
        dSum[cb + k]! += ds;
        dN[cb + k]! += dn;
      }
    }
  };
  const result = (): { perPoint: Array<Map<string, AggregateResult>>; exhaustive: boolean } => {
    // Prefix sums turn deltas into values per point.
    for (let r = 0; r < S * G; r++) {
      const b = r * m;
      for (let k = 1; k < m; k++) {
        dSum[b + k]! += dSum[b + k - 1]!;
        dN[b + k]! += dN[b + k - 1]!;
      }
    }
    const perPoint: Array<Map<string, AggregateResult>> = [];
    const staffNodes = nodes.filter((nd) => nd.set.domain === 'staffing');
    for (let k = 0; k < m; k++) {
      const res = new Map<string, AggregateResult>();
      slots.forEach((sl, a) => {
        const sum = groupSums(store),
          n = groupSums(store);
        sum.overall[0] = dSum[a * G * m + k]!;
        n.overall[0] = dN[a * G * m + k]!;
        for (let c = 0; c < C; c++) {
          sum.court[c] = dSum[(a * G + 1 + c) * m + k]!;
          n.court[c] = dN[(a * G + 1 + c) * m + k]!;
        }
        res.set(sl.node.key, { key: sl.node.key, sum, n });
      });
      if (staffNodes.length) {
        const sr = runAggregates(
          store,
          compiler,
          staffNodes,
          points[k]!,
          win.from,
          Math.min(points[k]!, win.to),
          staffing,
        );
        for (const [key, r] of sr) res.set(key, r);
      }
      perPoint.push(res);
    }
    return { perPoint, exhaustive };
  };
  return { run, result };
}

function groupSums(store: CaseStore): GroupSums {
  return {
    overall: new Float64Array(1),
    court: new Float64Array(store.courts.length),
    handler: new Float64Array(0),
    team: new Float64Array(0),
  };
}

// ---------------------------------------------------------------- the plan's replay

/** One window's replay work, as plain data (it crosses to worker threads). */
export interface ReplayWindowJob {
  key: string;
  from: Day;
  to: Day;
  points: Day[];
  nodes: AggregateNode[];
}
/** Per window: sums per point, per node (in the job's node order). */
export type ReplaySums = Record<string, { perPoint: AggregateResult[][]; exhaustive: boolean }>;

export interface PreparedReplay {
  /** The cases as the plan sees them (court identity applied). */
  store: CaseStore;
  identity: CourtIdentity;
  windowJobs: ReplayWindowJob[];
  staffing: StaffingRow[];
  assemble(sums: ReplaySums): ReplayResult & { method: string };
}

export function executeReplayWindows(
  ir: PlanIR,
  store: CaseStore,
  jobs: ReplayWindowJob[],
  staffing: StaffingRow[],
  compiler: ExprCompiler = compilerFor(ir, store),
): ReplaySums {
  const out: ReplaySums = {};
  for (const j of jobs) {
    const pass = windowJobPass(ir, store, j, staffing, compiler);
    pass.run(0, store.n);
    out[j.key] = pass.sums();
  }
  return out;
}

/** One window job's pass, to run in case slices (see WindowPass); `executeReplayWindows` runs it whole. */
export function windowJobPass(
  ir: PlanIR,
  store: CaseStore,
  job: ReplayWindowJob,
  staffing: StaffingRow[],
  compiler: ExprCompiler,
): { run(lo: number, hi: number): void; sums(): ReplaySums[string] } {
  const rules = new Map(
    ir.rules.map((r) => [r.name, r.conditions.filter((c) => c.severity === 'error').map((c) => c.expr)]),
  );
  const pass = windowPass(store, compiler, job.nodes, job.points, { from: job.from, to: job.to }, rules, staffing);
  return {
    run: (lo, hi) => pass.run(lo, hi),
    sums: () => {
      const r = pass.result();
      return { exhaustive: r.exhaustive, perPoint: r.perPoint.map((m) => job.nodes.map((n) => m.get(n.key)!)) };
    },
  };
}

/** Replays a plan here, over the whole store. */
export function replayPlan(input: ReplayInput): ReplayResult & { method: string } {
  const prepared = prepareReplay({ ...input, execute: false });
  const compiler = compilerFor(input.ir, prepared.store, input.addWorkdays, input.functions);
  return prepared.assemble(
    timed(input.metrics, 'replay windows', () =>
      executeReplayWindows(input.ir, prepared.store, prepared.windowJobs, prepared.staffing, compiler),
    ),
  );
}

/** The windows of a replay (timed as 'replay plan'), and how to assemble its series once they have run ('replay assemble'). */
export function prepareReplay(input: ReplayInput & { execute?: boolean }): PreparedReplay {
  const { metrics } = input;
  const prepared = timed(metrics, 'replay plan', () => planReplay(input));
  return { ...prepared, assemble: (sums) => timed(metrics, 'replay assemble', () => prepared.assemble(sums)) };
}

function planReplay(input: ReplayInput & { execute?: boolean }): PreparedReplay {
  const { ir } = input;
  const { store, identity } = identifyCourts(ir, input.store, input.courts);
  const from0 = parseIsoDay(input.from),
    to0 = parseIsoDay(input.to);
  if (from0 === null || to0 === null) throw new ReplayError(`invalid replay range ${input.from} – ${input.to}`);
  const from: Day = from0,
    to: Day = to0;
  const steps = stepDates(from, to, input.step);
  const staffing: StaffingRow[] = identifyStaffing(ir, input.staffing ?? [], identity, input.courts);
  const period = planWindow(ir);
  const nodesOf = (exprs: IRExpr[]): AggregateNode[] => {
    const mm = new Map<string, AggregateNode>();
    for (const e of exprs) collectAggregates(e, mm);
    return [...mm.values()];
  };

  // Windows: the plan's, each explicit period, and each calendar year of a yearly target.
  const deadlines = ir.targets
    .flatMap((t) => t.stages.map((s) => (s.by ? parseIsoDay(s.by)! : null)))
    .filter((d): d is Day => d !== null && d <= to);
  const trendDay = to - TREND_DAYS;
  const points = [...new Set([...steps, ...deadlines, ...(trendDay >= from ? [trendDay] : [])])].sort((a, b) => a - b);
  const windows = new Map<string, { win: { from: Day; to: Day }; exprs: IRExpr[]; points: Day[] }>();
  const windowFor = (w: IRWindow, exprs: IRExpr[], at: Day[]) => {
    const groups: Array<{ win: { from: Day; to: Day }; at: Day[] }> = [];
    if (w.kind === 'plan') groups.push({ win: period, at });
    else if (w.kind === 'period') groups.push({ win: windowAt(ir, w, from), at });
    else
      for (const y of [...new Set(at.map(yearOf))])
        groups.push({ win: { from: dayOf(y, 1, 1), to: endOfYear(y) }, at: at.filter((d) => yearOf(d) === y) });
    for (const g of groups) {
      const key = `${g.win.from}|${g.win.to}`;
      const entry = windows.get(key) ?? { win: g.win, exprs: [], points: [] };
      entry.exprs.push(...exprs);
      entry.points = [...new Set([...entry.points, ...g.at])].sort((a, b) => a - b);
      windows.set(key, entry);
    }
  };
  windowFor(
    { kind: 'plan', from: null, to: null },
    [
      ...ir.indicators.map((i) => i.expr),
      ...ir.tasks.flatMap((t) => t.milestones.flatMap((m) => (m.condition ? [m.condition.expr] : []))),
    ],
    points,
  );
  for (const t of ir.targets) {
    const ind = ir.indicators.find((i) => i.name === t.indicator);
    const own = [
      ...new Map(
        t.stages
          .map((st) => stageWindow(t, st))
          .filter((w) => w.kind !== 'plan')
          .map((w) => [JSON.stringify(w), w]),
      ).values(),
    ];
    if (ind) for (const w of own) windowFor(w, [ind.expr], points);
  }
  // A stage not yet due is judged on its projection (eval/evaluate.ts): each step also needs the value
  // TREND_DAYS earlier, in the window of that step.
  for (const t of ir.targets) {
    const last = t.stages.reduce<Day | null>((m, s) => (s.by ? parseIsoDay(s.by)! : m), null);
    for (const d of steps) {
      if (last === null || last <= d) continue;
      const win = windowAt(ir, stageWindow(t, stageInForce(t.stages, formatDay(d))), d);
      const entry = windows.get(`${win.from}|${win.to}`);
      if (entry && !entry.points.includes(d - TREND_DAYS))
        entry.points = [...entry.points, d - TREND_DAYS].sort((a, b) => a - b);
    }
  }
  const windowJobs: ReplayWindowJob[] = [...windows].map(([key, w]) => ({
    key,
    from: w.win.from,
    to: w.win.to,
    points: w.points,
    nodes: nodesOf(w.exprs),
  }));
  return { store, identity, windowJobs, staffing, assemble: (sums: ReplaySums) => assembleReplay(sums) };

  function assembleReplay(sums: ReplaySums): ReplayResult & { method: string } {
    let exhaustiveAll = true;
    const results = new Map<
      string,
      { nodes: Map<string, AggregateNode>; at: Map<Day, Map<string, AggregateResult>> }
    >();
    for (const job of windowJobs) {
      const r = sums[job.key]!;
      exhaustiveAll &&= r.exhaustive;
      results.set(job.key, {
        nodes: new Map(job.nodes.map((n) => [n.key, n])),
        at: new Map(job.points.map((d, k) => [d, new Map(job.nodes.map((n, a) => [n.key, r.perPoint[k]![a]!]))])),
      });
    }
    const planKey = `${period.from}|${period.to}`;
    const planRes = results.get(planKey)!;
    const resultAt = (w: IRWindow, day: Day) => {
      const win = windowAt(ir, w, day);
      const r = results.get(`${win.from}|${win.to}`)!;
      return { res: r.at.get(day)!, nodes: r.nodes, at: r.at };
    };

    const series = (expr: IRExpr, kind: 'overall' | 'court', g: number): ReplaySeries => {
      const s: ReplaySeries = { values: [], numerators: [], denominators: [] };
      for (const d of steps) {
        const f = figureOf(expr, planRes.at.get(d)!, planRes.nodes, kind, g);
        s.values.push(f.value);
        s.numerators.push(f.numerator);
        s.denominators.push(f.denominator);
      }
      return s;
    };
    const indicators: ReplayResult['indicators'] = ir.indicators.map((ind) => {
      const courts = byName<ReplaySeries>();
      store.courts.forEach((c, g) => {
        courts[c] = series(ind.expr, 'court', g);
      });
      return { name: ind.name, title: ind.title, unit: ind.unit, overall: series(ind.expr, 'overall', 0), courts };
    });

    const planCourts = new Set(
      ir.plan.courts.map((n) => ir.courts.find((c) => c.name === n)?.fullName).filter((x): x is string => !!x),
    );
    const targets: ReplayResult['targets'] = ir.targets.map((t) => {
      const ind = ir.indicators.find((i) => i.name === t.indicator)!;
      const courtIdx =
        t.scope.kind === 'court'
          ? store.courts.map((c, g) => ({ c, g })).filter((x) => planCourts.size === 0 || planCourts.has(x.c))
          : [];
      const statusAt = (d: Day, kind: 'overall' | 'court', g: number): { status: TargetStatus; threshold: number } => {
        const stage = stageInForce(t.stages, formatDay(d));
        const by = stage.by ? parseIsoDay(stage.by)! : null;
        const due = by !== null && by <= d;
        // A due stage is measured on its deadline (even before --from), over its own window.
        const at = due ? by! : d;
        const r = resultAt(stageWindow(t, stage), at);
        const v = r.res ? figureOf(ind.expr, r.res, r.nodes, kind, g).value : null;
        if (due || by === null || v === null)
          return { status: targetStatus(v, t.op, stage.value, due), threshold: stage.value };
        const pastRes = r.at.get(d - TREND_DAYS);
        const past = pastRes ? figureOf(ind.expr, pastRes, r.nodes, kind, g).value : null;
        return {
          status: targetStatus(project(v, past, by - d, ind.dimension === 'ratio'), t.op, stage.value, false),
          threshold: stage.value,
        };
      };
      const statuses: TargetStatus[] = [],
        thresholds: number[] = [];
      const courts = byName<TargetStatus[]>();
      for (const { c } of courtIdx) courts[c] = [];
      for (const d of steps) {
        if (t.scope.kind === 'court') {
          const list = courtIdx.map(({ c, g }) => {
            const s = statusAt(d, 'court', g);
            courts[c]!.push(s.status);
            return s;
          });
          statuses.push(worstStatus(list.map((x) => x.status)));
          thresholds.push(list[0]?.threshold ?? t.stages[0]!.value);
        } else {
          const s = statusAt(d, 'overall', 0);
          statuses.push(s.status);
          thresholds.push(s.threshold);
        }
      }
      const firstOf = (st: TargetStatus) => {
        const k = statuses.indexOf(st);
        return k < 0 ? null : formatDay(steps[k]!);
      };
      const lastStage = t.stages.find((s) => s.by === null || parseIsoDay(s.by)! > to) ?? null;
      let projection: ReplayResult['targets'][number]['projection'] = null;
      if (lastStage && lastStage.by && t.scope.kind === 'overall') {
        const w = stageWindow(t, lastStage);
        const now = figureOf(ind.expr, resultAt(w, to).res, resultAt(w, to).nodes, 'overall', 0).value;
        const pastR = trendDay >= from ? resultAt(w, trendDay) : null;
        const past = pastR && pastR.res ? figureOf(ind.expr, pastR.res, pastR.nodes, 'overall', 0).value : null;
        const deadline = parseIsoDay(lastStage.by)!;
        const value = now === null ? null : project(now, past, deadline - to, ind.dimension === 'ratio');
        projection = {
          deadline: lastStage.by,
          value,
          method:
            past === null
              ? '按当前值持平推算 / current value held'
              : `按近 ${TREND_DAYS} 日趋势线性外推 / linear trend of the last ${TREND_DAYS} days`,
          status: targetStatus(value, t.op, lastStage.value, false),
        };
      }
      return {
        id: t.id,
        indicator: t.indicator,
        unit: ind.unit,
        op: t.op,
        scope: t.scope.kind,
        thresholds,
        statuses,
        courts,
        deadlines: t.stages.map((s) => s.by).filter((x): x is string => x !== null),
        firstMet: firstOf('met'),
        firstMissed: firstOf('missed'),
        projection,
      };
    });

    const progress = input.progress ?? [];
    const soon = input.dueSoonDays ?? DUE_SOON_DAYS;
    const milestones: ReplayResult['milestones'] = ir.tasks.flatMap((task) =>
      task.milestones.map((m) => {
        const due = parseIsoDay(m.due)!;
        const reported = progress
          .filter(
            (p) => p.task === task.id && (p.milestone === m.name || p.milestone === m.text || p.milestone === m.id),
          )
          .map((p) => parseIsoDay(p.done))
          .filter((d): d is Day => d !== null);
        let done: Day | null = reported.length ? Math.min(...reported) : null;
        if (m.condition) {
          const k = points.findIndex((d) =>
            condHolds(m.condition!.expr, m.condition!.scope, planRes.at.get(d), planRes.nodes, store),
          );
          if (k >= 0 && (done === null || points[k]! < done)) done = points[k]!;
        }
        const statuses: MilestoneStatus[] = steps.map((d) =>
          milestoneStatus(done !== null && done <= d ? done : null, due, d, soon),
        );
        return {
          task: task.id,
          id: m.id,
          text: m.text,
          due: m.due,
          statuses,
          done: done === null ? null : formatDay(done),
        };
      }),
    );

    const result = {
      replayVersion: 1 as const,
      plan: { name: ir.plan.name, title: ir.plan.title, period: ir.plan.period },
      from: formatDay(from),
      to: formatDay(to),
      step: input.step,
      dates: steps.map(formatDay),
      indicators,
      targets,
      milestones,
      courtIdentity: identity,
      method: exhaustiveAll ? 'incremental' : 'incremental, with some windows recomputed at every step',
    };
    const scores = ir.schemes.length ? replayScores(ir, result, progress, store.courts) : [];
    return scores.length ? { ...result, scores } : result;
  }
}

function condHolds(
  expr: IRExpr,
  scope: string,
  res: Map<string, AggregateResult> | undefined,
  nodes: Map<string, AggregateNode>,
  store: CaseStore,
): boolean {
  if (!res) return false;
  if (scope === 'overall') return planBool(expr, res, nodes, 'overall', 0);
  if (scope !== 'court') return false;
  for (let g = 0; g < store.courts.length; g++) if (!planBool(expr, res, nodes, 'court', g)) return false;
  return store.courts.length > 0;
}
