// One window's incremental pass: every aggregate of the window at every point (as-of date), case by case.
//
// An aggregate's member test is a list of conditions (`其中 A 且 B`), and what it adds is a value. Each
// condition, for one case (or one event of an event set), is a step function of T that can change only on
// the days found by ./dependencies.ts for that condition alone: so it is evaluated at the case's first
// point and then only on those days. Conditions are shared: `结案日期 在 窗口` is evaluated once per case
// for the ten aggregates that test it, and an aggregate stops at its first condition that never holds
// (most cases closed before the window count for nothing). An aggregate's contribution is the conjunction
// of its conditions' steps (times its value's steps); each change becomes a delta at that point, and a
// prefix sum gives every point. Exact: between two consecutive critical days no condition can change.
// A condition using T in a way not recognised is evaluated at every point (correct, slower; `exhaustive`).
import type { IRExpr } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import { NO_DAY, type Day } from '../time/calendar.js';
import { Cursor, type ExprCompiler, type Fn } from '../eval/expr.js';
import {
  runAggregates,
  type AggregateNode,
  type AggregateResult,
  type GroupSums,
  type StaffingRow,
} from '../eval/aggregate.js';
import { criticalExpressions, depsOf } from './dependencies.js';

/**
 * Per-point sums of every node over one fixed window, at as-of dates `points` (sorted). Groups: overall
 * and each court (replay series are shown per court). The sums are additive over cases, so the pass can
 * run in slices (`run(lo, hi)` for consecutive case ranges) with a yield between them — the workbench's
 * worker answers an as-of move between two slices instead of after the whole window. `result()` once.
 */
export interface WindowPass {
  run(lo: number, hi: number): void;
  result(): { perPoint: Array<Map<string, AggregateResult>>; exhaustive: boolean };
}

/** A condition or a value, with what can change it for one case or event. */
interface Term {
  f: Fn;
  /** A value (number, NaN for none) rather than a condition (1 holds, 0 not). */
  numeric: boolean;
  money: boolean;
  /** Read per aggregated event (a condition of an event set). */
  perEvent: boolean;
  exhaustive: boolean;
  closed: boolean;
  watch: Uint8Array;
  watchAny: boolean;
  crit: Array<{
    f: Fn;
    shift: number;
    events: Uint8Array | 'subject' | null;
    fixed: boolean;
    watch: Uint8Array;
    watchAny: boolean;
    closed: boolean;
  }>;
}

interface Slot {
  node: AggregateNode;
  /** Event type codes of an event set; null for a case set. */
  types: Uint8Array | null;
  /** Its chain's last link: the conjunction of its conditions (times its value). */
  leaf: number;
  /** A sum or mean: the leaf holds the value (NaN for none) rather than 1/0. */
  valued: boolean;
}

/**
 * A link of a chain of conditions: its parent's membership and one more term. Aggregates whose member
 * tests share a prefix (`结案 其中 …`) share its links, so the prefix is evaluated once per case; a term is
 * evaluated only where its parent holds.
 */
interface Link {
  parent: number;
  term: number;
}

function typeCodes(store: CaseStore, types: Iterable<string>): Uint8Array {
  const want = new Set(types);
  const m = new Uint8Array(Math.max(1, store.eventTypes.length));
  for (let k = 0; k < store.eventTypes.length; k++) if (want.has(store.eventTypes[k]!)) m[k] = 1;
  return m;
}

/** A growable pair of columns: change lists (point, value) of the terms evaluated for the current subject. */
class Steps {
  k = new Int32Array(4096);
  v = new Float64Array(4096);
  n = 0;
  push(k: number, v: number): void {
    if (this.n === this.k.length) {
      const k2 = new Int32Array(this.n * 2),
        v2 = new Float64Array(this.n * 2);
      k2.set(this.k);
      v2.set(this.v);
      this.k = k2;
      this.v = v2;
    }
    this.k[this.n] = k;
    this.v[this.n++] = v;
  }
}

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

