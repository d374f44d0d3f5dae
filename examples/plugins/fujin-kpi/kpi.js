// @ts-check
// The Fujin per-officer KPIs over a compiled plan (lint) and over an evaluation report (the assessment
// table). Pure functions of their inputs, so they are tested without a host.

/** @typedef {import('../../../src/engine/ir/types.js').PlanIR} PlanIR */
/** @typedef {import('../../../src/engine/report/model.js').PlanReport} PlanReport */
/** @typedef {import('../../../src/engine/plugins/api.js').LintFinding} LintFinding */
/**
 * @typedef {{ 净执结下限: number, 执结率下限: number, 开始执行天数: number, 不称职比例: number,
 *   指标: { 净执结: string, 执结率: string, 开始执行: string } }} KpiSettings
 */

/** @param {Readonly<Record<string, unknown>>} s @returns {KpiSettings} */
export function kpiSettings(s) {
  const names = /** @type {Partial<KpiSettings['指标']>} */ (s.指标 ?? {});
  return {
    净执结下限: typeof s.净执结下限 === 'number' ? s.净执结下限 : 30,
    执结率下限: typeof s.执结率下限 === 'number' ? s.执结率下限 : 0.8,
    开始执行天数: typeof s.开始执行天数 === 'number' ? s.开始执行天数 : 15,
    不称职比例: typeof s.不称职比例 === 'number' ? s.不称职比例 : 0.6,
    指标: { 净执结: names.净执结 ?? '净执结数', 执结率: names.执结率 ?? '当年收案执结率', 开始执行: names.开始执行 ?? '十五日内开始执行率' },
  };
}

/**
 * Checks a plan's per-officer targets against Fujin's standards: 净执结 ≥ 30 and 执结率 ≥ 80% for each
 * officer each year (FJ001 weaker, FJ002 not per officer per year), and each KPI indicator has a target (FJ003).
 * @param {PlanIR} ir @param {KpiSettings} k @returns {LintFinding[]}
 */
export function lintPlan(ir, k) {
  /** @type {LintFinding[]} */
  const out = [];
  const yearly = [
    { name: k.指标.净执结, min: k.净执结下限, shown: `${k.净执结下限}件` },
    { name: k.指标.执结率, min: k.执结率下限, shown: `${Math.round(k.执结率下限 * 1000) / 10}%` },
  ];
  for (const want of yearly) {
    for (const t of ir.targets.filter((x) => x.indicator === want.name)) {
      const last = t.stages[t.stages.length - 1];
      if ((t.op === '>=' || t.op === '>') && last && last.value < want.min) {
        out.push({ code: 'FJ001', source: t.source,
          message: `目标“${t.id}”要求 ${t.indicator} ${t.op} ${last.display}，低于富锦院每人每年 ${want.shown} 的标准`,
          messageEn: `target ${t.id} asks ${t.indicator} ${t.op} ${last.display}, below Fujin's ${want.shown} per officer a year` });
      }
      if (t.scope.kind !== 'handler' || t.window.kind !== 'yearly') {
        out.push({ code: 'FJ002', source: t.source,
          message: `目标“${t.id}”应逐人逐年考核（每个承办人 每年），这里是${t.scope.kind === 'handler' ? '' : '非逐人的'}${t.window.kind === 'yearly' ? '' : '非逐年的'}目标`,
          messageEn: `target ${t.id} should be per officer per year (each handler, yearly)` });
      }
    }
  }
  for (const name of [k.指标.净执结, k.指标.执结率, k.指标.开始执行]) {
    const ind = ir.indicators.find((i) => i.name === name);
    if (ind && !ir.targets.some((t) => t.indicator === name)) {
      out.push({ code: 'FJ003', source: ind.source, message: `考核指标“${name}”没有目标`, messageEn: `KPI indicator ${name} has no target` });
    }
  }
  return out;
}

/** @typedef {{ value: number | null, numerator: number, denominator: number | null }} Fig */

/**
 * Per officer: the three KPIs (from the per-officer targets' groups, else the indicator's per-officer
 * figures), whether each is met, and the grade: 不称职 below 60% of the officers' mean 净执结, 可评优秀
 * when all three are met, else 称职 (不得评优秀).
 * @param {PlanReport} r @param {KpiSettings} k
 */
export function assess(r, k) {
  /** @param {string} name @returns {Record<string, Fig>} */
  const figures = (name) => {
    const t = r.targets.find((x) => x.indicator === name && x.scope === 'handler');
    const stage = t && (t.stages.find((s) => !s.due) ?? t.stages[t.stages.length - 1]);
    if (stage && Object.keys(stage.groups).length) return stage.groups;
    return r.indicators.find((i) => i.name === name)?.handlers ?? {};
  };
  const net = figures(k.指标.净执结), rate = figures(k.指标.执结率), start = figures(k.指标.开始执行);
  const officers = [...new Set([...Object.keys(net), ...Object.keys(rate), ...Object.keys(start)])].filter((h) => h !== '').sort();
  const nets = officers.map((h) => net[h]?.value ?? 0);
  const mean = nets.length ? nets.reduce((a, b) => a + b, 0) / nets.length : 0;
  return {
    mean,
    rows: officers.map((h) => {
      const n = net[h]?.value ?? 0, x = rate[h]?.value ?? null, s = start[h]?.value ?? null;
      const met = { 净执结: n >= k.净执结下限, 执结率: x !== null && x >= k.执结率下限, 开始执行: s === null || s >= 1 };
      const grade = n < k.不称职比例 * mean ? '不称职' : met.净执结 && met.执结率 && met.开始执行 ? '可评优秀' : '称职（不得评优秀）';
      return { officer: h, 净执结: n, 执结率: x, 开始执行: s, met, grade };
    }),
  };
}

/** @param {number | null} v */
const pct = (v) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * The assessment table as Markdown.
 * @param {PlanReport[]} reports @param {KpiSettings} k @param {'zh' | 'en'} lang
 */
export function renderTable(reports, k, lang) {
  const zh = lang === 'zh';
  const out = [];
  for (const r of reports) {
    const a = assess(r, k);
    out.push(`# ${zh ? '执行干警年度考核表' : 'Per-officer assessment'}：${r.plan.title ?? r.plan.name ?? ''}`, '',
      `${zh ? '截至' : 'As of'} ${r.asOf} · ${zh ? '人均净执结' : 'mean net closures'} ${a.mean.toFixed(1)} ${zh ? '件' : ''} · ${zh ? '不称职线' : 'unsatisfactory below'} ${(k.不称职比例 * a.mean).toFixed(1)}`, '',
      zh ? `| 承办人 | 净执结（≥${k.净执结下限}件） | 当年收案执结率（≥${pct(k.执结率下限)}） | ${k.开始执行天数}日内开始执行 | 考核 |`
        : `| officer | net closures (≥${k.净执结下限}) | closure rate (≥${pct(k.执结率下限)}) | started within ${k.开始执行天数} days | grade |`,
      '|---|---:|---:|---:|---|');
    const mark = (/** @type {boolean} */ ok) => (ok ? '✓' : '✗');
    for (const row of a.rows) {
      const grade = zh ? row.grade : row.grade === '不称职' ? 'unsatisfactory' : row.grade === '可评优秀' ? 'eligible for excellent' : 'satisfactory (not excellent)';
      out.push(`| ${row.officer} | ${row.净执结} ${mark(row.met.净执结)} | ${pct(row.执结率)} ${mark(row.met.执结率)} | ${pct(row.开始执行)} ${mark(row.met.开始执行)} | ${grade} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
