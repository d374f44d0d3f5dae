// `--engine duckdb --data FILE.ndjson` (src/harness/sql/from-files.ts): DuckDB reads the case files itself,
// SQL keeps only the lines it can vouch for, the file loaders judge every other line. The counts and
// problems are the loaders' own over the whole files, the canonical tables hold exactly the cases and events
// the loaders accept, and `check` writes the memory engine's report byte for byte. Files DuckDB cannot read
// line for line as the loaders do go the old way, and the run says so.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { loadCases } from '../../src/harness/loaders/index.js';
import { duckdbFromFiles, lookOver } from '../../src/harness/sql/from-files.js';
import { base, luoshi, SECOND, TRICKY, write } from './tricky-files.js';

const tmp = mkdtempSync(join(tmpdir(), 'luoshi-from-files-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const first = write(tmp, 'cases-a.ndjson', TRICKY);
const second = write(tmp, 'cases-b.ndjson', SECOND);

const firstCrlf = write(tmp, 'crlf-a.ndjson', TRICKY, '\r\n');
const secondCrlf = write(tmp, 'crlf-b.ndjson', SECOND, '\r\n');
/** Each problem as FILE:LINE:COL CODE, the file by its place in the list. */
const located = (
  problems: ReadonlyArray<{ file: string; line: number; column?: number; code: string }>,
  files: string[],
) => problems.map((p) => `${files.indexOf(p.file)}:${p.line}:${p.column ?? ''} ${p.code}`);

describe('lookOver', () => {
  /** A file whose byte 4 MiB − 1 (the last of lookOver's first block) is a CR, followed by `next`. */
  const straddling = (name: string, next: string): string => {
    const block = 1 << 22;
    const head = `${'{"a":1}\r\n'.repeat(Math.floor((block - 20) / 9))}`;
    const path = join(tmp, name);
    writeFileSync(path, `${head}${'x'.repeat(block - 1 - head.length)}\r${next}`);
    return path;
  };

  it('numbers lines as the loaders do and finds a lone CR, across its blocks', async () => {
    const lines = Math.floor(((1 << 22) - 20) / 9);
    expect(await lookOver(straddling('straddle-crlf.ndjson', '\n{"b":2}\r\n\r\n'))).toEqual({
      utf16: false,
      loneCr: false,
      lastLine: lines + 2,
    });
    expect(await lookOver(straddling('straddle-lone.ndjson', '{"b":2}\n'))).toEqual({
      utf16: false,
      loneCr: true,
      lastLine: lines + 1,
    });
    // A CR as the file's last byte is dropped by the loaders and by DuckDB alike.
    expect(await lookOver(straddling('straddle-end.ndjson', ''))).toEqual({
      utf16: false,
      loneCr: false,
      lastLine: lines + 1,
    });
    const blank = write(tmp, 'blank-end.ndjson', ['{"a":1}', '', '  ', '', ''], '\r\n');
    expect(await lookOver(blank)).toEqual({ utf16: false, loneCr: false, lastLine: 3 });
  });
});

describe('duckdbFromFiles', () => {
  for (const [eol, files] of [
    ['LF', [first, second]],
    ['CRLF', [firstCrlf, secondCrlf]],
  ] as const)
    it(`gives the loaders' counts and problems over the whole files, and the tables hold what they accept (${eol})`, async () => {
      const got = await duckdbFromFiles(files, { cwd: tmp });
      if (!('session' in got)) throw new Error(`went the old way: ${got.oldWay.en}`);
      const { db, loaded } = got.session;
      try {
        const memory = await loadCases(files, { cwd: tmp });
        expect(loaded.stats).toEqual(memory.stats);
        expect(loaded.problems).toEqual(memory.problems);
        expect([memory.stats.read, memory.stats.rejected, memory.stats.warnings]).toEqual([
          TRICKY.length - 2 + SECOND.length, // less the blank lines
          15,
          5,
        ]);
        expect(memory.problems.map((p) => `${p.line} ${p.code}`)).toEqual([
          '122 D0004',
          '124 D0112',
          '126 D0103',
          '127 D0105',
          '128 D0109',
          '129 D0113',
          '130 D0116',
          '131 D0114',
          '132 D0004',
          '133 D0111',
          '137 D0102',
          '138 D0004',
          '139 D0102',
          '141 D0112',
          '143 D0121',
          '144 D0122',
          '145 D0120',
          '146 D0102',
          '149 D0103',
          '1 D0112',
        ]);
        // A CRLF file's problems are named at the lines and columns of the same file with LF.
        const lf = await loadCases([first, second], { cwd: tmp });
        expect(located(loaded.problems, [...files])).toEqual(located(lf.problems, [first, second]));
        expect(located(loaded.problems, [...files]).filter((p) => !p.includes(': '))).toEqual([
          '0:122:12 D0004',
          '0:132:639 D0004',
          '0:138:139 D0004',
        ]);
        const { store } = memory;
        const [[cases, events, tags, fen]] = (await db.query(
          'SELECT (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM case_tags), (SELECT SUM(claimed_fen) + SUM(recovered_fen) FROM cases)',
        )) as [[unknown, unknown, unknown, unknown]];
        let sum = 0;
        for (let i = 0; i < store.n; i++) sum += store.claimed[i]! + store.recovered[i]!;
        expect([Number(cases), Number(events), Number(tags), Number(fen)]).toEqual([
          store.n,
          store.evStart[store.n],
          store.tagStart[store.n],
          sum,
        ]);
      } finally {
        await db.close();
      }
    }, 60_000);
});

const PLAN = 'policies/ningbo-2018.plan';
const STAFF = ['--staffing', 'examples/data/staffing-2018.ndjson'];

/** `check` on the memory engine and on DuckDB: their outputs and exit codes. */
function both(data: string[], ...more: string[]) {
  const args = ['check', PLAN, ...data.flatMap((d) => ['--data', d]), ...STAFF, ...more];
  return { mem: luoshi(...args), duck: luoshi(...args, '--engine', 'duckdb') };
}

describe('luoshi check --engine duckdb --data FILE.ndjson', () => {
  for (const asOf of ['2018-06-30', '2018-12-31'])
    it(`writes the memory engine's JSON report byte for byte over tricky files (as of ${asOf})`, () => {
      const { mem, duck } = both([first, second], '--as-of', asOf, '--format', 'json');
      expect(duck.stderr).toBe(mem.stderr);
      expect(duck.status).toBe(mem.status);
      const data = (JSON.parse(mem.stdout) as { data: { rejected: number; problems: unknown[] } }).data;
      expect([data.rejected, data.problems.length]).toEqual([15, 20]);
      expect(duck.stdout).toBe(mem.stdout);
    }, 120_000);

  it('CRLF files are read by DuckDB too: the same report byte for byte, the same problems at the same lines and columns', () => {
    const { mem, duck } = both([firstCrlf, secondCrlf], '--format', 'json');
    expect(duck.stderr).toBe(mem.stderr);
    expect(duck.stderr).not.toContain('--engine duckdb');
    expect(duck.status).toBe(mem.status);
    expect(duck.stdout).toBe(mem.stdout);
    const lf = both([first, second], '--format', 'json').mem;
    expect(duck.stdout.replaceAll('crlf-', 'cases-')).toBe(lf.stdout);
  }, 120_000);

  it('the text report and its problem digest are the same too', () => {
    const { mem, duck } = both([first]);
    expect(duck.stderr).toBe(mem.stderr);
    expect(duck.stderr).toContain(`${first}:122:`);
    expect(duck.stdout).toBe(mem.stdout);
  }, 120_000);

  it('files DuckDB cannot read as the loaders do go the old way, and the run says which and why', () => {
    // A CR between two of a record's tokens: JSON's whitespace to the loaders, a line end to DuckDB.
    const lone = write(tmp, 'lone-cr.ndjson', [
      ...base.slice(0, 100),
      base[100]!.replace(',', ',\r'),
      ...base.slice(101, 200),
    ]);
    const gbk = join(tmp, 'gbk.ndjson');
    writeFileSync(gbk, iconv.encode(base.slice(0, 200).join('\n') + '\n', 'gbk'));
    const json = join(tmp, 'cases.json');
    writeFileSync(json, `[${base.slice(0, 200).join(',\n')}]\n`);
    const why: Array<[string, string]> = [
      [lone, '含不在行尾的回车符（CR）'],
      [gbk, '不是 UTF-8 编码'],
      [json, '不是 NDJSON 文件'],
    ];
    for (const [file, zh] of why) {
      const { mem, duck } = both([file], '--format', 'json');
      expect(duck.stderr).toBe(
        `--engine duckdb：${file} ${zh}，案件改由 luoshi 的读取器载入后复制到 DuckDB\n${mem.stderr}`,
      );
      expect(duck.status).toBe(mem.status);
      expect(duck.stdout).toBe(mem.stdout);
    }
    expect(
      (JSON.parse(luoshi('check', PLAN, '--data', lone, '--format', 'json').stdout) as { data: { accepted: number } })
        .data.accepted,
    ).toBe(200);
    const en = luoshi('check', PLAN, '--data', lone, '--engine', 'duckdb', '--lang', 'en', '--format', 'json');
    expect(en.stderr.split('\n')[0]).toBe(
      `--engine duckdb: ${lone} holds a carriage return (CR) that does not end a line: the cases are loaded by luoshi's readers and copied into DuckDB instead`,
    );
  }, 180_000);
});
