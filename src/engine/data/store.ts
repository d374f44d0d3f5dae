// The columnar case store: one typed array per field, strings dictionary-encoded, dates as day
// numbers, money as integer fen, tags and events in CSR form (each case's events sorted by date, then
// input order). Only typed arrays, numbers and string arrays: a store crosses a worker boundary by
// structured clone (or by transferring its buffers).
import { NO_DAY, formatDay, parseIsoDay } from '../time/calendar.js';
import { fenToYuan, parseFen } from './money.js';
import { ByteInterner, fnv1a, sameBytes } from './bytes.js';
import { problem } from './problems.js';
import type { RecordProblem } from './problems.js';
import { CASE_TYPES, CLOSURES, EVENT_TYPES } from './record.js';
import type { CaseRecord, EventRecord } from './record.js';
import type { ScannedCase } from './scan.js';

/** `type` and `closure` code for null. */
export const NULL_CODE = 255;
/** `team` and `evNote` code for none. */
export const NONE = -1;

export interface CaseStore {
  /** Number of cases. */
  n: number;
  /** 案号 as UTF-8 bytes: case i is idBytes[idStart[i] .. idStart[i+1]). Use caseId(). */
  idBytes: Uint8Array;
  idStart: Uint32Array;
  courts: string[];
  court: Uint16Array;
  /** Index into CASE_TYPES. */
  type: Uint8Array;
  /** Day numbers; closed is NO_DAY while open. */
  filed: Int32Array;
  closed: Int32Array;
  /** Index into CLOSURES, NULL_CODE when open. */
  closure: Uint8Array;
  /** Integer fen. */
  claimed: Float64Array;
  recovered: Float64Array;
  /** 1 true, 0 false, -1 not assessed. */
  property: Int8Array;
  handlers: string[];
  handler: Uint32Array;
  teams: string[];
  /** NONE when the case has no team. */
  team: Int32Array;
  tags: string[];
  /** Case i's tags are tagCode[tagStart[i] .. tagStart[i+1]). */
  tagStart: Uint32Array;
  tagCode: Uint32Array;
  eventTypes: string[];
  /** Case i's events are [evStart[i] .. evStart[i+1]), sorted by (date, input order). */
  evStart: Uint32Array;
  evType: Uint16Array;
  evDate: Int32Array;
  /** Integer fen; NaN when the event has no amount. */
  evAmount: Float64Array;
  notes: string[];
  /** Index into notes, NONE when the event has no note. */
  evNote: Int32Array;
}

type Typed = Int8Array | Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

/** A growable typed array. */
class Column<T extends Typed> {
  private buf: T;
  len = 0;
  constructor(
    private readonly make: (n: number) => T,
    capacity = 1024,
  ) {
    this.buf = make(capacity);
  }
  push(v: number): void {
    if (this.len === this.buf.length) this.reserve(this.len + 1);
    this.buf[this.len++] = v;
  }
  reserve(min: number): void {
    if (min <= this.buf.length) return;
    const next = this.make(Math.max(min, this.buf.length * 2));
    next.set(this.buf);
    this.buf = next;
  }
  get array(): T {
    return this.buf;
  }
  /**
   * A copy trimmed to the length (or to `len` for a column written in place, add()); in shared memory when
   * `shared`, so that handing it to another thread shares it instead of copying it.
   */
  finish(len = this.len, shared = false): T {
    if (!shared) return this.buf.slice(0, len) as T;
    const out = this.make(0);
    const ctor = out.constructor as new (b: SharedArrayBuffer, o: number, n: number) => T;
    const copy = new ctor(new SharedArrayBuffer(len * out.BYTES_PER_ELEMENT), 0, len);
    copy.set(this.buf.subarray(0, len));
    return copy;
  }
}

