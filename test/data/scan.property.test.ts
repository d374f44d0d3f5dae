// The line scanner (src/engine/data/scan.ts) against the full loader: a file loaded with the scanner gives the
// same store (every column and dictionary), counts, problems and origins as the same file loaded with every
// line parsed and validated (`scan: false`), on generated lines of every shape near a valid record and on
// the tricky fixtures; and the scanner takes the ordinary lines while declining every line the loaders would
// say something about.
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScannedCase, scanCaseLine } from '../../src/engine/data/scan.js';
import { CaseStoreBuilder } from '../../src/engine/data/store.js';
import { loadCases, type DataImporters, type LoadOptions } from '../../src/harness/loaders/index.js';
import { dataImporters } from '../../src/harness/plugins/importers.js';
import { createTestbed } from '../../src/harness/plugins/testbed.js';
import { base, closedCase, exampleLines, line, rec } from './example-lines.js';
import { tempDir, writeTemp } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = tempDir();
const encoder = new TextEncoder();

// A file's encoding is decided on its first non-ASCII lines, which are read as text: told UTF-8, the
// scanner is offered every line of a small file too.
const UTF8: LoadOptions = { encoding: 'utf8' };

/** Loads `files` with the scanner and without it, checks both give the same, and returns the scanner's load. */
async function loadBothWays(files: string[], opts: LoadOptions = {}): Promise<Awaited<ReturnType<typeof loadCases>>> {
  const fast = await loadCases(files, opts);
  const full = await loadCases(files, { ...opts, scan: false });
  expect(fast.store).toEqual(full.store);
  expect(fast.stats).toEqual(full.stats);
  expect(fast.problems).toEqual(full.problems);
  expect(fast.origins).toEqual(full.origins);
  return fast;
}

/** Whether the scanner takes `text` as one line. */
function scans(text: string): boolean {
  const bytes = encoder.encode(text);
  return scanCaseLine(bytes, 0, bytes.length, new ScannedCase());
}

