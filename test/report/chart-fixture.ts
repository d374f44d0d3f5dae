// A replay of twelve courts for the chart tests: one ratio indicator, a staged per-court target and a team target.
import type { ChartReplay } from '../../src/engine/report/chart-option.js';
import type { TargetStatus } from '../../src/engine/report/model.js';

export const COURTS = [
  '余姚市人民法院',
  '宁波市中级人民法院',
  '宁波市北仑区人民法院',
  '宁波市奉化区人民法院',
  '宁波市江北区人民法院',
  '宁波市海曙区人民法院',
  '宁波市鄞州区人民法院',
  '宁波市镇海区人民法院',
  '宁海县人民法院',
  '慈溪市人民法院',
  '象山县人民法院',
  '宁波市江东区人民法院',
];
export const DATES = [
  '2018-01-31',
  '2018-02-28',
  '2018-03-31',
  '2018-04-30',
  '2018-05-31',
  '2018-06-30',
  '2018-07-31',
  '2018-08-31',
  '2018-09-30',
  '2018-10-31',
  '2018-11-30',
  '2018-12-31',
];

/** Twelve courts rising to 42.75 %…95 %; the first three miss the 90 % target at the end, the fourth is at risk. */
export function replayOf(opts: { top?: number; unit?: string } = {}): ChartReplay {
  const top = opts.top ?? 0.95;
  const series = (c: number) => {
    const end = top * (1 - c * 0.05);
    return {
      values: DATES.map((_, k) => (k === 0 && c === 5 ? null : Math.round(end * ((k + 1) / DATES.length) * 1e4) / 1e4)),
      numerators: DATES.map(() => 0),
      denominators: DATES.map(() => 1),
    };
  };
  const status = (c: number): TargetStatus[] =>
    DATES.map((_, k) => (k < 11 ? 'on track' : c < 3 ? 'missed' : c === 3 ? 'at risk' : 'met'));
  const courts = Object.fromEntries(COURTS.map((c, k) => [c, series(k)]));
  return {
    dates: DATES,
    indicators: [{ name: '结案率', title: null, unit: opts.unit ?? '%', overall: series(0), courts }],
    targets: [
      {
        id: '结案达标',
        indicator: '结案率',
        unit: '%',
        op: '>=',
        scope: 'court',
        thresholds: DATES.map((d) => (d <= '2018-06-30' ? 0.6 : 0.9)),
        statuses: DATES.map(() => 'on track'),
        courts: Object.fromEntries(COURTS.map((c, k) => [c, status(k)])),
        deadlines: ['2018-06-30', '2018-12-31'],
        firstMet: null,
        firstMissed: null,
        projection: null,
      },
      {
        id: '团队结案',
        indicator: '结案率',
        unit: '%',
        op: '>=',
        scope: 'team',
        thresholds: DATES.map(() => 0.5),
        statuses: DATES.map(() => 'met'),
        courts: {},
        deadlines: ['2018-07-02', '2018-12-31'],
        firstMet: null,
        firstMissed: null,
        projection: null,
      },
    ],
  };
}
