// Every face says what the engine knows: the stage in force on a day is the first whose deadline is on or
// after it (a stage is judged met or missed on its own deadline, never against the next one), a missed
// stage is named with its threshold and value, and text, Markdown, JUnit, the replay's HTML and JSON agree.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateCases } from '../../src/engine/generate/index.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { replayPlan } from '../../src/engine/replay/replay.js';
import { renderJUnit, renderMarkdown, renderText, statusText } from '../../src/engine/report/render.js';
import { renderBulletinText } from '../../src/engine/report/bulletin-render.js';
import { renderReplayHtml, renderReplayText } from '../../src/engine/report/replay-render.js';
import { formatValue } from '../../src/engine/report/render-values.js';
import { stageInForce } from '../../src/engine/eval/status.js';
import { stageText } from '../../src/engine/report/basis.js';
import type { PlanReport } from '../../src/engine/report/model.js';
import { compileText } from '../eval/helpers.js';
import { lensesFor } from '../../src/engine/language/lenses.js';

const store = storeFromRecords([
  ...generateCases({ preset: 'ningbo', cases: 800, seed: 5, from: '2017-06-01', to: '2018-12-31' }),
]);

function evaluate(targets: string, asOf: string): PlanReport {
  const c = compileText(`方案 阶段 { 期间 2018-01-01 至 2018-12-31  使用 std }\n${targets}\n`);
  const errors = c.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));
  return evaluatePlan({ ir: c.ir, store, asOf });
}

/** The overall 结案率 as of a day, as a percentage. */
function closedPct(asOf: string): number {
  return evaluate('目标 结案目标 : 结案率 >= 1%', asOf).targets[0]!.stages[0]!.figure!.value! * 100;
}

const lineOf = (text: string, start: string) => text.split('\n').find((l) => l.startsWith(start)) ?? '';

describe('the stage in force', () => {
  it('a stage met on its own deadline is 达标 in JSON, text and Markdown — not 有风险 against the next stage', () => {
    const v = closedPct('2018-06-30');
    const x = Math.floor(v * 10) / 10,
      y = Math.min(99, Math.ceil(v) + 20);
    const r = evaluate(`目标 结案目标 : 结案率 >= ${x}% 截至 2018-06-30, >= ${y}% 截至 2018-12-31`, '2018-06-30');
    const t = r.targets[0]!;
    expect(t.status).toBe('met');
    expect(t.missedStages).toBe(0);
    const text = renderText(r, 'zh');
    const row = lineOf(text, '结案目标 ');
    expect(row).toContain(`第1/2阶段 ≥ ${x}% 截至 2018-06-30`);
    expect(row).toContain('达标');
    expect(row).not.toContain('有风险');
    expect(renderMarkdown(r, 'zh')).toContain(`| 结案目标 | 结案率 | 第1/2阶段 ≥ ${x}% 截至 2018-06-30 |`);
    // The editor's code lens and hover say the same.
    const lens = lensesFor(t.source.file, r, [], 'zh').find((l) => l.target === '结案目标')!;
    expect(lens.title).toContain(
      `● 达标 · ${formatValue(t.stages[0]!.figure!.value, '%', t.stages[0]!.value)} (${t.stages[0]!.figure!.numerator}/${t.stages[0]!.figure!.denominator})；要求 第1/2阶段 ≥ ${x}% 截至 2018-06-30`,
    );
    // The day after, the second stage is in force.
    const next = evaluate(`目标 结案目标 : 结案率 >= ${x}% 截至 2018-06-30, >= ${y}% 截至 2018-12-31`, '2018-07-01');
    expect(lineOf(renderText(next, 'zh'), '结案目标 ')).toContain(`第2/2阶段 ≥ ${y}% 截至 2018-12-31`);
  });

  it('a missed stage is named with its threshold and value in text, Markdown and JUnit', () => {
    const v = closedPct('2018-06-30');
    const x = Math.ceil(v * 10) / 10 + 0.1;
    const r = evaluate(
      `目标 结案目标 : 结案率 >= ${x.toFixed(1)}% 截至 2018-06-30, >= 99% 截至 2018-12-31`,
      '2018-08-15',
    );
    const t = r.targets[0]!;
    expect(t.missedStages).toBe(1);
    const f = t.stages[0]!.figure!;
    const value = `${formatValue(f.value, '%', t.stages[0]!.value)} (${f.numerator}/${f.denominator})`;
    const text = renderText(r, 'zh');
    expect(text).toContain(`到期未达标\n  结案目标 第1/2阶段 ≥ ${x.toFixed(1)}% 截至 2018-06-30：${value}`);
    expect(renderText(r, 'en')).toContain(
      `Due stages missed\n  结案目标 stage 1/2 ≥ ${x.toFixed(1)}% by 2018-06-30: ${value}`,
    );
    expect(renderMarkdown(r, 'zh')).toContain(
      `## 到期未达标\n\n- 结案目标 第1/2阶段 ≥ ${x.toFixed(1)}% 截至 2018-06-30：${value}`,
    );
    expect(renderJUnit([r])).toContain(
      `<failure message="结案率 missed: 结案目标 stage 1/2 ≥ ${x.toFixed(1)}% by 2018-06-30: ${value}"/>`,
    );
  });

  it('a status before its deadline carries the projection and its method on the line', () => {
    const r = evaluate('目标 结案目标 : 结案率 >= 50% 截至 2018-12-31', '2018-06-30');
    const t = r.targets[0]!;
    expect(t.projection!.value).not.toBeNull();
    const row = lineOf(renderText(r, 'zh'), '结案目标 ');
    expect(row).toContain(`预计截止日 ${formatValue(t.projection!.value, '%', 0.5)}（按近 90 日趋势线性外推至截止日）`);
    expect(lineOf(renderText(r, 'en'), '结案目标 ')).toContain(
      `projected at the deadline ${formatValue(t.projection!.value, '%', 0.5)} (linear trend of the last 90 days extended to the deadline)`,
    );
  });
});

