// The engine worker's progress to the page (src/workers/progress-throttle.ts): at most one message per
// operation every 100 ms, each operation on its own clock, and the end (fraction 1) always.
import { describe, expect, it } from 'vitest';
import { PROGRESS_INTERVAL_MS, ProgressThrottle } from '../../src/workers/progress-throttle.js';
import type { ProgressMessage } from '../../src/workers/protocol.js';

const msg = (op: ProgressMessage['op'], fraction: number | null): ProgressMessage => ({
  op,
  fraction,
  text: '',
  textEn: '',
});

describe('ProgressThrottle', () => {
  it('lets through at most ten messages a second per operation, and always the end', () => {
    let now = 0;
    const th = new ProgressThrottle(() => now);
    expect(PROGRESS_INTERVAL_MS).toBe(100);
    const sent: number[] = [];
    // A replay reporting every millisecond for two seconds.
    for (let k = 0; k <= 2000; k++) {
      now = k;
      const fraction = k / 2000;
      if (th.admit(msg('replay', fraction))) sent.push(k);
    }
    expect(sent).toEqual([...Array.from({ length: 20 }, (_, i) => i * 100), 2000]);
  });

  it('keeps a clock per operation', () => {
    let now = 0;
    const th = new ProgressThrottle(() => now);
    expect(th.admit(msg('load', 0.1))).toBe(true);
    expect(th.admit(msg('evaluate', null))).toBe(true);
    now = 50;
    expect(th.admit(msg('load', 0.2))).toBe(false);
    expect(th.admit(msg('evaluate', 0.5))).toBe(false);
    expect(th.admit(msg('evaluate', 1))).toBe(true);
    now = 100;
    expect(th.admit(msg('load', 0.3))).toBe(true);
  });
});
