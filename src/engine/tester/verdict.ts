// A rule's verdict on one case, condition by condition, as of a date — what a plan test asserts with
// `rule: R, case: K`. The report lists at most 200 failures per rule and only for rules a task checks;
// this evaluates any rule of the plan for any case, with the evaluator's own expression compiler.
import type { IRRule, PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import { parseIsoDay, type Day } from '../time/calendar.js';
import { Cursor, type ExprCompiler, type Fn, type FunctionTable } from '../eval/expr.js';
import { compilerFor } from '../eval/jobs.js';
import { planWindow } from '../eval/window.js';

/** What plugins add to an evaluation (functions, a working-day calendar). */
export interface EvalHooksLike {
  functions?: FunctionTable;
  addWorkdays?: (day: Day, n: number) => Day;
}

export interface CaseVerdict {
  /** Filed on or before the as-of date (a case filed later does not exist yet). */
  visible: boolean;
  /** The rule's 适用 clause holds for the case. */
  applies: boolean;
  /** Error conditions the case fails. */
  failed: string[];
  /** Warning (提示) conditions the case fails. */
  warnings: string[];
}

/** Compiles a plan's rules over one store, for per-case and per-condition verdicts. */
export class RuleJudge {
  private readonly compiler: ExprCompiler;
  private readonly rules: Map<string, IRRule>;
  private readonly compiled = new Map<
    string,
    { applies: Fn | null; conditions: Array<{ name: string; severity: 'error' | 'warning'; fn: Fn }> }
  >();
  private readonly window: { from: Day; to: Day };

  constructor(
    ir: PlanIR,
    private readonly store: CaseStore,
    hooks: EvalHooksLike = {},
  ) {
    this.rules = new Map(ir.rules.map((r) => [r.name, r]));
    this.compiler = compilerFor(ir, store, hooks.addWorkdays, hooks.functions);
    this.window = planWindow(ir);
  }

  private rule(name: string): {
    applies: Fn | null;
    conditions: Array<{ name: string; severity: 'error' | 'warning'; fn: Fn }>;
  } {
    let r = this.compiled.get(name);
    if (!r) {
      const ir = this.rules.get(name);
      if (!ir) throw new Error(`unknown rule ${name}`);
      r = {
        applies: ir.applies ? this.compiler.compile(ir.applies) : null,
        conditions: ir.conditions.map((c) => ({
          name: c.name,
          severity: c.severity,
          fn: this.compiler.compile(c.expr),
        })),
      };
      this.compiled.set(name, r);
    }
    return r;
  }

  private cursor(asOf: string): Cursor {
    const T = parseIsoDay(asOf);
    if (T === null) throw new Error(`invalid date ${asOf}`);
    return new Cursor(this.store, T, this.window.from, Math.min(T, this.window.to));
  }

  /** The verdict of rule `name` on case index i as of `asOf`. */
  verdict(name: string, i: number, asOf: string): CaseVerdict {
    const r = this.rule(name);
    const cur = this.cursor(asOf);
    if (this.store.filed[i]! > cur.asOf) return { visible: false, applies: false, failed: [], warnings: [] };
    cur.moveTo(i);
    const applies = r.applies === null || r.applies(cur) === true;
    const failed: string[] = [],
      warnings: string[] = [];
    if (applies)
      for (const c of r.conditions) if (c.fn(cur) !== true) (c.severity === 'error' ? failed : warnings).push(c.name);
    return { visible: true, applies, failed, warnings };
  }

  /** For each condition of rule `name`: how many visible, in-scope cases pass it and how many fail it. */
  conditionTally(name: string, asOf: string): Record<string, { passed: number; failed: number }> {
    const r = this.rule(name);
    const cur = this.cursor(asOf);
    const out: Record<string, { passed: number; failed: number }> = {};
    for (const c of r.conditions) out[c.name] = { passed: 0, failed: 0 };
    for (let i = 0; i < this.store.n; i++) {
      if (this.store.filed[i]! > cur.asOf) continue;
      cur.moveTo(i);
      if (r.applies && r.applies(cur) !== true) continue;
      for (const c of r.conditions) out[c.name]![c.fn(cur) === true ? 'passed' : 'failed'] += 1;
    }
    return out;
  }
}
