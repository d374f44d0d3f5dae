// Rendering a replay: a readable summary, CSV (one row per step × indicator × group), and a
// self-contained HTML report whose charts are inline SVG (no script, no network: it opens anywhere); the
// charts are drawn by the host from report/chart-option.ts.
import type { ReplayResult, ReplaySeries } from '../replay/types.js';
import { formatValue, identityLines, KIND_ZH, sourceText, statusText } from './render.js';
import type { Lang } from './diagnostics-format.js';
import { figureAgainst, oneLanguage, OP_SIGN, scopeNoun } from './basis.js';
import { replayScoreRows, replayScoresText, schemeHeading } from '../scoring/render.js';

const STEP_ZH: Record<ReplayResult['step'], string> = { day: '日', week: '周', month: '月' };

/** How the replay was computed, in the reader's language. */
function methodText(method: string, lang: Lang): string {
  if (lang !== 'zh') return method;
  return method === 'incremental'
    ? '增量计算'
    : method.startsWith('incremental')
      ? '增量计算，部分窗口逐步重算'
      : method;
}

/** The threshold in force at the last step: "≥ 90.00%". */
function thresholdText(t: ReplayResult['targets'][number]): string {
  return `${OP_SIGN[t.op]} ${formatValue(t.thresholds[t.thresholds.length - 1] ?? null, t.unit)}`;
}

/** What the last step's status rests on: the overall value with n/d, or how many groups lag. */
function lastBasis(r: ReplayResult, t: ReplayResult['targets'][number], lang: Lang): string {
  const k = r.dates.length - 1;
  if (t.scope === 'overall') {
    const s = r.indicators.find((i) => i.name === t.indicator)?.overall;
    return s
      ? figureAgainst(
          { value: s.values[k] ?? null, numerator: s.numerators[k]!, denominator: s.denominators[k] ?? null },
          t.unit,
          t.thresholds[k]!,
        )
      : '';
  }
  const groups = Object.values(t.courts);
  const behind = groups.filter((g) => g[k] === 'missed' || g[k] === 'at risk').length;
  return lang === 'zh'
    ? `${behind}/${groups.length} 个${scopeNoun(t.scope, lang)}落后`
    : `${behind}/${groups.length} ${scopeNoun(t.scope, lang)} behind`;
}

