// What can change a condition as the as-of date T moves (src/engine/replay/dependencies.ts): the flip day
// of each comparison with T, exactly one side of it; T used otherwise makes the condition "every step".
import { describe, expect, it } from 'vitest';
import { criticalExpressions, depsOf } from '../../src/engine/replay/dependencies.js';
import type { IRExpr } from '../../src/engine/ir/types.js';

const T: IRExpr = { op: 'window', which: 'asOf' };
const filed: IRExpr = { op: 'field', name: 'filed' };
const closed: IRExpr = { op: 'field', name: 'closed' };
const cmp = (cmp: '<' | '<=' | '>' | '>=' | '=' | '!=', left: IRExpr, right: IRExpr): IRExpr => ({
  op: 'cmp',
  cmp,
  left,
  right,
});
const shifts = (e: IRExpr) => {
  const r = criticalExpressions(e, new Map(), false);
  return { exhaustive: r.exhaustive, shifts: r.exprs.map((c) => c.shift) };
};

describe('flip days of comparisons with T', () => {
  it('X <= T and T >= X become true on X; X < T and T > X on X + 1', () => {
    expect(shifts(cmp('<=', filed, T))).toEqual({ exhaustive: true, shifts: [0] });
    expect(shifts(cmp('>=', T, filed))).toEqual({ exhaustive: true, shifts: [0] });
    expect(shifts(cmp('<', filed, T))).toEqual({ exhaustive: true, shifts: [1] });
    expect(shifts(cmp('>', T, filed))).toEqual({ exhaustive: true, shifts: [1] });
  });
  it('X >= T and T <= X become false on X + 1; X > T and T < X on X; = and != on both', () => {
    expect(shifts(cmp('>=', filed, T))).toEqual({ exhaustive: true, shifts: [1] });
    expect(shifts(cmp('<=', T, filed))).toEqual({ exhaustive: true, shifts: [1] });
    expect(shifts(cmp('>', filed, T))).toEqual({ exhaustive: true, shifts: [0] });
    expect(shifts(cmp('<', T, filed))).toEqual({ exhaustive: true, shifts: [0] });
    expect(shifts(cmp('=', filed, T))).toEqual({ exhaustive: true, shifts: [0, 1] });
    expect(shifts(cmp('!=', T, filed))).toEqual({ exhaustive: true, shifts: [0, 1] });
  });
  it('T inside arithmetic, on both sides, or a window subject that moves with T: every step', () => {
    const tMinus5: IRExpr = {
      op: 'arith',
      arith: '-',
      left: T,
      right: { op: 'duration', value: { days: 5, months: 0, workdays: 0 } },
    } as IRExpr;
    expect(shifts(cmp('>=', closed, tMinus5)).exhaustive).toBe(false);
    expect(shifts(cmp('<=', T, T)).exhaustive).toBe(false);
    expect(shifts({ op: 'inWindow', subject: tMinus5 }).exhaustive).toBe(false);
    expect(shifts({ op: 'inWindow', subject: closed })).toEqual({ exhaustive: true, shifts: [0] });
  });
  it('a condition reads the closure and the event types it names', () => {
    const d = depsOf(
      { op: 'and', args: [cmp('<=', closed, T), { op: 'has', negated: false, types: ['纳入失信'], where: null }] },
      new Map(),
    );
    expect([d.closed, [...d.types]]).toEqual([true, ['纳入失信']]);
    expect(depsOf(cmp('<=', filed, T), new Map())).toEqual({ closed: false, types: new Set() });
  });
});