describe('numbers for people', () => {
  it('a miss never rounds to its threshold: 175/214 against ≥ 81.78%', () => {
    expect(formatValue(175 / 214, '%', 0.8178)).toBe('81.776%');
    expect(formatValue(175 / 214, '%')).toBe('81.78%');
    expect(formatValue(0.9, '%', 0.9)).toBe('90.00%');
    expect(formatValue(0.0009996, '‰', 0.001)).toBe('0.9996‰');
  });

  it('money in 元 with digit grouping, 万元 when large; counts grouped', () => {
    expect(formatValue(38912087.95, '元')).toBe('3,891.21万元');
    expect(formatValue(9500.5, '元')).toBe('9,500.50元');
    expect(formatValue(1098, '件')).toBe('1,098件');
    expect(formatValue(-123456, '元')).toBe('-12.35万元');
  });
});

describe('every face agrees on every status and threshold', () => {
  const monthEnds = ['2018-01-31', '2018-03-31', '2018-04-30', '2018-06-30', '2018-08-31', '2018-09-30', '2018-12-31'];
  const arb = fc.record({
    stages: fc.uniqueArray(fc.constantFrom(...monthEnds), { minLength: 1, maxLength: 3 }).map((d) => [...d].sort()),
    base: fc.integer({ min: 10, max: 90 }),
    step: fc.integer({ min: 0, max: 10 }),
    op: fc.constantFrom('>=', '<='),
    day: fc.integer({ min: 0, max: 364 }),
    scope: fc.constantFrom('', ' 每个法院'),
  });
  it('text, Markdown, JUnit, the bulletin, replay text/HTML and JSON', () => {
    fc.assert(
      fc.property(arb, ({ stages, base, step, op, day, scope }) => {
        const vals = stages.map((_, k) => (op === '>=' ? base + k * step : Math.max(1, base - k * step)));
        const decl = `目标 结案目标 : 结案率 ${stages.map((d, k) => `${op} ${vals[k]}% 截至 ${d}`).join(', ')}${scope}`;
        const asOf = new Date(Date.UTC(2018, 0, 1 + day)).toISOString().slice(0, 10);
        const r = evaluate(decl, asOf);
        const t = JSON.parse(JSON.stringify(r)).targets[0] as PlanReport['targets'][number];
        const s = stageInForce(t.stages, asOf);
        expect(t.status).toBe(s.status);
        expect(
          s.by === null || s.by >= asOf || s === t.stages[t.stages.length - 1],
          `stage due ${s.by} in force on ${asOf}`,
        ).toBe(true);
        for (const lang of ['zh', 'en'] as const) {
          const st = statusText(t.status, lang);
          const row = lineOf(renderText(r, lang), '结案目标 ');
          expect(row).toContain(stageText(t, s, lang));
          expect(row).toContain(st);
          const md = renderMarkdown(r, lang)
            .split('\n')
            .find((l) => l.startsWith('| 结案目标 |'))!;
          expect(md).toContain(stageText(t, s, lang));
          expect(md.slice(-`| ${st} |`.length)).toBe(`| ${st} |`);
        }
        const junit = renderJUnit([r]);
        expect(junit.includes('<failure')).toBe(t.missedStages > 0);
        // The bulletin: per court a cell with the court's status and value on the stage in force; else its own line.
        const bulletin = renderBulletinText(r, 'zh');
        if (scope) {
          expect(bulletin).toContain(`\n  结案目标  结案率  ${stageText(t, s, 'zh')} 每个法院\n`);
          for (const [court, g] of Object.entries(s.groups)) {
            const row = bulletin.split('\n').find((l) => l.startsWith(`${court} `))!;
            expect(row).toMatch(
              new RegExp(
                ` ${statusText(g.status, 'zh')} ${g.value === null ? '' : formatValue(g.value, '%', s.value).replace('.', '\\.')}`,
              ),
            );
          }
        } else expect(lineOf(bulletin, '  结案目标  ')).toContain(`结案目标  ${statusText(t.status, 'zh')}  `);
        for (const m of t.stages.filter((x) => x.due && x.status === 'missed'))
          expect(junit).toContain(stageText(t, m, 'en'));
        const c = compileText(`方案 阶段 { 期间 2018-01-01 至 2018-12-31  使用 std }\n${decl}\n`);
        const rp = replayPlan({ ir: c.ir, store, from: asOf, to: asOf, step: 'day' });
        const rt = rp.targets[0]!;
        expect(rt.statuses[0]).toBe(t.status);
        expect(rt.thresholds[0]).toBe(s.value);
        const html = renderReplayHtml(rp, 'zh');
        expect(html).toContain(
          `<td>${op === '>=' ? '≥' : '≤'} ${formatValue(s.value, '%')}</td><td class="s-${t.status.replace(/ /g, '-')}">${statusText(t.status, 'zh')}</td>`,
        );
        expect(lineOf(renderReplayText(rp, 'zh'), '  结案目标')).toContain(`结案目标: ${statusText(t.status, 'zh')}`);
      }),
      { numRuns: 40 },
    );
  });
});
