// Tables for follow-up: one model (columns with kinds) → CSV (UTF-8 with BOM, RFC 4180) and .xlsx (numbers
// as numbers with their unit in the format, dates as dates, a frozen header). The 北仑 court's failing 终本
// cases, from `luoshi explain --format csv|xlsx`, are the cases of its JSON list.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { tableCsv, type DataTable } from '../../src/engine/report/table.js';
import { tablesXlsx } from '../../src/engine/report/table-xlsx.js';
import { overviewTable, rankingTable } from '../../src/engine/report/tables.js';
import type { CaseRecord } from '../../src/engine/data/record.js';
import { COURT_A, COURT_B, FIXTURE_CASES } from '../peer/fixture.js';
import { evaluateText } from '../eval/helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'luoshi-exports-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function luoshi(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync('node', ['bin/luoshi.js', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const SAMPLE: DataTable = {
  title: '样例',
  lang: 'zh',
  columns: [
    { header: '名称', kind: 'text' },
    { header: '比率', kind: 'ratio' },
    { header: '千分率', kind: 'permille' },
    { header: '金额', kind: 'money' },
    { header: '日期', kind: 'date' },
    { header: '件数', kind: 'count' },
    { header: '用时', kind: 'days' },
  ],
  rows: [
    ['逗号,引号"换行\n', 175 / 214, 0.00725, 38912087.95, '2018-06-30', 12, 90.5],
    ['=1+1', null, 0, 0.1, null, 0, null],
  ],
};

describe('CSV', () => {
  it('is UTF-8 with a BOM, CRLF rows, RFC 4180 quoting, numbers bare with their unit in the header', () => {
    const csv = tableCsv(SAMPLE);
    expect(csv).toBe(
      '\uFEFF名称,比率,千分率（‰）,金额（元）,日期,件数,用时（日）\r\n' +
        '"逗号,引号""换行\n",81.775701%,7.25,38912087.95,2018-06-30,12,90.5\r\n' +
        "'=1+1,,0,0.10,,0,\r\n",
    );
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(tableCsv({ ...SAMPLE, lang: 'en', rows: [] })).toBe(
      '\uFEFF名称,比率,千分率 (‰),金额 (元),日期,件数,用时 (日)\r\n',
    );
  });
});

describe('xlsx', () => {
  it('keeps numbers as numbers with %/‰/元 formats, dates as dates, a bold frozen header and widths', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await tablesXlsx(ExcelJS, [SAMPLE])) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('样例')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '名称',
      '比率',
      '千分率（‰）',
      '金额（元）',
      '日期',
      '件数',
      '用时（日）',
    ]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    const row = ws.getRow(2);
    expect(row.getCell(1).value).toBe('逗号,引号"换行\n');
    expect(row.getCell(2).value).toBe(175 / 214);
    expect(row.getCell(2).numFmt).toBe('0.00##%');
    expect(row.getCell(3).value).toBeCloseTo(7.25, 10);
    expect(row.getCell(3).numFmt).toBe('0.00##"‰"');
    expect(row.getCell(4).value).toBe(38912087.95);
    expect(row.getCell(4).numFmt).toBe('#,##0.00"元"');
    expect(row.getCell(5).value).toEqual(new Date('2018-06-30T00:00:00Z'));
    expect(row.getCell(5).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(6).value).toBe(12);
    expect(ws.getRow(3).getCell(1).value).toBe('=1+1');
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(8);
  });
});

describe('the overview and a ranking as tables (hand-worked fixture)', () => {
  const PLAN = `方案 通报 { 期间 2018-01-01 至 2018-12-31  法院 海曙, 江北  使用 std }
法院 海曙 = "${COURT_A}"
法院 江北 = "${COURT_B}"
目标 终本 : 终本合格率 >= 50% 每个法院 截至 2018-10-31
`;
  const r = evaluateText(PLAN, FIXTURE_CASES as unknown as CaseRecord[], '2018-10-31');
  it('overview: status, value, numerator, denominator per target; worst first', () => {
    expect(tableCsv(overviewTable(r, 'zh'))).toBe(
      '\uFEFF法院,未达标,有风险,终本 状态,终本 值,终本 分子,终本 分母\r\n' +
        `${COURT_B},1,0,未达标,0%,0,2\r\n${COURT_A},0,0,达标,66.666667%,2,3\r\n`,
    );
  });
  it('ranking: tied courts share a rank, the status in words', () => {
    expect(tableCsv(rankingTable(r, '终本', 'en'))).toBe(
      '\uFEFFrank,court,终本合格率,numerator,denominator,status\r\n' +
        `1,${COURT_A},66.666667%,2,3,met\r\n2,${COURT_B},0%,0,2,missed\r\n`,
    );
  });
});

