// The loaders' fast path for the common NDJSON line: a scanner over its UTF-8 bytes that recognises a case
// record the loaders would accept exactly as written and say nothing about (docs/data.md) — known English
// keys, each once, of the schema's types; strings without escapes and without a character a name may not hold
// (./validate.ts checkNames); dates valid; amounts plain decimals with at most 2 decimals (exact in fen); the
// closure set exactly when closed is, closed on or after filed; events of standard types dated inside the
// case (those allowed after closing may follow it), money events with their amount; every required field and
// every field whose absence is warned about present. It reads the line into a ScannedCase (byte ranges and
// numbers, no string and no object per record) for CaseStoreBuilder.addScanned. Any line it does not
// recognise with certainty is left to the full loader (JSON.parse and validateCase), so messages, warnings,
// rejections and counts stay the loaders' own: the scanner never rejects, it only declines.
import { NO_DAY, dayOf, daysInMonth, isValidDate } from '../time/calendar.js';
import { vocabularyTable, type BytesTable } from './bytes.js';
import { RECORD_FIELDS } from './fields.js';
import { CASE_TYPES, CLOSURES, CLOSURE_ALIASES, EVENT_TYPES, EVENTS_AFTER_CLOSE, MONEY_EVENT_TYPES } from './record.js';

/** `closure` while open (the store's NULL_CODE). */
const OPEN = 255;

/** One scanned line: ranges [start, end) into the line's bytes, and values the store holds as they are. */
export class ScannedCase {
  idS = 0;
  idE = 0;
  courtS = 0;
  courtE = 0;
  /** Index into CASE_TYPES. */
  type = 0;
  filed = 0;
  /** NO_DAY while open. */
  closed = NO_DAY;
  /** Index into CLOSURES (aliases resolved), 255 while open. */
  closure = OPEN;
  /** Fen. */
  claimed = 0;
  recovered = 0;
  /** 1 true, 0 false, -1 not assessed. */
  property = -1;
  handlerS = 0;
  handlerE = 0;
  /** -1 when the case has no team. */
  teamS = -1;
  teamE = -1;
  nTags = 0;
  tagS = new Int32Array(8);
  tagE = new Int32Array(8);
  nEv = 0;
  /** Index into EVENT_TYPES. */
  evType = new Int32Array(64);
  evDate = new Int32Array(64);
  /** Fen; NaN when the event has no amount. */
  evAmount = new Float64Array(64);
  /** -1 when the event has no note. */
  evNoteS = new Int32Array(64);
  evNoteE = new Int32Array(64);

