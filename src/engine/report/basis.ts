// What a target's status rests on, in words: the stage in force with its threshold, the value with its
// numerator/denominator, and for a stage not yet due the projected value at the deadline and the method.
// Text, Markdown and JUnit all say it through these, so they cannot disagree.
import type { Lang } from './diagnostics-format.js';
import type { Figure, TargetReport } from './model.js';
import { formatValue } from './render-values.js';
import { missedStages, stageInForce } from '../eval/status.js';

type Stage = TargetReport['stages'][number];

export const OP_SIGN: Record<TargetReport['op'], string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };
const SCOPE_ZH: Record<string, string> = {
  overall: '整体',
  court: '每个法院',
  team: '每个团队',
  handler: '每个承办人',
};
const SCOPE_EN: Record<string, string> = {
  overall: 'overall',
  court: 'each court',
  team: 'each team',
  handler: 'each handler',
};

export function scopeText(scope: string, lang: Lang): string {
  return (lang === 'zh' ? SCOPE_ZH : SCOPE_EN)[scope] ?? scope;
}

/** "第1/2阶段 ≥ 90% 截至 2018-06-30" / "stage 1/2 ≥ 90% by 2018-06-30" (no stage number for a single stage). */
export function stageText(t: TargetReport, s: Stage, lang: Lang): string {
  const zh = lang === 'zh';
  const k = t.stages.indexOf(s) + 1;
  const n = t.stages.length;
  const head = n > 1 ? (zh ? `第${k}/${n}阶段 ` : `stage ${k}/${n} `) : '';
  return `${head}${OP_SIGN[t.op]} ${s.display}${s.by ? ` ${zh ? '截至' : 'by'} ${s.by}` : ''}`;
}

/** A figure judged against a threshold: "81.776% (175/214)" — enough digits that a miss never reads as its threshold. */
export function figureAgainst(f: Figure, unit: string, threshold: number): string {
  const v = formatValue(f.value, unit, threshold);
  return f.denominator === null ? v : `${v} (${count(f.numerator)}/${count(f.denominator)})`;
}

