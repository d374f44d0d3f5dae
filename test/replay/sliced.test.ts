// The workbench's worker replays in slices of cases (yielding between them so an as-of move is answered
// at once): the slices' sums add up to exactly the replay done in one go, and a superseded replay stops.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/generate/index.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { replayPlan } from '../../src/engine/replay/replay.js';
import { replayCooperatively } from '../../src/workers/replay.js';
import { compile } from '../../src/engine/check/compile.js';
import { ROOT, memoryHost } from '../corpus/host.js';

describe('replay in slices = replay in one go', () => {
  const store = storeFromRecords([
    ...generateCases({ preset: 'ningbo', cases: 3000, seed: 5, from: '2017-01-01', to: '2018-12-31' }),
  ]);
  const text = readFileSync(join(ROOT, 'policies', 'ningbo-2018.plan'), 'utf8');
  const { ir, errorCount } = compile('ningbo-2018.plan', memoryHost({ 'ningbo-2018.plan': text }));
  const input = { ir, store, progress: [], staffing: [], from: '2018-04-08', to: '2018-12-31', step: 'week' as const };

  it('byte-identical series with the smallest slices', async () => {
    expect(errorCount).toBe(0);
    let calls = 0;
    // A clock that says every slice was slow: slices shrink to their minimum (200 cases).
    let t = 0;
    const sliced = await replayCooperatively(
      input,
      async () => {
        calls++;
        return true;
      },
      () => (t += 1000),
    );
    const whole = replayPlan(input);
    expect(JSON.stringify(sliced)).toBe(JSON.stringify(whole));
    expect(calls).toBeGreaterThanOrEqual(15);
  });

  it('stops when superseded', async () => {
    let calls = 0;
    const r = await replayCooperatively(
      input,
      async () => ++calls < 3,
      () => 0,
    );
    expect(r).toBeNull();
    expect(calls).toBe(3);
  });

  it('no cases: one empty slice per window', async () => {
    const empty = { ...input, store: storeFromRecords([]) };
    const r = await replayCooperatively(empty, async () => true);
    expect(JSON.stringify(r)).toBe(JSON.stringify(replayPlan(empty)));
  });
});
