// Loading an NDJSON file in byte ranges (src/harness/loaders/ranges.ts) gives exactly what the single-threaded
// loader gives: the same store, counts, problems (messages, order, lines) and origins — with rejected records
// and repeated ids at and across range boundaries, blank lines, CRLF, a BOM, GBK and a line that is not UTF-8;
// and so does reading it a chunk at a time, each chunk handed on as it is read (src/harness/loaders/stream.ts).
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCaseRange, loadCases, type LoadOptions } from '../../src/harness/loaders/index.js';
import { mergeRanges, planRanges, splitAtLines, threadsOfRanges } from '../../src/harness/loaders/ranges.js';
import { concatStores, RepeatedIds, type CaseStore } from '../../src/engine/data/store.js';
import { streamCases } from '../../src/harness/loaders/stream.js';
import { sampleCase, tempDir, writeTemp } from './helpers.js';

const j = (x: unknown): string => JSON.stringify(x);

/** Many kinds of lines: good, warned, malformed, invalid, repeated ids (near and far), blank. */
function lines(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `(2018)浙0203执${i}号`;
    if (i % 17 === 5) out.push('{"id": "broken",');
    else if (i % 23 === 7) out.push(j(sampleCase({ id, filed: '2018-02-30' })));
    else if (i % 19 === 3)
      out.push(j(sampleCase({ id: `(2018)浙0203执${i % 7}号` }))); // repeats an earlier id
    else if (i % 29 === 11) out.push('');
    else if (i % 31 === 13)
      out.push(j({ ...sampleCase({ id }), events: [{ type: '自定义事件', date: '2018-04-01' }] })); // a warning
    else
      out.push(
        j(sampleCase({ id, court: i % 2 ? '宁波市海曙区人民法院' : '宁波市江北区人民法院', handler: `法官${i % 13}` })),
      );
  }
  return out;
}

/**
 * The ranges loaded one by one and merged. `asPool`: as the pool does it — each range's store in shared
 * memory, and the first half of the ranges' ids checked for repeats before the merge (as they arrive).
 */
async function inRanges(path: string, parts: number, opts: LoadOptions = {}, asPool = false) {
  const plan = await planRanges(path, statSync(path).size, parts, opts.encoding);
  if (!plan) throw new Error('not split');
  const loads = [];
  for (const r of plan.ranges) loads.push(await loadCaseRange(path, r, { ...opts, encoding: plan.encoding }, asPool));
  if (asPool) expect(loads[0]!.store.idBytes.buffer).toBeInstanceOf(SharedArrayBuffer);
  const ids = asPool ? new RepeatedIds() : undefined;
  for (let k = 0; ids && k < loads.length / 2; k++) ids.add(loads[k]!.store);
  return { plan, ...mergeRanges(path, loads, opts.maxProblems, ids) };
}

async function expectSame(path: string, parts: number, opts: LoadOptions = {}): Promise<void> {
  const whole = await loadCases([path], opts);
  for (const asPool of [false, true]) {
    const { loaded, plan } = await inRanges(path, parts, opts, asPool);
    expect(plan.ranges.length).toBe(parts);
    expect(loaded.stats).toEqual(whole.stats);
    expect(loaded.problems).toEqual(whole.problems);
    expect(loaded.store).toEqual(whole.store);
    expect([...loaded.origins.line]).toEqual([...whole.origins.line]);
    expect([...loaded.origins.file]).toEqual([...whole.origins.file]);
  }
  // As `db load` reads it: a chunk at a time, each handed on before the next is read (loaders/stream.ts).
  const chunks: CaseStore[] = [];
  const bytes = Math.ceil(statSync(path).size / parts);
  const streamed = await streamCases([path], { ...opts, chunkBytes: bytes }, async (s) => {
    chunks.push(s);
  });
  expect(streamed.chunks).toBe(parts);
  expect(streamed.stats).toEqual(whole.stats);
  expect(streamed.problems).toEqual(whole.problems);
  expect(concatStores(chunks)).toEqual(whole.store);
}

