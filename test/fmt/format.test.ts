// formatPlan on hand-written inputs: layout, keywords and literals as written, comments at their place,
// parentheses, line endings, refusals.
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../src/engine/syntax/format.js';
import { expectCanonical } from './helpers.js';

const lines = (...ls: string[]): string => ls.join('\n') + '\n';

describe('layout', () => {
  it('indents blocks, puts one entry per line and normalises spacing and punctuation', () => {
    const input = [
      '导入   "std/indicators.plan"',
      '方案 P{标题 "t" ;期间 2018-04-08 至 2018-12-31',
      '法院 A，B、C',
      '使用 std}',
      '人员 甲 "院长"，乙',
      '人员 丙',
      '角色 R＝甲, 乙',
      '部门 执行局、办公室 "办"',
      '阶段 动员 2016-05-23 至 2016-06-30 "d"',
      '字段 法定期限 日期=立案日期+6个月+事件数(延期)*3个月',
      '集合 S "t"=案件 其中 (立案日期<窗口起) 且 ((结案日期 为空) 或 结案日期>=窗口起)',
      '指标 率 "t" （%）= 计数(S)/计数(受理) "desc"',
      '目标 T "t"：率>=90% 力争 95% 每个法院 其中 层级=基层 截至 2018年12月31日',
      '任务 四.3 "title"{原文 "x"; 责任人 甲,乙 ;完成 2018年4月15日前}',
      '事实 F 35人 法院 A 截至 2016-12-31 "n"',
    ].join('\n');
    expect(expectCanonical(input)).toBe(
      lines(
        '导入 "std/indicators.plan"',
        '',
        '方案 P {',
        '  标题 "t"',
        '  期间 2018-04-08 至 2018-12-31',
        '  法院 A, B, C',
        '  使用 std',
        '}',
        '',
        '人员 甲 "院长", 乙',
        '人员 丙',
        '',
        '角色 R = 甲, 乙',
        '',
        '部门 执行局, 办公室 "办"',
        '',
        '阶段 动员 2016-05-23 至 2016-06-30 "d"',
        '',
        '字段 法定期限 日期 = 立案日期 + 6个月 + 事件数(延期) * 3个月',
        '集合 S "t" = 案件 其中 立案日期 < 窗口起 且 (结案日期 为空 或 结案日期 >= 窗口起)',
        '指标 率 "t" (%) = 计数(S) / 计数(受理) "desc"',
        '',
        '目标 T "t" : 率 >= 90% 力争 95% 每个法院 其中 层级 = 基层 截至 2018年12月31日',
        '',
        '任务 四.3 "title" {',
        '  原文 "x"',
        '  责任人 甲, 乙',
        '  完成 2018年4月15日前',
        '}',
        '',
        '事实 F 35人 法院 A 截至 2016-12-31 "n"',
      ),
    );
  });

  it('keeps same-kind one-line declarations grouped as the author grouped them, at most one blank line', () => {
    const input =
      '人员 甲\n人员 乙\n\n\n\n人员 丙\n角色 R = 甲\n目标 a : x >= 1\n目标 b : x >= 2\n\n\n任务 1 "t" { 完成 持续 }\n任务 2 "t" { 完成 持续 }\n';
    expect(expectCanonical(input)).toBe(
      lines(
        '人员 甲',
        '人员 乙',
        '',
        '人员 丙',
        '',
        '角色 R = 甲',
        '',
        '目标 a : x >= 1',
        '目标 b : x >= 2',
        '',
        '任务 1 "t" {',
        '  完成 持续',
        '}',
        '',
        '任务 2 "t" {',
        '  完成 持续',
        '}',
      ),
    );
  });

  it('groups sets, fields and indicators together (a set sits above the indicator that counts it)', () => {
    expect(expectCanonical('集合 A = 案件\n指标 n (件) = 计数(A)\n字段 f = 1\n')).toBe(
      '集合 A = 案件\n指标 n (件) = 计数(A)\n字段 f = 1\n',
    );
  });

  it("keeps the author's line breaks inside an entry, continued two spaces in", () => {
    const input = [
      '指标 案款发放及时率 (%) =',
      '      计数(事件 案款到账 其中 日期 在 窗口)',
      '         / 计数(事件 案款到账)',
      '规则 R {',
      '  条件 c "l" :',
      '有 执行通知 其中 日期 <= 结案日期',
      '}',
    ].join('\n');
    expect(expectCanonical(input)).toBe(
      lines(
        '指标 案款发放及时率 (%) =',
        '  计数(事件 案款到账 其中 日期 在 窗口)',
        '  / 计数(事件 案款到账)',
        '',
        '规则 R {',
        '  条件 c "l" :',
        '    有 执行通知 其中 日期 <= 结案日期',
        '}',
      ),
    );
  });

  it('puts `{` on the header line and prints an empty block open and closed', () => {
    expect(expectCanonical('规则 R "t"\n{\n}\n任务 1 "t"\n\n{完成 持续}')).toBe(
      lines('规则 R "t" {', '}', '', '任务 1 "t" {', '  完成 持续', '}'),
    );
  });

  it('gives an empty text back empty and ends every other text with exactly one newline', () => {
    expect(formatPlan('')).toEqual({ ok: true, text: '' });
    expect(formatPlan('  \n\n\t\n')).toEqual({ ok: true, text: '' });
    expect(expectCanonical('人员 甲')).toBe('人员 甲\n');
    expect(expectCanonical('人员 甲\n\n\n\n')).toBe('人员 甲\n');
  });
});