/** Lines the loaders reject or warn about, or read differently from their text: the scanner declines each. */
const DECLINED: Array<[string, string]> = [
  ['a byte-order mark inside the file', `\ufeff${base[0]}`],
  ['half a record', '{"id":"半行",'],
  ['blanks', '   '],
  ['an impossible date', line(11, { id: 'T2', filed: '2018-02-30' })],
  ['an event after closed', line(closedCase(12), { id: 'T3' }, [{ type: '约谈', date: '2030-01-01' }])],
  ['3 decimals', line(13, { id: 'T4', claimed: 1.234 })],
  ['3 decimals written with a zero', line(13, { id: 'T4' }).replace(/"claimed":[^,]+/, '"claimed":1.250')],
  ['an exponent', line(13, { id: 'T4' }).replace(/"claimed":[^,]+/, '"claimed":1e2')],
  ['a negative amount', line(13, { id: 'T4', claimed: -1 })],
  ['minus zero', line(13, { id: 'T4' }).replace(/"claimed":[^,]+/, '"claimed":-0')],
  ['a leading zero', line(13, { id: 'T4' }).replace(/"claimed":[^,]+/, '"claimed":01')],
  ['a huge amount', line(13, { id: 'T4', claimed: 1e20 })],
  ['an unknown key', line(14, { id: 'T5', 来源: '导入' })],
  ['a control character in a name', line(15, { id: 'T6', handler: '张\u0001三' })],
  ['U+0085 in a name', line(15, { id: 'T6', court: '某\u0085法院' })],
  ['U+FFFD in a name', line(15, { id: 'T6', handler: '张\ufffd' })],
  ['no handler', line(16, { id: 'T7', handler: undefined })],
  ['no claimed', line(16, { id: 'T7', claimed: undefined })],
  ['no filed', line(16, { id: 'T7', filed: undefined })],
  ['an empty id', line(16, { id: '' })],
  ['a trailing comma', `${line(17, { id: 'T8' }).slice(0, -1)},}`],
  ['an unknown case type', line(18, { id: 'T9', type: '终本' })],
  ['a null case type', line(18, { id: 'T9', type: null })],
  ['not an object', '[1,2]'],
  ['Infinity', line(22, { id: 'T13' }).replace(/"recovered":[^,]+/, '"recovered":Infinity')],
  ['events not a list', line(23, { id: 'T14', events: { type: '约谈' } })],
  ['Chinese keys', JSON.stringify(rec(24)).replace(/"id":"[^"]+"/, '"案号":"T15"')],
  [
    'escapes',
    line(26, { id: 'T16' }).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  ],
  ['an escaped quote', line(26, { id: 'T"16' })],
  ['an event before filed', line(27, { id: 'T17' }, [{ type: '约谈', date: '2015-01-01' }])],
  ['a money event without its amount', line(28, { id: 'T18' }, [{ type: '案款到账' }])],
  ['an event type of no vocabulary', line(29, { id: 'T19' }, [{ type: '自定义事件' }])],
  ['property not a boolean', line(30, { id: 'T20', property: 'yes' })],
  ['a key twice', line(31, { id: 'T21' }).replace('{', '{"id":"T21b",')],
  ['a date without its zero', line(33, { id: 'T23', filed: '2018-1-05' })],
  ['closed without closure', line(closedCase(34), { id: 'T24', closure: null })],
  ['closure without closed', line(35, { id: 'T25', closed: null, closure: '执行完毕' })],
  ['closed before filed', line(closedCase(36), { id: 'T26', filed: '2030-01-01' })],
  ['an empty tag', line(37, { id: 'T27', tags: ['甲', ''] })],
  ['a tag not a string', line(37, { id: 'T27', tags: [1] })],
  ['an event without a date', JSON.stringify({ ...rec(38), events: [{ type: '约谈' }] })],
  ['an event key unknown', line(38, { id: 'T28' }, [{ type: '约谈', 地点: '法院' }])],
  ['1900-02-29', line(39, { id: 'T29', filed: '1900-02-29', closed: null, closure: null, events: [] })],
  ['content after the record', `${line(40, { id: 'T30' })} x`],
];

/** Lines the loaders accept as they are and say nothing about: the scanner takes each. */
const TAKEN: Array<[string, string]> = [
  ['a generated record', base[0]!],
  ['an alias closure', line(closedCase(19), { id: 'T10', closure: '终本' })],
  ['tags, and an empty team', line(20, { id: 'T11', tags: ['甲', '乙', '甲'], team: '' })],
  ['amounts with decimals', line(21, { id: 'T12', claimed: 12.5, recovered: 0.29 })],
  ['an empty note', line(32, { id: 'T22' }, [{ type: '约谈', note: '' }])],
  ['no type, no events, null team', line(33, { id: 'T31', type: undefined, events: undefined, team: null })],
  ['spaces between tokens', JSON.stringify(rec(41), null, 1).replace(/\n/g, '')],
  ['a leap day far back', line(39, { id: 'T32', filed: '1600-02-29', closed: null, closure: null, events: [] })],
  ['a date past 2199', line(39, { id: 'T33', filed: '2400-02-29', closed: null, closure: null, events: [] })],
  ['events out of order', line(42, { id: 'T34' }, [{ type: '约谈' }])],
];

describe('the line scanner', () => {
  it('takes every line of the generated examples', () => {
    for (const name of ['ningbo-2018.ndjson', 'chongqing2-2016.ndjson', 'chengde-2018.ndjson']) {
      const lines = exampleLines(name);
      expect(
        lines.filter((l) => !scans(l)),
        name,
      ).toEqual([]);
    }
  });

  it.each(DECLINED)('declines %s', (_, text) => {
    expect(scans(text)).toBe(false);
  });

  it.each(TAKEN)('takes %s', (_, text) => {
    expect(scans(text)).toBe(true);
  });

  it('reads a line into the store as the full loader does', async () => {
    const path = writeTemp(dir, 'taken.ndjson', `${TAKEN.map(([, t]) => t).join('\n')}\n`);
    const loaded = await loadBothWays([path], UTF8);
    expect(loaded.stats).toMatchObject({ read: TAKEN.length, accepted: TAKEN.length, rejected: 0, warnings: 0 });
    expect(loaded.problems).toEqual([]);
  });

  it('leaves a repeated id to the full loader, which says where the first one was', async () => {
    const b = new CaseStoreBuilder();
    const bytes = encoder.encode(base[0]!);
    const sc = new ScannedCase();
    expect(scanCaseLine(bytes, 0, bytes.length, sc)).toBe(true);
    expect(b.addScanned(bytes, sc)).toBe(true);
    expect(b.addScanned(bytes, sc)).toBe(false);
    expect(b.duplicateOf).toBe(0);
    expect(b.size).toBe(1);
  });
});

describe('loading with the scanner gives what the full loader gives', () => {
  it('on the tricky lines among clean ones, in two files, with CRLF', async () => {
    const lines = [...base.slice(0, 100), '', ...DECLINED.map(([, t]) => t), base[5]!, ...TAKEN.map(([, t]) => t)];
    const a = writeTemp(dir, 'tricky-a.ndjson', `${lines.join('\n')}\n`);
    const b = writeTemp(
      dir,
      'tricky-b.ndjson',
      `${[base[2]!, ...base.slice(100, 300), line(7, { id: 'T2' })].join('\r\n')}`,
    );
    const loaded = await loadBothWays([a, b], UTF8);
    expect(loaded.stats.read).toBe(lines.filter((l) => l.trim() !== '').length + 202);
    expect(loaded.stats.rejected).toBeGreaterThan(20);
    expect(loaded.stats.warnings).toBeGreaterThan(5);
    expect(loaded.problems.some((p) => p.code === 'D0112' && p.file === b)).toBe(true);
  });

  it('on the examples, a BOM, a line not valid UTF-8 and a GBK file', async () => {
    const bom = writeTemp(dir, 'bom.ndjson', `\ufeff${base.slice(0, 50).join('\n')}`);
    const bad = writeTemp(
      dir,
      'bad.ndjson',
      Buffer.concat([
        Buffer.from(`${base.slice(50, 80).join('\n')}\n`),
        Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
        Buffer.from(`${base.slice(80, 120).join('\n')}\n`),
      ]),
    );
    const gbk = writeTemp(dir, 'gbk.ndjson', base.slice(120, 160).join('\n'), 'gbk');
    const files = [bom, bad, gbk, join(ROOT, 'examples/data/chongqing2-2016.ndjson')];
    const loaded = await loadBothWays(files);
    expect(loaded.stats.files.map((f) => f.encoding)).toEqual(['utf8', 'utf8', 'gb18030', 'utf8']);
    expect(loaded.problems.map((p) => p.code)).toContain('D0013');
  });

  it('on byte ranges of a file, lines numbered from the range', async () => {
    const text = `${base.slice(0, 200).join('\n')}\n`;
    const path = writeTemp(dir, 'range.ndjson', text);
    const cut = Buffer.byteLength(`${base.slice(0, 77).join('\n')}\n`);
    const loaded = await loadBothWays([path], { ...UTF8, range: { start: cut, end: Buffer.byteLength(text) } });
    expect(loaded.store.n).toBe(123);
    expect(loaded.origins.line[0]).toBe(1);
  });

  it('generates lines both taken and declined by the scanner', () => {
    const taken = fc.sample(recordLine, { numRuns: 1000, seed: 14 }).filter(scans).length;
    expect(taken).toBeGreaterThan(100);
    expect(taken).toBeLessThan(900);
  });

  it('on generated lines of every shape near a valid record', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(recordLine, { minLength: 1, maxLength: 25 }), fc.boolean(), async (lines, crlf) => {
        const path = writeTemp(dir, `gen-${run++}.ndjson`, lines.join(crlf ? '\r\n' : '\n'));
        await loadBothWays([path], UTF8);
      }),
      { numRuns: 80 },
    );
  });
});

