// A replay's sums packed in a worker and added up in the main thread (src/engine/replay/packed-sums.ts): the
// shards' packs, each over its own dictionaries, add up to the whole store's sums, value for value.
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/generate/index.js';
import { splitByCourt, storeFromRecords } from '../../src/engine/data/store.js';
import type { GroupSums } from '../../src/engine/eval/aggregate.js';
import { executeReplayWindows, prepareReplay, type ReplaySums } from '../../src/engine/replay/replay.js';
import { mergePackedReplaySums, PackedSumsMerger, packReplaySums } from '../../src/engine/replay/packed-sums.js';
import { compileText } from '../eval/helpers.js';

const PLAN = `方案 打包 { 期间 2018-01-01 至 2018-12-31  使用 std }
目标 结案 : 结案率 >= 60% 每个法院 截至 2018-12-31
`;

const plain = (s: GroupSums) => ({
  overall: [...s.overall],
  court: [...s.court],
  handler: [...s.handler],
  team: [...s.team],
});
const plainSums = (sums: ReplaySums) =>
  Object.fromEntries(
    Object.entries(sums).map(([k, w]) => [
      k,
      {
        exhaustive: w.exhaustive,
        perPoint: w.perPoint.map((row) => row.map((r) => ({ key: r.key, sum: plain(r.sum), n: plain(r.n) }))),
      },
    ]),
  );

/** Sums over overall, courts, handlers and teams, for the hand-made packs below. */
const g = (overall: number, court: number[], handler: number[], team: number[]): GroupSums => ({
  overall: Float64Array.of(overall),
  court: Float64Array.from(court),
  handler: Float64Array.from(handler),
  team: Float64Array.from(team),
});

