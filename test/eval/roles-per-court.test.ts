// A role held per court: the responsibility roll-up lists every court's holder, by way of the role in
// their court.
import { describe, expect, it } from 'vitest';
import { evaluateText } from './helpers.js';

const PLAN = `方案 各院 { 期间 2018-01-01 至 2018-12-31 }
法院 市中院 = "宁波市中级人民法院" 中院
法院 北仑 = "宁波市北仑区人民法院" 基层
人员 吕宇 "执行局局长", 张三, 李四
角色 分管领导 每个法院 = 吕宇 @ 市中院, 张三 @ 北仑, 李四 @ 北仑
角色 局长 = 吕宇
任务 1 "清理积案" {
  责任人 分管领导
  完成 2018-03-31
}
任务 2 "建立制度" {
  责任人 局长, 分管领导
  完成 2018-12-31
}
`;

describe('roles held per court', () => {
  it("the people roll-up names each court's holders with the role in their court", () => {
    const r = evaluateText(PLAN, [], '2018-06-30');
    expect(r.people.map((p) => [p.name, p.tasks.map((t) => [t.task, t.via, t.lead]), p.late])).toEqual([
      [
        '吕宇',
        [
          ['1', '分管领导 @ 市中院', true],
          ['2', '局长', true],
          ['2', '分管领导 @ 市中院', false],
        ],
        1,
      ],
      [
        '张三',
        [
          ['1', '分管领导 @ 北仑', true],
          ['2', '分管领导 @ 北仑', false],
        ],
        1,
      ],
      [
        '李四',
        [
          ['1', '分管领导 @ 北仑', true],
          ['2', '分管领导 @ 北仑', false],
        ],
        1,
      ],
    ]);
  });
});
