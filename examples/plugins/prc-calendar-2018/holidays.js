// @ts-check
// 2018 年法定节假日与调休（全国）。来源：
//   国务院办公厅关于2018年部分节假日安排的通知（国办发明电〔2017〕12号，2017-11-30）；
//   国务院办公厅关于2019年部分节假日安排的通知（国办发明电〔2018〕15号，2018-12-04）：2019 年元旦自
//   2018-12-30 起放假，2018-12-29（星期六）上班 —— 这两天属于 2018 年，故一并列入。
// `days` 为放假日（含与周末连休的周末），`workdays` 为调休上班的周末。

/** @typedef {{ name: string, days: string[], workdays: string[] }} Holiday */

/** @type {Holiday[]} */
export const HOLIDAYS = [
  { name: '元旦', days: ['2017-12-30', '2017-12-31', '2018-01-01'], workdays: [] },
  { name: '春节', days: range('2018-02-15', '2018-02-21'), workdays: ['2018-02-11', '2018-02-24'] },
  { name: '清明节', days: range('2018-04-05', '2018-04-07'), workdays: ['2018-04-08'] },
  { name: '劳动节', days: range('2018-04-29', '2018-05-01'), workdays: ['2018-04-28'] },
  { name: '端午节', days: range('2018-06-16', '2018-06-18'), workdays: [] },
  { name: '中秋节', days: range('2018-09-22', '2018-09-24'), workdays: [] },
  { name: '国庆节', days: range('2018-10-01', '2018-10-07'), workdays: ['2018-09-29', '2018-09-30'] },
  { name: '元旦', days: ['2018-12-30', '2018-12-31', '2019-01-01'], workdays: ['2018-12-29'] },
];

/** Every date from `from` to `to`, inclusive ('YYYY-MM-DD'). @param {string} from @param {string} to @returns {string[]} */
function range(from, to) {
  const out = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

/** @type {Map<string, string>} date → holiday name */
export const DAY_OFF = new Map(HOLIDAYS.flatMap((h) => h.days.map((d) => /** @type {[string, string]} */ ([d, h.name]))));
/** @type {Set<string>} weekend dates worked (调休) */
export const MAKE_UP = new Set(HOLIDAYS.flatMap((h) => h.workdays));

/**
 * Is `date` a working day? A make-up day is; a holiday is not; otherwise Monday–Friday.
 * @param {string} date 'YYYY-MM-DD'
 */
export function isWorkday(date) {
  if (MAKE_UP.has(date)) return true;
  if (DAY_OFF.has(date)) return false;
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
}
