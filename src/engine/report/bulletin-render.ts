// The 通报 overview for people: terminal text, Markdown and a self-contained, script-free HTML page, all
// drawn from one BulletinOverview (bulletin.ts) with the statuses' words (render.ts) and their basis
// (basis.ts). The workbench's overview and its copy command use the same cell words.
import type { Lang } from './diagnostics-format.js';
import type { PlanReport, TargetReport } from './model.js';
import {
  buildOverview,
  type BulletinOverview,
  type OverviewCell,
  type OverviewColumn,
  type OverviewOther,
  type OverviewRow,
} from './bulletin.js';
import {
  figureAgainst,
  groupBasis,
  oneLanguage,
  requirementText,
  scopeNoun,
  targetBasis,
  unmeasurableReason,
} from './basis.js';
import { formatValue } from './render-values.js';
import { statusText } from './render-values.js';
import { table } from './text-table.js';
import { stageInForce } from '../eval/status.js';

/** "81.776% (175/214)", the reason a figure cannot be computed, or "无数据" for a court without a figure. */
export function cellValue(col: OverviewColumn, c: OverviewCell, lang: Lang): string {
  if (c.status === null) return lang === 'zh' ? '无数据' : 'no data';
  if (c.value === null)
    return unmeasurableReason({ numerator: c.numerator ?? 0, denominator: c.denominator, value: null }, lang);
  return figureAgainst(
    { numerator: c.numerator ?? 0, denominator: c.denominator, value: c.value },
    col.unit,
    c.threshold,
  );
}

/** The status word of a cell ("未达标"), or "—" for a court without a figure. */
export function cellStatus(c: OverviewCell, lang: Lang): string {
  return c.status === null ? '—' : statusText(c.status, lang);
}

/** A cell in one line: "未达标 81.776% (175/214)", or "无数据". */
export function cellText(col: OverviewColumn, c: OverviewCell, lang: Lang): string {
  return c.status === null ? cellValue(col, c, lang) : `${cellStatus(c, lang)} ${cellValue(col, c, lang)}`;
}

/** The whole basis of a cell, for a tooltip: value, n/d, the stage in force and its threshold, the projection. */
export function cellBasis(r: PlanReport, col: OverviewColumn, row: OverviewRow, c: OverviewCell, lang: Lang): string {
  const t = r.targets.find((x) => x.id === col.target)!;
  const s = stageInForce(t.stages, r.asOf);
  const g = s.groups[row.court];
  if (!g) return lang === 'zh' ? `${row.court}没有${t.indicator}的数据` : `${row.court}: no data for ${t.indicator}`;
  if (g.value === null) return groupBasis(t, s, g, lang);
  return `${statusText(g.status, lang)}${lang === 'zh' ? '：' : ': '}${groupBasis(t, s, g, lang)}`;
}

/** "未达标 1 · 有风险 2" for a row. */
export function rowCounts(row: OverviewRow, lang: Lang): string {
  return lang === 'zh' ? `未达标 ${row.missed} · 有风险 ${row.atRisk}` : `missed ${row.missed} · at risk ${row.atRisk}`;
}

function courtLabel(row: OverviewRow, lang: Lang): string {
  return row.noData ? `${row.court}${lang === 'zh' ? '（无数据）' : ' (no data)'}` : row.court;
}

function target(r: PlanReport, id: string): TargetReport {
  return r.targets.find((t) => t.id === id)!;
}

/** How the statuses before a deadline were judged (each distinct projection method once), else ''. */
function projectionNote(r: PlanReport, o: BulletinOverview, lang: Lang): string {
  const methods = [
    ...new Set(
      o.columns
        .filter((c) => !c.due)
        .map((c) => target(r, c.target).projection?.method)
        .filter((m): m is string => !!m),
    ),
  ];
  if (!methods.length) return '';
  const m = methods.map((x) => oneLanguage(x, lang)).join(lang === 'zh' ? '；' : '; ');
  return lang === 'zh'
    ? `未到截止日的目标按预计截止日的值判断有风险或进展正常（${m}）。`
    : `Before a deadline, at risk or on track is judged on the value projected to it (${m}).`;
}