/** A string dictionary: code ↔ string. */
class Dict {
  readonly strings: string[] = [];
  private readonly codes = new Map<string, number>();
  constructor(
    private readonly limit: number,
    private readonly what: string,
  ) {}
  code(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.strings.length;
      if (c >= this.limit) throw new Error(`too many distinct ${this.what} (limit ${this.limit})`);
      this.strings.push(s);
      this.codes.set(s, c);
    }
    return c;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An open-addressing hash set of case ids by their bytes (no string per case); subclasses say where an entry's bytes are. */
abstract class IdTable {
  private slots: Int32Array; // case index + 1, 0 = empty
  private hashes: Uint32Array;
  private count = 0;
  /** Room for `expected` ids before growing. */
  constructor(expected = 1 << 11) {
    let size = 1 << 12;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.hashes = new Uint32Array(size);
  }
  /** Room for `expected` ids in all before growing. */
  reserve(expected: number): void {
    while (expected * 2 > this.slots.length) this.grow();
  }
  /** Whether entry `e`'s id is the bytes [start, end). */
  protected abstract same(e: number, bytes: Uint8Array, start: number, end: number): boolean;
  /** Index of an earlier case with these bytes, or -1 after inserting `index`. */
  protected insertId(bytes: Uint8Array, index: number, start: number, end: number): number {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const h = fnv1a(bytes, start, end);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s]!;
      if (e === 0) {
        this.slots[s] = index + 1;
        this.hashes[s] = h;
        this.count++;
        return -1;
      }
      if (this.hashes[s] === h && this.same(e - 1, bytes, start, end)) return e - 1;
    }
  }
  private grow(): void {
    const old = this.slots;
    const oldH = this.hashes;
    this.slots = new Int32Array(old.length * 2);
    this.hashes = new Uint32Array(old.length * 2);
    const mask = this.slots.length - 1;
    for (let i = 0; i < old.length; i++) {
      const e = old[i]!;
      if (e === 0) continue;
      let s = oldH[i]! & mask;
      while (this.slots[s] !== 0) s = (s + 1) & mask;
      this.slots[s] = e;
      this.hashes[s] = oldH[i]!;
    }
  }
}

/** The ids of one store being built: entries are its cases, their bytes in its id columns. */
class IdSet extends IdTable {
  private bytes: Uint8Array = new Uint8Array(0);
  private starts: Uint32Array = new Uint32Array(0);
  /** Index of an earlier case with these bytes, or -1 after inserting `index` (whose idStart entries are staged). */
  insert(bytes: Uint8Array, starts: Uint32Array, index: number, start: number, end: number): number {
    this.bytes = bytes;
    this.starts = starts;
    return this.insertId(bytes, index, start, end);
  }
  protected same(e: number, bytes: Uint8Array, start: number, end: number): boolean {
    return sameBytes(this.bytes, this.starts[e]!, this.starts[e + 1]!, bytes, start, end);
  }
}

function fenOf(v: number): number {
  const f = parseFen(v);
  if (typeof f !== 'number') throw new Error(`amount ${v} is not valid money (validate records before adding them)`);
  return f;
}

function dayOfOrThrow(s: string): number {
  const d = parseIsoDay(s);
  if (d === null) throw new Error(`date ${s} is not valid (validate records before adding them)`);
  return d;
}

/**
 * Builds a store from validated records (validateCase's output). A repeated id is refused:
 * add() returns false and pushes a D0112 problem.
 */
export class CaseStoreBuilder {
  private n = 0;
  private readonly idBytes = new Column((k) => new Uint8Array(k), 1 << 14);
  private readonly idStart = new Column((k) => new Uint32Array(k));
  private readonly ids = new IdSet();
  private readonly courts = new Dict(0xffff, 'courts');
  private readonly handlers = new Dict(0xffffffff, 'handlers');
  private readonly teams = new Dict(0x7fffffff, 'teams');
  private readonly tags = new Dict(0xffffffff, 'tags');
  private readonly eventTypes = new Dict(0xffff, 'event types');
  private readonly notes = new Dict(0x7fffffff, 'notes');
  private readonly court = new Column((k) => new Uint16Array(k));
  private readonly type = new Column((k) => new Uint8Array(k));
  private readonly filed = new Column((k) => new Int32Array(k));
  private readonly closed = new Column((k) => new Int32Array(k));
  private readonly closure = new Column((k) => new Uint8Array(k));
  private readonly claimed = new Column((k) => new Float64Array(k));
  private readonly recovered = new Column((k) => new Float64Array(k));
  private readonly property = new Column((k) => new Int8Array(k));
  private readonly handler = new Column((k) => new Uint32Array(k));
  private readonly team = new Column((k) => new Int32Array(k));
  private readonly tagStart = new Column((k) => new Uint32Array(k));
  private readonly tagCode = new Column((k) => new Uint32Array(k));
  private readonly evStart = new Column((k) => new Uint32Array(k));
  private readonly evType = new Column((k) => new Uint16Array(k), 8192);
  private readonly evDate = new Column((k) => new Int32Array(k), 8192);
  private readonly evAmount = new Column((k) => new Float64Array(k), 8192);
  private readonly evNote = new Column((k) => new Int32Array(k), 8192);

