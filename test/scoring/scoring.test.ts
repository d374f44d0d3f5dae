// Scoring schemes (考核): exact points for each rule type, computed by hand from the fixture below, the
// ranking with ties, per-handler totals, the formatter's canonical form, and text/JSON agreeing.
import { describe, expect, it } from 'vitest';
import { compileText, evaluateText } from '../eval/helpers.js';
import { formatPlan } from '../../src/engine/syntax/format.js';
import { renderMarkdown, renderText } from '../../src/engine/report/render.js';
import { validateReport } from '../../src/engine/report/validate.js';
import { validatePlanIR } from '../../src/engine/ir/validate.js';
import { roundPoints } from '../../src/engine/scoring/score.js';
import type { GroupScore, ItemScore, SchemeScores } from '../../src/engine/scoring/types.js';
import type { PlanReport } from '../../src/engine/report/model.js';

const HEAD = `方案 考核测试 { 期间 2018-01-01 至 2018-12-31  法院 甲法院, 乙法院, 丙法院  使用 std }
法院 甲法院 = "甲" 基层
法院 乙法院 = "乙" 基层
法院 丙法院 = "丙" 基层
人员 张三
任务 一 "报送" { 责任人 张三  节点 "报送方案" 完成 2018-03-31 }
`;

function kase(id: string, court: string, closed: string | null, extra: Record<string, unknown> = {}) {
  return {
    id,
    court,
    type: '首执',
    filed: '2018-02-01',
    closed,
    closure: closed ? '执行完毕' : null,
    claimed: 100,
    recovered: 50,
    property: null,
    handler: 'h',
    team: 't',
    events: [],
    tags: [],
    ...extra,
  };
}

// 甲: 3 accepted, 2 closed (66.67%); 乙: 3 accepted, 1 closed (33.33%); 丙: 4 accepted, 4 closed (100%).
const CASES = [
  kase('a1', '甲', '2018-03-01', { handler: '王' }),
  kase('a2', '甲', '2018-04-01', { handler: '王' }),
  kase('a3', '甲', null, { handler: '李' }),
  kase('b1', '乙', '2018-03-01', { handler: '李' }),
  kase('b2', '乙', null, { handler: '李' }),
  kase('b3', '乙', null, { handler: '李' }),
  kase('c1', '丙', '2018-03-01', { handler: '赵' }),
  kase('c2', '丙', '2018-03-01', { handler: '赵' }),
  kase('c3', '丙', '2018-03-01', { handler: '赵' }),
  kase('c4', '丙', '2018-03-01', { handler: '赵' }),
];
// 甲 reported the deliverable 5 days late (due 03-31, done 04-05); 乙 never (275 days late at 12-31); 丙 on time.
const PROGRESS = [
  { task: '一', milestone: '报送方案', done: '2018-04-05', by: '甲' },
  { task: '一', milestone: '报送方案', done: '2018-03-20', by: '丙法院' },
];

function score(scheme: string, asOf = '2018-12-31'): { report: PlanReport; s: SchemeScores } {
  const report = evaluateText(HEAD + scheme, CASES as never, asOf, { progress: PROGRESS });
  expect(validateReport(report)).toEqual({ ok: true });
  return { report, s: report.scores![0]! };
}

function item(s: SchemeScores, court: string, name: string): ItemScore {
  const row = s.rows.find((r) => r.name === court)!;
  const all = (gs: GroupScore[]): ItemScore[] => gs.flatMap((g) => [...g.items, ...all(g.groups)]);
  return all(row.groups).find((i) => i.name === name)!;
}