/** A target not measured per court in one line: status, basis, the groups lagging with their figures. */
export function otherLine(r: PlanReport, x: OverviewOther, lang: Lang): string {
  const zh = lang === 'zh';
  const t = target(r, x.target);
  const lag = x.lagging
    .slice(0, 5)
    .map(
      (g) =>
        `${g.name} ${statusText(g.status, lang)} ${figureAgainst(g, t.unit, stageInForce(t.stages, r.asOf).value)}`,
    );
  const more =
    x.lagging.length > 5
      ? zh
        ? ` 等 ${x.lagging.length} 个${scopeNoun(x.scope, lang)}`
        : ` and ${x.lagging.length - 5} more`
      : '';
  return `${x.target}  ${statusText(x.status, lang)}  ${targetBasis(t, r.asOf, lang)}${lag.length ? `${zh ? '；落后：' : '; lagging: '}${lag.join(zh ? '、' : ', ')}${more}` : ''}`;
}

function heading(o: BulletinOverview, lang: Lang): string {
  return lang === 'zh' ? `${o.plan} 通报  截至 ${o.asOf}` : `${o.plan} bulletin  as of ${o.asOf}`;
}

function columnLines(r: PlanReport, o: BulletinOverview, lang: Lang): string[] {
  return o.columns.map((c) => `${c.target}  ${c.indicator}  ${requirementText(target(r, c.target), r.asOf, lang)}`);
}

const H = {
  zh: {
    targets: '目标（按法院计）',
    matrix: '法院 × 目标（未达标、有风险多者在前，同数按名称）',
    court: '法院',
    missed: '未达标',
    atRisk: '有风险',
    others: '不按法院计的目标',
    none: '没有按法院计的目标',
  },
  en: {
    targets: 'Targets measured per court',
    matrix: 'Courts × targets (most missed, then most at risk first; ties by name)',
    court: 'court',
    missed: 'missed',
    atRisk: 'at risk',
    others: 'Targets not measured per court',
    none: 'no target is measured per court',
  },
} as const;

export function renderBulletinText(r: PlanReport, lang: Lang): string {
  const o = buildOverview(r);
  const w = H[lang];
  const out = [heading(o, lang)];
  if (o.columns.length) {
    out.push('', w.targets, ...columnLines(r, o, lang).map((l) => `  ${l}`));
    const rows = [[w.court, w.missed, w.atRisk, ...o.columns.map((c) => c.target)]];
    for (const row of o.rows)
      rows.push([
        courtLabel(row, lang),
        String(row.missed),
        String(row.atRisk),
        ...row.cells.map((c, k) => cellText(o.columns[k]!, c, lang)),
      ]);
    out.push('', w.matrix, table(rows));
    const note = projectionNote(r, o, lang);
    if (note) out.push('', note);
  } else out.push('', w.none);
  if (o.others.length) out.push('', w.others, ...o.others.map((x) => `  ${otherLine(r, x, lang)}`));
  return out.join('\n') + '\n';
}

const md = (s: string): string => s.replace(/\|/g, '\\|');

