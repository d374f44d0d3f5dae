// The cases behind a number: which cases make up an indicator's numerator or denominator in a group,
// and which are in the denominator but not the numerator (the ones pulling a ratio down).
import type { IRExpr, IRSet, PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import { caseId } from '../data/store.js';
import { parseIsoDay } from '../time/calendar.js';
import { windowAt } from './window.js';
import { Cursor, type Fn } from './expr.js';
import { compilerFor } from './jobs.js';

export type ExplainPart = 'numerator' | 'denominator' | 'missing';

export interface ExplainQuery {
  indicator: string;
  asOf: string;
  /** A court's full name, a handler or a team; all cases when absent. */
  group?: { kind: 'court' | 'handler' | 'team'; value: string };
  part: ExplainPart;
  /** Window: the plan's period by default; 'yearly' = the calendar year of the as-of date. */
  window?: 'plan' | 'yearly';
  limit?: number;
}

export interface ExplainResult {
  indicator: string;
  part: ExplainPart;
  /** Cases (for event indicators: the cases holding the counted events), in store order. */
  total: number;
  ids: string[];
  /** For event-domain sets: how many events each listed case contributes. */
  events?: number[];
}

export class ExplainError extends Error {}

/** The single aggregate set on each side of an indicator (`计数(A) / 计数(B)`, `求和(A, x) / 求和(B, y)`). */
function sides(expr: IRExpr): { num: IRSet | null; den: IRSet | null } {
  const setOf = (e: IRExpr): IRSet | null => (e.op === 'count' || e.op === 'sum' || e.op === 'mean' ? e.set : null);
  if (expr.op === 'arith' && expr.arith === '/') return { num: setOf(expr.left), den: setOf(expr.right) };
  return { num: setOf(expr), den: null };
}

export function explainIndicator(ir: PlanIR, store: CaseStore, q: ExplainQuery): ExplainResult {
  const ind = ir.indicators.find((i) => i.name === q.indicator);
  if (!ind) throw new ExplainError(`未定义的指标 / unknown indicator "${q.indicator}"`);
  const T = parseIsoDay(q.asOf);
  if (T === null) throw new ExplainError(`invalid as-of date ${q.asOf}`);
  const { num, den } = sides(ind.expr);
  if (!num) throw new ExplainError(`指标“${q.indicator}”不是单一集合的统计，无法列出案件 / "${q.indicator}" is not an aggregate over one set`);
  if ((q.part === 'denominator' || q.part === 'missing') && !den) throw new ExplainError(`指标“${q.indicator}”没有分母 / "${q.indicator}" has no denominator`);
  if (q.part === 'missing' && num.domain !== den!.domain) throw new ExplainError('分子与分母的对象不同 / numerator and denominator count different things');
  const win = windowAt(ir, q.window === 'yearly' ? { kind: 'yearly', from: null, to: null } : null, T);
  const compiler = compilerFor(ir, store);
  const cursor = new Cursor(store, T, win.from, Math.min(T, win.to), win.to);
  const compileSet = (s: IRSet) => ({ set: s, where: s.where.map((w) => compiler.compile(w)), types: s.domain === 'event' ? new Set(s.types) : null });
  const numC = compileSet(num), denC = den ? compileSet(den) : null;
  const groupCode = q.group ? (q.group.kind === 'court' ? store.courts : q.group.kind === 'handler' ? store.handlers : store.teams).indexOf(q.group.value) : -1;
  if (q.group && groupCode < 0) return { indicator: q.indicator, part: q.part, total: 0, ids: [] };
  const inGroup = (i: number) => !q.group || (q.group.kind === 'court' ? store.court[i] : q.group.kind === 'handler' ? store.handler[i] : store.team[i]) === groupCode;
  /** How many members of the set case i contributes (1/0 for case sets, its events for event sets). */
  const members = (c: { where: Fn[]; types: Set<string> | null }): number => {
    if (!c.types) { for (const w of c.where) if (w(cursor) !== true) return 0; return 1; }
    let n = 0;
    for (let k = store.evStart[cursor.i]!; k < cursor.evEnd; k++) {
      if (!c.types.has(store.eventTypes[store.evType[k]!]!)) continue;
      cursor.e = k;
      let ok = true;
      for (const w of c.where) if (w(cursor) !== true) { ok = false; break; }
      if (ok) n++;
    }
    cursor.e = -1;
    return n;
  };
  const limit = q.limit ?? 100;
  const ids: string[] = [], events: number[] = [];
  let total = 0;
  for (let i = 0; i < store.n; i++) {
    if (store.filed[i]! > T || !inGroup(i)) continue;
    cursor.moveTo(i);
    let n: number;
    if (q.part === 'numerator') n = members(numC);
    else if (q.part === 'denominator') n = members(denC!);
    else n = Math.max(0, members(denC!) - members(numC));
    if (n === 0) continue;
    total++;
    if (ids.length < limit) { ids.push(caseId(store, i)); events.push(n); }
  }
  return { indicator: q.indicator, part: q.part, total, ids, ...(num.domain === 'event' ? { events } : {}) };
}