describe('keywords and literals as written', () => {
  it('keeps English keywords English and Chinese keywords Chinese, mixed in one file', () => {
    const input = [
      'plan P { title "t"',
      'period 2018-04-08 to 2018-12-31 }',
      'task 1 "t" { owner a',
      'due ongoing',
      'milestone m "x" due 2018-05 owner b when count(s) >= 2 cases and not x is not null each court',
      'target T : r >= 90 % stretch 95 % each handler yearly',
      'check R applies filed >= 2016-01-01 }',
      'set s = cases where has a|b where (date in window and x contains y)',
      '任务 2 "混合" { 责任人 a; due 2018年4月底; 目标 T }',
    ].join('\n');
    expect(expectCanonical(input)).toBe(
      lines(
        'plan P {',
        '  title "t"',
        '  period 2018-04-08 to 2018-12-31',
        '}',
        '',
        'task 1 "t" {',
        '  owner a',
        '  due ongoing',
        '  milestone m "x" due 2018-05 owner b when count(s) >= 2 cases and not x is not null each court',
        '  target T : r >= 90 % stretch 95 % each handler yearly',
        '  check R applies filed >= 2016-01-01',
        '}',
        '',
        'set s = cases where has a | b where (date in window and x contains y)',
        '',
        '任务 2 "混合" {',
        '  责任人 a',
        '  due 2018年4月底',
        '  目标 T',
        '}',
      ),
    );
  });

  it('normalises the spaces inside several-word keywords', () => {
    expect(expectCanonical('set s = x is   not\tnull\n目标 T : r >= 1 each    team\n')).toBe(
      'set s = x is not null\n\n目标 T : r >= 1 each team\n',
    );
  });

  it('prints dates, numbers with units, strings and operators exactly as written', () => {
    const input = [
      '事实 a 2018年4月15日前',
      '事实 b 2016年12月',
      '事实 c 2018年',
      '事实 d 1‰',
      '事实 e 90 %',
      '事实 f 1.2亿元',
      '事实 g 7个工作日',
      '事实 h “全文”',
      '事实 i "a \\"q\\" b"',
      '事实 j 2018年4月8号',
      '集合 s = a ≥ 1 且 b ≠ 2 且 c == 3 且 d × e ÷ f ≤ 4',
    ].join('\n');
    expect(expectCanonical(input)).toBe(
      lines(
        '事实 a 2018年4月15日前',
        '事实 b 2016年12月',
        '事实 c 2018年',
        '事实 d 1‰',
        '事实 e 90 %',
        '事实 f 1.2亿元',
        '事实 g 7个工作日',
        '事实 h “全文”',
        '事实 i "a \\"q\\" b"',
        '事实 j 2018年4月8号',
        '',
        '集合 s = a ≥ 1 且 b ≠ 2 且 c == 3 且 d × e ÷ f ≤ 4',
      ),
    );
  });

  it('keeps `、` in event-type lists and writes `, ` in other lists', () => {
    expect(expectCanonical('集合 s = 有 a、b | c 且 事件数(d 、e) > 0\n任务 1 "t" { 责任人 甲、乙，丙 }\n')).toBe(
      lines('集合 s = 有 a、b | c 且 事件数(d、e) > 0', '', '任务 1 "t" {', '  责任人 甲, 乙, 丙', '}'),
    );
  });
});