  private readonly caseColumns: Array<Column<Typed>> = [
    this.court,
    this.type,
    this.filed,
    this.closed,
    this.closure,
    this.claimed,
    this.recovered,
    this.property,
    this.handler,
    this.team,
  ];
  private readonly eventColumns: Array<Column<Typed>> = [this.evType, this.evDate, this.evAmount, this.evNote];

  constructor() {
    this.idStart.push(0);
    this.tagStart.push(0);
    this.evStart.push(0);
  }

  /**
   * Room for about `cases` cases with `events` events in all, so that the columns do not grow (and copy
   * themselves) as they are added; a guess too small only means they grow.
   */
  reserve(cases: number, events: number): void {
    for (const c of this.caseColumns) c.reserve(cases);
    this.idStart.reserve(cases + 1);
    this.tagStart.reserve(cases + 1);
    this.evStart.reserve(cases + 1);
    this.idBytes.reserve(cases * 24);
    for (const c of this.eventColumns) c.reserve(events);
    this.ids.reserve(cases);
  }

  /** After add() returned false: the index of the case that already has the id; -1 otherwise. */
  duplicateOf = -1;

  /** Number of cases added. */
  get size(): number {
    return this.n;
  }

  /**
   * Adds a validated record (with its dates' day numbers when validation parsed them: Validated.days). Returns false (and pushes a D0112 problem onto `problems`) when its id
   * was already added; the store is then unchanged. Throws only on a record that did not pass
   * validation (a programming error).
   */
  add(rec: CaseRecord, problems?: RecordProblem[], days?: readonly number[]): boolean {
    const start = this.idBytes.len;
    this.idBytes.reserve(start + rec.id.length * 3);
    const { written } = encoder.encodeInto(rec.id, this.idBytes.array.subarray(start));
    const end = start + written;
    if (!this.insertId(start, end)) {
      const earlier = this.duplicateOf;
      problems?.push(
        problem(
          'error',
          'D0112',
          'id',
          `案号重复：${rec.id}（与第 ${earlier + 1} 条已接受记录重复）`,
          `duplicate id ${rec.id} (same as accepted record #${earlier + 1})`,
        ),
      );
      return false;
    }

    const n = this.n;
    const filed = days ? days[0]! : dayOfOrThrow(rec.filed);
    const closed = days ? days[1]! : rec.closed === null ? NO_DAY : dayOfOrThrow(rec.closed);
    if (n + 1 > this.court.array.length) for (const c of this.caseColumns) c.reserve(n + 1);
    // Each column written at its own site (a shared push() would see every kind of typed array and be slow).
    this.court.array[n] = this.courts.code(rec.court);
    this.type.array[n] = CASE_TYPES.indexOf(rec.type);
    this.filed.array[n] = filed;
    this.closed.array[n] = closed;
    this.closure.array[n] = rec.closure === null ? NULL_CODE : CLOSURES.indexOf(rec.closure);
    this.claimed.array[n] = fenOf(rec.claimed);
    this.recovered.array[n] = fenOf(rec.recovered);
    this.property.array[n] = rec.property === null ? -1 : rec.property ? 1 : 0;
    this.handler.array[n] = this.handlers.code(rec.handler);
    this.team.array[n] = rec.team === undefined ? NONE : this.teams.code(rec.team);
    for (const t of rec.tags ?? []) this.tagCode.push(this.tags.code(t));
    this.tagStart.push(this.tagCode.len);

    const evs = rec.events;
    const m = evs.length;
    const at = this.eventRoom(m);
    const evType = this.evType.array,
      evDate = this.evDate.array,
      evAmount = this.evAmount.array,
      evNote = this.evNote.array;
    // Events in date order, ties in input order; most records come sorted already.
    let sorted = true;
    let prev = -Infinity;
    for (let i = 0; i < m; i++) {
      const d = days ? days[2 + i]! : dayOfOrThrow(evs[i]!.date);
      evDate[at + i] = d;
      if (d < prev) sorted = false;
      prev = d;
    }
    let order: number[] | null = null;
    if (!sorted) {
      const ds = evDate.slice(at, at + m);
      order = evs.map((_, i) => i).sort((a, b) => ds[a]! - ds[b]! || a - b);
      for (let k = 0; k < m; k++) evDate[at + k] = ds[order[k]!]!;
    }
    for (let k = 0; k < m; k++) {
      const e = evs[order ? order[k]! : k]!;
      evType[at + k] = this.eventTypes.code(e.type);
      evAmount[at + k] = e.amount === undefined ? NaN : fenOf(e.amount);
      evNote[at + k] = e.note === undefined ? NONE : this.notes.code(e.note);
    }
    for (const c of this.eventColumns) c.len = at + m;
    this.evStart.push(at + m);
    this.n = n + 1;
    return true;
  }

