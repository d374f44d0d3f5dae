// A plugin's function as the evaluator calls it: arguments converted from the evaluator's values (day
// numbers, NaN) to the plugin's (dates 'YYYY-MM-DD', null), the result checked against the declared
// return type and converted back; what the plugin throws, returns wrongly or spends too long on is
// reported once and the value becomes null, so one bad plugin never stops an evaluation.
import type { FunctionReturnType, FunctionSignature } from '../check/functions.js';
import type { FunctionImpl, Value } from '../eval/expr.js';
import { NO_DAY, formatDay, parseIsoDay } from '../time/calendar.js';
import type { FunctionContext, FunctionImplementation, PluginValue } from './api.js';
import { errorText } from './timeout.js';

export type FunctionTrouble = { kind: 'threw' | 'shape'; why: string } | { kind: 'slow'; ms: number };

const nullOf = (r: FunctionReturnType): Value =>
  r === 'date' ? NO_DAY : r === 'boolean' || r === 'string' ? null : NaN;

function toPlugin(v: Value, type: string): PluginValue {
  if (v === null) return null;
  if (type === 'date') return typeof v === 'number' && v !== NO_DAY && Number.isFinite(v) ? formatDay(v) : null;
  if (typeof v === 'number') return Number.isNaN(v) || v === NO_DAY ? null : v;
  return v;
}

/** The result in the evaluator's values, or a reason it is not what the function declared. */
function fromPlugin(r: unknown, type: FunctionReturnType): { value: Value } | { why: string } {
  if (r === null || r === undefined) return { value: nullOf(type) };
  switch (type) {
    case 'date': {
      const d = typeof r === 'string' ? parseIsoDay(r) : null;
      return d === null
        ? {
            why: `应返回日期 'YYYY-MM-DD' 或 null / should return a date 'YYYY-MM-DD' or null, got ${JSON.stringify(r)}`,
          }
        : { value: d };
    }
    case 'boolean':
      return typeof r === 'boolean'
        ? { value: r }
        : { why: `应返回 true/false / should return true or false, got ${JSON.stringify(r)}` };
    case 'string':
      return typeof r === 'string'
        ? { value: r }
        : { why: `应返回文本 / should return a string, got ${JSON.stringify(r)}` };
    default:
      return typeof r === 'number' && Number.isFinite(r)
        ? { value: r }
        : { why: `应返回有限数值 / should return a finite number, got ${JSON.stringify(r)}` };
  }
}

/**
 * Wraps an implementation for the evaluator. `trouble` hears about the first problem of each kind; after
 * a time-out the function is not called again (its values are null). A call that never returns cannot
 * be interrupted in this thread: `slowMs` bounds only calls that do return.
 */
export function wrapFunction(
  sig: FunctionSignature,
  impl: FunctionImplementation,
  ctx: FunctionContext,
  slowMs: number,
  trouble: (t: FunctionTrouble) => void,
): FunctionImpl {
  const types = sig.params.map((p) => p.type);
  const none = nullOf(sig.returns);
  const told = new Set<string>();
  let disabled = false;
  const tell = (t: FunctionTrouble): void => {
    if (!told.has(t.kind)) {
      told.add(t.kind);
      trouble(t);
    }
  };
  return (args) => {
    if (disabled) return none;
    const xs: PluginValue[] = new Array<PluginValue>(args.length);
    for (let k = 0; k < args.length; k++) xs[k] = toPlugin(args[k]!, types[k] ?? 'number');
    const t0 = Date.now();
    let r: unknown;
    try {
      r = impl(xs, ctx);
    } catch (e) {
      tell({ kind: 'threw', why: errorText(e) });
      return none;
    }
    const ms = Date.now() - t0;
    if (ms > slowMs) {
      disabled = true;
      tell({ kind: 'slow', ms });
      return none;
    }
    const v = fromPlugin(r, sig.returns);
    if ('why' in v) {
      tell({ kind: 'shape', why: v.why });
      return none;
    }
    return v.value;
  };
}
