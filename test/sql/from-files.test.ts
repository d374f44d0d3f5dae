// `--engine duckdb --data FILE.ndjson` (src/harness/sql/from-files.ts): DuckDB reads the case files itself,
// SQL keeps only the lines it can vouch for, the file loaders judge every other line. The counts and
// problems are the loaders' own over the whole files, the canonical tables hold exactly the cases and events
// the loaders accept, and `check` writes the memory engine's report byte for byte. Files DuckDB cannot read
// line for line as the loaders do go the old way, and the run says so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { loadCases } from '../../src/harness/loaders/index.js';
import { duckdbFromFiles } from '../../src/harness/sql/from-files.js';
import { base, SECOND, TRICKY, writeLines } from './tricky-files.js';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'luoshi-from-files-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const write = (name: string, lines: string[], eol = '\n'): string => writeLines(tmp, name, lines, eol);
const first = write('cases-a.ndjson', TRICKY);
const second = write('cases-b.ndjson', SECOND);

describe('duckdbFromFiles', () => {
  it("gives the loaders' counts and problems over the whole files, and the tables hold what they accept", async () => {
    const got = await duckdbFromFiles([first, second], { cwd: tmp });
    if (!('session' in got)) throw new Error(`went the old way: ${got.oldWay.en}`);
    const { db, loaded } = got.session;
    try {
      const memory = await loadCases([first, second], { cwd: tmp });
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

const luoshi = (...args: string[]) =>
  spawnSync('node', ['bin/luoshi.js', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
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

  it('the text report and its problem digest are the same too', () => {
    const { mem, duck } = both([first]);
    expect(duck.stderr).toBe(mem.stderr);
    expect(duck.stderr).toContain(`${first}:122:`);
    expect(duck.stdout).toBe(mem.stdout);
  }, 120_000);

  it('files DuckDB cannot read as the loaders do go the old way, and the run says which and why', () => {
    const crlf = write('crlf.ndjson', base.slice(0, 200), '\r\n');
    const gbk = join(tmp, 'gbk.ndjson');
    writeFileSync(gbk, iconv.encode(base.slice(0, 200).join('\n') + '\n', 'gbk'));
    const json = join(tmp, 'cases.json');
    writeFileSync(json, `[${base.slice(0, 200).join(',\n')}]\n`);
    const why: Array<[string, string]> = [
      [crlf, '含回车符（CR）'],
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
    const en = luoshi('check', PLAN, '--data', crlf, '--engine', 'duckdb', '--lang', 'en', '--format', 'json');
    expect(en.stderr.split('\n')[0]).toBe(
      `--engine duckdb: ${crlf} holds carriage returns (CR): the cases are loaded by luoshi's readers and copied into DuckDB instead`,
    );
  }, 180_000);
});
