// Helpers for the plan-test tests: a small plan over std, test files run in memory, a captured CLI.
import { compileText } from '../eval/helpers.js';
import { parseTestFile } from '../../src/engine/tester/parse.js';
import { bindTestFile, type BoundFile, type DataSet } from '../../src/engine/tester/bind.js';
import { runBoundFile, type FileResult } from '../../src/engine/tester/run.js';
import type { TestFileError } from '../../src/engine/tester/yaml.js';
import type { CliIO } from '../../src/harness/io.js';

/** Two basic courts, a rule with an error and a warning condition, a per-court and a staged overall target, two milestones. */
export const PLAN = `方案 测试方案 {
  期间 2018-01-01 至 2018-12-31
  法院 甲法院, 乙法院
  使用 std
}
法院 甲法院 = "甲市人民法院" 基层
法院 乙法院 = "乙市人民法院" 基层
人员 张三, 李四
角色 局长 = 张三
规则 查控 "查控" {
  适用 结案方式 = 执行完毕
  条件 网络 "网络查控": 有 总对总查控 其中 日期 <= 结案日期
  提示 约谈 "约谈": 有 约谈
}
目标 结案达标 : 结案率 >= 50% 每个法院 截至 2018-12-31
目标 整体结案 : 结案率 >= 60% 截至 2018-06-30, >= 80% 截至 2018-12-31
任务 一.1 "任务一" {
  责任人 局长
  节点 "节点甲" 完成 2018-03-31
  节点 "节点乙" 完成 2018-09-30
  检查 查控
}
任务 一.2 "任务二" {
  责任人 李四
  完成 2018-06-30
}
`;

/** Fixtures for PLAN: 甲 has 2 cases (1 closed 执行完毕 with 总对总查控, 1 open); 乙 has 1 open case. */
export const FIXTURES = `fixtures:
  - name: 甲
    defaults: { court: 甲法院, filed: 2018-01-10 }
    cases:
      - { id: A1, closed: 2018-05-01, closure: 执行完毕, events: [总对总查控@2018-01-11] }
      - { id: A2, events: [约谈@2018-02-01] }
      - { id: A3, closed: 2018-07-01, closure: 执行完毕, events: [约谈@2018-02-01] }
  - name: 乙
    defaults: { court: 乙法院 }
    cases:
      - { id: B1, filed: 2018-02-01 }
    progress:
      - 一.1/1@2018-03-20
`;

export interface Ran {
  errors: TestFileError[];
  bound: BoundFile | null;
  result: FileResult | null;
  libraryFiles: Set<string>;
}

/** Parses, binds and runs a test file against PLAN (or another plan text). */
export async function runYaml(yaml: string, plan = PLAN, data: ReadonlyMap<string, DataSet> = new Map()): Promise<Ran> {
  const compiled = compileText(plan);
  const errs = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (errs.length) throw new Error(errs.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('\n'));
  const libraryFiles = new Set(compiled.files.filter((f) => f.library).map((f) => f.path));
  const parsed = parseTestFile('t.test.yaml', yaml);
  if (!parsed.model || parsed.errors.length) return { errors: parsed.errors, bound: null, result: null, libraryFiles };
  const b = bindTestFile(parsed.model, compiled.ir, data);
  if (!b.bound) return { errors: b.errors, bound: null, result: null, libraryFiles };
  return { errors: [], bound: b.bound, result: await runBoundFile(b.bound, 'test.plan'), libraryFiles };
}

/** A test file with the standard head and fixtures, and these tests. */
export function withTests(tests: string): string {
  return `plan: test.plan\n${FIXTURES}tests:\n${tests}`;
}

export function captureIO(cwd: string): CliIO & { out: () => string; err: () => string } {
  let out = '',
    err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    cwd,
    isTTY: false,
    out: () => out,
    err: () => err,
  };
}
