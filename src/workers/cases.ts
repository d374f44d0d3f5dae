// The cases behind a number: which cases (and which of their events) an indicator's numerator and
// denominator count in one court at an as-of date, or which cases fail a rule. The same closures the
// evaluator compiles, run over the store once, so the list agrees with the figure it explains.
import type { IRExpr, PlanIR } from '../engine/ir/types.js';
import type { CaseStore } from '../engine/data/store.js';
import { caseId, caseRecordAt } from '../engine/data/store.js';
import { Cursor, type ExprCompiler, type Fn } from '../engine/eval/expr.js';
import { compilerFor } from '../engine/eval/jobs.js';
import { collectAggregates, type AggregateNode } from '../engine/eval/aggregate.js';
import type { PlanReport } from '../engine/report/model.js';
import { parseIsoDay } from '../engine/time/calendar.js';
import { windowAt } from '../engine/eval/window.js';
import type { CaseRow, CasesRequest, CasesValue } from './protocol.js';

interface Side { nodes: Array<{ node: AggregateNode; where: Fn[]; types: Set<string> | null }> }

function side(compiler: ExprCompiler, e: IRExpr | null): Side | null {
  if (!e) return null;
  const m = new Map<string, AggregateNode>();
  collectAggregates(e, m);
  const nodes = [...m.values()].filter((n) => n.set.domain !== 'staffing').map((node) => ({
    node, where: node.set.where.map((w) => compiler.compile(w)),
    types: node.set.domain === 'event' ? new Set(node.set.types) : null,
  }));
  return { nodes };
}

/** Does case i (cursor on it) belong to the side; which of its events count. */
function member(s: Side, cur: Cursor, store: CaseStore, events: number[]): boolean {
  let hit = false;
  for (const { where, types } of s.nodes) {
    if (!types) {
      if (where.every((w) => w(cur) === true)) hit = true;
      continue;
    }
    for (let k = store.evStart[cur.i]!; k < cur.evEnd; k++) {
      if (!types.has(store.eventTypes[store.evType[k]!]!)) continue;
      cur.e = k;
      if (where.every((w) => w(cur) === true)) { hit = true; events.push(k - store.evStart[cur.i]!); }
    }
    cur.e = -1;
  }
  return hit;
}

export function casesBehind(ir: PlanIR, store: CaseStore, report: PlanReport | null, req: CasesRequest, labels: (indicator: string) => [string | null, string | null]): CasesValue {
  const asOf = parseIsoDay(req.asOf);
  if (asOf === null) throw new Error(`invalid as-of date ${req.asOf}`);
  const limit = req.limit ?? 100, offset = req.offset ?? 0;
  const court = req.court === undefined ? -1 : store.courts.indexOf(req.court);
  if (req.rule !== undefined) return ruleCases(store, report, req, court, limit, offset);
  const target = req.target !== undefined ? ir.targets.find((t) => t.id === req.target) : undefined;
  const indName = target?.indicator ?? req.indicator;
  const ind = ir.indicators.find((i) => i.name === indName);
  if (!ind) throw new Error(`unknown indicator ${indName}`);
  const win = windowAt(ir, target?.window ?? null, asOf);
  const compiler = compilerFor(ir, store);
  const ratio = ind.expr.op === 'arith' && ind.expr.arith === '/';
  const num = side(compiler, ratio && ind.expr.op === 'arith' ? ind.expr.left : ind.expr)!;
  const den = side(compiler, ratio && ind.expr.op === 'arith' ? ind.expr.right : null);
  const cur = new Cursor(store, asOf, win.from, Math.min(asOf, win.to));
  const rows: CaseRow[] = [];
  let total = 0, nNum = 0, nDen = 0;
  const evs: number[] = [];
  for (let i = 0; i < store.n; i++) {
    if (store.filed[i]! > asOf) continue;
    if (court >= 0 && store.court[i] !== court) continue;
    cur.moveTo(i);
    evs.length = 0;
    const inNum = member(num, cur, store, evs);
    const inDen = den ? member(den, cur, store, evs) : false;
    if (inNum) nNum++;
    if (inDen) nDen++;
    const wanted = req.onlyMissing ? inDen && !inNum : inNum || inDen;
    if (!wanted) continue;
    if (total >= offset && rows.length < limit) {
      rows.push({ record: caseRecordAt(store, i), inNumerator: inNum, inDenominator: inDen, events: [...new Set(evs)].sort((a, b) => a - b) });
    }
    total++;
  }
  const [nl, dl] = labels(ind.name);
  return {
    title: `${ind.title ?? ind.name}${req.court ? ` · ${req.court}` : ''}`, titleEn: `${ind.name}${req.court ? ` · ${req.court}` : ''}`,
    unit: ind.unit, numeratorLabel: nl, denominatorLabel: ratio ? dl : null, numerator: nNum, denominator: den ? nDen : null, total, rows,
  };
}

/** The cases a rule failed, as the last report lists them (the first 200), with their records. */
function ruleCases(store: CaseStore, report: PlanReport | null, req: CasesRequest, court: number, limit: number, offset: number): CasesValue {
  const rr = report?.rules.find((r) => r.rule === req.rule);
  if (!rr) throw new Error(`no evaluated rule ${req.rule}`);
  const failures = rr.failures.filter((f) => court < 0 || f.court === req.court);
  const wanted = new Map(failures.map((f) => [f.id, f]));
  const rows: CaseRow[] = [];
  const at = new Map<string, number>();
  for (let i = 0; i < store.n && at.size < wanted.size; i++) {
    if (court >= 0 && store.court[i] !== court) continue;
    const id = caseId(store, i);
    if (wanted.has(id)) at.set(id, i);
  }
  for (const f of failures.slice(offset, offset + limit)) {
    const i = at.get(f.id);
    if (i === undefined) continue;
    rows.push({ record: caseRecordAt(store, i), inNumerator: false, inDenominator: true, events: [], failed: [...f.failed, ...f.warnings] });
  }
  return {
    title: `${rr.title ?? rr.rule}${req.court ? ` · ${req.court}` : ''}`, titleEn: `${rr.rule}${req.court ? ` · ${req.court}` : ''}`, unit: '件',
    numeratorLabel: null, denominatorLabel: null, numerator: rr.failed, denominator: rr.checked, total: failures.length, rows,
  };
}