export function renderReplayText(r: ReplayResult & { method?: string }, lang: Lang): string {
  const zh = lang === 'zh';
  const out: string[] = [];
  out.push(
    `${r.plan.title ?? r.plan.name ?? ''}  ${zh ? '回放' : 'replay'} ${r.from} – ${r.to}  ${zh ? '步长' : 'step'} ${zh ? STEP_ZH[r.step] : r.step}  (${r.dates.length} ${zh ? '步' : 'steps'})`,
  );
  if (r.sources?.length)
    out.push(zh ? '数据来源' : 'Data sources', ...r.sources.map((src) => `  ${sourceText(src, lang)}`));
  out.push(...identityLines(r.courtIdentity, lang));
  out.push('', zh ? '目标' : 'Targets');
  for (const t of r.targets) {
    const last = t.statuses[t.statuses.length - 1]!;
    const parts = [
      `${t.id}: ${statusText(last, lang)}`,
      `${zh ? '要求' : 'threshold'} ${thresholdText(t)}`,
      lastBasis(r, t, lang),
    ];
    if (t.firstMet) parts.push(`${zh ? '首次达标' : 'first met'} ${t.firstMet}`);
    if (t.firstMissed) parts.push(`${zh ? '首次未达标' : 'first missed'} ${t.firstMissed}`);
    if (t.projection) {
      const how = oneLanguage(t.projection.method, lang);
      parts.push(
        `${zh ? '预计' : 'projected'} ${formatValue(t.projection.value, t.unit)} ${zh ? `截至 ${t.projection.deadline}（${how}）` : `by ${t.projection.deadline} (${how})`} → ${statusText(t.projection.status, lang)}`,
      );
    }
    out.push(`  ${parts.join('  ')}`);
  }
  out.push('', zh ? '指标（起 → 止）' : 'Indicators (first → last)');
  for (const ind of r.indicators) {
    const v = ind.overall.values;
    out.push(
      `  ${ind.name}: ${formatValue(v[0] ?? null, ind.unit)} → ${formatValue(v[v.length - 1] ?? null, ind.unit)}`,
    );
  }
  const late = r.milestones.filter(
    (m) => m.statuses[m.statuses.length - 1] === 'overdue' || m.statuses[m.statuses.length - 1] === 'done late',
  );
  if (late.length) {
    out.push('', zh ? '逾期节点' : 'Late milestones');
    for (const m of late)
      out.push(
        `  ${m.task} ${m.text} (${m.due}): ${statusText(m.statuses[m.statuses.length - 1]!, lang)}${m.done ? ` ${m.done}` : ''}`,
      );
  }
  out.push(...replayScoresText(r, lang));
  return out.join('\n') + '\n';
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderReplayCsv(r: ReplayResult): string {
  const rows = ['date,indicator,group,value,numerator,denominator'];
  const emit = (name: string, group: string, s: ReplaySeries) => {
    r.dates.forEach((d, k) => {
      rows.push(
        [
          d,
          name,
          group,
          s.values[k] === null ? '' : String(s.values[k]),
          String(s.numerators[k]),
          s.denominators[k] === null ? '' : String(s.denominators[k]),
        ]
          .map(csvCell)
          .join(','),
      );
    });
  };
  for (const ind of r.indicators) {
    emit(ind.name, '', ind.overall);
    for (const [c, s] of Object.entries(ind.courts)) emit(ind.name, c, s);
  }
  return rows.join('\n') + '\n';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `charts`: each indicator's chart as SVG markup (drawn by the host from report/chart-option.ts). */
export function renderReplayHtml(
  r: ReplayResult & { method?: string },
  lang: Lang,
  charts: Record<string, string> = {},
): string {
  const zh = lang === 'zh';
  const title = r.plan.title ?? r.plan.name ?? 'luoshi';
  const targetRows = r.targets
    .map((t) => {
      const last = t.statuses[t.statuses.length - 1]!;
      return `<tr><td>${esc(t.id)}</td><td>${esc(t.indicator)}</td><td>${esc(thresholdText(t))}</td><td class="s-${last.replace(/ /g, '-')}">${esc(statusText(last, lang))}</td><td>${esc(lastBasis(r, t, lang))}</td><td>${esc(t.firstMet ?? '—')}</td><td>${esc(t.firstMissed ?? '—')}</td><td>${t.projection ? esc(`${formatValue(t.projection.value, t.unit)} ${zh ? '截至' : 'by'} ${t.projection.deadline} ${zh ? `（${oneLanguage(t.projection.method, lang)}）` : `(${oneLanguage(t.projection.method, lang)})`}`) : '—'}</td></tr>`;
    })
    .join('');
  const chartSections = r.indicators
    .filter((ind) => ind.overall.values.some((v) => v !== null))
    .map(
      (ind) =>
        `<section><h3>${esc(ind.name)}${ind.title ? ` <small>${esc(ind.title)}</small>` : ''}</h3>${charts[ind.name] ?? `<p class="empty">${zh ? '未绘制图表' : 'chart not drawn'}</p>`}</section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${esc(title)} — ${zh ? '回放' : 'replay'}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:20px} h3{font-size:15px;margin:18px 0 4px} small{color:#666;font-weight:normal}
table{border-collapse:collapse;font-size:13px} td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}
svg{width:100%;max-width:760px;height:auto;background:#fff;border:1px solid #eee}
.s-met,.s-on-track{color:#18794e} .s-missed{color:#c00} .s-at-risk{color:#b25e00}
</style></head><body>
<h1>${esc(title)}</h1>
<p>${zh ? '回放' : 'Replay'} ${esc(r.from)} – ${esc(r.to)} · ${zh ? '步长' : 'step'} ${esc(zh ? STEP_ZH[r.step] : r.step)} · ${r.dates.length} ${zh ? '步' : 'steps'}${r.method ? ` · ${esc(methodText(r.method, lang))}` : ''}</p>
${
  r.sources?.length
    ? `<h2>${zh ? '数据来源' : 'Data sources'}</h2>
<table class="sources"><thead><tr><th>${zh ? '文件' : 'file'}</th><th>${zh ? '类别' : 'kind'}</th><th>${zh ? '格式' : 'format'}</th><th>${zh ? '读取' : 'read'}</th><th>${zh ? '接受' : 'accepted'}</th><th>${zh ? '拒收' : 'rejected'}</th></tr></thead><tbody>${r.sources.map((x) => `<tr><td>${esc(x.file)}</td><td>${esc(zh ? KIND_ZH[x.kind] : x.kind)}</td><td>${esc(x.format)}</td><td>${x.read}</td><td>${x.accepted}</td><td>${x.rejected}</td></tr>`).join('')}</tbody></table>
`
    : ''
}${identityLines(r.courtIdentity, lang)
  .map((l) => `<p class="identity">${esc(l)}</p>\n`)
  .join('')}<h2>${zh ? '目标' : 'Targets'}</h2>
<table><thead><tr><th>${zh ? '目标' : 'target'}</th><th>${zh ? '指标' : 'indicator'}</th><th>${zh ? '要求' : 'threshold'}</th><th>${zh ? '状态' : 'status'}</th><th>${zh ? '依据' : 'basis'}</th><th>${zh ? '首次达标' : 'first met'}</th><th>${zh ? '首次未达标' : 'first missed'}</th><th>${zh ? '预测' : 'projection'}</th></tr></thead><tbody>${targetRows}</tbody></table>
${(r.scores ?? [])
  .map((s) => {
    const [head, ...rows] = replayScoreRows(s, lang);
    return `<h2>${esc(schemeHeading({ ...s, rows: [] }, lang))}</h2>\n<table class="scores"><thead><tr>${head!.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>\n`;
  })
  .join('')}
<h2>${zh ? '指标（按法院）' : 'Indicators by court'}</h2>
${chartSections}
</body></html>
`;
}
