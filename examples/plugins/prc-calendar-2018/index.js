// @ts-check
// The 2018 PRC calendar: `calendar: prc-2018` in luoshi.config.yaml makes "7个工作日" in plans skip the
// 2018 public holidays and count the make-up working days (调休). Also a function 节假日名称(日期).
import { DAY_OFF, HOLIDAYS, isWorkday } from './holidays.js';

/** @typedef {import('../../../src/engine/plugins/api.js').PluginContext} PluginContext */

/** @param {PluginContext} context */
export function activate(context) {
  context.calendars.register('prc-2018', { isWorkday });
  context.functions.register('节假日名称', ([date]) => (typeof date === 'string' ? DAY_OFF.get(date) ?? null : null));
  // The API other plugins (or tests) get from host.api('prc.calendar-2018').
  return { holidays: HOLIDAYS, isWorkday };
}
