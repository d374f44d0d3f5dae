// `luoshi render` and `luoshi import` as a user runs them: files written, exit codes, usage errors.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/harness/cli.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import type { CliIO } from '../../src/harness/io.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-docs-'));
  copyFileSync(join(PACKAGE_ROOT, 'policies', 'chongqing2-2016.plan'), join(dir, 'cq.plan'));
});
afterEach(() => {
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
    cwd: dir,
    isTTY: false,
  };
  const code = await main(args, io);
  return { code, out, err };
}

const docXml = (path: string): string => strFromU8(unzipSync(readFileSync(path))['word/document.xml']!);

describe('luoshi render', () => {
  it('writes the 公文 as .docx laid out per GB/T 9704', async () => {
    const r = await run('render', 'cq.plan', '--format', 'docx', '--out', 'cq.docx');
    expect(r).toEqual({ code: 0, out: '', err: '' });
    const xml = docXml(join(dir, 'cq.docx'));
    // A4 and the margins 37/35/28/26 mm, 22 lines of 225 mm.
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
    // The header in red, the title in 小标宋 二号 (44 half-points), the body in 仿宋_GB2312 三号, east-Asian font on its own.
    expect(xml).toMatch(
      /<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="方正小标宋简体" w:hAnsi="Times New Roman"\/><w:color w:val="FF0000"\/>.*重庆市第二中级人民法院文件/,
    );
    expect(xml).toMatch(
      /w:eastAsia="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/><w:szCs w:val="44"\/><\/w:rPr><w:t xml:space="preserve">重庆市第二中级人民法院关于落实/,
    );
    expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"[^>]*\/><w:spacing w:val="-5"\/><w:sz w:val="32"\/>/);
    expect(xml).toContain('渝二中法〔2016〕34号');
    // Numbering kept: 四、 for the group, （一） for 四.1; the 印发 line and date.
    expect(xml).toContain('>四、<');
    expect(xml).toContain('>（一）<');
    expect(xml).toContain('>完善执行指挥中心建设<');
    expect(xml).toContain('2016年5月23日印发');
    // The attached table: owners resolved, deadlines as written.
    expect(xml).toContain('附件：重庆市第二中级人民法院关于落实');
    expect(xml).toContain('>2016年12月31日前：完成执行指挥中心平台的升级建设并投入运行<');
  });

  it('fonts and the 发文机关标志 come from luoshi.config.yaml', async () => {
    writeFileSync(
      join(dir, 'luoshi.config.yaml'),
      'documents:\n  header: 重庆二中院文件\n  fonts:\n    body: 仿宋\n    title: 华文中宋\n',
    );
    const r = await run('render', 'cq.plan', '--format', 'html');
    expect(r.code).toBe(0);
    expect(r.out).toContain('>重庆二中院文件</p>');
    expect(r.out).toContain('font-family: "仿宋", "FangSong"');
    expect(r.out).toContain('"华文中宋"');
  });

  it('a bad documents: key in the configuration is located', async () => {
    writeFileSync(join(dir, 'luoshi.config.yaml'), 'documents:\n  fonts:\n    bodyy: 仿宋\n');
    const r = await run('render', 'cq.plan', '--format', 'html');
    expect(r.err).toMatch(/luoshi\.config\.yaml:3/);
  });

  it('--table writes the 任务分解表 alone as .xlsx', async () => {
    const r = await run('render', 'cq.plan', '--table', '--format', 'xlsx', '--out', 't.xlsx');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 't.xlsx')), join(dir, 't.xlsx')).toBe(true);
  });

  it('usage errors exit 2 with one clear line', async () => {
    expect(await run('render', 'cq.plan', '--format', 'xlsx', '--out', 'x')).toEqual({
      code: 2,
      out: '',
      err: 'luoshi render: --format 只能是 docx、html、pdf / --format must be docx, html, pdf, not "xlsx"\n',
    });
    expect(await run('render', 'cq.plan', '--format', 'docx')).toEqual({
      code: 2,
      out: '',
      err: 'luoshi render: 需要 --out（docx 是二进制文件） / --out is required for docx\n',
    });
    writeFileSync(join(dir, 'bad.plan'), '任务 1 "x" { 完成 持续 }\n');
    const bad = await run('render', 'bad.plan', '--format', 'html');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('E0401');
    expect(bad.err).toContain('计划有错误，无法生成文件 / the plan has errors; no document written');
  });
});

describe('luoshi import', () => {
  it('writes a skeleton that compiles and lists what to settle (exit 1)', async () => {
    writeFileSync(
      join(dir, 't.csv'),
      '序号,工作任务,责任人,责任单位,完成时间\n1,建立制度,吕宇,执行局,2018年6月底前\n2,完善公开,吕宇,办公室,尽快\n',
    );
    const r = await run('import', 't.csv', '--out', 'out.plan');
    expect(r.code).toBe(1);
    expect(r.err).toBe('t.csv:3:5: 待定：读不懂完成时限“尽快”\n导入：2 项任务，0 条备注，1 处待定 → out.plan\n');
    const check = await run('check', 'out.plan');
    expect(check.code).toBe(0);
  });
  it('a clean table exits 0; --year reads phrases without a year', async () => {
    writeFileSync(join(dir, 't.csv'), '序号,工作任务,责任人,责任单位,完成时间\n1,建立制度,吕宇,执行局,6月30日前\n');
    const r = await run('import', 't.csv', '--year', '2019');
    expect(r.code).toBe(0);
    expect(r.out).toContain('  完成 2019-06-30\n');
  });
  it('no header, a missing file, a wrong kind of file: exit 2', async () => {
    writeFileSync(join(dir, 'x.csv'), 'a,b\nc,d\n');
    expect((await run('import', 'x.csv')).err).toBe(
      'luoshi import: x.csv: 找不到表头（序号 / 工作任务 / 责任领导 / 牵头部门 / 责任部门 / 完成时限） / no header row found (序号, 工作任务, 责任领导, 牵头部门, 责任部门, 完成时限)\n',
    );
    expect((await run('import', 'nope.xlsx')).code).toBe(2);
    writeFileSync(join(dir, 'x.txt'), '');
    expect(await run('import', 'x.txt')).toEqual({
      code: 2,
      out: '',
      err: 'luoshi import: 只能导入 .xlsx、.docx 或 .csv / can import .xlsx, .docx or .csv, not ".txt"\n',
    });
    writeFileSync(join(dir, 'bad.docx'), 'not a zip');
    expect((await run('import', 'bad.docx')).err).toBe(
      'luoshi import: 不是有效的 .docx（无法解压） / not a valid .docx (cannot unzip)\n',
    );
  });
});