describe('scores per rule', () => {
  it('threshold: full points at or above, else the stated partial', () => {
    const { s } = score(
      `考核 K 每个法院 { 分组 "常规" 10分 { 项目 结案 "结案率" 10分: 执结率 >= 50% 满分 否则 4分 } }`,
    );
    expect(item(s, '甲法院', '结案')).toMatchObject({ earned: 10, value: 2 / 3, numerator: 2, denominator: 3 });
    expect(item(s, '甲法院', '结案').explanation.zh).toBe('结案率 66.67% (2/3) ≥ 50% → 满分 10分');
    expect(item(s, '乙法院', '结案').earned).toBe(4);
    expect(item(s, '乙法院', '结案').explanation.en).toBe('结案率 33.33% (1/3) does not meet ≥ 50% → 4 points');
  });

  it('linear: in proportion between low and high, clamped at both ends', () => {
    const { s } = score(`考核 K 每个法院 { 分组 "常规" 10分 { 项目 比例 10分: 按比例 结案率 从 40% 到 90% } }`);
    // 甲: (66.667 − 40) / 50 × 10 = 5.3333 → 5.33; 乙: 33.33% < 40% → 0; 丙: 100% > 90% → 10.
    expect(item(s, '甲法院', '比例').earned).toBe(5.33);
    expect(item(s, '甲法院', '比例').explanation.zh).toBe(
      '结案率 66.67% (2/3) 在 40%–90% 之间 → 10分 × 53.33% = 5.33分',
    );
    expect(item(s, '乙法院', '比例').earned).toBe(0);
    expect(item(s, '丙法院', '比例').earned).toBe(10);
    expect(item(s, '丙法院', '比例').explanation.zh).toBe('结案率 100.00% (4/4) ≥ 90% → 满分 10分');
  });

  it('linear, lower is better: full points at the low value', () => {
    // 未结率 = 1 − 结案率 is not in std; 受理数 works as a lower-better count: 甲 3, 乙 3, 丙 4 within 2–5 件.
    const { s } = score(`考核 K 每个法院 { 分组 "常规" 6分 { 项目 少 6分: 按比例 受理数 从 2件 到 5件 越低越好 } }`);
    // 甲: (5 − 3) / 3 × 6 = 4; 丙: (5 − 4) / 3 × 6 = 2.
    expect(item(s, '甲法院', '少').earned).toBe(4);
    expect(item(s, '丙法院', '少').earned).toBe(2);
  });

  it('deduction per late day, with a floor', () => {
    const { s } = score(`考核 K 每个法院 { 分组 "扣分" 5分 { 项目 逾期 5分: 扣分 逾期 一 每 1日 0.5分 最低 0分 } }`);
    expect(item(s, '甲法院', '逾期')).toMatchObject({ earned: 2.5, value: 5 });
    expect(item(s, '甲法院', '逾期').explanation.zh).toBe('逾期 一 5日 × 0.5分 = −2.5分 → 2.5分');
    // 乙: 275 days × 0.5 = 137.5 taken, floor 0.
    expect(item(s, '乙法院', '逾期')).toMatchObject({ earned: 0, value: 275 });
    expect(item(s, '乙法院', '逾期').explanation.zh).toBe('逾期 一 275日 × 0.5分 = −137.5分，最低 0分 → 0分');
    expect(item(s, '丙法院', '逾期')).toMatchObject({ earned: 5, value: 0 });
  });

  it('deduction per unit of an indicator, with a cap on what is taken', () => {
    // Per 2 cases 1.5 points, at most 4 taken: 甲 3 件 → 2.25; 丙 4 件 → 3; with a cap of 2.5 → 2.5 taken.
    const { s } = score(
      `考核 K 每个法院 { 分组 "扣分" 10分 { 项目 多 10分: 扣分 受理数 每 2件 1.5分 最多 2.5分 最低 0分 } }`,
    );
    expect(item(s, '甲法院', '多').earned).toBe(7.75);
    expect(item(s, '甲法院', '多').explanation.zh).toBe('受理数 3件 ÷ 2件 × 1.5分 = −2.25分 → 7.75分');
    expect(item(s, '丙法院', '多').earned).toBe(7.5);
    expect(item(s, '丙法院', '多').explanation.zh).toBe('受理数 4件 ÷ 2件 × 1.5分 = −3分，最多扣 2.5分 → 7.5分');
  });

  it('deduction per point below a value', () => {
    // 结案率 below 90%: 甲 66.67% is 23.33 points below → × 0.1 per 1% = 2.33; 丙 100% → nothing.
    const { s } = score(
      `考核 K 每个法院 { 分组 "扣分" 5分 { 项目 低 5分: 扣分 结案率 低于 90% 每 1% 0.1分 最低 0分 } }`,
    );
    expect(item(s, '甲法院', '低').earned).toBe(2.67);
    expect(item(s, '丙法院', '低').earned).toBe(5);
  });

  it('bonus items: points per unit up to their own cap, the bonus group capped as a whole', () => {
    const { s } = score(`考核 K 每个法院 {
  分组 "常规" 10分 { 项目 结案 10分: 结案率 >= 50% 满分 }
  加分项 "加分" 3分 {
    项目 多结 2分: 加分 结案数 每 1件 1分
    项目 全结 2分: 结案率 >= 100% 满分
  }
}`);
    const row = (c: string) => s.rows.find((r) => r.name === c)!;
    // 丙: 4 结案 → 4 points, capped at the item's 2; + 2 = 4, bonus group capped at 3 → 13.
    expect(item(s, '丙法院', '多结').earned).toBe(2);
    expect(row('丙法院').groups[1]).toMatchObject({ subtotal: 3, capped: true });
    expect(row('丙法院').total).toBe(13);
    // 甲: 10 + 2 (2 结案) = 12; 乙: 0 + 1 = 1.
    expect(row('甲法院').total).toBe(12);
    expect(row('乙法院').total).toBe(1);
  });

  it('nested groups: subtotals capped at their points', () => {
    const { s } = score(`考核 K 20分 每个法院 {
  分组 "常规" 20分 {
    分组 "质效" 14分 {
      项目 结案 10分: 结案率 >= 50% 满分
      项目 达标 4分: 达成 结案目标 满分
    }
    项目 逾期 6分: 扣分 逾期 一 每 1日 1分 最低 0分
  }
}
目标 结案目标: 结案率 >= 60% 每个法院 截至 2018-12-31`);
    const row = s.rows.find((r) => r.name === '甲法院')!;
    expect(row.groups[0]!.groups[0]).toMatchObject({ subtotal: 14, capped: false });
    expect(item(s, '甲法院', '达标').explanation.zh).toBe('目标 结案目标：达标 → 满分 4分');
    expect(item(s, '乙法院', '达标').earned).toBe(0);
    expect(row.total).toBe(15); // 14 + (6 − 5)
  });
});

