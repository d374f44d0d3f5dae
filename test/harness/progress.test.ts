// Progress bars (src/harness/progress.ts): drawn on a terminal's stderr only — never in CI, never into a
// pipe — and fed by the loaders with the bytes read, ending at the files' size.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadCases } from '../../src/harness/loaders/index.js';
import { terminalProgress, type ProgressFactory } from '../../src/harness/progress.js';
import { sampleCase, tempDir } from '../data/helpers.js';

function fakeTerminal(): NodeJS.WriteStream & { text: () => string } {
  const s = new PassThrough() as unknown as NodeJS.WriteStream & { text: () => string };
  const chunks: string[] = [];
  (s as unknown as PassThrough).on('data', (c: Buffer) => chunks.push(c.toString()));
  Object.assign(s, {
    isTTY: true,
    columns: 100,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    text: () => chunks.join(''),
  });
  return s;
}

describe('progress bars', () => {
  it('are drawn only on a terminal outside CI', () => {
    const tty = fakeTerminal();
    expect(terminalProgress(tty, {})).not.toBeNull();
    expect(terminalProgress(tty, { CI: 'true' })).toBeNull();
    expect(
      terminalProgress(Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream, {}),
    ).toBeNull();
    const bar = terminalProgress(tty, {})!('读取案件 / reading cases', 4 * 2 ** 20, 'bytes');
    bar.update(2 * 2 ** 20);
    bar.stop();
    expect(tty.text()).toContain('读取案件 / reading cases');
    expect(tty.text()).toMatch(/50%/);
  });

  it('follow a load of 16 MB or more byte by byte, to its end', async () => {
    const dir = tempDir();
    const line = JSON.stringify(sampleCase());
    const id = JSON.stringify(sampleCase().id);
    const rows: string[] = [];
    let size = 0;
    for (let i = 0; size < 17 * 2 ** 20; i++) {
      const r = line.replace(id, JSON.stringify(`P${i}`));
      rows.push(r);
      size += Buffer.byteLength(r) + 1;
    }
    const file = join(dir, 'big.ndjson');
    writeFileSync(file, rows.join('\n') + '\n');
    const seen: number[] = [];
    let started: [string, number, string] | null = null;
    let stopped = false;
    const factory: ProgressFactory = (label, total, unit) => {
      started = [label, total, unit];
      return {
        update: (n) => seen.push(n),
        stop: () => {
          stopped = true;
        },
      };
    };
    const loaded = await loadCases([file], { progress: factory });
    expect(loaded.stats.accepted).toBe(rows.length);
    expect(started).toEqual(['读取案件 / reading cases', size, 'bytes']);
    // One update a read (1 MiB each, ../../src/harness/loaders/decode.ts), the last at the file's size.
    expect(seen.length).toBeGreaterThanOrEqual(17);
    expect(seen.at(-1)).toBe(size);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(stopped).toBe(true);
    // A small load draws nothing.
    writeFileSync(join(dir, 'small.ndjson'), rows.slice(0, 10).join('\n'));
    started = null;
    await loadCases([join(dir, 'small.ndjson')], { progress: factory });
    expect(started).toBeNull();
  });
});
