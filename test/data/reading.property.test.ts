// Property: for any mix of good and bad records in every format (NDJSON, JSON array, YAML, CSV) and
// encoding (UTF-8, UTF-8 with BOM, GBK), read = accepted + rejected, every bad record is rejected and
// every good record is accepted, in order, with its fields intact.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { loadCases } from '../../src/harness/loaders/index.js';
import { storeRecords } from '../../src/engine/data/store.js';
import type { CaseRecord } from '../../src/engine/data/record.js';
import { CASE_CSV_HEADER, caseToCells, csvLine } from '../../src/engine/data/tabular.js';
import { tempDir, writeTemp } from './helpers.js';

const COURTS = ['宁波市海曙区人民法院', '宁波市中级人民法院', '象山县人民法院', '__proto__'];
const HANDLERS = ['张三', '李四', '王五', 'constructor'];
const TEAMS = ['执行一团队', '速执团队'];
const TAGS = ['涉民生', '涉党政机关', '涉金融'];
const NOTES = ['申请人到庭', '电话约谈'];

const day = fc.integer({ min: 1, max: 28 }).map((d) => `2018-0${1 + (d % 6)}-${String(d).padStart(2, '0')}`);
const money = fc.integer({ min: 0, max: 10_000_000 }).map((f) => f / 100);

/** A valid case in canonical form (what the loader must give back), without its id. */
const goodCase = fc
  .record({
    court: fc.constantFrom(...COURTS),
    filed: day,
    closedAfter: fc.option(fc.integer({ min: 200, max: 300 })),
    claimed: money,
    recovered: money,
    property: fc.constantFrom(true, false, null),
    handler: fc.constantFrom(...HANDLERS),
    team: fc.option(fc.constantFrom(...TEAMS)),
    tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 2 }),
    events: fc.array(
      fc.record({
        type: fc.constantFrom('执行通知', '约谈', '案款到账'),
        offset: fc.integer({ min: 0, max: 100 }),
        note: fc.option(fc.constantFrom(...NOTES)),
      }),
      { maxLength: 3 },
    ),
  })
  .map((g): Omit<CaseRecord, 'id'> => {
    const filed = new Date(`${g.filed}T00:00:00Z`).getTime();
    const at = (d: number): string => new Date(filed + d * 86_400_000).toISOString().slice(0, 10);
    const rec: Omit<CaseRecord, 'id'> = {
      court: g.court,
      type: '首执',
      filed: g.filed,
      closed: g.closedAfter === null ? null : at(g.closedAfter),
      closure: g.closedAfter === null ? null : '执行完毕',
      claimed: g.claimed,
      recovered: g.recovered,
      property: g.property,
      handler: g.handler,
      events: g.events
        .map((e) => ({
          type: e.type,
          date: at(e.offset),
          ...(e.type === '案款到账' ? { amount: 1.5 } : {}),
          ...(e.note !== null ? { note: e.note } : {}),
        }))
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    };
    if (g.team !== null) rec.team = g.team;
    if (g.tags.length > 0) rec.tags = g.tags;
    return rec;
  });

type Format = 'ndjson' | 'json' | 'yaml' | 'csv';
type Encoding = 'utf8' | 'utf8bom' | 'gbk';

/** Kinds of bad record: invalid fields, broken syntax, bytes that are no text. */
const BAD_KINDS = ['invalid', 'syntax', 'bytes'] as const;
type Bad = (typeof BAD_KINDS)[number];
type Entry = { good: Omit<CaseRecord, 'id'> } | { bad: Bad };

const entries = fc.array(
  fc.oneof(
    goodCase.map((good) => ({ good })),
    fc.constantFrom(...BAD_KINDS).map((bad) => ({ bad })),
  ),
  { minLength: 1, maxLength: 25 },
);

const STRAY_BYTES = Buffer.from([0xff, 0xfe, 0xff]); // invalid in UTF-8 and in GB18030

