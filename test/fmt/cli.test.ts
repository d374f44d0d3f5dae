// `luoshi fmt`: rewrites in place through a temporary file, --check, --stdout, refusals and usage errors.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/harness/cli.js';
import type { CliIO } from '../../src/harness/io.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-fmt-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
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
  const code = await main(['fmt', ...args], io);
  return { code, out, err };
}

const UGLY = '人员   甲\r\n任务 1 "t"{责任人 甲;完成 持续}';
const PRETTY = '人员 甲\n\n任务 1 "t" {\n  责任人 甲\n  完成 持续\n}\n';
const BROKEN = '任务 1 "t" {\n  责任人 = =\n}\n';
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const read = (name: string): string => readFileSync(join(dir, name), 'utf8');

describe('luoshi fmt', () => {
  it('rewrites files in place, lists them, and leaves no temporary file', async () => {
    write('a.plan', UGLY);
    write('b.plan', PRETTY);
    const r = await run('a.plan', 'b.plan');
    expect(r).toEqual({ code: 0, out: 'a.plan\n', err: '' });
    expect(read('a.plan')).toBe(PRETTY);
    expect(read('b.plan')).toBe(PRETTY);
    expect(readdirSync(dir).sort()).toEqual(['a.plan', 'b.plan']);
  });

  it('formats every .plan file in a folder, subfolders included', async () => {
    mkdirSync(join(dir, 'p', 'std'), { recursive: true });
    write('p/x.plan', UGLY);
    write('p/std/y.plan', UGLY);
    write('p/notes.txt', UGLY);
    const r = await run('p');
    expect(r.code).toBe(0);
    expect(r.out).toBe('p/std/y.plan\np/x.plan\n');
    expect(read('p/std/y.plan')).toBe(PRETTY);
    expect(read('p/notes.txt')).toBe(UGLY);
  });

  it('--check lists the files that are not formatted and exits 1, touching nothing', async () => {
    write('a.plan', UGLY);
    write('b.plan', PRETTY);
    const r = await run('--check', '.');
    expect(r.code).toBe(1);
    expect(r.out).toBe('a.plan\n');
    expect(r.err).toMatch(/1 file\(s\) not formatted/);
    expect(read('a.plan')).toBe(UGLY);
  });

  it('--check exits 0 when every file is formatted', async () => {
    write('b.plan', PRETTY);
    expect(await run('--check', 'b.plan')).toEqual({ code: 0, out: '', err: '' });
  });

  it('--stdout prints the formatted text of one file and leaves the file as it is', async () => {
    write('a.plan', UGLY);
    expect(await run('--stdout', 'a.plan')).toEqual({ code: 0, out: PRETTY, err: '' });
    expect(read('a.plan')).toBe(UGLY);
  });

  it('refuses a file with syntax errors, leaves it untouched and still formats the others', async () => {
    write('bad.plan', BROKEN);
    write('a.plan', UGLY);
    const r = await run('bad.plan', 'a.plan');
    expect(r.code).toBe(1);
    expect(r.err).toBe('bad.plan: 无法格式化：有语法错误 / cannot format: syntax errors (run luoshi check)\n');
    expect(read('bad.plan')).toBe(BROKEN);
    expect(read('a.plan')).toBe(PRETTY);
  });

  it('reports --check on a file with syntax errors as a failure', async () => {
    write('bad.plan', BROKEN);
    const r = await run('--check', 'bad.plan');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot format: syntax errors/);
  });

  it('exits 2 with a clear message for a missing path, a missing argument or a misuse of --stdout', async () => {
    const missing = await run('nope.plan');
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('luoshi fmt: 找不到文件或目录 / no such file or folder: nope.plan\n');
    expect((await run()).code).toBe(2);
    write('a.plan', UGLY);
    write('b.plan', UGLY);
    const two = await run('--stdout', 'a.plan', 'b.plan');
    expect(two.code).toBe(2);
    expect(two.err).toMatch(/--stdout takes exactly one plan file/);
    expect((await run('--check', '--stdout', 'a.plan')).code).toBe(2);
    expect((await run('--frobnicate', 'a.plan')).code).toBe(2);
    mkdirSync(join(dir, 'empty'));
    expect((await run('empty')).err).toMatch(/no plan files to format/);
  });

  it('prints its help', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--check/);
  });
});
