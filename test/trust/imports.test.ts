// Imports are bounded: a plan imports only regular files inside its workspace root (or the standard
// library), of at most 4 MB. Devices, FIFOs, symbolic links leading out, absolute paths outside and files
// too large are each an E0216 at the `导入` statement — decided before the file is opened, so none hangs
// (each test has a 5 s limit: a hang fails it instead of stalling the suite).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/check/compile.js';
import { main } from '../../src/harness/cli.js';
import { nodeHost } from '../../src/harness/host.js';
import { MAX_IMPORT_BYTES } from '../../src/harness/import-bounds.js';

let dir: string, ws: string, outside: string;
const PLAN = '方案 甲 {\n  期间 2018-01-01 至 2018-12-31\n}\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-imports-'));
  ws = join(dir, 'ws');
  mkdirSync(join(ws, '.git'), { recursive: true });
  mkdirSync(join(ws, 'lib'));
  writeFileSync(join(ws, 'lib', 'shared.plan'), '指标 共用 (件) = 计数(案件)\n');
  outside = join(dir, 'outside.plan');
  writeFileSync(outside, '指标 外面 (件) = 计数(案件)\n');
  symlinkSync(outside, join(ws, 'out-link.plan'));
  symlinkSync(join(ws, 'lib', 'shared.plan'), join(ws, 'in-link.plan'));
  symlinkSync('/dev/zero', join(ws, 'zero.plan'));
  execFileSync('mkfifo', [join(ws, 'pipe.plan')]);
  writeFileSync(join(ws, 'big.plan'), '');
  truncateSync(join(ws, 'big.plan'), 100 * 1024 * 1024); // sparse: 100 MB that take no disk
  writeFileSync(join(ws, 'edge.plan'), '');
  truncateSync(join(ws, 'edge.plan'), MAX_IMPORT_BYTES);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Compiles a plan that imports `spec` (from ws/), from the workspace as working directory. */
function importing(spec: string) {
  writeFileSync(join(ws, 'main.plan'), `${PLAN}导入 ${JSON.stringify(spec)}\n`);
  return compile('main.plan', nodeHost(ws));
}

const only = (r: ReturnType<typeof importing>) => r.diagnostics.filter((d) => d.code === 'E0216');

describe('an import the workspace does not hold is a located E0216, within seconds', () => {
  const cases: Array<[string, string, string]> = [
    [
      '/dev/zero',
      '不能导入“/dev/zero”：在工作区 . 之外',
      'cannot import "/dev/zero": outside the workspace . (the nearest folder above the plan with luoshi.config.yaml or .git)',
    ],
    ['/dev/stdin', '不能导入“/dev/stdin”：在工作区 . 之外', 'cannot import "/dev/stdin": outside the workspace .'],
    [
      'pipe.plan',
      '不能导入“pipe.plan”：不是普通文件，而是命名管道（FIFO）',
      'cannot import "pipe.plan": not a regular file but a FIFO (named pipe)',
    ],
    [
      'zero.plan',
      '不能导入“zero.plan”：是指向工作区 . 之外的符号链接（/dev/zero）',
      'cannot import "zero.plan": a symbolic link leading outside the workspace . (to /dev/zero)',
    ],
    [
      'big.plan',
      '不能导入“big.plan”：文件过大（100 MB，上限 4 MB）',
      'cannot import "big.plan": too large (100 MB; the limit is 4 MB)',
    ],
    ['lib', '不能导入“lib”：不是普通文件，而是文件夹', 'cannot import "lib": not a regular file but a folder'],
  ];
  for (const [spec, zh, en] of cases) {
    it(spec, () => {
      const [d, ...more] = only(importing(spec));
      expect(more).toEqual([]);
      expect(d).toMatchObject({ file: 'main.plan', severity: 'error', range: { start: { line: 3, column: 3 } } });
      expect(d!.message.slice(0, zh.length)).toBe(zh);
      expect(d!.messageEn.slice(0, en.length)).toBe(en);
    }, 5000);
  }

  it('a symbolic link leading out', () => {
    const [d] = only(importing('out-link.plan'));
    expect(d!.messageEn).toBe(
      `cannot import "out-link.plan": a symbolic link leading outside the workspace . (to ${outside})`,
    );
  });

  it('an absolute path and a relative one leading out of the workspace', () => {
    for (const spec of [outside, '../outside.plan']) {
      const [d] = only(importing(spec));
      expect(d!.messageEn).toBe(
        `cannot import "${outside}": outside the workspace . (the nearest folder above the plan with luoshi.config.yaml or .git)`,
      );
      expect(d!.range.start).toMatchObject({ line: 3, column: 3 });
    }
  });

  it('what the workspace holds still imports: a file, a link inside it, the standard library, a file of exactly 4 MB is not refused', () => {
    for (const spec of ['lib/shared.plan', 'in-link.plan', 'std/rules.plan']) {
      const r = importing(spec);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
    expect(only(importing('edge.plan'))).toEqual([]);
  });

  it('luoshi check reports each at its line and column, and exits 1', async () => {
    writeFileSync(
      join(ws, 'all.plan'),
      `${PLAN}导入 "/dev/zero"\n导入 "pipe.plan"\n导入 "out-link.plan"\n导入 "big.plan"\n`,
    );
    let out = '';
    const code = await main(['check', 'all.plan'], {
      stdout: (t) => {
        out += t;
      },
      stderr: (t) => {
        out += t;
      },
      cwd: ws,
      isTTY: false,
    });
    expect(code).toBe(1);
    expect(
      out
        .split('\n')
        .filter((l) => l.includes('E0216'))
        .map((l) => l.slice(0, l.indexOf(' 错误'))),
    ).toEqual(['all.plan:4:4:', 'all.plan:5:4:', 'all.plan:6:4:', 'all.plan:7:4:']);
  }, 5000);

  it('a plan named on the command line that is not a regular file is E0005, not a hang', async () => {
    let out = '';
    const code = await main(['check', 'pipe.plan'], {
      stdout: (t) => {
        out += t;
      },
      stderr: (t) => {
        out += t;
      },
      cwd: ws,
      isTTY: false,
    });
    expect(code).toBe(1);
    expect(out).toContain(
      'pipe.plan:1:1: 错误 E0005: 无法读取文件：不是普通文件，而是命名管道（FIFO） / not a regular file but a FIFO (named pipe)',
    );
  }, 5000);
});

describe('in the workbench engine', () => {
  it('an import that is absolute or climbs out of the workspace is E0216 there too; one inside still resolves', async () => {
    const { EngineService } = await import('../../src/workers/engine.js');
    const svc = new EngineService({
      fetch: async () => new Response(new Uint8Array()),
      now: () => performance.now(),
      importModule: async () => ({}),
    });
    svc.setFiles(
      {
        'a/main.plan': `${PLAN}导入 "/dev/zero"\n导入 "../../outside.plan"\n导入 "../b/ok.plan"\n`,
        'b/ok.plan': '指标 共用 (件) = 计数(案件)\n',
      },
      {},
    );
    const r = await svc.check(1, 'a/main.plan');
    if (!r.ok) throw new Error('check failed');
    expect(
      r.value.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.range.start.line, d.messageEn]),
    ).toEqual([
      ['E0216', 3, 'cannot import "/dev/zero": outside the workspace'],
      ['E0216', 4, 'cannot import "../../outside.plan": outside the workspace'],
    ]);
  });
});
