// Playing the as-of slider: stops at month ends (February's 28th or 29th), at every deadline in between,
// each once and in order; by week and day the deadlines are stops too.
import { describe, expect, it } from 'vitest';
import { nextStop, playStops, reportDeadlines } from '../../src/engine/replay/play-stops.js';
import type { PlanReport } from '../../src/engine/report/model.js';

describe('play stops', () => {
  it('by month: each month end, February by its leap year, and the range end', () => {
    expect(playStops('2018-01-15', '2018-04-10', 'month', [])).toEqual([
      '2018-01-31',
      '2018-02-28',
      '2018-03-31',
      '2018-04-10',
    ]);
    expect(playStops('2020-01-01', '2020-03-31', 'month', [])).toEqual(['2020-01-31', '2020-02-29', '2020-03-31']);
    expect(playStops('2100-02-01', '2100-03-01', 'month', [])).toEqual(['2100-02-28', '2100-03-01']);
    expect(playStops('2000-02-01', '2000-02-29', 'month', [])).toEqual(['2000-02-29']);
  });

  it('deadlines in between are stops, deduplicated and sorted; those outside the range are not', () => {
    const deadlines = [
      '2018-06-30',
      '2018-04-15',
      '2018-04-15',
      '2018-12-31',
      '2017-12-31',
      '2019-01-31',
      'not a date',
    ];
    expect(playStops('2018-01-01', '2018-07-31', 'month', deadlines)).toEqual([
      '2018-01-31',
      '2018-02-28',
      '2018-03-31',
      '2018-04-15',
      '2018-04-30',
      '2018-05-31',
      '2018-06-30',
      '2018-07-31',
    ]);
  });

  it('by week and by day the deadlines are stops as well', () => {
    expect(playStops('2018-06-01', '2018-07-05', 'week', ['2018-06-30', '2018-06-10'])).toEqual([
      '2018-06-07',
      '2018-06-10',
      '2018-06-14',
      '2018-06-21',
      '2018-06-28',
      '2018-06-30',
      '2018-07-05',
    ]);
    expect(playStops('2018-06-28', '2018-07-02', 'day', ['2018-06-30'])).toEqual([
      '2018-06-28',
      '2018-06-29',
      '2018-06-30',
      '2018-07-01',
      '2018-07-02',
    ]);
  });

  it('the next stop is the first after the current date; none after the last', () => {
    const stops = playStops('2018-01-01', '2018-12-31', 'month', ['2018-06-30']);
    expect(nextStop(stops, '2018-05-31')).toBe('2018-06-30');
    expect(nextStop(stops, '2018-06-15')).toBe('2018-06-30');
    expect(nextStop(stops, '2018-06-30')).toBe('2018-07-31');
    expect(nextStop(stops, '2018-12-31')).toBeNull();
    expect(playStops('2018-02-01', '2018-01-01', 'month', [])).toEqual([]);
  });

  it("a report's deadlines: stage deadlines, task and milestone due dates", () => {
    const stage = (by: string | null) => ({ by }) as PlanReport['targets'][number]['stages'][number];
    const r = {
      targets: [{ stages: [stage('2018-06-30'), stage('2018-12-31')] }, { stages: [stage(null)] }],
      tasks: [
        { due: '2018-03-31', milestones: [{ due: '2018-05-20' }, { due: '2018-09-10' }] },
        { due: null, milestones: [] },
      ],
    } as unknown as Pick<PlanReport, 'targets' | 'tasks'>;
    expect(reportDeadlines(r).sort()).toEqual(['2018-03-31', '2018-05-20', '2018-06-30', '2018-09-10', '2018-12-31']);
  });
});