  /** Room for `m` more events: the index of the first. */
  private eventRoom(m: number): number {
    const at = this.evType.len;
    if (at + m > this.evType.array.length) for (const c of this.eventColumns) c.reserve(at + m);
    return at;
  }

  /** Keeps the id written at idBytes [start, end); false (nothing kept, duplicateOf set) when a case has it already. */
  private insertId(start: number, end: number): boolean {
    // The set compares against idStart entries, so stage this id's end before probing.
    this.idStart.push(end);
    const earlier = this.ids.insert(this.idBytes.array, this.idStart.array, this.n, start, end);
    this.duplicateOf = earlier;
    if (earlier >= 0) {
      this.idStart.len--;
      return false;
    }
    this.idBytes.len = end;
    return true;
  }

  private readonly courtBytes = new ByteInterner((s) => this.courts.code(s));
  private readonly handlerBytes = new ByteInterner((s) => this.handlers.code(s));
  private readonly teamBytes = new ByteInterner((s) => this.teams.code(s));
  private readonly tagBytes = new ByteInterner((s) => this.tags.code(s));
  private readonly noteBytes = new ByteInterner((s) => this.notes.code(s));
  /** The eventTypes code of each standard event type, -1 until first used. */
  private readonly standardTypes = new Int32Array(EVENT_TYPES.length).fill(-1);

  /**
   * Adds a case read by the line scanner (./scan.ts) from `bytes`, exactly as add() would add the record the
   * full loader makes of that line. Returns false, the store unchanged and no problem pushed, when its id was
   * already added (the full loader then says so).
   */
  addScanned(bytes: Uint8Array, sc: ScannedCase): boolean {
    const start = this.idBytes.len;
    const end = start + sc.idE - sc.idS;
    this.idBytes.reserve(end);
    const ids = this.idBytes.array;
    for (let k = sc.idS, o = start; k < sc.idE; k++) ids[o++] = bytes[k]!;
    if (!this.insertId(start, end)) return false;

    const n = this.n;
    if (n + 1 > this.court.array.length) for (const c of this.caseColumns) c.reserve(n + 1);
    this.court.array[n] = this.courtBytes.code(bytes, sc.courtS, sc.courtE);
    this.type.array[n] = sc.type;
    this.filed.array[n] = sc.filed;
    this.closed.array[n] = sc.closed;
    this.closure.array[n] = sc.closure;
    this.claimed.array[n] = sc.claimed;
    this.recovered.array[n] = sc.recovered;
    this.property.array[n] = sc.property;
    this.handler.array[n] = this.handlerBytes.code(bytes, sc.handlerS, sc.handlerE);
    this.team.array[n] = sc.teamS < 0 ? NONE : this.teamBytes.code(bytes, sc.teamS, sc.teamE);
    for (let k = 0; k < sc.nTags; k++) this.tagCode.push(this.tagBytes.code(bytes, sc.tagS[k]!, sc.tagE[k]!));
    this.tagStart.push(this.tagCode.len);

    const m = sc.nEv;
    const at = this.eventRoom(m);
    const evType = this.evType.array,
      evDate = this.evDate.array,
      evAmount = this.evAmount.array,
      evNote = this.evNote.array;
    // In date order, ties in input order, as add() orders them.
    const ds = sc.evDate;
    let sorted = true;
    for (let i = 1; i < m; i++) if (ds[i]! < ds[i - 1]!) sorted = false;
    const order = sorted ? null : Array.from({ length: m }, (_, i) => i).sort((a, b) => ds[a]! - ds[b]! || a - b);
    for (let k = 0; k < m; k++) {
      const i = order ? order[k]! : k;
      evDate[at + k] = ds[i]!;
      const t = sc.evType[i]!;
      let code = this.standardTypes[t]!;
      if (code < 0) code = this.standardTypes[t] = this.eventTypes.code(EVENT_TYPES[t]!);
      evType[at + k] = code;
      evAmount[at + k] = sc.evAmount[i]!;
      evNote[at + k] = sc.evNoteS[i]! < 0 ? NONE : this.noteBytes.code(bytes, sc.evNoteS[i]!, sc.evNoteE[i]!);
    }
    for (const c of this.eventColumns) c.len = at + m;
    this.evStart.push(at + m);
    this.n = n + 1;
    return true;
  }

