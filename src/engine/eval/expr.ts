// IR expressions → closures over the columnar store. A closure reads the case under the cursor (and, in
// an event predicate, the event under the cursor) and returns a number (dates are day numbers, NO_DAY /
// NaN for null), a boolean, or a string code. As-of visibility is applied here, once: a case closed after
// T reads as open, events dated after T do not exist.
import type { Duration, IRExpr } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import { NULL_CODE, NONE } from '../data/store.js';
import { bareNames } from '../data/identity.js';
import { CASE_TYPES, CLOSURES } from '../domain/vocabulary.js';
import { NO_DAY, addMonths, type Day } from '../time/calendar.js';
import { closureSet, codeEquals, dayCmp, dayOf, type DayFn, type DaySum } from './expr-days.js';

export type Value = number | boolean | string | null;

let stamps = 0;

/** Where the evaluation stands: the as-of date, the window, and the cursors. */
export class Cursor {
  /** The case under evaluation. */
  i = -1;
  /** Changes whenever the case, the as-of date or the cursor changes: per-case memos of what reads the
   *  window key on it. */
  stamp = 0;
  /** Changes whenever the case or the as-of date changes, and is shared by cursors that `follow` one
   *  another (other windows at the same as-of date): per-case memos of what does not read the window key on it. */
  caseStamp = 0;
  /** The event under evaluation (event predicates). */
  e = -1;
  /** One past the last event of case i visible at T. */
  evEnd = 0;
  constructor(
    readonly store: CaseStore,
    public asOf: Day,
    readonly from: Day,
    /** min(T, window end). */
    public end: Day,
    /** The window's end before T cuts it (replay moves T, the window stays). */
    readonly windowTo: Day = end,
  ) {}

  /** Moves the as-of date (replay); the current case's visible events follow. */
  setAsOf(asOf: Day): void {
    this.asOf = asOf;
    this.end = Math.min(asOf, this.windowTo);
    if (this.i >= 0) this.moveTo(this.i);
    else this.caseStamp = this.stamp = ++stamps;
  }

  /** Moves to case i and computes which of its events are visible. */
  moveTo(i: number): void {
    this.i = i;
    this.caseStamp = this.stamp = ++stamps;
    const s = this.store;
    let k = s.evStart[i + 1]!;
    const lo = s.evStart[i]!;
    while (k > lo && s.evDate[k - 1]! > this.asOf) k--;
    this.evEnd = k;
  }

  /** Moves to the case `lead` is on, which is at the same as-of date over another window: what does not
   *  read the window is computed once for both. */
  follow(lead: Cursor): void {
    this.i = lead.i;
    this.evEnd = lead.evEnd;
    this.caseStamp = lead.caseStamp;
    this.stamp = ++stamps;
  }

  closed(): Day {
    const c = this.store.closed[this.i]!;
    return c !== NO_DAY && c <= this.asOf ? c : NO_DAY;
  }
}

export type Fn = (c: Cursor) => Value;

/**
 * A plugin's function as the evaluator calls it: arguments and result in the evaluator's values (dates as
 * day numbers, NO_DAY for null). The plugin host wraps a plugin's implementation into this shape
 * (src/engine/plugins/functions.ts), converting values and catching what the plugin throws.
 */
export type FunctionImpl = (args: readonly Value[]) => Value;

/** Functions by name, for `{op: 'call'}`. */
export interface FunctionTable {
  get(name: string): FunctionImpl | undefined;
}

export interface CompileEnv {
  store: CaseStore;
  /** Court full name → level ('basic' …), from the plan's court declarations. */
  courtLevels: ReadonlyMap<string, string>;
  /** Rules by name, for `符合 R`. */
  rule(name: string): Fn;
  /** Adds `days` working days (a calendar plugin; default Monday–Friday). */
  addWorkdays(day: Day, n: number): Day;
  /** Plugins' functions (`{op: 'call'}`); without them a plan that calls one cannot be evaluated. */
  functions?: FunctionTable;
}

const isNull = (v: Value): boolean => v === null || (typeof v === 'number' && (Number.isNaN(v) || v === NO_DAY));

export function addDuration(day: Day, d: Duration, env: CompileEnv, sign = 1): Day {
  if (day === NO_DAY) return NO_DAY;
  let r = day;
  if (d.months) r = addMonths(r, sign * d.months);
  if (d.days) r += sign * d.days;
  if (d.workdays) r = env.addWorkdays(r, sign * d.workdays);
  return r;
}

