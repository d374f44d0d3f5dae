import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NO_DAY, formatDay, parseIsoDay } from '../../src/engine/time/calendar.js';
import { CLOSURES, EVENT_TYPES } from '../../src/engine/data/record.js';
import type { CaseRecord, EventRecord } from '../../src/engine/data/record.js';
import {
  CaseStoreBuilder,
  NONE,
  NULL_CODE,
  caseId,
  caseRecordAt,
  concatStores,
  findCase,
  splitByCourt,
  storeFromRecords,
  storeRecords,
  storeTransferables,
  subsetStore,
} from '../../src/engine/data/store.js';
import type { CaseStore } from '../../src/engine/data/store.js';
import type { RecordProblem } from '../../src/engine/data/problems.js';
import { caseJson } from '../../src/engine/data/serialize.js';
import { validateCase } from '../../src/engine/data/validate.js';
import { generateCases } from '../../src/engine/generate/index.js';
import { sampleCase } from './helpers.js';

/** The record as the store gives it back: events stably sorted by date. */
function canonical(rec: CaseRecord): CaseRecord {
  const events = rec.events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.i - b.i))
    .map((x) => x.e);
  return { ...rec, events };
}

const day0 = parseIsoDay('2010-01-01')!;
const money = fc.integer({ min: 0, max: 9_000_000_000_000 }).map((fen) => fen / 100);
// Names never hold control characters or U+FFFD (validation rejects them: D0116).
const NOT_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\ufffd]/;
const name = fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !NOT_IN_NAMES.test(s));

/** Random records that pass validation. */
const recordArb: fc.Arbitrary<CaseRecord> = fc
  .record({
    id: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => !NOT_IN_NAMES.test(s)),
    court: fc.constantFrom('宁波市海曙区人民法院', '余姚市人民法院', '富锦市人民法院', 'X'),
    type: fc.constantFrom('首执', '恢复执行', '执行保全') as fc.Arbitrary<CaseRecord['type']>,
    filed: fc.integer({ min: 0, max: 3000 }),
    dur: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
    closure: fc.constantFrom(...CLOSURES),
    claimed: money,
    recovered: money,
    property: fc.constantFrom(true, false, null),
    handler: fc.oneof(name, fc.constant('')),
    team: fc.option(name, { nil: undefined }),
    tags: fc.option(fc.array(name, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    events: fc.array(
      fc.record({
        type: fc.oneof(fc.constantFrom(...EVENT_TYPES), name),
        offset: fc.integer({ min: 0, max: 1000 }),
        amount: fc.option(money, { nil: undefined }),
        note: fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: undefined }),
      }),
      { maxLength: 12 },
    ),
  })
  .map((r) => {
    const filed = day0 + r.filed;
    const closed = r.dur === null ? null : filed + r.dur;
    const events: EventRecord[] = r.events.map((e) => {
      const d = closed === null ? filed + e.offset : filed + (e.offset % (r.dur! + 1));
      const ev: EventRecord = { type: e.type, date: formatDay(d) };
      if (e.amount !== undefined) ev.amount = e.amount;
      if (e.note !== undefined) ev.note = e.note;
      return ev;
    });
    const rec: CaseRecord = {
      id: r.id,
      court: r.court,
      type: r.type,
      filed: formatDay(filed),
      closed: closed === null ? null : formatDay(closed),
      closure: closed === null ? null : r.closure,
      claimed: r.claimed,
      recovered: r.recovered,
      property: r.property,
      handler: r.handler,
      events,
    };
    if (r.team !== undefined) rec.team = r.team;
    if (r.tags !== undefined) rec.tags = r.tags;
    return rec;
  });

function uniqueIds(recs: CaseRecord[]): CaseRecord[] {
  const seen = new Set<string>();
  return recs.filter((r) => !seen.has(r.id) && Boolean(seen.add(r.id)));
}

