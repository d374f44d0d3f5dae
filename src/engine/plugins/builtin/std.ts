// Built-in plugin `luoshi.std`: the standard functions a plan may call, and the Monday–Friday calendar.
// It registers through the same API as any plugin; the functions take the configured calendar.
import type { PluginManifest, PluginModule, PluginValue } from '../api.js';

export const STD_MANIFEST: PluginManifest = {
  id: 'luoshi.std',
  name: '标准函数 / standard functions',
  version: '1.0.0',
  description:
    '工作日数、是否工作日、较早、较晚；周一至周五日历 / working days, earlier/later dates; the Monday–Friday calendar',
  engines: { luoshi: '*' },
  main: 'builtin',
  contributes: {
    functions: [
      {
        name: '工作日数',
        params: [
          { name: '从', type: 'date' },
          { name: '到', type: 'date' },
        ],
        returns: 'days',
        description: '从某日之后到某日（含）的工作日数，按配置的日历',
      },
      {
        name: 'workdays_between',
        params: [
          { name: 'from', type: 'date' },
          { name: 'to', type: 'date' },
        ],
        returns: 'days',
        description: 'working days after `from` up to and including `to`, by the configured calendar',
      },
      {
        name: '是否工作日',
        params: [{ name: '日期', type: 'date' }],
        returns: 'boolean',
        description: '该日是否为工作日（按配置的日历）',
      },
      {
        name: 'is_workday',
        params: [{ name: 'date', type: 'date' }],
        returns: 'boolean',
        description: 'whether the date is a working day (by the configured calendar)',
      },
      {
        name: '较早',
        params: [
          { name: '甲', type: 'date' },
          { name: '乙', type: 'date' },
        ],
        returns: 'date',
        description: '两个日期中较早的一个（一个为空时取另一个）',
      },
      {
        name: 'earlier',
        params: [
          { name: 'a', type: 'date' },
          { name: 'b', type: 'date' },
        ],
        returns: 'date',
        description: 'the earlier of two dates (the other when one is null)',
      },
      {
        name: '较晚',
        params: [
          { name: '甲', type: 'date' },
          { name: '乙', type: 'date' },
        ],
        returns: 'date',
        description: '两个日期中较晚的一个（一个为空时取另一个）',
      },
      {
        name: 'later',
        params: [
          { name: 'a', type: 'date' },
          { name: 'b', type: 'date' },
        ],
        returns: 'date',
        description: 'the later of two dates (the other when one is null)',
      },
    ],
    calendars: [{ id: 'weekdays', title: { zh: '周一至周五', en: 'Monday–Friday' }, weekend: [0, 6] }],
  },
};

const date = (v: PluginValue): string | null => (typeof v === 'string' ? v : null);
const pick =
  (which: 'min' | 'max') =>
  ([a, b]: PluginValue[]): PluginValue => {
    const x = date(a ?? null),
      y = date(b ?? null);
    if (x === null) return y;
    if (y === null) return x;
    return (which === 'min' ? x <= y : x >= y) ? x : y; // ISO dates order as strings
  };

export const STD_MODULE: PluginModule = {
  activate(ctx) {
    const between = (
      [a, b]: PluginValue[],
      c: { calendar: { workdaysBetween(x: string, y: string): number } },
    ): PluginValue => {
      const x = date(a ?? null),
        y = date(b ?? null);
      return x === null || y === null ? null : c.calendar.workdaysBetween(x, y);
    };
    const isWorkday = ([a]: PluginValue[], c: { calendar: { isWorkday(x: string): boolean } }): PluginValue => {
      const x = date(a ?? null);
      return x === null ? null : c.calendar.isWorkday(x);
    };
    for (const n of ['工作日数', 'workdays_between']) ctx.functions.register(n, between);
    for (const n of ['是否工作日', 'is_workday']) ctx.functions.register(n, isWorkday);
    for (const n of ['较早', 'earlier']) ctx.functions.register(n, pick('min'));
    for (const n of ['较晚', 'later']) ctx.functions.register(n, pick('max'));
  },
};
