// The 2018 PRC calendar plugin: its days (checked against the State Council notices), and "7个工作日"
// in a plan counted with it instead of Monday–Friday.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestbed, type Testbed } from '../../../src/harness/plugins/testbed.js';
import type { CaseRecord } from '../../../src/engine/data/record.js';
import { dayOf, formatDay } from '../../../src/engine/time/calendar.js';

const DIR = dirname(fileURLToPath(import.meta.url));
const PLAN = readFileSync(join(DIR, 'example.plan'), 'utf8');

let bed: Testbed;
let weekdays: Testbed;
beforeAll(async () => {
  bed = await createTestbed({ plugins: [DIR], calendar: 'prc-2018' });
  weekdays = await createTestbed({ plugins: [DIR] });
});
afterAll(async () => { await bed.dispose(); await weekdays.dispose(); });

const weekday = (d: string): number => new Date(`${d}T00:00:00Z`).getUTCDay();

describe('the 2018 calendar', () => {
  it('has the holidays and make-up days of 国办发明电〔2017〕12号 and 〔2018〕15号', async () => {
    const cal = await bed.host.calendar('prc-2018');
    const isWorkday = (d: string): boolean => cal.isWorkday(dayOf(+d.slice(0, 4), +d.slice(5, 7), +d.slice(8, 10)));
    // Make-up working days are weekends.
    for (const d of ['2018-02-11', '2018-02-24', '2018-04-08', '2018-04-28', '2018-09-29', '2018-09-30', '2018-12-29']) {
      expect([0, 6]).toContain(weekday(d));
      expect(isWorkday(d), d).toBe(true);
    }
    const off = ['2018-01-01', '2018-02-15', '2018-02-16', '2018-02-19', '2018-02-20', '2018-02-21', '2018-04-05', '2018-04-06', '2018-04-30',
      '2018-05-01', '2018-06-18', '2018-09-24', '2018-10-01', '2018-10-02', '2018-10-03', '2018-10-04', '2018-10-05', '2018-12-31'];
    for (const d of off) expect(isWorkday(d), d).toBe(false);
    // An ordinary week and weekend.
    expect(isWorkday('2018-03-14')).toBe(true);
    expect(isWorkday('2018-03-17')).toBe(false);
    // 365 days − 104 weekend days − 11 statutory days off = 250 working days (make-up days swap, not add).
    let n = 0;
    for (let d = dayOf(2018, 1, 1); d <= dayOf(2018, 12, 31); d++) if (cal.isWorkday(d)) n++;
    expect(n).toBe(250);
  });

  it('adds working days across 国庆 (and weekday-only would not)', async () => {
    const prc = await bed.hooks(PLAN), plain = await weekdays.hooks(PLAN);
    const fri = dayOf(2018, 9, 28);
    // 09-29 and 09-30 are worked, 10-01…07 are off: the 7th working day is 10-12.
    expect(formatDay(prc.addWorkdays!(fri, 7))).toBe('2018-10-12');
    expect(prc.calendar).toBe('prc-2018');
    expect(plain.addWorkdays).toBeUndefined(); // Monday–Friday, the evaluator's own default
    expect(plain.inProcessOnly).toBe(true); // the plan calls 工作日数
  });

  it('counts "7个工作日内" in a plan with the configured calendar', async () => {
    const cases: CaseRecord[] = [
      // Filed Friday before 国庆; notice on 10-11 (the 6th working day by the 2018 calendar, the 9th Monday–Friday).
      { id: 'A', court: '示例市人民法院', type: '首执', filed: '2018-09-28', closed: null, closure: null, claimed: 1000, recovered: 0, property: null, handler: '张三', events: [{ type: '执行通知', date: '2018-10-11' }] },
      // Filed before 春节; notice on 02-23: 02-11 (a Sunday worked), 02-12…14, 02-22, 02-23 are working days (6); Monday–Friday counts 10.
      { id: 'B', court: '示例市人民法院', type: '首执', filed: '2018-02-09', closed: null, closure: null, claimed: 1000, recovered: 0, property: null, handler: '张三', events: [{ type: '执行通知', date: '2018-02-23' }] },
      // An ordinary week: notice on the 3rd working day either way.
      { id: 'C', court: '示例市人民法院', type: '首执', filed: '2018-03-12', closed: null, closure: null, claimed: 1000, recovered: 0, property: null, handler: '张三', events: [{ type: '执行通知', date: '2018-03-15' }] },
    ];
    const prc = await bed.evaluate(PLAN, cases, '2018-12-31');
    const plain = await weekdays.evaluate(PLAN, cases, '2018-12-31');
    const rate = (r: typeof prc) => r.indicators.find((i) => i.name === '七日内通知率')!.overall;
    const mean = (r: typeof prc) => r.indicators.find((i) => i.name === '平均通知工作日')!.overall.value;
    expect(rate(prc)).toMatchObject({ numerator: 3, denominator: 3 });
    expect(rate(plain)).toMatchObject({ numerator: 1, denominator: 3 }); // A and B are late on Monday–Friday
    expect(mean(prc)).toBeCloseTo((6 + 6 + 3) / 3, 9);
    expect(mean(plain)).toBeCloseTo((9 + 10 + 3) / 3, 9);
    expect(bed.diagnostics()).toEqual([]);
  });

  it('names the holiday of a date (节假日名称)', async () => {
    const text = `${PLAN}\n指标 春节立案数 (件) = 计数(新收 其中 节假日名称(立案日期) = "春节")\n`;
    const cases: CaseRecord[] = ['2018-02-16', '2018-02-22', '2018-10-03'].map((filed, k) => ({
      id: `H${k}`, court: '示例市人民法院', type: '首执', filed, closed: null, closure: null, claimed: 1, recovered: 0, property: null, handler: '李四', events: [],
    }));
    const r = await bed.evaluate(text, cases, '2018-12-31');
    expect(r.indicators.find((i) => i.name === '春节立案数')!.overall.numerator).toBe(1);
    expect((bed.host.api('prc.calendar-2018') as { holidays: unknown[] }).holidays).toHaveLength(8);
  });
});