/** One line of text (its record) for a format; a Buffer for raw bytes. */
function lineFor(format: Format, e: Entry, id: string): string | Buffer {
  if ('good' in e) {
    const rec = { id, ...e.good };
    if (format === 'csv') return csvLine(caseToCells(rec)).replace(/\r\n$/, '');
    return `${format === 'yaml' ? '- ' : ''}${JSON.stringify(rec)}`;
  }
  if (e.bad === 'bytes')
    return Buffer.concat([
      Buffer.from(format === 'yaml' ? `- {"id": "${id}", "court": "` : `{"id": "${id}", "court": "`),
      STRAY_BYTES,
      Buffer.from('"}'),
    ]);
  if (e.bad === 'invalid') {
    const rec = { id, court: '宁波市海曙区人民法院', filed: '2018-13-45' };
    if (format === 'csv') return csvLine(caseToCells(rec)).replace(/\r\n$/, '');
    return `${format === 'yaml' ? '- ' : ''}${JSON.stringify(rec)}`;
  }
  // Syntax: a bracket that does not match (JSON), a repeated key (YAML), an unclosed quote on one line (CSV cannot recover from it: an invalid date instead).
  if (format === 'yaml') return `- {"id": "${id}", "court": "a", "court": "b", "filed": "2018-01-01"}`;
  if (format === 'csv') return `${id},宁波市海曙区人民法院,首执,2018/02/30,,,1,0,,张三,,,`;
  return `{"id": "${id}", "court": ]`;
}

function fileFor(format: Format, encoding: Encoding, list: Entry[]): Buffer {
  const lines = list.map((e, k) => lineFor(format, e, `(2018)浙执${k + 1}号`));
  const parts: Buffer[] = [];
  const text = (s: string): Buffer => (encoding === 'gbk' ? iconv.encode(s, 'gbk') : Buffer.from(s, 'utf8'));
  if (encoding === 'utf8bom') parts.push(Buffer.from([0xef, 0xbb, 0xbf]));
  if (format === 'json') parts.push(text('[\n'));
  if (format === 'csv') parts.push(text(`${CASE_CSV_HEADER.join(',')}\r\n`));
  lines.forEach((l, k) => {
    parts.push(typeof l === 'string' ? text(l) : l);
    parts.push(text(format === 'json' && k < lines.length - 1 ? ',\n' : '\n'));
  });
  if (format === 'json') parts.push(text(']\n'));
  return Buffer.concat(parts);
}

describe('reading any mix of good and bad records', () => {
  for (const format of ['ndjson', 'json', 'yaml', 'csv'] as const) {
    for (const encoding of ['utf8', 'utf8bom', 'gbk'] as const) {
      it(`${format}, ${encoding}: read = accepted + rejected, every good record accepted intact`, async () => {
        const dir = tempDir();
        let n = 0;
        await fc.assert(
          fc.asyncProperty(entries, async (list) => {
            const file = writeTemp(dir, `cases-${n++}.${format}`, fileFor(format, encoding, list));
            const r = await loadCases([file]);
            const good = list.flatMap((e, k) => ('good' in e ? [{ id: `(2018)浙执${k + 1}号`, ...e.good }] : []));
            expect(r.stats.read).toBe(r.stats.accepted + r.stats.rejected);
            expect(r.stats.read).toBe(list.length);
            expect(r.stats.rejected).toBe(list.length - good.length);
            expect([...storeRecords(r.store)]).toEqual(good);
            // Every rejection is located on the line of its record.
            const firstLine = format === 'json' || format === 'csv' ? 2 : 1;
            const badLines = list.flatMap((e, k) => ('bad' in e ? [firstLine + k] : []));
            const errorLines = [...new Set(r.problems.filter((p) => p.severity === 'error').map((p) => p.line))];
            expect(errorLines).toEqual(badLines);
          }),
          { numRuns: 25 },
        );
      }, 60_000);
    }
  }
});
