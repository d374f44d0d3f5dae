// The people file as the CLI finds it: luoshi.config.yaml's data rule names it for the plan (paths
// relative to the configuration); check reports its rows at file:line:column and fills the 宁波 plan's
// per-court roles from examples/people/ningbo-2018.csv (no W0309).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/harness/commands/check.js';
import { captureIO, tempDir } from '../data/helpers.js';

describe('people file named by the configuration', () => {
  it('the 宁波 plan: its three per-court roles are held in all eleven courts (no W0309)', async () => {
    const io = captureIO();
    const code = await checkCommand(['policies/ningbo-2018.plan', '--format', 'json'], io);
    expect(code).toBe(0);
    const codes = JSON.parse(io.out.join('')) as {
      diagnostics?: Array<{ code: string }>;
      files?: Array<{ diagnostics: Array<{ code: string }> }>;
    };
    const all = JSON.stringify(codes);
    expect(all).not.toContain('W0309');
    expect(all).not.toContain('W0313');
  });

  it('a plan in a folder whose configuration names a people file: its rows are checked at their line', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'people'));
    writeFileSync(
      join(dir, 'luoshi.config.yaml'),
      'data:\n  - plans: a.plan\n    cases: none.ndjson\n    people: people/a.csv\n',
    );
    writeFileSync(
      join(dir, 'a.plan'),
      '方案 a { 期间 2018-01-01 至 2018-12-31  法院 甲院, 乙院 }\n法院 甲院 = "甲法院" 基层\n法院 乙院 = "乙法院" 基层\n角色 院长 每个法院\n任务 1 "t" {\n  责任人 院长\n  完成 持续\n}\n',
    );
    writeFileSync(join(dir, 'people', 'a.csv'), '法院,角色,人员\n甲法院,院长,张三\n丙院,院长,李四\n');
    const io = captureIO(dir);
    expect(await checkCommand(['a.plan'], io)).toBe(0);
    expect(io.out.join('')).toBe(
      [
        'a.plan:4:4: 警告 W0309: 角色“院长”按法院担任，但以下法院未指定担任人员：乙院',
        'people/a.csv:3:1: 警告 W0313: 人员名单的这一行未采用：本方案没有法院“丙院”',
        '检查了 1 个文件：0 个错误，2 个警告',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'people', 'a.csv'), '法院,人员\n甲法院,张三\n');
    const bad = captureIO(dir);
    expect(await checkCommand(['a.plan', '--lang', 'en'], bad)).toBe(1);
    expect(bad.out.join('')).toContain(
      'people/a.csv:1:1: error E0220: people file: the header lacks the column(s) role (court,role,person[,aliases])',
    );
  });
});