export function renderBulletinMarkdown(r: PlanReport, lang: Lang): string {
  const o = buildOverview(r);
  const w = H[lang];
  const out = [`# ${heading(o, lang)}`];
  if (o.columns.length) {
    out.push('', `## ${w.targets}`, '', ...columnLines(r, o, lang).map((l) => `- ${md(l)}`));
    out.push(
      '',
      `## ${w.matrix}`,
      '',
      `| ${w.court} | ${w.missed} | ${w.atRisk} | ${o.columns.map((c) => md(c.target)).join(' | ')} |`,
      `|---|---:|---:|${o.columns.map(() => '---|').join('')}`,
    );
    for (const row of o.rows)
      out.push(
        `| ${md(courtLabel(row, lang))} | ${row.missed} | ${row.atRisk} | ${row.cells.map((c, k) => md(cellText(o.columns[k]!, c, lang))).join(' | ')} |`,
      );
    const note = projectionNote(r, o, lang);
    if (note) out.push('', note);
  } else out.push('', w.none);
  if (o.others.length) out.push('', `## ${w.others}`, '', ...o.others.map((x) => `- ${md(otherLine(r, x, lang))}`));
  return out.join('\n') + '\n';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The CSS class of a status (colour), also used by the legend. */
function statusClass(s: OverviewCell['status']): string {
  return s === null ? 's-none' : `s-${s.replace(/ /g, '-')}`;
}

const LEGEND: Array<OverviewCell['status']> = ['missed', 'at risk', 'not measurable', 'on track', 'met', null];

export function renderBulletinHtml(r: PlanReport, lang: Lang): string {
  const zh = lang === 'zh';
  const o = buildOverview(r);
  const w = H[lang];
  const legend = LEGEND.map(
    (s) =>
      `<span class="${statusClass(s)}">${esc(s === null ? (zh ? '无数据' : 'no data') : statusText(s, lang))}</span>`,
  ).join('');
  const head = `<tr><th>${w.court}</th><th>${w.missed}</th><th>${w.atRisk}</th>${o.columns.map((c) => `<th>${esc(c.target)}<small>${esc(requirementText(target(r, c.target), r.asOf, lang))}</small></th>`).join('')}</tr>`;
  const body = o.rows
    .map(
      (row) =>
        `<tr><th>${esc(courtLabel(row, lang))}</th><td class="n">${row.missed}</td><td class="n">${row.atRisk}</td>${row.cells
          .map((c, k) => {
            const col = o.columns[k]!;
            return `<td class="${statusClass(c.status)}" title="${esc(cellBasis(r, col, row, c, lang))}">${c.status === null ? '' : `<b>${esc(cellStatus(c, lang))}</b> `}${esc(cellValue(col, c, lang))}${c.projected !== null && !col.due ? `<small>${zh ? '预计截止日' : 'projected'} ${esc(formatValue(c.projected, col.unit, col.threshold))}</small>` : ''}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  const note = projectionNote(r, o, lang);
  const others = o.others.length
    ? `<h2>${w.others}</h2>\n<ul>${o.others.map((x) => `<li class="${statusClass(x.status)}">${esc(otherLine(r, x, lang))}</li>`).join('')}</ul>\n`
    : '';
  return `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${esc(heading(o, lang))}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
h1{font-size:20px} h2{font-size:16px;margin-top:20px}
table{border-collapse:collapse;font-size:13px} td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th small,td small{display:block;font-weight:normal;color:#555} td.n{text-align:right}
.s-missed{background:#fde2e1;color:#8a1010} .s-at-risk{background:#fff1d6;color:#7a4a00} .s-not-measurable{background:#eceff3;color:#3d4754}
.s-on-track{background:#e3f4ea;color:#145c3a} .s-met{background:#cdeedb;color:#0f4d2f} .s-none{background:#fff;color:#666}
.legend span{display:inline-block;padding:2px 8px;margin-right:6px;border:1px solid #ccc} li{margin:4px 0;padding:2px 6px}
</style></head><body>
<h1>${esc(heading(o, lang))}</h1>
${
  o.columns.length
    ? `<p class="legend">${zh ? '图例：' : 'Legend: '}${legend}</p>
<h2>${w.matrix}</h2>
<table class="overview"><thead>${head}</thead><tbody>
${body}
</tbody></table>
${note ? `<p>${esc(note)}</p>\n` : ''}`
    : `<p>${w.none}</p>\n`
}${others}</body></html>
`;
}