describe("luoshi explain --format csv|xlsx: 北仑's failing 终本 cases", () => {
  const BASE = [
    'explain',
    'policies/ningbo-2018.plan',
    '--data',
    'examples/data/ningbo-2018.ndjson',
    '--indicator',
    '终本合格率',
    '--court',
    '北仑法院',
    '--as-of',
    '2018-09-30',
  ];
  const json = JSON.parse(luoshi([...BASE, '--format', 'json', '--limit', '1000']).out) as {
    total: number;
    ids: string[];
  };

  it('CSV: every case of the JSON list, in its order, with its record', () => {
    const r = luoshi([...BASE, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(
      r.out.startsWith(
        '\uFEFF案号,法院,类型,立案日期,结案日期,结案方式,申请标的（元）,实际到位（元）,承办人,团队,计入分子,计入分母\r\n',
      ),
    ).toBe(true);
    const lines = r.out.slice(1).split('\r\n').slice(1, -1);
    expect(json.total).toBeGreaterThan(0);
    expect(lines.map((l) => l.split(',')[0])).toEqual(json.ids);
    for (const l of lines)
      expect(l).toMatch(
        /^[^,]+,宁波市北仑区人民法院,[^,]+,\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2},终结本次执行程序,\d+\.\d\d,\d+\.\d\d,[^,]*,[^,]*,否,是$/,
      );
  });

  it('CSV of the numerator: its cases count on both sides of the ratio', () => {
    const r = luoshi([...BASE, '--part', 'numerator', '--format', 'csv']);
    const lines = r.out.slice(1).trimEnd().split('\r\n').slice(1);
    expect(lines.length).toBe(JSON.parse(luoshi([...BASE, '--part', 'numerator', '--format', 'json']).out).total);
    for (const l of lines) expect(l.endsWith(',是,是')).toBe(true);
  });

  it('xlsx with --out: the same cases, amounts as numbers, dates as dates', async () => {
    const out = join(tmp, 'sub', '北仑终本.xlsx');
    expect(luoshi([...BASE, '--format', 'xlsx', '--out', out])).toEqual({ code: 0, out: '', err: '' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('终本合格率 北仑法院 在分母而不在分子');
    const ids: string[] = [];
    ws.eachRow((row, k) => {
      if (k > 1) ids.push(String(row.getCell(1).value));
    });
    expect(ids).toEqual(json.ids);
    expect(ws.getRow(2).getCell(4).value).toBeInstanceOf(Date);
    expect(typeof ws.getRow(2).getCell(7).value).toBe('number');
  });

  it('xlsx to the terminal is refused with what to do', () => {
    const r = luoshi([...BASE, '--format', 'xlsx']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'luoshi explain: --format xlsx 需要 --out FILE：表格文件不输出到终端 / --format xlsx needs --out FILE: a workbook is not written to a terminal\n',
    );
    expect(luoshi([...BASE, '--format', 'pdf']).err).toContain('--format must be text, json, csv or xlsx, not "pdf"');
  });

  it('check --format bulletin-csv: the overview, as the JSON report has it', () => {
    const CHECK = [
      'check',
      'policies/ningbo-2018.plan',
      '--data',
      'examples/data/ningbo-2018.ndjson',
      '--as-of',
      '2018-09-30',
    ];
    const report = JSON.parse(luoshi([...CHECK, '--format', 'json']).out) as {
      targets: Array<{
        id: string;
        stages: Array<{ groups: Record<string, { numerator: number; denominator: number | null; status: string }> }>;
      }>;
    };
    const csv = luoshi([...CHECK, '--format', 'bulletin-csv']).out;
    const [head, ...rows] = csv.slice(1).trimEnd().split('\r\n');
    const cols = head!.split(',');
    const k = cols.indexOf('终本合格 分子');
    const groups = report.targets.find((t) => t.id === '终本合格')!.stages[0]!.groups;
    expect(rows).toHaveLength(11);
    for (const row of rows) {
      const cells = row.split(',');
      expect([cells[0], Number(cells[k]), Number(cells[k + 1])]).toEqual([
        cells[0],
        groups[cells[0]!]!.numerator,
        groups[cells[0]!]!.denominator,
      ]);
    }
  });
});