function count(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** One language's half of an engine string written "中文 / English". */
export function oneLanguage(s: string, lang: Lang): string {
  const k = s.indexOf(' / ');
  return k < 0 ? s : lang === 'zh' ? s.slice(0, k) : s.slice(k + 3);
}

/** "预计截止日 92.10%（按近 90 日趋势线性外推至截止日）" for a figure not yet due, else ''. */
export function projectionText(t: TargetReport, s: Stage, projected: number | null, lang: Lang): string {
  if (s.due || projected === null || !t.projection) return '';
  const method = oneLanguage(t.projection.method, lang);
  return lang === 'zh'
    ? `预计截止日 ${formatValue(projected, t.unit, s.value)}（${method}）`
    : `projected at the deadline ${formatValue(projected, t.unit, s.value)} (${method})`;
}

/** The basis of an overall target's status on its stage in force: value, n/d and, before the deadline, the projection. */
export function overallBasis(t: TargetReport, asOf: string, lang: Lang): string {
  const s = stageInForce(t.stages, asOf);
  if (!s.figure) return '';
  const proj = projectionText(t, s, t.projection?.value ?? null, lang);
  return `${figureAgainst(s.figure, t.unit, s.value)}${proj ? `${lang === 'zh' ? '，' : '; '}${proj}` : ''}`;
}

/** Each due stage that was missed, named with its threshold and value (per group for a scoped target). */
export function missedStageLines(t: TargetReport, lang: Lang): string[] {
  const zh = lang === 'zh';
  return missedStages(t.stages).flatMap((s) => {
    const head = `${t.id} ${stageText(t, s, lang)}`;
    if (s.figure) return [`${head}${zh ? '：' : ': '}${figureAgainst(s.figure, t.unit, s.value)}`];
    const missed = Object.entries(s.groups).filter(([, g]) => g.status === 'missed');
    return [
      `${head}${zh ? `：${missed.length} 个${scopeNoun(t.scope, lang)}未达标` : `: ${missed.length} ${scopeNoun(t.scope, lang)} missed`}`,
      ...missed.map(([name, g]) => `  ${name}${zh ? '：' : ': '}${figureAgainst(g, t.unit, s.value)}`),
    ];
  });
}

export function scopeNoun(scope: string, lang: Lang): string {
  if (lang === 'zh') return scope === 'team' ? '团队' : scope === 'handler' ? '承办人' : '法院';
  return scope === 'team' ? 'team(s)' : scope === 'handler' ? 'handler(s)' : 'court(s)';
}

/** The basis of one group's status (a court, team or handler) on a stage: value, n/d, threshold, projection. */
export function groupBasis(t: TargetReport, s: Stage, g: Figure & { projected: number | null }, lang: Lang): string {
  const zh = lang === 'zh';
  if (g.value === null) return `${zh ? '无法计算：' : 'not measurable: '}${unmeasurableReason(g, lang)}`;
  const proj = projectionText(t, s, g.projected, lang);
  return [figureAgainst(g, t.unit, s.value), `${zh ? '要求' : 'threshold'} ${stageText(t, s, lang)}`, proj]
    .filter((x) => x)
    .join(zh ? '；' : '; ');
}

/** A target's status in one line with its basis: the stage in force, and the overall figure or how many groups are on course. */
export function targetBasis(t: TargetReport, asOf: string, lang: Lang): string {
  const zh = lang === 'zh';
  const s = stageInForce(t.stages, asOf);
  const why = targetUnmeasurable(t, asOf, lang);
  if (why)
    return `${zh ? '无法计算：' : 'not measurable: '}${why}${zh ? '；要求 ' : '; threshold '}${stageText(t, s, lang)}${t.scope !== 'overall' ? ` ${scopeText(t.scope, lang)}` : ''}`;
  if (s.figure)
    return [overallBasis(t, asOf, lang), `${zh ? '要求' : 'threshold'} ${stageText(t, s, lang)}`]
      .filter((x) => x)
      .join(zh ? '；' : '; ');
  const groups = Object.values(s.groups);
  const ok = groups.filter((g) => g.status === 'met' || g.status === 'on track').length;
  const none =
    groups.length === 0
      ? zh
        ? `（没有${scopeNoun(t.scope, lang)}的数据）`
        : ` (no ${scopeNoun(t.scope, lang)} in the data)`
      : '';
  return `${zh ? `${ok}/${groups.length} 个${scopeNoun(t.scope, lang)}达标或进展正常` : `${ok}/${groups.length} ${scopeNoun(t.scope, lang)} met or on track`}${none}${zh ? '；要求 ' : '; threshold '}${stageText(t, s, lang)} ${scopeText(t.scope, lang)}`;
}

/** Why a figure cannot be measured: its denominator is 0 (nothing matched), or there is no value at all. */
export function unmeasurableReason(f: Figure, lang: Lang): string {
  if (f.denominator === 0) return lang === 'zh' ? '分母为 0，没有可计入的数据' : 'denominator 0: no matching data';
  return lang === 'zh' ? '没有数据' : 'no data';
}

/** For a target none of whose groups (or whose overall figure) can be measured: why, else ''. */
export function targetUnmeasurable(t: TargetReport, asOf: string, lang: Lang): string {
  const s = stageInForce(t.stages, asOf);
  if (s.status !== 'not measurable') return '';
  if (s.figure) return unmeasurableReason(s.figure, lang);
  const groups = Object.values(s.groups);
  if (groups.length === 0)
    return lang === 'zh' ? `数据中没有${scopeNoun(t.scope, lang)}` : `no ${scopeNoun(t.scope, lang)} in the data`;
  const reasons = [...new Set(groups.map((g) => unmeasurableReason(g, lang)))];
  return lang === 'zh'
    ? `${groups.length} 个${scopeNoun(t.scope, lang)}均${reasons.join('或')}`
    : `all ${groups.length} ${scopeNoun(t.scope, lang)}: ${reasons.join(' or ')}`;
}

/** The window a target's figures are counted over when it is not the plan's period: "每年（2018）", "期间 … 至 …". */
export function windowText(t: TargetReport, asOf: string, lang: Lang): string {
  const zh = lang === 'zh';
  if (t.window.kind === 'yearly') return zh ? `每年（${asOf.slice(0, 4)}）` : `yearly (${asOf.slice(0, 4)})`;
  if (t.window.kind === 'period')
    return zh ? `期间 ${t.window.from} 至 ${t.window.to}` : `period ${t.window.from} – ${t.window.to}`;
  return '';
}

/** The threshold column: the stage in force, the scope unless overall, the window unless the plan's. */
export function requirementText(t: TargetReport, asOf: string, lang: Lang): string {
  const w = windowText(t, asOf, lang);
  return `${stageText(t, stageInForce(t.stages, asOf), lang)}${t.scope !== 'overall' ? ` ${scopeText(t.scope, lang)}` : ''}${w ? ` ${w}` : ''}`;
}

/** The cases a rule's counts are over — every case in its scope filed by the as-of date, whatever the indicators' windows. */
export function ruleWindowText(asOf: string, lang: Lang): string {
  return lang === 'zh' ? `截至 ${asOf} 立案的全部适用案件` : `every case in scope filed by ${asOf}`;
}
