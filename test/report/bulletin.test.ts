// The 通报 overview on the hand-worked fixture (test/peer/fixture.ts, T1 = 2018-10-31): A = 海曙, B = 江北,
// and 镇海, a court of the plan with no case. Every cell below is worked out by hand in the fixture's notes.
import { describe, expect, it } from 'vitest';
import { buildOverview, sortOverviewRows } from '../../src/engine/report/bulletin.js';
import {
  cellBasis,
  renderBulletinHtml,
  renderBulletinMarkdown,
  renderBulletinText,
} from '../../src/engine/report/bulletin-render.js';
import type { CaseRecord } from '../../src/engine/data/record.js';
import { COURT_A, COURT_B, FIXTURE_CASES } from '../peer/fixture.js';
import { evaluateText } from '../eval/helpers.js';
import { formatValue } from '../../src/engine/report/render-values.js';

const COURT_C = '宁波市镇海区人民法院';
const PLAN = `方案 通报 { 标题 "执行工作通报测试"  期间 2018-01-01 至 2018-12-31  法院 海曙, 江北, 镇海  使用 std }
法院 海曙 = "${COURT_A}"
法院 江北 = "${COURT_B}"
法院 镇海 = "${COURT_C}"
目标 终本 : 终本合格率 >= 50% 每个法院 截至 2018-10-31
目标 有财产 : 有财产案件法定期限内执结率 >= 45% 截至 2018-10-31, >= 60% 截至 2018-12-31 每个法院
目标 团队量 : 受理数 <= 3 每个团队 截至 2018-10-31
目标 整体结案 : 结案率 >= 50% 截至 2018-10-31
`;

const report = evaluateText(PLAN, FIXTURE_CASES as unknown as CaseRecord[], '2018-10-31');

describe('the 通报 overview model', () => {
  const o = buildOverview(report);

  it('columns are the court-scoped targets on their stage in force', () => {
    expect(o.columns.map((c) => [c.target, c.indicator, c.stage, c.stages, c.threshold, c.by, c.due])).toEqual([
      ['终本', '终本合格率', 1, 1, 0.5, '2018-10-31', true],
      ['有财产', '有财产案件法定期限内执结率', 1, 2, 0.45, '2018-10-31', true],
    ]);
  });

  it('cells are the hand-worked figures: B missed on both, A met on both, 镇海 without data; worst first', () => {
    expect(o.rows.map((r) => [r.court, r.missed, r.atRisk, r.noData])).toEqual([
      [COURT_B, 2, 0, false],
      [COURT_A, 0, 0, false],
      [COURT_C, 0, 0, true],
    ]);
    const cells = Object.fromEntries(
      o.rows.map((r) => [r.court, r.cells.map((c) => [c.status, c.numerator, c.denominator, c.value])]),
    );
    // 终本合格率: A K09 K13 pass of K09 K10 K13 → 2/3; B K11 K12 fail → 0/2. 有财产: A 2/4, B 2/5.
    expect(cells[COURT_A]).toEqual([
      ['met', 2, 3, 2 / 3],
      ['met', 2, 4, 0.5],
    ]);
    expect(cells[COURT_B]).toEqual([
      ['missed', 0, 2, 0],
      ['missed', 2, 5, 0.4],
    ]);
    expect(cells[COURT_C]).toEqual([
      [null, null, null, null],
      [null, null, null, null],
    ]);
    expect(o.rows[0]!.cells.map((c) => [c.stage, c.threshold])).toEqual([
      [1, 0.5],
      [1, 0.45],
    ]);
  });

  it('team and overall targets are listed on their own, never as court cells', () => {
    expect(o.others.map((x) => [x.target, x.scope])).toEqual([
      ['团队量', 'team'],
      ['整体结案', 'overall'],
    ]);
    const team = report.targets.find((t) => t.id === '团队量')!.stages[0]!.groups;
    const over = Object.entries(team)
      .filter(([, g]) => (g.value ?? 0) > 3)
      .map(([n]) => n)
      .sort();
    expect(o.others[0]!.lagging.map((g) => g.name).sort()).toEqual(over);
    expect(over.length).toBeGreaterThan(0);
    // 结案率 overall at T1: 14/25 = 56% ≥ 50%.
    expect(o.others[1]!.status).toBe('met');
  });

  it('sorts by any column, ties by name, the same every time', () => {
    const byCourt = sortOverviewRows(o, { column: 'court', descending: false }).map((r) => r.court);
    expect(byCourt).toEqual([COURT_A, COURT_B, COURT_C].sort());
    expect(sortOverviewRows(o, { column: 1, descending: false }).map((r) => r.court)).toEqual([
      COURT_B,
      COURT_A,
      COURT_C,
    ]);
    expect(sortOverviewRows(o, { column: 1, descending: true }).map((r) => r.court)).toEqual([
      COURT_C,
      COURT_A,
      COURT_B,
    ]);
    expect(sortOverviewRows(o, { column: 'missed', descending: false }).map((r) => r.court)).toEqual([
      COURT_B,
      COURT_A,
      COURT_C,
    ]);
  });
});