/** Monday–Friday working days (no holidays): the default calendar until a plugin supplies one. */
export function addWeekdays(day: Day, n: number): Day {
  const step = n >= 0 ? 1 : -1;
  let left = Math.abs(n),
    d = day;
  while (left > 0) {
    d += step;
    const wd = (((d + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    if (wd !== 0 && wd !== 6) left--;
  }
  return d;
}

function typeMask(store: CaseStore, types: string[]): Uint8Array {
  const m = new Uint8Array(Math.max(1, store.eventTypes.length));
  for (let k = 0; k < store.eventTypes.length; k++) if (types.includes(store.eventTypes[k]!)) m[k] = 1;
  return m;
}

/** Does an expression read the event under the cursor (so it cannot be memoised per case)? */
export function usesEvent(ir: IRExpr): boolean {
  switch (ir.op) {
    case 'eventField':
    case 'followedBy':
      return true;
    case 'has':
    case 'eventCount':
    case 'count':
    case 'sum':
    case 'mean':
    case 'lit':
    case 'duration':
    case 'field':
    case 'staffingField':
    case 'window':
    case 'first':
    case 'passes':
      return false;
    case 'cmp':
    case 'arith':
      return usesEvent(ir.left) || usesEvent(ir.right);
    case 'and':
    case 'or':
      return ir.args.some(usesEvent);
    case 'not':
    case 'neg':
      return usesEvent(ir.arg);
    case 'call':
      return ir.args.some(usesEvent);
    case 'inWindow':
      return usesEvent(ir.subject);
    case 'inRange':
      return usesEvent(ir.subject) || usesEvent(ir.from) || usesEvent(ir.to);
    case 'oneOf':
      return usesEvent(ir.subject) || ir.options.some(usesEvent);
    case 'isNull':
      return usesEvent(ir.subject);
    case 'contains':
      return usesEvent(ir.subject) || usesEvent(ir.item);
  }
}

/** Does an expression read the window's bounds (so its per-case memo cannot be shared across windows)?
 *  A rule (`符合`) is taken to read them. */
export function usesWindow(ir: IRExpr): boolean {
  if (ir.op === 'inWindow' || ir.op === 'passes' || (ir.op === 'window' && ir.which !== 'asOf')) return true;
  let found = false;
  forEachChild(ir, (c) => {
    if (!found && usesWindow(c)) found = true;
  });
  return found;
}

/**
 * Compiles IR to closures. Case-level subexpressions that occur more than once across the plan (受理's
 * predicate, 法定期限) are memoised per case, so each is computed once per case however often it is used.
 */
export class ExprCompiler {
  private readonly memo = new Map<string, Fn>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly env: CompileEnv) {}

  /** A date plus durations as a day-number closure (its arith closure returns a day), for expr-days.ts. */
  private readonly daySum: DaySum = (ir) => (durationChain(ir) ? (this.compile(ir) as DayFn) : null);

  /** Counts subexpression occurrences first, so memoisation goes where it pays. */
  survey(ir: IRExpr): void {
    const k = JSON.stringify(ir);
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    forEachChild(ir, (c) => this.survey(c));
  }

  compile(ir: IRExpr): Fn {
    const key = JSON.stringify(ir);
    const cached = this.memo.get(key);
    if (cached) return cached;
    let fn = this.build(ir);
    if (
      (this.counts.get(key) ?? 0) > 1 &&
      !usesEvent(ir) &&
      ir.op !== 'lit' &&
      ir.op !== 'field' &&
      ir.op !== 'window'
    ) {
      const inner = fn;
      let at = -1,
        val: Value = null;
      fn = usesWindow(ir)
        ? (c) => {
            if (c.stamp !== at) {
              at = c.stamp;
              val = inner(c);
            }
            return val;
          }
        : (c) => {
            if (c.caseStamp !== at) {
              at = c.caseStamp;
              val = inner(c);
            }
            return val;
          };
    }
    this.memo.set(key, fn);
    return fn;
  }

  private build(ir: IRExpr): Fn {
    const s = this.env.store;
    switch (ir.op) {
      case 'lit': {
        const v = ir.value;
        return () => v;
      }
      case 'duration': {
        const d = ir.value;
        return () => d.days + d.months * 30 + d.workdays; // only reached when a duration is used as a number
      }
      case 'window':
        return ir.which === 'start' ? (c) => c.from : ir.which === 'end' ? (c) => c.end : (c) => c.asOf;
      case 'field':
        return this.field(ir.name);
      case 'eventField': {
        switch (ir.name) {
          case 'type':
            return (c) => s.eventTypes[s.evType[c.e]!]!;
          case 'date':
            return (c) => s.evDate[c.e]!;
          case 'amount':
            return (c) => {
              const a = s.evAmount[c.e]!;
              return Number.isNaN(a) ? NaN : a / 100;
            };
          default:
            return (c) => {
              const n = s.evNote[c.e]!;
              return n === NONE ? null : s.notes[n]!;
            };
        }
      }
      case 'staffingField':
        return () => null; // staffing sets are evaluated by the aggregator directly
      case 'cmp':
        return this.cmp(ir);
      case 'and': {
        const fs = ir.args.map((a) => this.compile(a));
        return (c) => {
          for (const f of fs) if (f(c) !== true) return false;
          return true;
        };
      }
      case 'or': {
        const fs = ir.args.map((a) => this.compile(a));
        return (c) => {
          for (const f of fs) if (f(c) === true) return true;
          return false;
        };
      }
      case 'not': {
        const f = this.compile(ir.arg);
        return (c) => f(c) !== true;
      }
      case 'neg': {
        const f = this.compile(ir.arg);
        return (c) => {
          const v = f(c);
          return typeof v === 'number' ? -v : null;
        };
      }
      case 'arith':
        return this.arith(ir);
      case 'inWindow': {
        const day = dayOf(ir.subject, s, this.daySum);
        if (day)
          return (c) => {
            const v = day(c);
            return v !== NO_DAY && v >= c.from && v <= c.end;
          };
        const f = this.compile(ir.subject);
        return (c) => {
          const v = f(c) as number;
          return !isNull(v) && v >= c.from && v <= c.end;
        };
      }
      case 'inRange': {
        const f = this.compile(ir.subject),
          lo = this.compile(ir.from),
          hi = this.compile(ir.to);
        return (c) => {
          const v = f(c),
            a = lo(c),
            b = hi(c);
          return (
            !isNull(v) && !isNull(a) && !isNull(b) && (v as number) >= (a as number) && (v as number) <= (b as number)
          );
        };
      }
      case 'oneOf': {
        const closures = closureSet(ir);
        if (closures) return (c) => closures[s.closure[c.i]!] === 1 && c.closed() !== NO_DAY;
        const f = this.compile(ir.subject);
        const opts = ir.options.map((o) => this.compile(o));
        return (c) => {
          const v = f(c);
          if (isNull(v)) return false;
          for (const o of opts) if (o(c) === v) return true;
          return false;
        };
      }
      case 'isNull': {
        const day = ir.subject.op === 'arith' ? null : dayOf(ir.subject, s, this.daySum); // a sum may be NaN: null too
        if (day) return ir.negated ? (c) => day(c) !== NO_DAY : (c) => day(c) === NO_DAY;
        const f = this.compile(ir.subject);
        return ir.negated ? (c) => !isNull(f(c)) : (c) => isNull(f(c));
      }
      case 'contains': {
        const item = this.compile(ir.item);
        return (c) => {
          const want = item(c);
          for (let k = s.tagStart[c.i]!; k < s.tagStart[c.i + 1]!; k++) if (s.tags[s.tagCode[k]!] === want) return true;
          return false;
        };
      }
      case 'has': {
        const scan = this.eventScan(typeMask(s, ir.types), ir.where);
        const neg = ir.negated;
        return (c) => scan(c, true) > 0 !== neg;
      }
      case 'eventCount': {
        const scan = this.eventScan(typeMask(s, ir.types), ir.where);
        return (c) => scan(c, false);
      }
      case 'first': {
        const mask = typeMask(s, [ir.type]);
        return (c) => {
          for (let k = s.evStart[c.i]!; k < c.evEnd; k++) if (mask[s.evType[k]!] === 1) return s.evDate[k]!;
          return NO_DAY;
        };
      }
      case 'followedBy': {
        const mask = typeMask(s, ir.types);
        const within = ir.within;
        const env = this.env;
        return (c) => {
          const d0 = s.evDate[c.e]!;
          const limit = within ? addDuration(d0, within, env) : Infinity;
          // Events are sorted by date: scan from the event itself to the end of the visible range.
          for (let k = s.evStart[c.i]!; k < c.evEnd; k++) {
            if (k === c.e) continue;
            const d = s.evDate[k]!;
            if (d < d0) continue;
            if (d > limit) break;
            if (mask[s.evType[k]!] === 1) return true;
          }
          return false;
        };
      }
      case 'passes':
        return this.env.rule(ir.rule);
      case 'call': {
        const impl = this.env.functions?.get(ir.fn);
        if (!impl)
          throw new Error(
            `函数“${ir.fn}”不可用：提供它的插件没有加载 / function "${ir.fn}" is not available: the plugin that contributes it is not loaded`,
          );
        const args = ir.args.map((a) => this.compile(a));
        if (args.length === 1) {
          const a0 = args[0]!;
          return (c) => impl([a0(c)]);
        }
        if (args.length === 2) {
          const a0 = args[0]!,
            a1 = args[1]!;
          return (c) => impl([a0(c), a1(c)]);
        }
        return (c) => impl(args.map((f) => f(c)));
      }
      case 'count':
      case 'sum':
      case 'mean':
        throw new Error(`aggregate inside a per-case expression is not supported: ${ir.op}`);
    }
  }

  /**
   * Counts the case's visible events of the masked types that satisfy `where` (stopping at the first when
   * `any`). Bounds `where` sets on the event's date from case-level values (`日期 <= 结案日期`, `日期 在 窗口`)
   * are computed once per call and compared as integers; the rest of `where` is called per event.
   */
  private eventScan(mask: Uint8Array, where: IRExpr | null): (c: Cursor, any: boolean) => number {
    const s = this.env.store;
    const plain = (w: Fn | null) => (c: Cursor, any: boolean) => {
      const saved = c.e;
      let n = 0;
      for (let k = s.evStart[c.i]!; k < c.evEnd; k++) {
        if (mask[s.evType[k]!] !== 1) continue;
        if (w) {
          c.e = k;
          if (w(c) !== true) continue;
        }
        n++;
        if (any) break;
      }
      c.e = saved;
      return n;
    };
    if (!where) return plain(null);
    const parts = dateBounds(where);
    const whole = plain(this.compile(where));
    if (!parts) return whole;
    const bound = (b: DateBound) => ({ f: this.compile(b.expr), strict: b.strict });
    const los = parts.lo.map(bound),
      his = parts.hi.map(bound);
    const rest = parts.rest.map((r) => this.compile(r));
    return (c, any) => {
      let lo = NO_DAY + 1,
        hi = Infinity;
      for (const b of los) {
        const v = b.f(c);
        if (typeof v !== 'number') return v === null ? 0 : whole(c, any);
        if (isNull(v)) return 0;
        const x = b.strict ? Math.floor(v) + 1 : Math.ceil(v);
        if (x > lo) lo = x;
      }
      for (const b of his) {
        const v = b.f(c);
        if (typeof v !== 'number') return v === null ? 0 : whole(c, any);
        if (isNull(v)) return 0;
        const x = b.strict ? Math.ceil(v) - 1 : Math.floor(v);
        if (x < hi) hi = x;
      }
      if (lo > hi) return 0;
      const start = s.evStart[c.i]!;
      if (c.evEnd === start || s.evDate[c.evEnd - 1]! < lo) return 0; // none visible on or after lo
      const saved = c.e;
      let n = 0;
      for (let k = start; k < c.evEnd; k++) {
        if (mask[s.evType[k]!] !== 1) continue;
        const d = s.evDate[k]!;
        if (d < lo) continue;
        if (d > hi) break; // a case's events are in date order (data/store.ts)
        if (rest.length) {
          c.e = k;
          let ok = true;
          for (const r of rest)
            if (r(c) !== true) {
              ok = false;
              break;
            }
          if (!ok) continue;
        }
        n++;
        if (any) break;
      }
      c.e = saved;
      return n;
    };
  }

  private readonly bareCache = new Map<'handler' | 'team', string[]>();
  private bare(kind: 'handler' | 'team'): string[] {
    let b = this.bareCache.get(kind);
    if (!b) {
      b = bareNames(this.env.store, kind);
      this.bareCache.set(kind, b);
    }
    return b;
  }

  private field(name: string): Fn {
    const s = this.env.store;
    switch (name) {
      case 'id':
        return (c) => {
          const d = new TextDecoder();
          return d.decode(s.idBytes.subarray(s.idStart[c.i]!, s.idStart[c.i + 1]!));
        };
      case 'court':
        return (c) => s.courts[s.court[c.i]!]!;
      case 'courtLevel': {
        const lv = this.env.courtLevels;
        return (c) => lv.get(s.courts[s.court[c.i]!]!) ?? null;
      }
      case 'type':
        return (c) => CASE_TYPES[s.type[c.i]!] ?? null;
      case 'filed':
        return (c) => s.filed[c.i]!;
      case 'closed':
        return (c) => c.closed();
      case 'closure':
        return (c) => {
          if (c.closed() === NO_DAY) return null;
          const k = s.closure[c.i]!;
          return k === NULL_CODE ? null : CLOSURES[k]!;
        };
      case 'claimed':
        return (c) => s.claimed[c.i]! / 100;
      case 'recovered':
        return (c) => s.recovered[c.i]! / 100;
      case 'property':
        return (c) => {
          const p = s.property[c.i]!;
          return p < 0 ? null : p === 1;
        };
      // Names as the data spells them: a store's groups carry their court (data/identity.ts).
      case 'handler': {
        const names = this.bare('handler');
        return (c) => names[s.handler[c.i]!]!;
      }
      case 'team': {
        const names = this.bare('team');
        return (c) => {
          const t = s.team[c.i]!;
          return t === NONE ? null : names[t]!;
        };
      }
      default:
        return () => null;
    }
  }

  private cmp(ir: Extract<IRExpr, { op: 'cmp' }>): Fn {
    const s = this.env.store;
    const fast = codeEquals(ir, s) ?? dayCmp(ir, s, this.daySum);
    if (fast) return fast;
    const l = this.compile(ir.left),
      r = this.compile(ir.right);
    switch (ir.cmp) {
      case '=':
        return (c) => {
          const a = l(c),
            b = r(c);
          return !isNull(a) && !isNull(b) && a === b;
        };
      case '!=':
        return (c) => {
          const a = l(c),
            b = r(c);
          return !isNull(a) && !isNull(b) && a !== b;
        };
      case '<':
        return (c) => {
          const a = l(c),
            b = r(c);
          return !isNull(a) && !isNull(b) && (a as number) < (b as number);
        };
      case '<=':
        return (c) => {
          const a = l(c),
            b = r(c);
          return !isNull(a) && !isNull(b) && (a as number) <= (b as number);
        };
      case '>':
        return (c) => {
          const a = l(c),
            b = r(c);
          return !isNull(a) && !isNull(b) && (a as number) > (b as number);
        };
      case '>=':
        return (c) => {
          const a = l(c),
            b = r(c);
          return !isNull(a) && !isNull(b) && (a as number) >= (b as number);
        };
    }
  }

  private arith(ir: Extract<IRExpr, { op: 'arith' }>): Fn {
    const env = this.env;
    // date + duration + duration…: the durations are summed and added in one step, so
    // 2017-08-31 + 6个月 + 3个月 = 2018-05-31 (not 05-28 by way of 02-28).
    const chain = ir.arith === '+' || ir.arith === '-' ? durationChain(ir) : null;
    if (chain) {
      const base = this.compile(chain.base);
      const terms = chain.terms.map((t) => ({ d: t.d, sign: t.sign, scale: t.scale ? this.compile(t.scale) : null }));
      return (c) => {
        const v = base(c) as number;
        if (isNull(v)) return NO_DAY;
        let days = 0,
          months = 0,
          workdays = 0;
        for (const t of terms) {
          const k = t.scale ? (t.scale(c) as number) : 1;
          if (isNull(k)) return NO_DAY;
          days += t.sign * k * t.d.days;
          months += t.sign * k * t.d.months;
          workdays += t.sign * k * t.d.workdays;
        }
        return addDuration(v, { days, months, workdays }, env);
      };
    }
    const l = this.compile(ir.left),
      r = this.compile(ir.right);
    const num = (v: Value): number => (typeof v === 'number' ? (v === NO_DAY ? NaN : v) : NaN);
    switch (ir.arith) {
      case '+':
        return (c) => num(l(c)) + num(r(c));
      case '-':
        return (c) => num(l(c)) - num(r(c));
      case '*':
        return (c) => num(l(c)) * num(r(c));
      case '/':
        return (c) => {
          const b = num(r(c));
          return b === 0 ? NaN : num(l(c)) / b;
        };
    }
  }
}

interface DateBound {
  expr: IRExpr;
  strict: boolean;
}

const isEventDate = (e: IRExpr): boolean => e.op === 'eventField' && e.name === 'date';
/** A case-level value a bound can be computed from once per case (a plugin's function is left to be
 *  called only where the original condition would call it). */
const caseLevel = (e: IRExpr): boolean => !usesEvent(e) && !callsFunction(e);
function callsFunction(e: IRExpr): boolean {
  if (e.op === 'call') return true;
  let found = false;
  forEachChild(e, (c) => {
    if (!found && callsFunction(c)) found = true;
  });
  return found;
}
const FLIP = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' } as const;

/**
 * An event predicate as bounds on the event's date from case-level values, ANDed with the rest; null when
 * it sets no such bound. Each bound is what the conjunct asks: `日期 <= X` is false when X is null, and so is
 * the bound (no event passes).
 */
function dateBounds(where: IRExpr): { lo: DateBound[]; hi: DateBound[]; rest: IRExpr[] } | null {
  const lo: DateBound[] = [],
    hi: DateBound[] = [],
    rest: IRExpr[] = [];
  const visit = (e: IRExpr): void => {
    if (e.op === 'and') {
      e.args.forEach(visit);
      return;
    }
    if (e.op === 'cmp' && e.cmp !== '!=') {
      const [cmp, other] =
        isEventDate(e.left) && caseLevel(e.right)
          ? [e.cmp, e.right]
          : isEventDate(e.right) && caseLevel(e.left)
            ? [FLIP[e.cmp], e.left]
            : [null, null];
      if (cmp && other) {
        if (cmp === '>' || cmp === '>=' || cmp === '=') lo.push({ expr: other, strict: cmp === '>' });
        if (cmp === '<' || cmp === '<=' || cmp === '=') hi.push({ expr: other, strict: cmp === '<' });
        return;
      }
    }
    if (e.op === 'inWindow' && isEventDate(e.subject)) {
      lo.push({ expr: { op: 'window', which: 'start' }, strict: false });
      hi.push({ expr: { op: 'window', which: 'end' }, strict: false });
      return;
    }
    if (e.op === 'inRange' && isEventDate(e.subject) && caseLevel(e.from) && caseLevel(e.to)) {
      lo.push({ expr: e.from, strict: false });
      hi.push({ expr: e.to, strict: false });
      return;
    }
    rest.push(e);
  };
  visit(where);
  return lo.length || hi.length ? { lo, hi, rest } : null;
}

/** A duration, or a duration scaled by a per-case number (`事件数(延期) * 3个月`). */
function durationOf(ir: IRExpr): { d: Duration; scale: IRExpr | null } | null {
  if (ir.op === 'duration') return { d: ir.value, scale: null };
  if (ir.op === 'arith' && ir.arith === '*' && ir.left.op === 'duration') return { d: ir.left.value, scale: ir.right };
  if (ir.op === 'arith' && ir.arith === '*' && ir.right.op === 'duration') return { d: ir.right.value, scale: ir.left };
  return null;
}

export interface DurationTerm {
  d: Duration;
  sign: number;
  scale: IRExpr | null;
}

/** `base ± dur ± dur …` (left-nested) as a base and its duration terms; null if the right side is not a duration. */
export function durationChain(ir: IRExpr): { base: IRExpr; terms: DurationTerm[] } | null {
  if (ir.op !== 'arith' || (ir.arith !== '+' && ir.arith !== '-')) return null;
  const d = durationOf(ir.right);
  if (!d) return null;
  const term = { d: d.d, sign: ir.arith === '+' ? 1 : -1, scale: d.scale };
  const inner = durationChain(ir.left);
  return inner ? { base: inner.base, terms: [...inner.terms, term] } : { base: ir.left, terms: [term] };
}

export function forEachChild(ir: IRExpr, f: (c: IRExpr) => void): void {
  switch (ir.op) {
    case 'cmp':
    case 'arith':
      f(ir.left);
      f(ir.right);
      break;
    case 'and':
    case 'or':
      ir.args.forEach(f);
      break;
    case 'not':
    case 'neg':
      f(ir.arg);
      break;
    case 'call':
      ir.args.forEach(f);
      break;
    case 'inWindow':
    case 'isNull':
      f(ir.subject);
      break;
    case 'inRange':
      f(ir.subject);
      f(ir.from);
      f(ir.to);
      break;
    case 'oneOf':
      f(ir.subject);
      ir.options.forEach(f);
      break;
    case 'contains':
      f(ir.subject);
      f(ir.item);
      break;
    case 'has':
    case 'eventCount':
      if (ir.where) f(ir.where);
      break;
    case 'count':
      ir.set.where.forEach(f);
      break;
    case 'sum':
    case 'mean':
      ir.set.where.forEach(f);
      f(ir.value);
      break;
    default:
      break;
  }
}