describe('CaseStore', () => {
  it('encodes columns: day numbers, fen, codes', () => {
    const rec = sampleCase();
    const s = storeFromRecords([
      rec,
      {
        ...sampleCase({ id: 'b', closed: null, closure: null, property: null, team: undefined, tags: undefined }),
        events: [],
      },
    ]);
    expect(s.n).toBe(2);
    expect(s.filed[0]).toBe(parseIsoDay('2018-03-01'));
    expect(s.closed[1]).toBe(NO_DAY);
    expect(s.closure[0]).toBe(CLOSURES.indexOf('终结本次执行程序'));
    expect(s.closure[1]).toBe(NULL_CODE);
    expect(s.claimed[0]).toBe(1234567);
    expect(s.recovered[0]).toBe(29);
    expect([...s.property]).toEqual([0, -1]);
    expect(s.team[1]).toBe(NONE);
    expect(s.courts).toEqual(['宁波市海曙区人民法院']);
    expect([...s.evStart]).toEqual([0, 4, 4]);
    expect(s.evAmount[0]).toBeNaN();
    expect(s.evAmount[2]).toBe(29);
    expect(s.notes[s.evNote[3]!]).toBe('申请人到庭');
    expect(caseId(s, 0)).toBe('(2018)浙0203执1号');
    expect(findCase(s, 'b')).toBe(1);
    expect(findCase(s, 'zzz')).toBe(-1);
  });

  it("sorts each case's events by date, stably", () => {
    const rec = sampleCase({
      events: [
        { type: '约谈', date: '2018-06-30' },
        { type: 'B', date: '2018-03-02' },
        { type: 'A', date: '2018-03-02' },
        { type: '执行通知', date: '2018-03-01' },
        { type: 'C', date: '2018-03-02' },
      ],
    });
    const back = caseRecordAt(storeFromRecords([rec]), 0);
    expect(back.events.map((e) => e.type)).toEqual(['执行通知', 'B', 'A', 'C', '约谈']);
  });

  it('refuses a duplicate id with a D0112 problem and leaves the store unchanged', () => {
    const b = new CaseStoreBuilder();
    const problems: RecordProblem[] = [];
    expect(b.add(sampleCase({ id: 'x' }), problems)).toBe(true);
    expect(b.add(sampleCase({ id: 'y' }), problems)).toBe(true);
    expect(b.add(sampleCase({ id: 'x', court: 'other' }), problems)).toBe(false);
    expect(b.duplicateOf).toBe(0);
    expect(problems.map((p) => [p.code, p.field, p.severity])).toEqual([['D0112', 'id', 'error']]);
    expect(b.add(sampleCase({ id: 'z' }), problems)).toBe(true);
    const s = b.build();
    expect(s.n).toBe(3);
    expect([0, 1, 2].map((i) => caseId(s, i))).toEqual(['x', 'y', 'z']);
    expect(s.courts).toEqual(['宁波市海曙区人民法院']);
  });

  it('finds duplicates among many ids (hash set growth)', () => {
    const b = new CaseStoreBuilder();
    for (let i = 0; i < 20000; i++)
      expect(b.add({ ...sampleCase({ id: `(2018)浙0203执${i}号` }), events: [] })).toBe(true);
    for (let i = 0; i < 20000; i += 997)
      expect(b.add({ ...sampleCase({ id: `(2018)浙0203执${i}号` }), events: [] })).toBe(false);
    expect(b.size).toBe(20000);
  });

  it('round-trips random valid records (record → store → record)', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 30 }), (raw) => {
        const recs = uniqueIds(raw);
        for (const r of recs) expect(validateCase(r).value).toEqual(r);
        const s = storeFromRecords(recs);
        expect([...storeRecords(s)]).toEqual(recs.map(canonical));
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips generated cases and serializes them as JSON.stringify does', () => {
    const recs = [...generateCases({ preset: 'ningbo', cases: 500, seed: 'store' })];
    const s = storeFromRecords(recs);
    recs.forEach((r, i) => {
      expect(caseRecordAt(s, i)).toEqual(r);
      expect(caseJson(r)).toBe(JSON.stringify(r));
    });
  });

  it('splits by court and concatenates back to the same cases', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (raw, k) => {
        const recs = uniqueIds(raw);
        const s = storeFromRecords(recs);
        for (const shards of [splitByCourt(s), splitByCourt(s, k)]) {
          for (const sh of shards) expect(new Set([...storeRecords(sh)].map((r) => r.court)).size).toBeGreaterThan(0);
          const back = concatStores(shards);
          const byId = (a: CaseRecord, b: CaseRecord): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
          expect([...storeRecords(back)].sort(byId)).toEqual(recs.map(canonical).sort(byId));
          expect(shards.reduce((n, sh) => n + sh.n, 0)).toBe(s.n);
        }
        // One court per shard, no court in two shards.
        const courtsOf = splitByCourt(s).map((sh) => new Set([...storeRecords(sh)].map((r) => r.court)));
        for (const c of courtsOf) expect(c.size).toBe(1);
      }),
      { numRuns: 150 },
    );
  });

  it('balances shards by size, whole courts each', () => {
    const recs = [...generateCases({ preset: 'ningbo', cases: 2000, seed: 'shards' })];
    const s = storeFromRecords(recs);
    const shards = splitByCourt(s, 3);
    expect(shards).toHaveLength(3);
    const sizes = shards.map((x) => x.n);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(0.2 * s.n);
    const courtSets = shards.map((sh) => new Set([...storeRecords(sh)].map((r) => r.court)));
    const all = courtSets.flatMap((c) => [...c]);
    expect(new Set(all).size).toBe(all.length);
    // In-order concatenation of shards of a court-sorted store gives the store back.
    const sorted = subsetStore(
      s,
      [...Array(s.n).keys()].sort((a, b) => s.court[a]! - s.court[b]! || a - b),
    );
    expect([...storeRecords(concatStores(splitByCourt(sorted)))]).toEqual([...storeRecords(sorted)]);
  });

  it('concatenates stores with different dictionaries', () => {
    const a = storeFromRecords([sampleCase({ id: 'a', court: 'A', handler: 'h1', tags: ['t1'] })]);
    const b = storeFromRecords([
      sampleCase({
        id: 'b',
        court: 'B',
        handler: 'h2',
        team: undefined,
        tags: ['t2', 't1'],
        events: [{ type: '新类型', date: '2018-03-05', note: 'n' }],
      }),
    ]);
    const c = concatStores([a, b]);
    expect(c.courts).toEqual(['A', 'B']);
    expect([...storeRecords(c)]).toEqual([caseRecordAt(a, 0), caseRecordAt(b, 0)]);
  });

  it('crosses a worker boundary: structured clone and transfer keep it whole', () => {
    const s = storeFromRecords([...generateCases({ preset: 'chengde', cases: 200, seed: 'clone' })]);
    const clone = structuredClone(s) as CaseStore;
    expect([...storeRecords(clone)]).toEqual([...storeRecords(s)]);
    const copy = structuredClone(s) as CaseStore;
    const moved = structuredClone(copy, { transfer: storeTransferables(copy) }) as CaseStore;
    expect(copy.filed.length).toBe(0); // detached
    expect([...storeRecords(moved)]).toEqual([...storeRecords(s)]);
  });
});
