// @vitest-environment happy-dom
// The workbench's scores view: courts ranked by their total, a row's tooltip with its group subtotals, a
// click opening its breakdown (the engine's explanations), from the report the evaluation produced.
import { describe, expect, it } from 'vitest';
import { evaluateText } from '../eval/helpers.js';
import type { PlanReport } from '../../src/engine/report/model.js';

// The view is DOM code, type-checked by src/workbench/tsconfig.json (tsconfig.json leaves the DOM out): it is
// imported by a path the Node type check does not follow.
const VIEW: string = '../../src/workbench/views/scores.js';
interface El {
  querySelectorAll(s: string): ArrayLike<El>;
  querySelector(s: string): El | null;
  getAttribute(n: string): string | null;
  textContent: string | null;
  click(): void;
}
interface View {
  render(
    host: El,
    ctx: { store: { s: { report: PlanReport } }; workbench: object },
  ): { update?(changed: Set<string>): void };
}
const document = (globalThis as unknown as { document: { createElement(tag: string): El } }).document;

const PLAN = `方案 考核视图 { 期间 2018-01-01 至 2018-12-31  法院 甲法院, 乙法院  使用 std }
法院 甲法院 = "甲" 基层
法院 乙法院 = "乙" 基层
考核 K "执行考核" 每个法院 {
  分组 "常规" 10分 { 项目 结案 10分 : 按比例 结案率 从 0% 到 100% }
  加分项 "加分" 2分 { 项目 多 2分 : 加分 结案数 每 1件 1分 }
}`;

const kase = (id: string, court: string, closed: string | null) => ({
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
});

describe('scores view', () => {
  it('ranks the courts by total and opens a breakdown on click', async () => {
    const { scoresView } = (await import(VIEW)) as { scoresView: View };
    const report = evaluateText(
      PLAN,
      [kase('a1', '甲', '2018-03-01'), kase('a2', '甲', null), kase('b1', '乙', null)] as never,
      '2018-12-31',
    );
    const host = document.createElement('div');
    const view = scoresView.render(host, { store: { s: { report } }, workbench: {} });
    view.update?.(new Set(['*']));
    const rows = Array.from(host.querySelectorAll('[data-testid="score-row"]'));
    // 甲: 1/2 → 5 + 1 bonus = 6; 乙: 0/1 → 0.
    expect(rows.map((r) => r.querySelector('[data-testid="score-total"]')!.textContent)).toEqual(['6分', '0分']);
    expect(rows[0]!.getAttribute('title')).toBe('常规 5/10；加分 1/2');
    rows[0]!.click();
    const open = host.querySelector('[data-testid="score-breakdown"]')!.textContent!;
    expect(open).toContain('结案（10分）：5分　结案率 50.00% (1/2) 在 0%–100% 之间 → 10分 × 50.00% = 5分');
  });
});