describe('the 通报 faces', () => {
  it('text: the columns with their stage in force, the matrix worst first, every cell with status, value and n/d', () => {
    const text = renderBulletinText(report, 'zh');
    expect(text).toContain('执行工作通报测试 通报  截至 2018-10-31');
    expect(text).toContain('  有财产  有财产案件法定期限内执结率  第1/2阶段 ≥ 45% 截至 2018-10-31 每个法院');
    const rows = text.split('\n').filter((l) => l.startsWith('宁波市'));
    expect(rows.map((l) => l.split(/\s{2,}/))).toEqual([
      [COURT_B, '2', '0', '未达标 0.00% (0/2)', '未达标 40.00% (2/5)'],
      [COURT_A, '0', '0', '达标 66.67% (2/3)', '达标 50.00% (2/4)'],
      [`${COURT_C}（无数据）`, '0', '0', '无数据', '无数据'],
    ]);
    expect(text).toMatch(/不按法院计的目标\n {2}团队量 {2}未达标 {2}.*每个团队.*；落后：/);
    expect(text).toContain('  整体结案  达标  56.00% (14/25)；要求 ≥ 50% 截至 2018-10-31');
    const en = renderBulletinText(report, 'en');
    expect(en).toMatch(new RegExp(`^${COURT_B} +2 +0 +missed 0\\.00% \\(0/2\\) +missed 40\\.00% \\(2/5\\)$`, 'm'));
    expect(en).toContain(`${COURT_C} (no data)`);
  });

  it('Markdown: a table with the same cells', () => {
    const md = renderBulletinMarkdown(report, 'zh');
    expect(md).toContain('| 法院 | 未达标 | 有风险 | 终本 | 有财产 |\n|---|---:|---:|---|---|\n');
    expect(md).toContain(`| ${COURT_B} | 2 | 0 | 未达标 0.00% (0/2) | 未达标 40.00% (2/5) |`);
    expect(md).toContain(`| ${COURT_C}（无数据） | 0 | 0 | 无数据 | 无数据 |`);
  });

  it('HTML: self-contained and script-free, each status in colour and in words, with a legend and the basis', () => {
    const html = renderBulletinHtml(report, 'zh');
    expect(html).not.toMatch(/<script|<link|src=|href=/i);
    expect(html).toContain(
      '<p class="legend">图例：<span class="s-missed">未达标</span><span class="s-at-risk">有风险</span>',
    );
    expect(html).toContain(
      '<td class="s-missed" title="未达标：40.00% (2/5)；要求 第1/2阶段 ≥ 45% 截至 2018-10-31"><b>未达标</b> 40.00% (2/5)</td>',
    );
    expect(html).toContain('<td class="s-none" title="宁波市镇海区人民法院没有终本合格率的数据">无数据</td>');
  });

  it("a cell's basis before its deadline names the projection and its method", () => {
    const early = evaluateText(PLAN, FIXTURE_CASES as unknown as CaseRecord[], '2018-09-30');
    const o = buildOverview(early);
    const k = o.columns.findIndex((c) => c.target === '终本');
    const row = o.rows.find((r) => r.court === COURT_A)!;
    const cell = row.cells[k]!;
    expect(o.columns[k]!.due).toBe(false);
    expect(cell.projected).not.toBeNull();
    expect(cellBasis(early, o.columns[k]!, row, cell, 'zh')).toContain(
      `；要求 ≥ 50% 截至 2018-10-31；预计截止日 ${formatValue(cell.projected, '%', 0.5)}（按近 90 日趋势线性外推至截止日）`,
    );
    expect(renderBulletinText(early, 'zh')).toContain(
      '未到截止日的目标按预计截止日的值判断有风险或进展正常（按近 90 日趋势线性外推至截止日）。',
    );
  });
});