describe('ranking', () => {
  it('ties share a rank, the next rank skips', () => {
    // 甲 and 丙 both reach 50%: 10 each; 乙 0 → ranks 1, 1, 3 (ties ordered by name).
    const { s } = score(`考核 K 每个法院 { 分组 "常规" 10分 { 项目 结案 10分: 结案率 >= 50% 满分 } }`);
    expect(s.rows.map((r) => [r.rank, r.name, r.total])).toEqual([
      [1, '丙法院', 10],
      [1, '甲法院', 10],
      [3, '乙法院', 0],
    ]);
  });

  it('per handler: totals for each handler from per-handler figures', () => {
    const { s } = score(`考核 K 每个承办人 { 分组 "常规" 10分 { 项目 结案 10分: 按比例 结案率 从 0% 到 100% } }`);
    // Handlers are told apart by court (data/store.ts): 甲·王 2/2 → 10; 丙·赵 4/4 → 10; 乙·李 1/3 → 3.33; 甲·李 0/1 → 0.
    expect(s.rows.map((r) => [r.rank, r.group, r.total])).toEqual([
      [1, '丙 · 赵', 10],
      [1, '甲 · 王', 10],
      [3, '乙 · 李', 3.33],
      [4, '甲 · 李', 0],
    ]);
  });
});

describe('rounding', () => {
  it("half away from zero, at the scheme's digits", () => {
    expect(roundPoints(1.005, 2)).toBe(1.01);
    expect(roundPoints(2.345, 1)).toBe(2.3);
    expect(roundPoints(-0.125, 2)).toBe(-0.13);
  });

  it('保留 1位小数 rounds every score to one digit', () => {
    const { s } = score(
      `考核 K 每个法院 { 保留 1位小数\n 分组 "常规" 10分 { 项目 比例 10分: 按比例 结案率 从 40% 到 90% } }`,
    );
    expect(s.decimals).toBe(1);
    expect(item(s, '甲法院', '比例').earned).toBe(5.3);
  });
});

describe('faces', () => {
  it('text and JSON state the same totals and ranks; Markdown has the ranked table', () => {
    const { report, s } = score(
      `考核 K "执行考核" 每个法院 { 分组 "常规" 10分 { 项目 比例 10分: 按比例 结案率 从 40% 到 90% } }`,
    );
    const text = renderText(report, 'zh');
    expect(text).toContain('考核 K “执行考核” 每个法院（保留 2 位小数）');
    for (const r of s.rows)
      expect(text).toMatch(new RegExp(`\\n${r.rank}\\s+${r.name}\\s+${String(r.total).replace('.', '\\.')}\\s`));
    expect(text).toContain('甲法院 5.33分（第 2 名）');
    const md = renderMarkdown(report, 'en');
    expect(md).toContain('| 1 | 丙法院 | 10 | 10 |');
    expect(md).toContain('- 比例 (10): 5.33  结案率 66.67% (2/3) between 40%–90% → 10 points × 53.33% = 5.33 points');
  });

  it('the IR with a scheme validates against its schema', () => {
    const r = compileText(HEAD + `考核 K 每个法院 { 分组 "常规" 10分 { 项目 结案 10分: 结案率 >= 50% 满分 } }`);
    expect(validatePlanIR(r.ir)).toEqual({ ok: true });
    expect(r.ir.schemes![0]!.groups[0]!.items[0]!.rule).toEqual({
      kind: 'threshold',
      indicator: '结案率',
      unit: '%',
      op: '>=',
      value: 0.5,
      display: '50%',
      otherwise: 0,
    });
  });
});