  /**
   * The store. `shared`: its columns in shared memory (a worker thread's load, read by the thread that
   * merges it without copying it across: ../../harness/pool.ts).
   */
  build(shared = false): CaseStore {
    return {
      n: this.n,
      idBytes: this.idBytes.finish(undefined, shared),
      idStart: this.idStart.finish(undefined, shared),
      courts: this.courts.strings.slice(),
      court: this.court.finish(this.n, shared),
      type: this.type.finish(this.n, shared),
      filed: this.filed.finish(this.n, shared),
      closed: this.closed.finish(this.n, shared),
      closure: this.closure.finish(this.n, shared),
      claimed: this.claimed.finish(this.n, shared),
      recovered: this.recovered.finish(this.n, shared),
      property: this.property.finish(this.n, shared),
      handlers: this.handlers.strings.slice(),
      handler: this.handler.finish(this.n, shared),
      teams: this.teams.strings.slice(),
      team: this.team.finish(this.n, shared),
      tags: this.tags.strings.slice(),
      tagStart: this.tagStart.finish(undefined, shared),
      tagCode: this.tagCode.finish(undefined, shared),
      eventTypes: this.eventTypes.strings.slice(),
      evStart: this.evStart.finish(undefined, shared),
      evType: this.evType.finish(undefined, shared),
      evDate: this.evDate.finish(undefined, shared),
      evAmount: this.evAmount.finish(undefined, shared),
      notes: this.notes.strings.slice(),
      evNote: this.evNote.finish(undefined, shared),
    };
  }
}

/**
 * Repeated ids over stores added one after another, as if they were concatenated (cases numbered on from the
 * earlier stores'): `found` lists [case, the earliest case with its id], in order. Ranges of a file are added
 * as they arrive, while the later ones still load (../../harness/pool.ts).
 */
export class RepeatedIds extends IdTable {
  readonly found: Array<[number, number]> = [];
  /** Only the stores' ids are kept: a store written away as it comes can be freed (a streamed load). */
  private readonly added: Array<Pick<CaseStore, 'idBytes' | 'idStart'>> = [];
  private readonly firsts: number[] = [];
  private n = 0;
  /** How many stores were added. */
  get stores(): number {
    return this.added.length;
  }
  add(store: CaseStore): void {
    const first = this.n;
    this.added.push({ idBytes: store.idBytes, idStart: store.idStart });
    this.firsts.push(first);
    this.n += store.n;
    const { idBytes, idStart } = store;
    for (let i = 0; i < store.n; i++) {
      const e = this.insertId(idBytes, first + i, idStart[i]!, idStart[i + 1]!);
      if (e >= 0) this.found.push([first + i, e]);
    }
  }
  protected same(e: number, bytes: Uint8Array, start: number, end: number): boolean {
    let k = this.firsts.length - 1;
    while (this.firsts[k]! > e) k--;
    const { idBytes, idStart } = this.added[k]!;
    const i = e - this.firsts[k]!;
    return sameBytes(idBytes, idStart[i]!, idStart[i + 1]!, bytes, start, end);
  }
}

/** A store of the given records; throws on a duplicate id (use the builder to handle them). */
export function storeFromRecords(records: Iterable<CaseRecord>): CaseStore {
  const b = new CaseStoreBuilder();
  const problems: RecordProblem[] = [];
  for (const r of records) {
    if (!b.add(r, problems)) throw new Error(problems[problems.length - 1]!.messageEn);
  }
  return b.build();
}