export function windowPass(
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
  const last = points[m - 1]!;
  // ---- terms and slots
  const terms: Term[] = [];
  const termIndex = new Map<string, number>();
  let exhaustive = true;
  const termOf = (expr: IRExpr, numeric: boolean, money: boolean, perEvent: boolean): number => {
    const key = `${perEvent ? 'e' : 'c'}${numeric ? 'v' : 'b'}${money ? '¥' : ''}|${JSON.stringify(expr)}`;
    const got = termIndex.get(key);
    if (got !== undefined) return got;
    const found = criticalExpressions(expr, rules, perEvent);
    const d = depsOf(expr, rules);
    let termExhaustive = found.exhaustive;
    const crit = found.exprs.map((c) => {
      const cd = depsOf(c.expr, rules);
      const fixed = cd.types.size === 0 && !cd.closed;
      // An event's flip day read at the last point only: one that moves as facts appear is not followed.
      if (c.events !== null && !fixed) termExhaustive = false;
      return {
        f: compiler.compile(c.expr),
        shift: c.shift,
        events: c.events === null || c.events === 'subject' ? c.events : typeCodes(store, c.events),
        fixed,
        watch: typeCodes(store, cd.types),
        watchAny: cd.types.size > 0,
        closed: cd.closed,
      };
    });
    exhaustive &&= termExhaustive;
    const t = terms.length;
    terms.push({
      f: compiler.compile(expr),
      numeric,
      money,
      perEvent,
      exhaustive: termExhaustive,
      closed: d.closed,
      watch: typeCodes(store, d.types),
      watchAny: d.types.size > 0,
      crit,
    });
    termIndex.set(key, t);
    return t;
  };
  const links: Link[] = [];
  const linkIndex = new Map<string, number>();
  const linkOf = (parent: number, term: number): number => {
    const key = `${parent}|${term}`;
    let l = linkIndex.get(key);
    if (l === undefined) {
      l = links.length;
      links.push({ parent, term });
      linkIndex.set(key, l);
    }
    return l;
  };
  const slots: Slot[] = nodes
    .filter((n) => n.set.domain !== 'staffing')
    .map((node) => {
      const set = node.set;
      const perEvent = set.domain === 'event';
      let leaf = -1;
      for (const w of set.where) leaf = linkOf(leaf, termOf(w, false, false, perEvent));
      if (node.value) leaf = linkOf(leaf, termOf(node.value, true, node.money, perEvent));
      return { node, types: set.domain === 'event' ? typeCodes(store, set.types) : null, leaf, valued: !!node.value };
    });
  const caseSlots = slots.map((_, a) => a).filter((a) => slots[a]!.types === null);
  const eventSlots = slots.map((_, a) => a).filter((a) => slots[a]!.types !== null);
  const S = slots.length;
  const dSum = new Float64Array(S * G * m),
    dN = new Float64Array(S * G * m);

  // ---- days → points
  const first = points[0]!;
  const pointAt = new Int32Array(last - first + 1);
  for (let k = 0, d = first; d <= last; d++) {
    while (points[k]! < d) k++;
    pointAt[d - first] = k;
  }
  const pointOf = (d: Day): number => (d <= first ? 0 : pointAt[d - first]!);

  const cursor = new Cursor(store, last, win.from, Math.min(last, win.to), win.to);
  cursor.i = -1;
  /** Evaluates f for case i (event e, or -1) as of point k. */
  const at = (f: Fn, i: number, e: number, k: number) => {
    const t = points[k]!;
    if (cursor.i !== i) {
      cursor.i = -1;
      cursor.setAsOf(t);
      cursor.moveTo(i);
    } else if (cursor.asOf !== t) cursor.setAsOf(t);
    cursor.e = e;
    return f(cursor);
  };

  // ---- one subject (a case, or an event of a case): its critical points per term, its terms' steps
  let ks = new Int32Array(1024);
  let nk = 0;
  let kStart = 0,
    p0 = 0;
  const pushPoint = (k: number): void => {
    if (nk === ks.length) {
      const b = new Int32Array(nk * 2);
      b.set(ks);
      ks = b;
    }
    ks[nk++] = k;
  };
  const flip = (d: number): void => {
    if (d === NO_DAY || Number.isNaN(d) || d <= p0 || d > last) return;
    pushPoint(pointOf(d));
  };
  const steps = new Steps();
  /** Each link's steps for the current subject in `steps`; length 0: it never holds (nothing to add). */
  const linkOff = new Int32Array(links.length),
    linkLen = new Int32Array(links.length);
  // The links each kind of subject needs, parents before children (a parent is made before its child).
  const linksOf = (slotList: number[]): number[] => {
    const used = new Set<number>();
    for (const a of slotList) for (let l = slots[a]!.leaf; l >= 0 && !used.has(l); l = links[l]!.parent) used.add(l);
    return [...used].sort((x, y) => x - y);
  };
  const caseLinks = linksOf(caseSlots);
  const eventLinks = new Map<number, { links: number[]; slots: number[] }>();
  for (let ty = 0; ty < store.eventTypes.length; ty++) {
    const of = eventSlots.filter((a) => slots[a]!.types![ty] === 1);
    if (of.length) eventLinks.set(ty, { links: linksOf(of), slots: of });
  }

  /** Reads a critical expression for case i (event e) as of point k — or, for one that reads nothing that
   *  appears over time (k < 0), as of wherever the cursor stands on case i — and marks its flip day. */
  const readCrit = (c: Term['crit'][number], i: number, e: number, k: number): void => {
    let v;
    if (k < 0 && cursor.i === i) {
      cursor.e = e;
      v = c.f(cursor);
    } else v = at(c.f, i, e, k < 0 ? m - 1 : k);
    if (typeof v === 'number') flip(v + c.shift);
  };
  /** Fills `ks` with the points at which term t can change for case i (event e), from kStart. */
  const criticalPoints = (t: Term, i: number, e: number): void => {
    nk = 0;
    pushPoint(kStart);
    if (!t.exhaustive) {
      for (let k = kStart + 1; k < m; k++) pushPoint(k);
      return;
    }
    const closed = store.closed[i]!;
    const evLo = store.evStart[i]!,
      evHi = store.evStart[i + 1]!;
    if (t.closed && closed !== NO_DAY) flip(closed);
    if (t.watchAny) for (let k = evLo; k < evHi; k++) if (t.watch[store.evType[k]!] === 1) flip(store.evDate[k]!);
    for (const c of t.crit) {
      if (c.events === 'subject') {
        if (e >= 0) readCrit(c, i, e, -1);
        continue;
      }
      if (c.events !== null) {
        for (let k = evLo; k < evHi && store.evDate[k]! <= last; k++)
          if (c.events[store.evType[k]!] === 1) readCrit(c, i, k, -1);
        continue;
      }
      if (c.fixed) {
        readCrit(c, i, e, -1);
        continue;
      }
      // A value compared with T is re-read after each fact it depends on becomes visible.
      readCrit(c, i, e, m - 1);
      readCrit(c, i, e, kStart);
      if (c.closed && closed !== NO_DAY && closed <= last) readCrit(c, i, e, pointOf(closed));
      if (c.watchAny)
        for (let k = evLo; k < evHi; k++)
          if (c.watch[store.evType[k]!] === 1 && store.evDate[k]! <= last) readCrit(c, i, e, pointOf(store.evDate[k]!));
    }
  };
  /**
   * Link l's steps for the current subject, after its parent's: a change list (point, value) from
   * kStart — 1/0 for a condition (its parent holds and its term holds), the value or NaN for a value
   * link (NaN where the parent does not hold). The term is evaluated only where the parent holds.
   */
  const linkSteps = (l: number, i: number, e: number): void => {
    const { parent, term } = links[l]!;
    let pOff = 0,
      pLen = 0;
    if (parent >= 0) {
      pOff = linkOff[parent]!;
      pLen = linkLen[parent]!;
      if (pLen === 0) {
        linkLen[l] = 0;
        return;
      }
    }
    const t = terms[term]!;
    const off = steps.n;
    const none = t.numeric ? NaN : 0;
    criticalPoints(t, i, e);
    // Usually a handful of points: an insertion sort, no allocation.
    for (let q = 1; q < nk; q++) {
      const x = ks[q]!;
      let r = q - 1;
      while (r >= 0 && ks[r]! > x) {
        ks[r + 1] = ks[r]!;
        r--;
      }
      ks[r + 1] = x;
    }
    // Walk the parent's changes and the term's critical points together: evaluate at each point where
    // the parent turns true and at each critical point while it holds.
    let a = 0,
      b = 0,
      on = parent < 0 ? 1 : 0,
      prev = NaN,
      started = false,
      any = false;
    while (a < pLen || b < nk) {
      const ka = a < pLen ? steps.k[pOff + a]! : m,
        kb = b < nk ? ks[b]! : m;
      const k = Math.min(ka, kb);
      let turnedOn = false;
      if (ka === k) {
        const v = steps.v[pOff + a++]!;
        turnedOn = v === 1 && on === 0;
        on = v === 1 ? 1 : 0;
      }
      if (kb === k) while (b < nk && ks[b] === k) b++;
      let v: number;
      if (on === 0) v = none;
      else if (kb !== k && !turnedOn) continue;
      else {
        const x = at(t.f, i, e, k);
        if (!t.numeric) v = x === true ? 1 : 0;
        else if (typeof x !== 'number' || Number.isNaN(x)) v = NaN;
        else v = t.money ? Math.round(x * 100) : x;
      }
      if (started && same(v, prev)) continue;
      started = true;
      prev = v;
      if (!Number.isNaN(v) && v !== none) any = true; // a member somewhere
      steps.push(k, v);
    }
    linkOff[l] = off;
    linkLen[l] = any ? steps.n - off : 0;
    if (!any) steps.n = off;
  };

  /** Adds slot a's contribution for the current subject as deltas, at the points where it changes. */
  const contribute = (a: number, i: number, e: number, court: number): void => {
    const sl = slots[a]!;
    const base = a * G * m,
      cb = (a * G + 1 + court) * m;
    let off = 0,
      len = 0;
    if (sl.leaf >= 0) {
      off = linkOff[sl.leaf]!;
      len = linkLen[sl.leaf]!;
      if (len === 0) return;
    }
    let ps = 0,
      pn = 0;
    // No condition and no value: a member from its first point.
    const k0 = len === 0 ? 1 : len;
    for (let q = 0; q < k0; q++) {
      const k = len === 0 ? kStart : steps.k[off + q]!,
        v = len === 0 ? 1 : steps.v[off + q]!;
      const n = sl.valued ? (Number.isNaN(v) ? 0 : 1) : v;
      const s = n === 0 ? 0 : v;
      if (s === ps && n === pn) continue;
      dSum[base + k]! += s - ps;
      dN[base + k]! += n - pn;
      dSum[cb + k]! += s - ps;
      dN[cb + k]! += n - pn;
      ps = s;
      pn = n;
    }
  };

  const run = (lo: number, hi: number): void => {
    for (let i = lo; i < hi; i++) {
      const filed = store.filed[i]!;
      if (filed > last) continue;
      const court = store.court[i]!;
      kStart = pointOf(filed);
      p0 = points[kStart]!;
      steps.n = 0;
      for (const l of caseLinks) linkSteps(l, i, -1);
      for (const a of caseSlots) contribute(a, i, -1, court);
      if (eventSlots.length === 0) continue;
      const kCase = kStart;
      for (let e = store.evStart[i]!, end = store.evStart[i + 1]!; e < end; e++) {
        const d = store.evDate[e]!;
        if (d > last) break;
        const of = eventLinks.get(store.evType[e]!);
        if (!of) continue;
        kStart = d > filed ? pointOf(d) : kCase;
        p0 = points[kStart]!;
        steps.n = 0;
        for (const l of of.links) linkSteps(l, i, e);
        for (const a of of.slots) contribute(a, i, e, court);
      }
    }
    cursor.e = -1;
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
    // One buffer per point holds every slot's sums (views into it): far fewer allocations than arrays
    // per slot, and one buffer to copy when the sums cross to another thread.
    const none = new Float64Array(0);
    const width = 2 * G;
    for (let k = 0; k < m; k++) {
      const res = new Map<string, AggregateResult>();
      const buf = new Float64Array(S * width);
      slots.forEach((sl, a) => {
        const o = a * width;
        for (let g = 0; g < G; g++) {
          buf[o + g] = dSum[(a * G + g) * m + k]!;
          buf[o + G + g] = dN[(a * G + g) * m + k]!;
        }
        const sum: GroupSums = {
          overall: buf.subarray(o, o + 1),
          court: buf.subarray(o + 1, o + G),
          handler: none,
          team: none,
        };
        const n: GroupSums = {
          overall: buf.subarray(o + G, o + G + 1),
          court: buf.subarray(o + G + 1, o + width),
          handler: none,
          team: none,
        };
        res.set(sl.node.key, { key: sl.node.key, sum, n });
      });
      if (staffNodes.length) {
        const at = points[k]!;
        const sr = runAggregates(store, compiler, staffNodes, at, win.from, Math.min(at, win.to), staffing);
        for (const [key, r] of sr) res.set(key, r);
      }
      perPoint.push(res);
    }
    return { perPoint, exhaustive };
  };
  return { run, result };
}
