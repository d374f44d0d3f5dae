// `luoshi report`: the 通报 of the Ningbo plan on the example data as of 2018-09-30, as .xlsx (numbers
// with their units' formats, one sheet per table, frozen headers) and as .docx.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/harness/cli.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { firstPagePng, firstPageText, OUT_DIR, SOFFICE, soffice } from './helpers.js';
import type { CliIO } from '../../src/harness/io.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-report-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const io: CliIO = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    cwd: PACKAGE_ROOT,
    isTTY: false,
  };
  return { code: await main(args, io), out, err };
}

const DATA = [
  '--data',
  'examples/data/ningbo-2018.ndjson',
  '--progress',
  'examples/data/progress-ningbo-2018.ndjson',
  '--staffing',
  'examples/data/staffing-2018.ndjson',
  '--as-of',
  '2018-09-30',
  '--workers',
  '1',
];

describe('luoshi report', () => {
  it('.xlsx: a sheet per table, frozen headers, figures as numbers', async () => {
    const out = join(dir, 'nb.xlsx');
    const r = await run('report', 'policies/ningbo-2018.plan', ...DATA, '--format', 'xlsx', '--out', out);
    // Rule failures in the example data: the 通报 is written and the exit says a check failed.
    expect(r).toEqual({ code: 1, out: '', err: '' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '目标完成情况', '排名', '逾期任务', '数据来源']);
    for (const w of wb.worksheets) expect(w.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // 进展正常 1: the per-team target counts teams within their court (docs/identity.md), and none of them
    // is over 200 件 by its trend; before, 执行一团队 of eleven courts was one team of 362 cases.
    expect(wb.getWorksheet('概况')!.getCell(4, 2).value).toBe(
      '截至2018年9月30日，本方案确定的 6 项目标中，进展正常 1 项、有风险 4 项、无法计算 1 项；14 项任务中，按期完成 3 项、逾期完成 1 项、逾期未完成 4 项、未到期 1 项、持续推进 5 项；逐案核查发现 63 件案件不符合规则；所据案件数据读取 3000 件，采用 3000 件。',
    );
    const grid = wb.getWorksheet('目标完成情况')!;
    // The overview's rows, worst first (src/engine/report/bulletin.ts): 镇海 has four targets at risk.
    expect(grid.getCell(2, 1).value).toBe('宁波市镇海区人民法院');
    expect(grid.getCell(2, 6).value).toBeCloseTo(43 / 57, 10);
    expect(grid.getCell(2, 6).numFmt).toBe('0.00##%');
    expect(grid.getCell(2, 7).value).toBe('有风险');
    expect(grid.getCell(2, 10).numFmt).toBe('0.00##"‰"');
    expect(wb.getWorksheet('排名')!.getRow(2).values).toEqual([
      undefined,
      '无财产可供执行终本案件抽检合格率超过90%',
      1,
      '宁波市中级人民法院',
      1,
      '进展正常',
    ]);
    // Each court's holder (the basic courts' from the people file, examples/people/ningbo-2018.csv) has a row.
    const overdue = wb.getWorksheet('逾期任务')!;
    const rows = Array.from({ length: overdue.rowCount - 1 }, (_, k) => overdue.getRow(k + 2).values as unknown[]);
    expect(rows.find((v) => v[1] === '吕宇' && v[3] === '四.3')).toEqual([
      undefined,
      '吕宇',
      '市中院党组成员、执行局局长',
      '四.3',
      '建立终本案件清单式结案管理制度',
      '逾期未完成',
      '2018年6月30日',
      '分管执行工作院领导 @ 宁波中院',
    ]);
    expect(rows.find((v) => v[1] === '严正' && v[3] === '四.3')?.[7]).toBe('分管执行工作院领导 @ 宁海法院');
    expect(wb.getWorksheet('数据来源')!.getRow(2).values).toEqual([
      undefined,
      'examples/data/ningbo-2018.ndjson',
      3000,
      3000,
      0,
    ]);
  }, 60_000);

  it('.docx: title, as-of date, summary, the tables', async () => {
    const out = join(dir, 'nb.docx');
    expect((await run('report', 'policies/ningbo-2018.plan', ...DATA, '--format', 'docx', '--out', out)).code).toBe(1);
    const xml = strFromU8(unzipSync(readFileSync(out))['word/document.xml']!);
    for (const s of [
      '宁波市中级人民法院决胜“基本解决执行难”实施方案落实情况通报',
      '（截至2018年9月30日）',
      '一、各法院目标完成情况',
      '二、各目标排名',
      '三、逾期和临近到期的任务',
      '四、数据来源',
      '>58.97%（23/39）<',
      '>75.44%（43/57）<',
      '>逾期未完成<',
      'examples/data/ningbo-2018.ndjson：读取 3000 条，采用 3000 条。',
    ])
      expect(xml).toContain(s);
  }, 60_000);

  it.skipIf(!SOFFICE)(
    'both open in LibreOffice; first pages to PNG under test-results/documents',
    () => {
      copyFileSync(join(dir, 'nb.xlsx'), join(dir, 'bulletin-sheet.xlsx'));
      copyFileSync(join(dir, 'nb.docx'), join(dir, 'bulletin-word.docx'));
      soffice(['--convert-to', 'pdf', join(dir, 'bulletin-sheet.xlsx'), join(dir, 'bulletin-word.docx')]);
      const word = join(OUT_DIR, 'bulletin-word.pdf'),
        sheet = join(OUT_DIR, 'bulletin-sheet.pdf');
      expect([word, sheet].filter((f) => !existsSync(f))).toEqual([]);
      const text = firstPageText(word);
      if (text !== null) expect(text).toContain('落实情况通报');
      firstPagePng(word);
      firstPagePng(sheet);
    },
    120_000,
  );

  it('usage errors exit 2', async () => {
    expect(await run('report', 'policies/ningbo-2018.plan', '--format', 'pdf', '--out', 'x')).toEqual({
      code: 2,
      out: '',
      err: 'luoshi report: --format 只能是 docx 或 xlsx / --format must be docx or xlsx, not "pdf"\n',
    });
    expect((await run('report', 'policies/ningbo-2018.plan', '--out', join(dir, 'x.docx'))).err).toBe(
      'luoshi report: 需要 --data / --data is required\n',
    );
    expect(
      (
        await run(
          'report',
          'policies/ningbo-2018.plan',
          '--data',
          'examples/data/ningbo-2018.ndjson',
          '--as-of',
          '2018-02-30',
          '--out',
          join(dir, 'x.docx'),
        )
      ).code,
    ).toBe(2);
  });
});