describe('targets and milestones', () => {
  it('prints staged targets with `, ` between the stages', () => {
    expect(
      expectCanonical('目标 失信适用 "t"：失信适用率>=70% 截至 2016年12月，>= 80%   截至 2017年12月 每个法院'),
    ).toBe('目标 失信适用 "t" : 失信适用率 >= 70% 截至 2016年12月, >= 80% 截至 2017年12月 每个法院\n');
  });

  it('prints inline, named and linked targets in tasks', () => {
    const input =
      '任务 1 "t" {\n目标 拒执移送率 >= 1‰ 每个法院 每年\n目标 N "n":r>=2 期间 2018-01-01 至 2018-12-31\n目标 T\n}';
    expect(expectCanonical(input)).toBe(
      lines(
        '任务 1 "t" {',
        '  目标 拒执移送率 >= 1‰ 每个法院 每年',
        '  目标 N "n" : r >= 2 期间 2018-01-01 至 2018-12-31',
        '  目标 T',
        '}',
      ),
    );
  });

  it('prints milestones with owners, conditions and scopes', () => {
    const input = [
      '任务 四.4 "t" {',
      '节点 "每法院至少移送2案" 完成 2018年5月30日前 当 计数(移送公安案件)>=2件 每个法院',
      '节点 m1 "x" 期限 2018年5月底 责任人 甲，乙 当 (a 或 b) 且 c',
      '节点 "y" 完成 持续 当 非 (x 其中 y)',
      '每年 元旦春节期间 "走访"',
      '不定期 "督导"',
      '检查 终本条件 适用 结案日期 >= 2016-01-01',
      '阶段 动员部署',
      '说明 "n"',
      '}',
    ].join('\n');
    expect(expectCanonical(input)).toBe(
      lines(
        '任务 四.4 "t" {',
        '  节点 "每法院至少移送2案" 完成 2018年5月30日前 当 计数(移送公安案件) >= 2件 每个法院',
        '  节点 m1 "x" 期限 2018年5月底 责任人 甲, 乙 当 (a 或 b) 且 c',
        '  节点 "y" 完成 持续 当 非 (x 其中 y)',
        '  每年 元旦春节期间 "走访"',
        '  不定期 "督导"',
        '  检查 终本条件 适用 结案日期 >= 2016-01-01',
        '  阶段 动员部署',
        '  说明 "n"',
        '}',
      ),
    );
  });
});

