// What evaluation needs from plugins: the functions a plan calls (watched: slow, throwing or wrong answers
// reported) and the working-day calendar.
import { forEachChild, type FunctionImpl } from '../../eval/expr.js';
import type { IRExpr, PlanIR } from '../../ir/types.js';
import type { Day } from '../../time/calendar.js';
import { closest } from '../../check/suggest.js';
import type { CalendarDecl, CalendarProvider, FunctionDecl, FunctionImplementation } from '../api.js';
import { titleOf } from '../points.js';
import { errorText } from '../timeout.js';
import { WEEKDAYS, addWorkdays, calendarApi, declaredCalendar, providedCalendar, type Calendar } from '../calendar.js';
import { wrapFunction } from '../functions.js';
import type { CalendarInfo, EvalHooks, HostCore } from './core.js';

/** Activates what a compiled plan needs (its functions, the calendar) and hands the evaluator its hooks. */
export async function prepareEvaluation(
  core: HostCore,
  ir: PlanIR,
  opts: { calendar?: string; configFile?: string } = {},
): Promise<EvalHooks> {
  const called = irCalls(ir);
  const table = new Map<string, FunctionImpl>();
  const unavailable: string[] = [];
  const cal = await calendar(core, opts.calendar, opts.configFile);
  const api = calendarApi(cal);
  for (const name of called) {
    const e = await core.implOf<FunctionDecl, FunctionImplementation>('functions', name);
    const rec = e ? core.record(e.plugin) : undefined;
    if (!e || !rec || rec.state !== 'active' || !e.impl) {
      unavailable.push(name);
      continue;
    }
    const slow = rec.builtin ? Infinity : core.callTimeoutMs;
    table.set(
      name,
      wrapFunction({ ...e.decl, plugin: e.plugin }, e.impl, { calendar: api, settings: rec.settings }, slow, (t) => {
        if (t.kind === 'slow') core.trouble(rec, 'P0007', 'function', { ms: t.ms });
        else if (t.kind === 'threw') core.trouble(rec, 'P0006', 'function', { why: `${name}: ${t.why}` });
        else core.trouble(rec, 'P0008', 'function', { why: `${name}: ${t.why}` });
      }),
    );
  }
  const custom = cal !== WEEKDAYS;
  return {
    ...(custom ? { addWorkdays: (d: Day, n: number) => addWorkdays(cal, d, n) } : {}),
    functions: { get: (n) => table.get(n) },
    calendar: cal.id,
    unavailable,
    inProcessOnly: table.size > 0 || unavailable.length > 0 || custom,
  };
}

export function calendars(core: HostCore): CalendarInfo[] {
  return core
    .live<CalendarDecl, CalendarProvider>('calendars')
    .map((e) => ({ id: e.key, title: titleOf(e.decl.title, e.key), plugin: e.plugin }));
}

/** The calendar named `id` (activating its plugin); unknown or broken: reported, Monday–Friday. */
export async function calendar(core: HostCore, id?: string, configFile = 'luoshi.config.yaml'): Promise<Calendar> {
  if (id === undefined || id === WEEKDAYS.id) return WEEKDAYS;
  const e = await core.implOf<CalendarDecl, CalendarProvider>('calendars', id);
  const rec = e ? core.record(e.plugin) : undefined;
  if (!e || !rec) {
    core.report('P0014', configFile, {
      name: id,
      hint:
        closest(
          id,
          calendars(core).map((c) => c.id),
        ) ?? '',
    });
    return WEEKDAYS;
  }
  const declared = e.decl.holidays || e.decl.workdays || e.decl.weekend ? declaredCalendar(e.decl) : null;
  // A plugin that failed has been reported: its declared days still hold, if it listed any.
  if (rec.state !== 'active' || !e.impl) return declared ?? WEEKDAYS;
  const impl = e.impl;
  const inner = providedCalendar(id, (date) => impl.isWorkday(date));
  const fallback = declared ?? WEEKDAYS;
  let told = false;
  return {
    id,
    isWorkday: (d) => {
      try {
        return inner.isWorkday(d);
      } catch (err) {
        if (!told) {
          told = true;
          core.trouble(rec, 'P0006', 'calendar', { why: errorText(err) });
        }
        return fallback.isWorkday(d);
      }
    },
  };
}

/** The names of the functions a plan calls, anywhere in it. */
export function irCalls(ir: PlanIR): Set<string> {
  const out = new Set<string>();
  const walk = (e: IRExpr | null | undefined): void => {
    if (!e) return;
    if (e.op === 'call') out.add(e.fn);
    forEachChild(e, walk);
  };
  for (const i of ir.indicators) walk(i.expr);
  for (const r of ir.rules) {
    walk(r.applies);
    for (const c of r.conditions) walk(c.expr);
  }
  for (const t of ir.targets) walk(t.scope.filter);
  for (const t of ir.tasks) {
    for (const m of t.milestones) walk(m.condition?.expr);
    for (const c of t.checks) walk(c.applies);
  }
  return out;
}