export function caseId(store: CaseStore, i: number): string {
  return decoder.decode(store.idBytes.subarray(store.idStart[i]!, store.idStart[i + 1]!));
}

/** Index of the case with this id, or -1 (a scan: for looking up a few cases, not for joins). */
export function findCase(store: CaseStore, id: string): number {
  const want = encoder.encode(id);
  for (let i = 0; i < store.n; i++) {
    if (sameBytes(store.idBytes, store.idStart[i]!, store.idStart[i + 1]!, want, 0, want.length)) return i;
  }
  return -1;
}

/** The plain record of case i (events in the store's order: by date, then input order). */
export function caseRecordAt(store: CaseStore, i: number): CaseRecord {
  const closureCode = store.closure[i]!;
  const closed = store.closed[i]!;
  const prop = store.property[i]!;
  const rec: CaseRecord = {
    id: caseId(store, i),
    court: store.courts[store.court[i]!]!,
    type: CASE_TYPES[store.type[i]!]!,
    filed: formatDay(store.filed[i]!),
    closed: closed === NO_DAY ? null : formatDay(closed),
    closure: closureCode === NULL_CODE ? null : CLOSURES[closureCode]!,
    claimed: fenToYuan(store.claimed[i]!),
    recovered: fenToYuan(store.recovered[i]!),
    property: prop < 0 ? null : prop === 1,
    handler: store.handlers[store.handler[i]!]!,
    events: [],
  };
  const team = store.team[i]!;
  if (team !== NONE) rec.team = store.teams[team]!;
  const t0 = store.tagStart[i]!,
    t1 = store.tagStart[i + 1]!;
  if (t1 > t0) {
    rec.tags = [];
    for (let k = t0; k < t1; k++) rec.tags.push(store.tags[store.tagCode[k]!]!);
  }
  for (let k = store.evStart[i]!; k < store.evStart[i + 1]!; k++) {
    const ev: EventRecord = { type: store.eventTypes[store.evType[k]!]!, date: formatDay(store.evDate[k]!) };
    const amount = store.evAmount[k]!;
    if (!Number.isNaN(amount)) ev.amount = fenToYuan(amount);
    const note = store.evNote[k]!;
    if (note !== NONE) ev.note = store.notes[note]!;
    rec.events.push(ev);
  }
  return rec;
}

/** Every record of the store, in order. */
export function* storeRecords(store: CaseStore): Generator<CaseRecord> {
  for (let i = 0; i < store.n; i++) yield caseRecordAt(store, i);
}

/** The cases at `indices` (in that order), with the same dictionaries (copied). */
export function subsetStore(store: CaseStore, indices: ArrayLike<number>): CaseStore {
  const m = indices.length;
  let idLen = 0,
    tagLen = 0,
    evLen = 0;
  for (let j = 0; j < m; j++) {
    const i = indices[j]!;
    idLen += store.idStart[i + 1]! - store.idStart[i]!;
    tagLen += store.tagStart[i + 1]! - store.tagStart[i]!;
    evLen += store.evStart[i + 1]! - store.evStart[i]!;
  }
  const out = emptyLike(store, m, idLen, tagLen, evLen);
  let ib = 0,
    tb = 0,
    eb = 0;
  const { idBytes, idStart, tagCode, tagStart, evType, evDate, evAmount, evNote, evStart } = store;
  const o = {
    idBytes: out.idBytes,
    idStart: out.idStart,
    tagCode: out.tagCode,
    tagStart: out.tagStart,
    evType: out.evType,
    evDate: out.evDate,
    evAmount: out.evAmount,
    evNote: out.evNote,
    evStart: out.evStart,
  };
  for (let j = 0; j < m; j++) {
    const i = indices[j]!;
    copyCase(store, i, out, j);
    // Plain loops over local arrays: a subarray per case costs more than the few bytes it copies.
    for (let k = idStart[i]!, e = idStart[i + 1]!; k < e; k++) o.idBytes[ib++] = idBytes[k]!;
    o.idStart[j + 1] = ib;
    for (let k = tagStart[i]!, e = tagStart[i + 1]!; k < e; k++) o.tagCode[tb++] = tagCode[k]!;
    o.tagStart[j + 1] = tb;
    const e0 = evStart[i]!,
      e1 = evStart[i + 1]!,
      d = eb - e0;
    for (let k = e0; k < e1; k++) {
      o.evType[k + d] = evType[k]!;
      o.evDate[k + d] = evDate[k]!;
      o.evAmount[k + d] = evAmount[k]!;
      o.evNote[k + d] = evNote[k]!;
    }
    eb += e1 - e0;
    o.evStart[j + 1] = eb;
  }
  return out;
}