describe('parentheses', () => {
  const one = (expr: string): string => {
    const out = expectCanonical(`集合 s = ${expr}\n`);
    return out.slice('集合 s = '.length, -1);
  };

  it('keeps the parentheses the tree needs and drops the others', () => {
    expect(one('(a 或 b) 且 c')).toBe('(a 或 b) 且 c');
    expect(one('a 或 (b 且 c)')).toBe('a 或 b 且 c');
    expect(one('(a + b) * c')).toBe('(a + b) * c');
    expect(one('a - (b - c)')).toBe('a - (b - c)');
    expect(one('(a - b) - c')).toBe('a - b - c');
    expect(one('-(a + b) * -c')).toBe('-(a + b) * -c');
    expect(one('非 (a 且 b) 且 非 c')).toBe('非 (a 且 b) 且 非 c');
    expect(one('(a = b) = (c 为空)')).toBe('(a = b) = (c 为空)');
    expect(one('((a))')).toBe('a');
    expect(one('a 属于 （x，(y)） 或 a 在 2018-01-01 至 窗口止')).toBe('a 属于 (x, y) 或 a 在 2018-01-01 至 窗口止');
  });

  it('parenthesises a where that is an operand, never its predicate', () => {
    expect(one('(A 其中 B) 其中 C')).toBe('(A 其中 B) 其中 C');
    expect(one('A 其中 (B 其中 C)')).toBe('A 其中 B 其中 C');
    expect(one('计数(A 其中 (b 或 c)) / 计数((A 其中 b) 其中 c)')).toBe(
      '计数(A 其中 b 或 c) / 计数((A 其中 b) 其中 c)',
    );
    expect(one('(A 其中 B) 且 c')).toBe('(A 其中 B) 且 c');
  });

  it('after 有/无 prints one comparison bare and parenthesises anything else', () => {
    expect(one('有 X 其中 (日期 <= 结案日期)')).toBe('有 X 其中 日期 <= 结案日期');
    expect(one('有 X 其中 (a 且 b)')).toBe('有 X 其中 (a 且 b)');
    expect(one('有 X 其中 a = b 且 无 Y 其中 c 为空')).toBe('有 X 其中 a = b 且 无 Y 其中 c 为空');
    expect(one('(有 X) 其中 P')).toBe('(有 X) 其中 P');
    expect(one('(有 X 其中 a = b) + 1')).toBe('有 X 其中 (a = b) + 1');
    expect(one('(有 X 其中 a) = 真')).toBe('有 X 其中 (a) = 真');
    expect(one('(有 X 其中 a 为空) = 真')).toBe('有 X 其中 a 为空 = 真');
    expect(one('事件数(X、Y 其中 (日期 在 窗口 且 金额 > 0)) > 2')).toBe(
      '事件数(X、Y 其中 日期 在 窗口 且 金额 > 0) > 2',
    );
  });

  it('keeps 之后有 … 在 N 内 apart from a following 在', () => {
    expect(one('之后有 X 在 30日 内 且 (之后有 Y) 在 窗口')).toBe('之后有 X 在 30日 内 且 (之后有 Y) 在 窗口');
  });

  it('prints English `followedby … within N days`, which has no word after the number', () => {
    expect(one('followedby X within 30 days and (followedby Y) in window')).toBe(
      'followedby X within 30 days and (followedby Y) in window',
    );
    const plan = lines(
      'use std',
      '',
      'indicator timely (%) = count(events 案款到账 where followedby 案款发放 within 30 days) / count(events 案款到账)',
    );
    expect(expectCanonical(plan)).toBe(plan);
  });
});