describe('fmt', () => {
  it('prints a scheme canonically and round-trips', () => {
    const messy = `考核   K  "执行考核"  100分   每个法院{
保留   2位小数
  分组 常规 "常规指标"   85分 {
      项目 结案 "结案率" 10分 ： 结案率>=85% 满分   否则 5分
    分组 "质效" 14分 {
  项目 到位 5分:按比例 执行到位率 从 40% 到 60%
    }
  }
  加分项 "加分"  5分 { 项目 多结 5分: 加分 结案数 每1件 1分 最多 3分 }
  项目 超期 10分: 扣分 逾期 一 节点 "报送方案" 每 1日 0.5分 最低 0分
}
scoring K2 each handler { section "a" 5 points { item x 5 points: linear 结案率 from 90% to 95% lowerbetter } }
`;
    const first = formatPlan(messy);
    expect(first.ok).toBe(true);
    const text = (first as { text: string }).text;
    expect(text).toBe(`考核 K "执行考核" 100分 每个法院 {
  保留 2位小数
  分组 常规 "常规指标" 85分 {
    项目 结案 "结案率" 10分 : 结案率 >= 85% 满分 否则 5分
    分组 "质效" 14分 {
      项目 到位 5分 : 按比例 执行到位率 从 40% 到 60%
    }
  }
  加分项 "加分" 5分 {
    项目 多结 5分 : 加分 结案数 每 1件 1分 最多 3分
  }
  项目 超期 10分 : 扣分 逾期 一 节点 "报送方案" 每 1日 0.5分 最低 0分
}

scoring K2 each handler {
  section "a" 5 points {
    item x 5 points : linear 结案率 from 90% to 95% lowerbetter
  }
}
`);
    expect(formatPlan(text)).toEqual({ ok: true, text });
  });
});

describe('replay', () => {
  it("each court's total at every step is the total an evaluation as of that day gives", async () => {
    const { replayPlan } = await import('../../src/engine/replay/replay.js');
    const { storeFromRecords } = await import('../../src/engine/data/store.js');
    const { renderReplayText } = await import('../../src/engine/report/replay-render.js');
    const scheme = `考核 K 每个法院 {
  分组 "常规" 20分 {
    项目 比例 10分 : 按比例 结案率 从 40% 到 90%
    项目 逾期 10分 : 扣分 逾期 一 每 1日 0.1分 最低 0分
  }
}`;
    const ir = compileText(HEAD + scheme).ir;
    const r = replayPlan({
      ir,
      store: storeFromRecords(CASES as never),
      from: '2018-01-01',
      to: '2018-12-31',
      step: 'month',
      progress: PROGRESS,
    });
    const s = r.scores![0]!;
    expect(r.dates).toHaveLength(12);
    for (const k of [1, 2, 3, 5, 11]) {
      const e = score(scheme, r.dates[k]!).s;
      for (const row of e.rows)
        expect([r.dates[k], row.group, s.courts[row.group]!.totals[k], s.courts[row.group]!.ranks[k]]).toEqual([
          r.dates[k],
          row.group,
          row.total,
          row.rank,
        ]);
    }
    // 甲 at 02-28: no case closed (0/3 → 0), deliverable not yet due → 10; at 03-31: 1/3 = 33.33% < 40% → 0, due that
    // day → 10; at 04-30: 2/3 → 5.33, reported 04-05, 5 days late × 0.1 → 9.5: 14.83.
    expect(s.courts['甲']!.totals.slice(1, 4)).toEqual([10, 10, 14.83]);
    expect(renderReplayText(r, 'zh')).toMatch(/名次\s+法院\s+起始总分\s+最终总分\s+名次变化\n1\s+丙法院\s+/);
  });
});