function emptyLike(
  dicts: Pick<CaseStore, 'courts' | 'handlers' | 'teams' | 'tags' | 'eventTypes' | 'notes'>,
  n: number,
  idLen: number,
  tagLen: number,
  evLen: number,
): CaseStore {
  return {
    n,
    idBytes: new Uint8Array(idLen),
    idStart: new Uint32Array(n + 1),
    courts: dicts.courts.slice(),
    court: new Uint16Array(n),
    type: new Uint8Array(n),
    filed: new Int32Array(n),
    closed: new Int32Array(n),
    closure: new Uint8Array(n),
    claimed: new Float64Array(n),
    recovered: new Float64Array(n),
    property: new Int8Array(n),
    handlers: dicts.handlers.slice(),
    handler: new Uint32Array(n),
    teams: dicts.teams.slice(),
    team: new Int32Array(n),
    tags: dicts.tags.slice(),
    tagStart: new Uint32Array(n + 1),
    tagCode: new Uint32Array(tagLen),
    eventTypes: dicts.eventTypes.slice(),
    evStart: new Uint32Array(n + 1),
    evType: new Uint16Array(evLen),
    evDate: new Int32Array(evLen),
    evAmount: new Float64Array(evLen),
    notes: dicts.notes.slice(),
    evNote: new Int32Array(evLen),
  };
}

/** Copies the per-case scalar columns of case i into case j of `out` (same dictionaries). */
function copyCase(from: CaseStore, i: number, out: CaseStore, j: number): void {
  out.court[j] = from.court[i]!;
  out.type[j] = from.type[i]!;
  out.filed[j] = from.filed[i]!;
  out.closed[j] = from.closed[i]!;
  out.closure[j] = from.closure[i]!;
  out.claimed[j] = from.claimed[i]!;
  out.recovered[j] = from.recovered[i]!;
  out.property[j] = from.property[i]!;
  out.handler[j] = from.handler[i]!;
  out.team[j] = from.team[i]!;
}

/**
 * Splits a store by court: without `shards`, one store per court (in dictionary order, courts without
 * cases omitted); with `shards`, at most that many stores, whole courts assigned greedily (largest
 * first, to the least loaded shard) so shards are balanced. Cases keep their relative order; every
 * shard keeps the full dictionaries, so codes agree across shards.
 */
export function splitByCourt(store: CaseStore, shards?: number): CaseStore[] {
  const counts = new Uint32Array(store.courts.length);
  for (let i = 0; i < store.n; i++) counts[store.court[i]!]!++;
  const present = [...counts.keys()].filter((c) => counts[c]! > 0);
  const shardOf = new Int32Array(store.courts.length).fill(-1);
  let k: number;
  if (shards === undefined) {
    present.forEach((c, s) => (shardOf[c] = s));
    k = present.length;
  } else {
    if (!Number.isInteger(shards) || shards < 1) throw new Error(`shards must be a positive integer, got ${shards}`);
    k = Math.min(shards, present.length);
    const load = new Float64Array(k);
    const bySize = present.slice().sort((a, b) => counts[b]! - counts[a]! || a - b);
    for (const c of bySize) {
      let best = 0;
      for (let s = 1; s < k; s++) if (load[s]! < load[best]!) best = s;
      shardOf[c] = best;
      load[best]! += counts[c]!;
    }
  }
  const sizes = new Uint32Array(k);
  for (const c of present) sizes[shardOf[c]!]! += counts[c]!;
  const members = Array.from(sizes, (size) => new Uint32Array(size));
  const fill = new Uint32Array(k);
  for (let i = 0; i < store.n; i++) {
    const s = shardOf[store.court[i]!]!;
    members[s]![fill[s]!++] = i;
  }
  return members.map((idx) => subsetStore(store, idx));
}

