// The columnar snapshot of a load (src/harness/loaders/snapshot.ts): a second load of the same sources
// reads it and gives exactly what the first gave (store, counts, rejected records, origins); any change of
// a source's bytes is a fresh load; a cache folder that cannot be written costs nothing but the snapshot.
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { genCommand } from '../../src/harness/commands/gen.js';
import { main } from '../../src/harness/cli.js';
import { loadCases, type LoadedCases } from '../../src/harness/loaders/index.js';
import { captureIO, tempDir } from './helpers.js';

let dir: string;
let file: string;

/** Everything a load gives, as plain data to compare (typed arrays as arrays). */
function plain(l: LoadedCases): unknown {
  const arrays: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(l.store))
    arrays[k] = ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v;
  return {
    store: arrays,
    stats: l.stats,
    problems: l.problems,
    origins: { files: l.origins.files, file: Array.from(l.origins.file), line: Array.from(l.origins.line) },
  };
}

beforeAll(async () => {
  dir = tempDir();
  const io = captureIO();
  // 400 cases, 10% of them broken: rejected records and problems must come back from the snapshot too.
  expect(await genCommand(['--preset', 'ningbo', '--cases', '400', '--seed', '7', '--broken', '0.1'], io)).toBe(0);
  file = join(dir, 'cases.ndjson');
  writeFileSync(file, io.out.join(''));
  // Old enough that its stat can be trusted (not changed within two seconds of the snapshot).
  utimesSync(file, new Date('2020-01-01'), new Date('2020-01-01'));
});

describe('data snapshots', () => {
  it('are written once, then read back with the same store, counts, rejected records and origins', async () => {
    const cache = join(dir, 'c1');
    const first = await loadCases([file], { snapshot: { dir: cache, minBytes: 0 } });
    expect(first.snapshot).toBe('written');
    expect(first.stats.rejected).toBeGreaterThan(0);
    expect(readdirSync(cache)).toHaveLength(1);
    const second = await loadCases([file], { snapshot: { dir: cache, minBytes: 0 } });
    expect(second.snapshot).toBe('hit');
    const plainLoad = await loadCases([file]);
    expect(plainLoad.snapshot).toBeUndefined();
    expect(plain(second)).toEqual(plain(plainLoad));
    expect(plain(first)).toEqual(plain(plainLoad));
  });

  it('are not used when a source changed: other bytes of the same size, a longer file; a touch alone keeps it', async () => {
    const cache = join(dir, 'c2');
    const copy = join(dir, 'copy.ndjson');
    const text = readFileSync(file, 'utf8');
    writeFileSync(copy, text);
    utimesSync(copy, new Date('2020-01-01'), new Date('2020-01-01'));
    const opts = { snapshot: { dir: cache, minBytes: 0 } };
    expect((await loadCases([copy], opts)).snapshot).toBe('written');
    // Same size, one digit changed, a new mtime: hashed again, found different.
    const changed = text.replace(/"claimed":(\d)/, (_m, d: string) => `"claimed":${(Number(d) + 1) % 10}`);
    expect(changed).not.toBe(text);
    expect(changed.length).toBe(text.length);
    writeFileSync(copy, changed);
    const afterChange = await loadCases([copy], opts);
    expect(afterChange.snapshot).toBe('written');
    expect(plain(afterChange)).toEqual(plain(await loadCases([copy])));
    // Touched, bytes unchanged: the hash matches, the snapshot is read.
    utimesSync(copy, new Date('2021-01-01'), new Date('2021-01-01'));
    expect((await loadCases([copy], opts)).snapshot).toBe('hit');
    // A record more: a fresh load that counts it.
    const before = (await loadCases([copy])).stats.read;
    writeFileSync(copy, changed + text.split('\n')[0]!.replace(/"id":"([^"]+)"/, '"id":"$1-x"') + '\n');
    const grown = await loadCases([copy], opts);
    expect(grown.snapshot).toBe('written');
    expect(grown.stats.read).toBe(before + 1);
  });

  it('are skipped for small sources and a folder that cannot be written changes nothing else', async () => {
    expect((await loadCases([file], { snapshot: { dir: join(dir, 'c3') } })).snapshot).toBe('skipped');
    const locked = join(dir, 'locked');
    writeFileSync(locked, 'a file where the cache folder should be');
    const l = await loadCases([file], { snapshot: { dir: join(locked, 'snapshots'), minBytes: 0 } });
    expect(l.snapshot).toBe('unwritable');
    expect(plain(l)).toEqual(plain(await loadCases([file])));
  });

  it('leave `luoshi check` output byte-identical; --no-cache writes none', async () => {
    const cache = join(dir, 'c4');
    const run = async (...extra: string[]): Promise<{ code: number; out: string }> => {
      const io = captureIO();
      const code = await main(
        [
          'check',
          'policies/ningbo-2018.plan',
          '--data',
          'examples/data/ningbo-2018.ndjson',
          '--as-of',
          '2018-12-31',
          '--format',
          'json',
          ...extra,
        ],
        io,
      );
      return { code, out: io.out.join('') };
    };
    const none = await run('--no-cache', '--cache-dir', cache);
    expect(() => readdirSync(join(cache, 'snapshots'))).toThrow();
    const written = await run('--cache-dir', cache);
    expect(readdirSync(join(cache, 'snapshots'))).toHaveLength(1);
    const read = await run('--cache-dir', cache);
    expect(none.code).toBe(1);
    expect(written).toEqual(none);
    expect(read).toEqual(none);
  });
});