describe('packed replay sums', () => {
  it('shards packed and merged give the whole store’s sums', () => {
    const records = [
      ...generateCases({ preset: 'ningbo', cases: 1500, seed: 5, from: '2017-06-01', to: '2018-12-31' }),
    ];
    const ir = compileText(PLAN).ir;
    const prepared = prepareReplay({
      ir,
      store: storeFromRecords(records),
      from: '2018-01-01',
      to: '2018-12-31',
      step: 'week',
    });
    const whole = executeReplayWindows(ir, prepared.store, prepared.windowJobs, prepared.staffing);
    const shards = splitByCourt(prepared.store, 3);
    expect(shards.length).toBe(3);
    const parts = shards.map((s) => ({
      dict: s,
      packed: packReplaySums(executeReplayWindows(ir, s, prepared.windowJobs, []), s),
    }));
    const merged = mergePackedReplaySums(prepared.store, prepared.windowJobs, parts);
    // Shards merged in the order they arrive (a pool adds each worker's as it answers): the same sums.
    const merger = new PackedSumsMerger(prepared.store, prepared.windowJobs);
    for (const p of [...parts].reverse()) merger.add(p.dict, p.packed);
    expect(plainSums(merger.sums())).toEqual(plainSums(merged));
    // Every value the whole store's pass has, the same to the bit (+0 and -0 apart).
    const got = plainSums(merged),
      want = plainSums(whole);
    expect(Object.keys(got)).toEqual(Object.keys(want));
    let compared = 0;
    for (const [k, w] of Object.entries(want)) {
      expect(got[k]!.exhaustive).toBe(w.exhaustive);
      expect(got[k]!.perPoint.length).toBe(w.perPoint.length);
      for (const [p, row] of w.perPoint.entries())
        for (const [a, r] of row.entries()) {
          const m = got[k]!.perPoint[p]![a]!;
          expect(m.key).toBe(r.key);
          for (const s of ['sum', 'n'] as const)
            for (const kind of ['overall', 'court', 'handler', 'team'] as const) {
              const mine = m[s][kind];
              // Groups the whole store's pass leaves at zero (the handlers of a court-only sum) may be absent
              // from the merge (a courts-only pack) or there as zeros.
              if (r[s][kind].every((v) => v === 0)) expect(mine.every((v) => v === 0)).toBe(true);
              else {
                expect(mine.length).toBe(r[s][kind].length);
                for (const [x, v] of r[s][kind].entries()) expect(Object.is(mine[x], v) ? v : [mine[x], v]).toBe(v);
                compared += mine.length;
              }
            }
        }
    }
    expect(compared).toBeGreaterThan(10_000);
    // A replay sums per court only: every shard's pack holds overall and courts alone.
    for (const p of parts) expect(Object.values(p.packed).every((w) => w.courtsOnly === true)).toBe(true);
  });

  it('puts each shard group in its place among the whole store’s; names the whole store lacks are left out', () => {
    const job = { key: 'w', from: 0, to: 9, points: [3, 9], nodes: [{ key: 'a' }] } as never;
    const sumsOf = (rows: Array<[GroupSums, GroupSums]>): ReplaySums => ({
      w: { exhaustive: true, perPoint: rows.map(([sum, n]) => [{ key: 'a', sum, n }]) },
    });
    const one = { courts: ['乙', '甲'], handlers: ['张'], teams: ['一'] };
    const two = { courts: ['丙', '甲'], handlers: ['李', '张'], teams: [] };
    const whole = { courts: ['甲', '乙'], handlers: ['张', '李'], teams: ['一'] };
    const merged = mergePackedReplaySums(
      whole,
      [job],
      [
        {
          dict: one,
          packed: packReplaySums(
            sumsOf([
              [g(3, [1, 2], [3], [2, 1]), g(5, [2, 3], [5], [4, 1])],
              [g(4, [2, 2], [4], [3, 1]), g(6, [3, 3], [6], [5, 1])],
            ]),
            one,
          ),
        },
        {
          dict: two,
          packed: {
            w: {
              exhaustive: false,
              data: packReplaySums(
                sumsOf([
                  [g(7, [9, 7], [1, 6], [7]), g(8, [9, 8], [2, 6], [8])],
                  [g(1, [9, 1], [0, 1], [1]), g(2, [9, 2], [0, 2], [2])],
                ]),
                two,
              ).w!.data,
            },
          },
        },
      ],
    );
    expect(plainSums(merged)).toEqual({
      w: {
        exhaustive: false,
        perPoint: [
          [
            {
              key: 'a',
              sum: { overall: [10], court: [9, 1], handler: [9, 1], team: [2, 8] },
              n: { overall: [13], court: [11, 2], handler: [11, 2], team: [4, 9] },
            },
          ],
          [
            {
              key: 'a',
              sum: { overall: [5], court: [3, 2], handler: [5, 0], team: [3, 2] },
              n: { overall: [8], court: [5, 3], handler: [8, 0], team: [5, 3] },
            },
          ],
        ],
      },
    });
  });

  it('a courts-only pack and a full one merge in either order', () => {
    const job = { key: 'w', from: 0, to: 9, points: [3], nodes: [{ key: 'a' }] } as never;
    const sumsOf = (sum: GroupSums, n: GroupSums): ReplaySums => ({
      w: { exhaustive: true, perPoint: [[{ key: 'a', sum, n }]] },
    });
    const one = { courts: ['乙'], handlers: ['张'], teams: [] };
    const two = { courts: ['甲', '乙'], handlers: ['李'], teams: [] };
    const whole = { courts: ['甲', '乙'], handlers: ['张', '李'], teams: [] };
    const narrow = packReplaySums(sumsOf(g(2, [2], [0], [0]), g(1, [1], [0], [0])), one);
    const full = packReplaySums(sumsOf(g(5, [3, 2], [4], [0]), g(2, [1, 1], [2], [0])), two);
    expect(narrow.w!.courtsOnly).toBe(true);
    expect(narrow.w!.data).toEqual(Float64Array.of(2, 2, 1, 1));
    expect(full.w!.courtsOnly).toBeUndefined();
    const want = {
      w: {
        exhaustive: true,
        perPoint: [
          [
            {
              key: 'a',
              sum: { overall: [7], court: [3, 4], handler: [0, 4], team: [0] },
              n: { overall: [3], court: [1, 2], handler: [0, 2], team: [0] },
            },
          ],
        ],
      },
    };
    for (const order of [
      [
        { dict: one, packed: narrow },
        { dict: two, packed: full },
      ],
      [
        { dict: two, packed: full },
        { dict: one, packed: narrow },
      ],
    ])
      expect(plainSums(mergePackedReplaySums(whole, [job], order))).toEqual(want);
    // Courts-only packs alone: no handler or team groups at all.
    expect(plainSums(mergePackedReplaySums(whole, [job], [{ dict: one, packed: narrow }]))).toEqual({
      w: {
        exhaustive: true,
        perPoint: [
          [
            {
              key: 'a',
              sum: { overall: [2], court: [0, 2], handler: [], team: [] },
              n: { overall: [1], court: [0, 1], handler: [], team: [] },
            },
          ],
        ],
      },
    });
  });
});
