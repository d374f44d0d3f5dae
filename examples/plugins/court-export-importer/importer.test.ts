// The case-system export importer: its GBK sample loads through the loaders (which consult registered
// importers for file names the built-in formats would misread), with located rejections; the parser alone.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestbed, type Testbed } from '../../../src/harness/plugins/testbed.js';
import { csvRows, decodeExport, isoDate, parseExport } from './parse.js';

const DIR = dirname(fileURLToPath(import.meta.url));
const SAMPLE = join(DIR, 'sample', '执行案件导出_2018.csv');

let bed: Testbed;
beforeAll(async () => { bed = await createTestbed({ plugins: [DIR, join(DIR, '..', 'fujin-kpi')] }); });
afterAll(async () => { await bed.dispose(); });

describe('court-export.importer', () => {
  it('the sample is GBK (not UTF-8)', () => {
    const bytes = readFileSync(SAMPLE);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(iconv.decode(bytes, 'gbk').startsWith('案件字号,经办法院')).toBe(true);
  });

  it('loads the sample through the loaders: records, encoding, a located rejection', async () => {
    const r = await bed.load([SAMPLE]);
    expect(r.stats.files[0]).toMatchObject({ format: 'court-export', encoding: 'gb18030', read: 6, accepted: 5, rejected: 1 });
    expect(r.problems.map((p) => [p.line, p.code, p.field])).toEqual([[6, 'D0103', 'filed']]);
    expect(r.store.n).toBe(5);
    // Money in 万元 → yuan; 终本 → its full name; the dates of steps → events (接收案卷 is the KPI plugin's type: no warning).
    expect(r.problems.some((p) => p.code === 'D0120')).toBe(false);
    const items = parseExport(iconv.decode(readFileSync(SAMPLE), 'gbk'));
    const second = items[1] as { value: Record<string, unknown> };
    expect(second.value).toMatchObject({
      id: '(2018)示01执2号', court: '示例市人民法院', type: '首执', filed: '2018-02-09', closed: '2018-06-30', closure: '终结本次执行程序',
      claimed: 30000, recovered: 0, property: false, handler: '张三', team: '执行一组',
    });
    expect((second.value.events as Array<{ type: string }>).map((e) => e.type)).toEqual(['接收案卷', '执行通知', '总对总查控', '限制消费', '纳入失信']);
    expect((items[5] as { value: Record<string, unknown> }).value).toMatchObject({ claimed: 10005000, recovered: 10005000 });
  });

  it('without the KPI plugin, 接收案卷 is an unknown event type (kept, with a warning)', async () => {
    const alone = await createTestbed({ plugins: [DIR] });
    const r = await alone.load([SAMPLE]);
    expect(r.problems.filter((p) => p.code === 'D0120').length).toBe(4);
    await alone.dispose();
  });

  it('is chosen by its file pattern over the built-in CSV reader; other CSV files stay with the built-in one', () => {
    expect(bed.host.importerFor('data/执行案件导出_2018.csv', 'cases')?.name).toBe('court-export');
    expect(bed.host.importerFor('x.zxaj.csv', 'cases')?.name).toBe('court-export');
    expect(bed.host.importerFor('cases.csv', 'cases')?.name).toBe('csv');
    expect(bed.host.importerFor('执行案件导出_2018.csv', 'progress')?.name).toBe('csv'); // it reads cases only
  });

  it('parses what the system writes', () => {
    expect(isoDate('2018/3/5')).toBe('2018-03-05');
    expect(isoDate('2018年3月12日')).toBe('2018-03-12');
    expect(isoDate('20180928')).toBe('2018-09-28');
    expect(isoDate('三月')).toBe('三月');
    expect(csvRows('a,"b,""c"""\r\n"x\ny",z\n')).toEqual([{ line: 1, cells: ['a', 'b,"c"'] }, { line: 2, cells: ['x\ny', 'z'] }]);
    expect(parseExport('案件字号,收案日期\n1,2018/1/1\n')).toEqual([{ kind: 'file', line: 1, severity: 'error', code: 'CE001', message: '导出表缺少列：经办法院', messageEn: 'the export lacks the column(s) 经办法院' }]);
    const utf8 = new TextEncoder().encode('案件字号');
    expect(decodeExport(utf8, 'auto', (b, e) => new TextDecoder(e).decode(b))).toEqual({ text: '案件字号', encoding: 'utf-8' });
    expect(decodeExport(new Uint8Array(iconv.encode('案件字号', 'gbk')), 'auto', (b, e) => new TextDecoder(e).decode(b))).toEqual({ text: '案件字号', encoding: 'gbk' });
  });
});