describe('comments', () => {
  it('keeps every comment at its place: own lines re-indented, trailing ones at the end of their line', () => {
    const input = [
      '// header 1',
      '// header 2',
      '',
      '/* block header */',
      '导入 "a.plan" // after import',
      '// before person',
      '人员 甲 /* inline */ "t" , /* x */ 乙   /* trailing block */',
      '任务 1 "t" { // after brace',
      '  // before owner',
      '    责任人 甲 // trailing owner',
      '  /* own block */ 完成 持续',
      '  目标 /* mid */ X >= 90% // t',
      '        // before close',
      '}   // after close',
      '指标 率 (%) = // after eq',
      '  计数(A /* in call */) // trailing num',
      '  / 计数(B)',
      '',
      '// dangling at end',
      '',
    ].join('\n');
    expect(expectCanonical(input)).toBe(
      lines(
        '// header 1',
        '// header 2',
        '',
        '/* block header */',
        '导入 "a.plan"   // after import',
        '',
        '// before person',
        '人员 甲 /* inline */ "t", /* x */ 乙   /* trailing block */',
        '',
        '任务 1 "t" {   // after brace',
        '  // before owner',
        '  责任人 甲   // trailing owner',
        '  /* own block */ 完成 持续',
        '  目标 /* mid */ X >= 90%   // t',
        '  // before close',
        '}   // after close',
        '',
        '指标 率 (%) =   // after eq',
        '  计数(A /* in call */)   // trailing num',
        '  / 计数(B)',
        '',
        '// dangling at end',
      ),
    );
  });

  it('lines up the trailing comments of consecutive lines (CJK characters are two columns wide)', () => {
    const input = '角色 院长 // a\n角色 分管执行副院长    // b\n角色 x // c\n\n角色 y // d\n';
    expect(expectCanonical(input)).toBe(
      lines(
        '角色 院长             // a',
        '角色 分管执行副院长   // b',
        '角色 x                // c',
        '',
        '角色 y   // d',
      ),
    );
  });

  it('leaves a comment that belongs to the statement above with it when the author separated it from the next', () => {
    const input = '说明 "n"\n// about the note\n\n// section\n人员 甲\n';
    expect(expectCanonical(input)).toBe(input);
  });

  it('puts one blank line before the comments that lead a statement of another kind', () => {
    expect(expectCanonical('人员 甲\n// leads the role\n角色 R\n')).toBe('人员 甲\n\n// leads the role\n角色 R\n');
  });

  it('breaks an expression after a line comment inside it', () => {
    expect(expectCanonical('集合 s = a 且 // why\n b 且 /* c */ c\n')).toBe(
      '集合 s = a 且   // why\n  b 且 /* c */ c\n',
    );
  });

  it('does not take `//` or `/*` inside strings for comments', () => {
    const input = '说明 "http://x /* y */"\n说明 “a // b”\n';
    expect(expectCanonical(input)).toBe(input);
  });

  it('closes a block comment that the end of the file cuts off', () => {
    expect(expectCanonical('人员 甲\n/* unfinished\n\n')).toBe('人员 甲\n/* unfinished */\n');
  });

  it('keeps multi-line block comments as written', () => {
    const input = '/*\n * a\n *   b\n */\n人员 甲\n';
    expect(expectCanonical(input)).toBe(input);
  });
});

describe('line endings and BOM', () => {
  it('drops a BOM and writes \\n line endings, comments included', () => {
    const input = '\uFEFF人员 甲\r\n// c\r\n人员 乙 /* a\r\n b */\r\n\r\n\r\n';
    expect(expectCanonical(input)).toBe('人员 甲\n// c\n人员 乙   /* a\n b */\n');
  });

  it('reads a lone \\r as a line break', () => {
    expect(expectCanonical('人员 甲\r人员 乙\r')).toBe('人员 甲\n人员 乙\n');
  });
});

describe('semicolons', () => {
  it('drops the `;` between entries', () => {
    expect(expectCanonical('任务 1 "t" { 责任人 A; 完成 持续；说明 "x" }')).toBe(
      lines('任务 1 "t" {', '  责任人 A', '  完成 持续', '  说明 "x"', '}'),
    );
  });

  it('keeps them where the next line would otherwise be read as part of the entry', () => {
    // Without the `;`, `每年` would be read as the target's window.
    expect(expectCanonical('任务 1 "t" {\n  目标 X >= 90%; 每年 "每年报告"\n}\n')).toBe(
      lines('任务 1 "t" {', '  目标 X >= 90%;', '  每年 "每年报告"', '}'),
    );
  });
});

describe('refusals', () => {
  it('refuses a text with syntax errors and says where', () => {
    const r = formatPlan('人员 甲\n角色 = =\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^syntax errors: 2:/);
  });

  it('refuses an unclosed block rather than close it', () => {
    expect(formatPlan('任务 1 "t" {\n  完成 持续\n').ok).toBe(false);
  });

  it('refuses a text with undecodable bytes (U+FFFD) or NUL', () => {
    expect(formatPlan('说明 "a\uFFFDb"\n').ok).toBe(false);
    expect(formatPlan('说明 "a\u0000b"\n').ok).toBe(false);
  });
});