  growEvents(): void {
    const n = this.evType.length * 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (k: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.evType = grow(this.evType, (k) => new Int32Array(k));
    this.evDate = grow(this.evDate, (k) => new Int32Array(k));
    this.evAmount = grow(this.evAmount, (k) => new Float64Array(k));
    this.evNoteS = grow(this.evNoteS, (k) => new Int32Array(k));
    this.evNoteE = grow(this.evNoteE, (k) => new Int32Array(k));
  }

  growTags(): void {
    const s = new Int32Array(this.tagS.length * 2);
    s.set(this.tagS);
    this.tagS = s;
    const e = new Int32Array(this.tagE.length * 2);
    e.set(this.tagE);
    this.tagE = e;
  }
}

const CASE_FIELDS = RECORD_FIELDS.cases;
const CASE_KEYS = keysOf(CASE_FIELDS);
const K_ID = CASE_FIELDS.indexOf('id'),
  K_COURT = CASE_FIELDS.indexOf('court'),
  K_TYPE = CASE_FIELDS.indexOf('type'),
  K_FILED = CASE_FIELDS.indexOf('filed'),
  K_CLOSED = CASE_FIELDS.indexOf('closed'),
  K_CLOSURE = CASE_FIELDS.indexOf('closure'),
  K_CLAIMED = CASE_FIELDS.indexOf('claimed'),
  K_RECOVERED = CASE_FIELDS.indexOf('recovered'),
  K_PROPERTY = CASE_FIELDS.indexOf('property'),
  K_HANDLER = CASE_FIELDS.indexOf('handler'),
  K_TEAM = CASE_FIELDS.indexOf('team'),
  K_TAGS = CASE_FIELDS.indexOf('tags'),
  K_EVENTS = CASE_FIELDS.indexOf('events');
/** Fields without which the loaders reject the record or warn (id, court, filed; claimed, recovered, handler). */
const NEEDED = (1 << K_ID) | (1 << K_COURT) | (1 << K_FILED) | (1 << K_CLAIMED) | (1 << K_RECOVERED) | (1 << K_HANDLER);

const EVENT_KEYS = keysOf(['type', 'date', 'amount', 'note']);
const CASE_TYPE_CODES = vocabularyTable(CASE_TYPES);
const CLOSURE_WORDS = [...CLOSURES, ...Object.keys(CLOSURE_ALIASES)];
const CLOSURE_CODE = CLOSURE_WORDS.map((w) => (CLOSURES as readonly string[]).indexOf(CLOSURE_ALIASES[w] ?? w));
const CLOSURE_CODES = vocabularyTable(CLOSURE_WORDS);
const EVENT_TYPE_CODES = vocabularyTable(EVENT_TYPES);
const AFTER_CLOSE = EVENT_TYPES.map((t) => EVENTS_AFTER_CLOSE.has(t));
const MONEY = EVENT_TYPES.map((t) => MONEY_EVENT_TYPES.includes(t));

// The scanner's cursor and the last string read: module state, so the helpers allocate nothing.
let b: Uint8Array = new Uint8Array(0);
let p = 0;
let end = 0;
let sS = 0;
let sE = 0;

function ws(): void {
  let c = b[p];
  while (c === 32 || c === 9 || c === 13) {
    if (++p >= end) return;
    c = b[p];
  }
}

/**
 * A string at p without escapes, control characters or a character a name may not hold (U+007F–U+009F,
 * U+FFFD): its bytes [sS, sE), p after its closing quote. False when there is none such.
 */
function str(): boolean {
  // Locals in the loop: module variables are slower to read and write.
  const bytes = b,
    stop = end;
  let i = p;
  if (bytes[i] !== 34) return false;
  const from = ++i;
  while (i < stop) {
    const c = bytes[i]!;
    if (c === 34) {
      sS = from;
      sE = i;
      p = i + 1;
      return true;
    }
    if (c < 128) {
      if (c < 32 || c === 92 || c === 127) return false;
    } else if (c === 0xc2) {
      if (bytes[i + 1]! < 0xa0) return false; // U+0080–U+009F
    } else if (c === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) return false; // U+FFFD
    i++;
  }
  return false;
}

/** A plain non-negative decimal at p with at most 13 integer digits and 2 decimals, in fen; -1 otherwise. */
function fen(): number {
  let c = b[p]!;
  if (c < 48 || c > 57) return -1;
  let int = 0,
    digits = 0;
  if (c === 48) {
    p++;
  } else {
    while (p < end && (c = b[p]!) >= 48 && c <= 57) {
      int = int * 10 + (c - 48);
      p++;
      if (++digits > 13) return -1;
    }
  }
  let frac = 0;
  if (b[p] === 46) {
    p++;
    c = b[p]!;
    if (c < 48 || c > 57) return -1;
    frac = (c - 48) * 10;
    p++;
    c = b[p]!;
    if (c >= 48 && c <= 57) {
      frac += c - 48;
      p++;
      c = b[p]!;
      if (c >= 48 && c <= 57) return -1;
    }
  }
  c = b[p]!;
  if (c === 101 || c === 69 || (c >= 48 && c <= 57)) return -1; // an exponent, or a leading zero's digits
  return int * 100 + frac;
}

const d = (k: number): number => {
  const c = b[k]! - 48;
  return c >= 0 && c <= 9 ? c : -100000;
};

/** The day number of each month's first day and its length, for years FIRST_YEAR until FIRST_YEAR + 300. */
const FIRST_YEAR = 1900;
const MONTH_START = new Int32Array(300 * 12);
const MONTH_DAYS = new Uint8Array(300 * 12);
for (let k = 0; k < MONTH_START.length; k++) {
  const y = FIRST_YEAR + Math.floor(k / 12),
    m = (k % 12) + 1;
  MONTH_START[k] = dayOf(y, m, 1);
  MONTH_DAYS[k] = daysInMonth(y, m);
}

/** A date string YYYY-MM-DD at p as a day number; NO_DAY when it is not one. */
function date(): number {
  // "YYYY-MM-DD": the quotes and dashes where they belong, then digits (d() is negative for anything else).
  const s = p + 1;
  if (b[p] !== 34 || b[s + 10] !== 34 || b[s + 4] !== 45 || b[s + 7] !== 45 || s + 11 > end) return NO_DAY;
  p = s + 11;
  const y = d(s) * 1000 + d(s + 1) * 100 + d(s + 2) * 10 + d(s + 3);
  const m = d(s + 5) * 10 + d(s + 6);
  const day = d(s + 8) * 10 + d(s + 9);
  if (y < 0 || m < 1 || m > 12 || day < 1) return NO_DAY;
  const k = (y - FIRST_YEAR) * 12 + m - 1;
  if (k >= 0 && k < MONTH_START.length) return day <= MONTH_DAYS[k]! ? MONTH_START[k]! + day - 1 : NO_DAY;
  return isValidDate(y, m, day) ? dayOf(y, m, day) : NO_DAY;
}

/** `null` at p (p moved past it). */
function isNull(): boolean {
  if (b[p] === 110 && b[p + 1] === 117 && b[p + 2] === 108 && b[p + 3] === 108) {
    p += 4;
    return true;
  }
  return false;
}

/** A JSON array at p of items each read by `item`. */
function list(item: (out: ScannedCase) => boolean, out: ScannedCase): boolean {
  if (b[p] !== 91) return false;
  p++;
  ws();
  if (b[p] === 93) {
    p++;
    return true;
  }
  for (;;) {
    if (!item(out)) return false;
    ws();
    if (b[p] === 44) {
      p++;
      ws();
      continue;
    }
    if (b[p] !== 93) return false;
    p++;
    return true;
  }
}

/** The keys of an object: their bytes in the order files usually have them, and a table for any order. */
interface Keys {
  words: Uint8Array[];
  table: BytesTable;
}

function keysOf(words: readonly string[]): Keys {
  const encoder = new TextEncoder();
  return { words: words.map((w) => encoder.encode(w)), table: vocabularyTable(words) };
}

/** The index of the key string at p (p moved past it), trying `guess` first (the key after the last one); -1 when unknown. */
function keyAt(keys: Keys, guess: number): number {
  const w = keys.words[guess];
  if (w !== undefined && b[p] === 34) {
    const n = w.length,
      s = p + 1;
    if (b[s + n] === 34) {
      let k = 0;
      while (k < n && b[s + k] === w[k]) k++;
      if (k === n) {
        p = s + n + 1;
        return guess;
      }
    }
  }
  return str() ? keys.table.get(b, sS, sE) : -1;
}

/**
 * A JSON object at p whose keys are all in `keys`, each once, each value read by `value` (given the key's
 * index): the keys seen as bits, or -1.
 */
function object(keys: Keys, value: (key: number, out: ScannedCase) => boolean, out: ScannedCase): number {
  if (b[p] !== 123) return -1;
  p++;
  ws();
  let seen = 0;
  let key = -1;
  for (;;) {
    key = keyAt(keys, key + 1);
    if (key < 0 || seen & (1 << key)) return -1;
    seen |= 1 << key;
    ws();
    if (b[p] !== 58) return -1;
    p++;
    ws();
    if (!value(key, out)) return -1;
    ws();
    if (b[p] === 44) {
      p++;
      ws();
      continue;
    }
    if (b[p] !== 125) return -1;
    p++;
    return seen;
  }
}

/** A tag (a non-empty string) at p, into out. */
function tag(out: ScannedCase): boolean {
  if (!str() || sE === sS) return false;
  if (out.nTags === out.tagS.length) out.growTags();
  out.tagS[out.nTags] = sS;
  out.tagE[out.nTags++] = sE;
  return true;
}

/** One field of an event at p, into out's next event. */
function eventField(key: number, out: ScannedCase): boolean {
  const k = out.nEv;
  if (key === 0) {
    if (!str()) return false;
    const t = EVENT_TYPE_CODES.get(b, sS, sE);
    out.evType[k] = t;
    return t >= 0;
  }
  if (key === 1) {
    const day = date();
    out.evDate[k] = day;
    return day !== NO_DAY;
  }
  if (key === 2) {
    const f = fen();
    out.evAmount[k] = f;
    return f >= 0;
  }
  if (!str()) return false;
  if (sE > sS) {
    out.evNoteS[k] = sS;
    out.evNoteE[k] = sE;
  }
  return true;
}

/** One event object at p, into out's next event (its date is checked against the case's later). */
function event(out: ScannedCase): boolean {
  const k = out.nEv;
  if (k === out.evType.length) out.growEvents();
  out.evAmount[k] = NaN;
  out.evNoteS[k] = -1;
  out.evNoteE[k] = -1;
  const seen = object(EVENT_KEYS, eventField, out);
  // type and date are required; a money event without its amount is warned about.
  if (seen < 0 || (seen & 3) !== 3 || (MONEY[out.evType[k]!] && !(seen & 4))) return false;
  out.nEv = k + 1;
  return true;
}

/** One field's value at p, into out; false when the scanner does not take it. */
function field(key: number, out: ScannedCase): boolean {
  switch (key) {
    case K_ID:
      if (!str() || sE === sS) return false;
      out.idS = sS;
      out.idE = sE;
      return true;
    case K_COURT:
      if (!str() || sE === sS) return false;
      out.courtS = sS;
      out.courtE = sE;
      return true;
    case K_TYPE: {
      if (!str()) return false;
      const t = CASE_TYPE_CODES.get(b, sS, sE);
      out.type = t;
      return t >= 0;
    }
    case K_FILED:
      out.filed = date();
      return out.filed !== NO_DAY;
    case K_CLOSED:
      if (isNull()) return true;
      out.closed = date();
      return out.closed !== NO_DAY;
    case K_CLOSURE: {
      if (isNull()) return true;
      if (!str()) return false;
      const w = CLOSURE_CODES.get(b, sS, sE);
      if (w < 0) return false;
      out.closure = CLOSURE_CODE[w]!;
      return true;
    }
    case K_CLAIMED:
      out.claimed = fen();
      return out.claimed >= 0;
    case K_RECOVERED:
      out.recovered = fen();
      return out.recovered >= 0;
    case K_PROPERTY:
      if (isNull()) return true;
      if (b[p] === 116 && b[p + 1] === 114 && b[p + 2] === 117 && b[p + 3] === 101) {
        out.property = 1;
        p += 4;
        return true;
      }
      if (b[p] === 102 && b[p + 1] === 97 && b[p + 2] === 108 && b[p + 3] === 115 && b[p + 4] === 101) {
        out.property = 0;
        p += 5;
        return true;
      }
      return false;
    case K_HANDLER:
      if (!str()) return false;
      out.handlerS = sS;
      out.handlerE = sE;
      return true;
    case K_TEAM:
      if (isNull()) return true;
      if (!str()) return false;
      if (sE > sS) {
        out.teamS = sS;
        out.teamE = sE;
      }
      return true;
    case K_TAGS:
      return list(tag, out);
    case K_EVENTS:
      return list(event, out);
    default:
      return false;
  }
}

/**
 * Reads the line bytes[start, end) (valid UTF-8, without its line break) into `out` when it is a case record
 * the loaders would accept as it is and say nothing about; false otherwise (the line is then the full
 * loader's to read). A repeated id is not detected here (the store does it).
 */
export function scanCaseLine(bytes: Uint8Array, start: number, stop: number, out: ScannedCase): boolean {
  b = bytes;
  p = start;
  end = stop;
  out.type = 0;
  out.closed = NO_DAY;
  out.closure = OPEN;
  out.property = -1;
  out.teamS = -1;
  out.teamE = -1;
  out.nTags = 0;
  out.nEv = 0;
  ws();
  const seen = object(CASE_KEYS, field, out);
  ws();
  if (seen < 0 || p !== end || (seen & NEEDED) !== NEEDED) return false;
  // The closure set exactly when closed is; closed not before filed.
  if ((out.closed === NO_DAY) !== (out.closure === OPEN)) return false;
  if (out.closed !== NO_DAY && out.closed < out.filed) return false;
  for (let k = 0; k < out.nEv; k++) {
    const day = out.evDate[k]!;
    if (day < out.filed) return false;
    if (out.closed !== NO_DAY && day > out.closed && !AFTER_CLOSE[out.evType[k]!]) return false;
  }
  return true;
}
