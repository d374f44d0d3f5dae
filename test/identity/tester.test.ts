// Plan tests name handlers and teams within their court: a bare name one court has is enough, a bare
// name several courts have is an error listing them, "court · name" picks one.
import { describe, expect, test } from 'vitest';
import { runYaml } from '../tester/helpers.js';

const PLAN = `方案 两院 {
  期间 2018-01-01 至 2018-12-31
  法院 甲法院, 乙法院
  使用 std
}
法院 甲法院 = "甲市人民法院" 基层
法院 乙法院 = "乙市人民法院" 基层
目标 承办人结案 : 结案数 >= 1件 每个承办人
目标 团队结案 : 结案数 >= 1件 每个团队
`;

// 甲: 张三 closes 2 (执行一团队); 乙: 张三 closes 1, 李四 closes 0 (both 执行一团队).
const FIXTURES = `fixtures:
  - defaults: { court: 甲法院, filed: 2018-01-10, handler: 张三, team: 执行一团队 }
    cases:
      - { id: A1, closed: 2018-05-01, closure: 执行完毕 }
      - { id: A2, closed: 2018-06-01, closure: 执行完毕 }
  - defaults: { court: 乙法院, filed: 2018-01-10, team: 执行一团队 }
    cases:
      - { id: B1, handler: 张三, closed: 2018-05-01, closure: 执行完毕 }
      - { id: B2, handler: 李四 }
`;

const file = (tests: string) => `plan: test.plan\n${FIXTURES}tests:\n  - name: 分组\n    tests:\n${tests}`;

describe('handler and team groups in plan tests', () => {
  test('"court · name" picks one of two 张三; a bare name one court has is enough', async () => {
    const r = await runYaml(
      file(`      - { indicator: 结案数, handler: "甲市人民法院 · 张三", equals: 2 }
      - { indicator: 结案数, handler: "乙市人民法院 · 张三", equals: 1 }
      - { indicator: 结案数, handler: 李四, equals: 0 }
      - { indicator: 结案数, team: "甲市人民法院 · 执行一团队", equals: 2 }
      - { indicator: 结案数, team: "乙市人民法院 · 执行一团队", equals: 1 }
`),
      PLAN,
    );
    expect(r.errors).toEqual([]);
    expect(r.result!.results.map((x) => [x.status, x.actual])).toEqual([
      ['passed', '2件'],
      ['passed', '1件'],
      ['passed', '0件'],
      ['passed', '2件'],
      ['passed', '1件'],
    ]);
  });

  test('a bare name in two courts is an error that lists both', async () => {
    const r = await runYaml(
      file(`      - { indicator: 结案数, handler: 张三, equals: 3 }
      - { indicator: 结案数, team: 执行一团队, equals: 3 }
`),
      PLAN,
    );
    expect(r.errors.map((e) => e.message)).toEqual([
      // Candidates in code-point order (乙 U+4E59 before 甲 U+7532), as every list of groups.
      '承办人“张三”在多个法院中，请写明法院：乙市人民法院 · 张三、甲市人民法院 · 张三 / the handler "张三" is in several courts; name the court: 乙市人民法院 · 张三, 甲市人民法院 · 张三',
      '团队“执行一团队”在多个法院中，请写明法院：乙市人民法院 · 执行一团队、甲市人民法院 · 执行一团队 / the team "执行一团队" is in several courts; name the court: 乙市人民法院 · 执行一团队, 甲市人民法院 · 执行一团队',
    ]);
  });
});
