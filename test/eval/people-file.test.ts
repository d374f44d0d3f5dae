// A people file (人员名单) the configuration names fills the per-court roles the plan leaves open: the
// plan's own holders win (W0312), rows naming what the plan lacks are named with their line (W0313), a
// file that cannot be used is E0220; the roll-up names each court's holder from the file.
import { describe, expect, it } from 'vitest';
import { compile, type CompileResult } from '../../src/engine/check/compile.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import type { PeopleSource } from '../../src/engine/check/people-file.js';
import { readPeopleFile } from '../../src/engine/check/people-read.js';

const PLAN = `方案 各院 { 期间 2018-01-01 至 2018-12-31  法院 市中院, 北仑, 象山 }
法院 市中院 = "宁波市中级人民法院" 中院
法院 北仑 = "宁波市北仑区人民法院" 基层 上级 市中院
法院 象山 = "象山县人民法院" 基层 上级 市中院 别名 "象山县法院"
法院 海曙 = "宁波市海曙区人民法院" 基层
人员 吕宇
角色 分管领导 每个法院 = 吕宇 @ 市中院
角色 局长 = 吕宇
任务 1 "清理积案" {
  责任人 分管领导
  完成 2018-03-31
}
`;

const compileWith = (people: PeopleSource[], plan = PLAN): CompileResult =>
  compile('p.plan', {
    readFile: (p) => (p === 'p.plan' ? plan : null),
    resolveImport: (_f, s) => s,
    libraryFiles: () => null,
    people: () => people.map(readPeopleFile),
  });
const found = (r: CompileResult): string[] =>
  r.diagnostics
    .filter((d) => d.code !== 'W0305')
    .map((d) => `${d.file}:${d.range.start.line + 1}:${d.range.start.column + 1} ${d.code} ${d.message}`);

const CSV = `# 示例：姓名虚构
法院,角色,人员,别名
北仑,分管领导,张三,张局
象山县人民法院,分管领导,李四,
市中院,分管领导,王五,
海曙,分管领导,赵六,
北仑,副院长,钱七,
北仑,局长,孙八,
`;

describe('people file', () => {
  it("fills the courts the plan leaves open (by short name, full name or alias); the plan's holder wins; the rest is named", () => {
    const r = compileWith([{ path: 'people.csv', text: CSV }]);
    expect(r.ir.roles.find((x) => x.name === '分管领导')).toEqual({
      name: '分管领导',
      holders: ['吕宇', '张三', '李四'],
      byCourt: [
        { court: '市中院', holders: ['吕宇'] },
        { court: '北仑', holders: ['张三'] },
        { court: '象山', holders: ['李四'] },
      ],
    });
    expect(r.ir.tasks[0]!.owners).toEqual([{ name: '分管领导', kind: 'role', holders: ['吕宇', '张三', '李四'] }]);
    expect(r.ir.people.map((p) => p.name)).toEqual(['吕宇', '张三', '李四']);
    expect(found(r)).toEqual([
      'people.csv:5:10 W0312 计划已写明角色“分管领导”在市中院的担任人员，人员名单中的“王五”未采用',
      'people.csv:6:1 W0313 人员名单的这一行未采用：法院“海曙”不在本方案约束的法院中',
      'people.csv:7:4 W0313 人员名单的这一行未采用：本方案没有角色“副院长”',
      'people.csv:8:4 W0313 人员名单的这一行未采用：“局长”不是按法院担任的角色（角色 局长 每个法院）',
    ]);
  });

  it('without the file the open courts are W0309; with it they are not', () => {
    expect(found(compileWith([])).filter((d) => d.includes('W0309'))).toEqual([
      'p.plan:7:4 W0309 角色“分管领导”按法院担任，但以下法院未指定担任人员：北仑、象山',
    ]);
    expect(found(compileWith([{ path: 'people.csv', text: CSV }])).filter((d) => d.includes('W0309'))).toEqual([]);
  });

  it('reads YAML the same way, a list of entries', () => {
    const yaml =
      '- { 法院: 北仑, 角色: 分管领导, 人员: 张三, 别名: [张局] }\n- court: 象山\n  role: 分管领导\n  person: 李四\n- { 法院: 不存在, 角色: 分管领导, 人员: 周九 }\n';
    const r = compileWith([{ path: 'people.yaml', text: yaml }]);
    expect(r.ir.roles.find((x) => x.name === '分管领导')!.byCourt.map((c) => [c.court, c.holders])).toEqual([
      ['市中院', ['吕宇']],
      ['北仑', ['张三']],
      ['象山', ['李四']],
    ]);
    expect(found(r)).toEqual(['people.yaml:5:9 W0313 人员名单的这一行未采用：本方案没有法院“不存在”']);
  });

  it('a file that cannot be used is E0220 at its line, and loses no other row', () => {
    expect(found(compileWith([{ path: 'people.csv', text: '法院,人员\n北仑,张三\n' }]))).toContain(
      'people.csv:1:1 E0220 人员名单：表头缺少列：角色（应为 法院,角色,人员[,别名]）',
    );
    const gap = compileWith([{ path: 'people.csv', text: '法院,角色,人员\n北仑,分管领导,\n象山,分管领导,李四\n' }]);
    expect(found(gap).filter((d) => d.includes('E0220'))).toEqual(['people.csv:2:1 E0220 人员名单：此行缺少人员']);
    expect(gap.ir.roles.find((x) => x.name === '分管领导')!.byCourt.map((c) => c.court)).toEqual(['市中院', '象山']);
    expect(found(compileWith([{ path: 'missing.csv', text: null }]))).toContain(
      'missing.csv:1:1 E0220 人员名单：人员名单文件不存在或无法读取',
    );
    expect(found(compileWith([{ path: 'people.txt', text: 'x' }]))).toContain(
      'people.txt:1:1 E0220 人员名单：人员名单应为 .csv 或 .yaml 文件',
    );
    expect(compileWith([{ path: 'missing.csv', text: null }]).errorCount).toBe(1);
  });

  it("a row naming a person of the plan by an other name (the plan's 别名 or the row's) is that person", () => {
    const plan = PLAN.replace('人员 吕宇', '人员 吕宇 别名 "吕院长"');
    const byAlias = compileWith(
      [{ path: 'p.csv', text: '法院,角色,人员,别名\n北仑,分管领导,吕院长,\n象山,分管领导,吕局长,吕宇\n' }],
      plan,
    );
    expect(byAlias.ir.roles.find((x) => x.name === '分管领导')!.byCourt).toEqual([
      { court: '市中院', holders: ['吕宇'] },
      { court: '北仑', holders: ['吕宇'] },
      { court: '象山', holders: ['吕宇'] },
    ]);
    expect(byAlias.ir.people.map((p) => p.name)).toEqual(['吕宇']);
  });

  it("the responsibility roll-up names each court's holder from the file, by way of the role in that court", () => {
    const r = compileWith([{ path: 'people.csv', text: CSV }]);
    const report = evaluatePlan({ ir: r.ir, store: storeFromRecords([]), asOf: '2018-06-30' });
    expect(report.people.map((p) => [p.name, p.tasks.map((t) => t.via), p.late])).toEqual([
      ['吕宇', ['分管领导 @ 市中院'], 1],
      ['张三', ['分管领导 @ 北仑'], 1],
      ['李四', ['分管领导 @ 象山'], 1],
    ]);
  });
});
