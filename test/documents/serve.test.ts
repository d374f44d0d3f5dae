// The workbench's document endpoints: the 公文 and 任务分解表 of a workspace plan, the 通报 over selected
// data, and a 任务分解表 imported into plan text with its located diagnostics.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { startServer, type Running } from '../../src/harness/serve/server.js';

let dir: string;
let srv: Running;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-docs-serve-'));
  mkdirSync(join(dir, 'data'));
  copyFileSync(join(PACKAGE_ROOT, 'policies', 'ningbo-2018.plan'), join(dir, 'nb.plan'));
  copyFileSync(join(PACKAGE_ROOT, 'examples', 'data', 'ningbo-2018.ndjson'), join(dir, 'data', 'ningbo-2018.ndjson'));
  srv = await startServer({ dirs: [dir], port: 0 });
});
afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

// Signed in, as the workbench is (the session cookie).
const api = (path: string, init?: RequestInit): Promise<Response> =>
  fetch(new URL(path, srv.origin), {
    ...init,
    headers: { cookie: srv.cookie, ...(init?.headers as Record<string, string> | undefined) },
  });
const POST = { method: 'POST', headers: { 'x-luoshi': '1', 'content-type': 'application/json' } };

describe('document endpoints', () => {
  it('GET api/document: the 公文 as .docx', async () => {
    const r = await api('api/document?path=nb.plan&kind=gongwen&format=docx');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const xml = strFromU8(unzipSync(new Uint8Array(await r.arrayBuffer()))['word/document.xml']!);
    expect(xml).toContain('宁波市中级人民法院决胜“基本解决执行难”实施方案');
  });

  it('GET api/document: the 任务分解表 as .xlsx, and a wrong format is a 400', async () => {
    const r = await api('api/document?path=nb.plan&kind=table&format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    expect(wb.worksheets[0]!.getCell(2, 1).value).toBe('序号');
    const bad = await api('api/document?path=nb.plan&kind=table&format=pdf');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'format 只能是 xlsx、docx / format must be xlsx, docx' });
  });

  it('POST api/bulletin: the 通报 over the selected data, sources named as the workspace names them', async () => {
    const r = await api('api/bulletin', {
      ...POST,
      body: JSON.stringify({ plan: 'nb.plan', cases: ['data/ningbo-2018.ndjson'], asOf: '2018-09-30', format: 'xlsx' }),
    });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    expect(wb.getWorksheet('数据来源')!.getRow(2).values).toEqual([
      undefined,
      'data/ningbo-2018.ndjson',
      3000,
      3000,
      0,
    ]);
    const none = await api('api/bulletin', { ...POST, body: JSON.stringify({ plan: 'nb.plan', cases: [] }) });
    expect(none.status).toBe(400);
  }, 60_000);

  it('POST api/import: plan text and located diagnostics', async () => {
    const csv =
      '序号,工作任务,责任人,责任单位,完成时间\n1,建立制度,吕宇,执行局,2018年6月底前\n2,完善公开,吕宇,办公室,尽快\n';
    const r = await api('api/import?name=t.csv', {
      method: 'POST',
      headers: { 'x-luoshi': '1', 'content-type': 'application/octet-stream' },
      body: csv,
    });
    const got = (await r.json()) as { plan: string; diagnostics: string[]; tasks: number; pending: number };
    expect(got.tasks).toBe(2);
    expect(got.pending).toBe(1);
    expect(got.diagnostics).toEqual(['t.csv:3:5: 待定：读不懂完成时限“尽快”']);
    expect(got.plan).toContain('任务 1 "建立制度" {');
    expect((await api('api/import?name=t.csv', { method: 'POST', body: csv })).status).toBe(403);
  });
});
