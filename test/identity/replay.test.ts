// Replays see the cases as evaluations do: the workbench's sliced replay, the one-go replay and an
// evaluation at the last step agree when some cases belong to courts the plan does not name, or use its
// short names.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/generate/index.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { replayPlan } from '../../src/engine/replay/replay.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { replayCooperatively } from '../../src/workers/replay.js';
import { compile } from '../../src/engine/check/compile.js';
import { ROOT, memoryHost } from '../corpus/host.js';

describe('court identity in replays', () => {
  // 宁海 under the plan's short name, 象山 under its everyday name (not the plan's), the rest as declared.
  const records = [
    ...generateCases({ preset: 'ningbo', cases: 2000, seed: 9, from: '2017-01-01', to: '2018-12-31' }),
  ].map((r) =>
    r.court === '宁海县人民法院'
      ? { ...r, court: '宁海法院' }
      : r.court === '象山县人民法院'
        ? { ...r, court: '象山县法院' }
        : r,
  );
  const store = storeFromRecords(records);
  const text = readFileSync(join(ROOT, 'policies', 'ningbo-2018.plan'), 'utf8');
  const { ir } = compile('ningbo-2018.plan', memoryHost({ 'ningbo-2018.plan': text }));
  const input = { ir, store, progress: [], staffing: [], from: '2018-04-08', to: '2018-12-31', step: 'month' as const };

  it('sliced = one go; unmatched cases are in neither, the short name counts as its court', async () => {
    let t = 0;
    const sliced = await replayCooperatively(
      input,
      async () => true,
      () => (t += 1000),
    );
    const whole = replayPlan(input);
    expect(JSON.stringify(sliced)).toBe(JSON.stringify(whole));
    const xiangshan = records.filter((r) => r.court === '象山县法院').length;
    expect(whole.courtIdentity!.unmatched).toEqual([
      { name: '象山县法院', cases: xiangshan, suggestion: '象山县人民法院' },
    ]);
    expect(Object.keys(whole.indicators[0]!.courts)).toContain('宁海县人民法院');
    expect(Object.keys(whole.indicators[0]!.courts)).not.toContain('象山县法院');
    // The last step is the evaluation as of that day.
    const report = evaluatePlan({ ir, store, asOf: '2018-12-31' });
    const last = whole.dates.length - 1;
    for (const ind of report.indicators) {
      const series = whole.indicators.find((i) => i.name === ind.name)!;
      expect([ind.name, series.overall.numerators[last], series.overall.denominators[last]]).toEqual([
        ind.name,
        ind.overall.numerator,
        ind.overall.denominator,
      ]);
    }
  });
});