/** The per-case columns that hold no dictionary codes. */
const PLAIN_CASE_COLUMNS = ['type', 'filed', 'closed', 'closure', 'claimed', 'recovered', 'property'] as const;

function isIdentity(map: Uint32Array): boolean {
  for (let i = 0; i < map.length; i++) if (map[i] !== i) return false;
  return true;
}

/** Codes `from` written into `to` at `at` through `map` (copied as they are when it changes none). */
function remapInto(to: Uint16Array | Uint32Array, at: number, from: Uint16Array | Uint32Array, map: Uint32Array): void {
  if (isIdentity(map)) {
    to.set(from, at);
    return;
  }
  for (let k = 0; k < from.length; k++) to[at + k] = map[from[k]!]!;
}

function remap(from: readonly string[], into: Dict): Uint32Array {
  const m = new Uint32Array(from.length);
  from.forEach((s, i) => (m[i] = into.code(s)));
  return m;
}

/**
 * One store holding the cases of `stores` in order, dictionaries merged (first occurrence order).
 * Ids are not re-checked for duplicates: concatenate shards of one store, or check ids first.
 */
export function concatStores(stores: readonly CaseStore[]): CaseStore {
  const courts = new Dict(0xffff, 'courts'),
    handlers = new Dict(0xffffffff, 'handlers');
  const teams = new Dict(0x7fffffff, 'teams'),
    tags = new Dict(0xffffffff, 'tags');
  const eventTypes = new Dict(0xffff, 'event types'),
    notes = new Dict(0x7fffffff, 'notes');
  const maps = stores.map((s) => ({
    court: remap(s.courts, courts),
    handler: remap(s.handlers, handlers),
    team: remap(s.teams, teams),
    tag: remap(s.tags, tags),
    evType: remap(s.eventTypes, eventTypes),
    note: remap(s.notes, notes),
  }));
  let n = 0,
    idLen = 0,
    tagLen = 0,
    evLen = 0;
  for (const s of stores) {
    n += s.n;
    idLen += s.idBytes.length;
    tagLen += s.tagCode.length;
    evLen += s.evType.length;
  }
  const out = emptyLike(
    {
      courts: courts.strings,
      handlers: handlers.strings,
      teams: teams.strings,
      tags: tags.strings,
      eventTypes: eventTypes.strings,
      notes: notes.strings,
    },
    n,
    idLen,
    tagLen,
    evLen,
  );
  let j = 0,
    ib = 0,
    tb = 0,
    eb = 0;
  stores.forEach((s, si) => {
    const map = maps[si]!;
    // Columns without codes are copied whole; coded ones whole too where the codes stay (the first store's do).
    out.idBytes.set(s.idBytes, ib);
    for (const k of PLAIN_CASE_COLUMNS) out[k].set(s[k], j);
    remapInto(out.court, j, s.court, map.court);
    remapInto(out.handler, j, s.handler, map.handler);
    if (isIdentity(map.team)) out.team.set(s.team, j);
    else
      for (let i = 0; i < s.n; i++) {
        const t = s.team[i]!;
        out.team[j + i] = t === NONE ? NONE : map.team[t]!;
      }
    for (let i = 1; i <= s.n; i++) {
      out.idStart[j + i] = ib + s.idStart[i]!;
      out.tagStart[j + i] = tb + s.tagStart[i]!;
      out.evStart[j + i] = eb + s.evStart[i]!;
    }
    remapInto(out.tagCode, tb, s.tagCode, map.tag);
    remapInto(out.evType, eb, s.evType, map.evType);
    out.evDate.set(s.evDate, eb);
    out.evAmount.set(s.evAmount, eb);
    if (isIdentity(map.note)) out.evNote.set(s.evNote, eb);
    else
      for (let k = 0; k < s.evNote.length; k++) {
        const note = s.evNote[k]!;
        out.evNote[eb + k] = note === NONE ? NONE : map.note[note]!;
      }
    j += s.n;
    ib += s.idBytes.length;
    tb += s.tagCode.length;
    eb += s.evType.length;
  });
  return out;
}

/** The buffers of a store, for postMessage's transfer list (the store is unusable after a transfer). */
export function storeTransferables(store: CaseStore): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(store)) {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) out.push(v.buffer);
  }
  return out;
}