describe('loading an NDJSON file in ranges', () => {
  it('deals ranges to threads in rounds, every other round backwards, each thread’s in file order', () => {
    expect(threadsOfRanges(8, 2)).toEqual([
      [0, 3, 4, 7],
      [1, 2, 5, 6],
    ]);
    expect(threadsOfRanges(7, 3)).toEqual([
      [0, 5, 6],
      [1, 4],
      [2, 3],
    ]);
    // Fewer ranges than threads: one thread a range.
    expect(threadsOfRanges(2, 4)).toEqual([[0], [1]]);
    // Ranges whose cost grows along the file: each thread's share is the same.
    const cost = (list: number[]) => list.reduce((a, j) => a + j, 0);
    expect(threadsOfRanges(32, 2).map(cost)).toEqual([248, 248]);
  });
  it('cuts only after line breaks, covering every byte once', async () => {
    const text = lines(50).join('\n');
    const path = writeTemp(tempDir(), 'c.ndjson', text);
    const size = statSync(path).size;
    const ranges = await splitAtLines(path, size, 4);
    expect(ranges[0]!.start).toBe(0);
    expect(ranges.at(-1)!.end).toBe(size);
    const bytes = Buffer.from(text);
    for (let k = 1; k < ranges.length; k++) {
      expect(ranges[k]!.start).toBe(ranges[k - 1]!.end);
      expect(bytes[ranges[k]!.start - 1]).toBe(10);
    }
  });

  it.each([2, 3, 5, 8])('gives what one thread gives, in %i ranges', async (parts) => {
    const ls = lines(400);
    expect(ls.filter((l) => l.includes('broken')).length).toBeGreaterThan(10);
    await expectSame(writeTemp(tempDir(), 'c.ndjson', `${ls.join('\n')}\n`), parts);
  });

  it('with CRLF, a BOM and no final line break', async () => {
    await expectSame(writeTemp(tempDir(), 'c.ndjson', `\uFEFF${lines(300).join('\r\n')}`), 4);
  });

  it('in GBK, with a UTF-8 line inside', async () => {
    const dir = tempDir();
    const gbk = writeTemp(dir, 'g.ndjson', `${lines(200).join('\n')}\n`, 'gbk');
    await expectSame(gbk, 3);
    await expectSame(gbk, 3, { encoding: 'gbk' });
    const utf8Line = Buffer.from(`${j(sampleCase({ id: '外来' }))}\n`);
    const mixed = writeTemp(dir, 'm.ndjson', Buffer.concat([Buffer.from(statBytes(gbk)), utf8Line, statBytes(gbk)]));
    const whole = await loadCases([mixed]);
    expect(whole.problems.some((p) => p.code === 'D0013')).toBe(true);
    await expectSame(mixed, 5);
  });

  it('a line not valid UTF-8 and repeated ids listed up to the limit, the rest counted', async () => {
    const dir = tempDir();
    const bad = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]);
    const body = Buffer.from(`${lines(300).join('\n')}\n`);
    const path = writeTemp(dir, 'b.ndjson', Buffer.concat([body.subarray(0, 5000), bad, body.subarray(5000)]));
    // (the bad bytes land inside a record's line: that record is rejected as undecodable)
    await expectSame(path, 3);
    await expectSame(path, 3, { maxProblems: 7 });
    const few = await inRanges(path, 3, { maxProblems: 7 });
    expect(few.loaded.problems).toHaveLength(8);
    expect(few.loaded.problems.at(-1)).toMatchObject({ code: 'D0000' });
  });

  it('a repeat across ranges cites the first case; a later repeat in its range cites the same case', async () => {
    const a = j(sampleCase({ id: 'X' }));
    const pad = Array.from({ length: 40 }, (_, i) => j(sampleCase({ id: `p${i}` })));
    const text = [a, ...pad, a, ...pad.map((l) => l.replace(/"p/g, '"q')), a, a].join('\n');
    const path = writeTemp(tempDir(), 'x.ndjson', `${text}\n`);
    await expectSame(path, 2);
    await expectSame(path, 3);
    const { loaded, dropped } = await inRanges(path, 3);
    const dups = loaded.problems.filter((p) => p.code === 'D0112');
    expect(dups.map((p) => p.line)).toEqual([42, 83, 84]);
    expect(dups.every((p) => p.messageEn.endsWith(`(first seen at ${path}:1)`))).toBe(true);
    expect(dropped.flat().length).toBeGreaterThan(0);
  });

  it('several files and a folder streamed: what one load of them gives, a repeat across files citing the first file', async () => {
    const dir = tempDir();
    const first = writeTemp(dir, '1.ndjson', `${lines(200).join('\n')}\n`);
    // The second file repeats ids of the first (near its start and end) and has its own bad lines.
    const again = lines(200).map((l, i) => (i % 10 === 0 ? l : l.replace(/执(\d+)号/, '执2$1号')));
    const second = writeTemp(dir, '2.ndjson', `${again.join('\n')}\n`);
    // A folder is listed as the loaders list it: its files sorted by name.
    for (const paths of [[first, second], [dir]]) {
      for (const opts of [{}, { maxProblems: 9 }]) {
        const whole = await loadCases(paths, opts);
        const chunks: CaseStore[] = [];
        const streamed = await streamCases(paths, { ...opts, chunkBytes: 2000 }, async (st) => {
          chunks.push(st);
        });
        expect(streamed.chunks).toBeGreaterThan(8);
        expect(streamed.stats).toEqual(whole.stats);
        expect(streamed.problems).toEqual(whole.problems);
        expect(concatStores(chunks)).toEqual(whole.store);
      }
    }
    const all = await loadCases([first, second]);
    const across = all.problems.filter((p) => p.code === 'D0112' && p.file === second && p.messageEn.includes(first));
    expect(across.length).toBeGreaterThan(5);
    // A file of another format among them: all are read whole, as one chunk.
    const csv = writeTemp(dir, '3.csv', 'id,court\n');
    const mixed = await streamCases([first, csv], {}, async () => undefined);
    expect(mixed.chunks).toBe(1);
    expect(mixed.stats).toEqual((await loadCases([first, csv])).stats);
  });

  it('does not split a UTF-16 file, nor an ASCII start with no decision on the encoding', async () => {
    const dir = tempDir();
    const u16 = writeTemp(dir, 'u.ndjson', Buffer.from(`\uFEFF${lines(50).join('\n')}`, 'utf16le'));
    expect(await planRanges(u16, statSync(u16).size, 2, undefined)).toBeNull();
    // (every valid case has Chinese in it — its type —, so an all-ASCII start is rejected records)
    const ascii = Array.from({ length: 100 }, (_, i) => j({ id: `a${i}`, court: 'c' }));
    const path = writeTemp(dir, 'a.ndjson', `${ascii.join('\n')}\n`);
    expect(await planRanges(path, statSync(path).size, 2, undefined)).toBeNull();
    expect(await planRanges(path, statSync(path).size, 2, 'utf8')).not.toBeNull();
  });
});

function statBytes(path: string): Buffer {
  return readFileSync(path);
}