// Generated records: each field valid most of the time, else one of the values the loaders have something to
// say about; keys in any order, sometimes missing or unknown; written with or without spaces between tokens.
const ODD_DAYS = ['2000-02-29', '2100-02-29', '2018-13-01', '2018-3-1', '2017-12-31', '2030-01-01'];
const oneOf = <T>(valid: fc.Arbitrary<T>, odd: readonly unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
const money = oneOf(
  fc.oneof(
    fc.integer({ min: 0, max: 10 ** 9 }),
    fc.integer({ min: 0, max: 10 ** 9 }).map((f) => f / 100),
  ),
  [-1, 1.234, 1e21, 0.1 + 0.2, '5', null, 9_999_999_999_999.99, 99_999_999_999_999],
);
const name = (xs: readonly string[]): fc.Arbitrary<unknown> =>
  oneOf(fc.constantFrom(...xs), ['', 'a"b', 'a\\b', '张\u0001三', '某\u0085', '\ufffd', 1, null]);
const event = fc.record(
  {
    type: oneOf(fc.constantFrom('执行通知', '约谈', '案款到账', '案款发放', '终本巡查', '信访'), ['', '自定义', 3]),
    date: oneOf(fc.constantFrom('2018-03-02', '2018-06-01', '2018-12-31', '2019-01-15'), ODD_DAYS),
    amount: money,
    note: oneOf(fc.constantFrom('申请人到庭', ''), ['a\nb', 7]),
  },
  { requiredKeys: ['type', 'date'] },
);
const record = fc.record(
  {
    id: oneOf(fc.constantFrom('(2018)浙0203执1号', '(2018)浙0203执2号', 'A', 'B', 'C', 'D', 'E', 'F'), [
      '',
      'x\u0002',
      5,
    ]),
    court: name(['宁波市海曙区人民法院', '__proto__', '象山县人民法院']),
    type: oneOf(fc.constantFrom('首执', '恢复执行', '执行保全'), ['终本', null]),
    filed: oneOf(fc.constantFrom('2018-03-01', '2018-03-02'), ODD_DAYS),
    end: oneOf(fc.constantFrom([null, null], ['2019-01-15', '执行完毕'], ['2018-12-31', '终本']), [
      ['2019-01-15', null],
      [null, '执行完毕'],
      ['2017-01-01', '销案'],
      ['2019-01-15', '终结'],
    ]),
    claimed: money,
    recovered: money,
    property: oneOf(fc.constantFrom(true, false, null), ['yes', 0]),
    handler: name(['张三', '', 'constructor']),
    team: name(['执行一团队', '']),
    tags: oneOf(fc.array(fc.constantFrom('涉民生', '涉金融'), { maxLength: 3 }), [[''], [1], 'x']),
    events: oneOf(fc.array(event, { maxLength: 5 }), [{}, null]),
    extra: fc.constantFrom(undefined, undefined, undefined, undefined, 'x'),
  },
  { requiredKeys: ['id', 'court', 'filed', 'end', 'claimed', 'recovered', 'handler'] },
);
/** JSON text with `sp` between tokens. */
function write(v: unknown, sp: string): string {
  if (Array.isArray(v)) return `[${sp}${v.map((x) => write(x, sp)).join(`${sp},${sp}`)}${sp}]`;
  if (v !== null && typeof v === 'object')
    return `{${sp}${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${JSON.stringify(k === 'extra' ? '来源' : k)}${sp}:${sp}${write(x, sp)}`)
      .join(`${sp},${sp}`)}${sp}}`;
  return JSON.stringify(v);
}
const recordLine = fc
  .tuple(record, fc.constantFrom('', '', ' ', '\t'), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 40 }))
  .map(([{ end, ...r }, sp, rotate, drop]) => {
    const [closed, closure] = end as [unknown, unknown];
    // Sometimes no closed or closure key at all rather than null; sometimes a key missing.
    const fields: Record<string, unknown> =
      closed === null && closure === null && rotate % 2 ? r : { ...r, closed, closure };
    const entries = Object.entries(fields).filter((_, k) => k !== drop);
    const k = rotate % Math.max(1, entries.length);
    return write(Object.fromEntries([...entries.slice(k), ...entries.slice(0, k)]), sp);
  });

describe('the scanner behind the built-in importer', () => {
  it("reads NDJSON that the CLI's plugin registry matches to the built-in importer, not through the importer", async () => {
    const bed = await createTestbed({ plugins: [] });
    const importers = dataImporters(bed.host);
    expect(importers.match('cases.ndjson', 'cases')).toMatchObject({ name: 'ndjson', builtin: true });
    let importerReads = 0;
    const watched: DataImporters = {
      ...importers,
      match: (file, kind) => {
        const i = importers.match(file, kind);
        return (
          i && {
            ...i,
            read: (...args) => {
              importerReads++;
              return i.read(...args);
            },
          }
        );
      },
    };
    const file = join(ROOT, 'examples/data/ningbo-2018.ndjson');
    const read = await loadBothWays([file], { ...UTF8, importers: watched });
    expect(importerReads).toBe(0);
    expect(read.store).toEqual((await loadCases([file], UTF8)).store);
    expect(read.stats.files.map((f) => [f.format, f.accepted])).toEqual([['ndjson', 3000]]);
  });
});
