// Scoring: each scheme's items scored per court (or handler, team) from values already evaluated — the
// report's figures, its targets' statuses (eval/status.ts) and the plan's deadlines — never re-derived.
// Each score carries the value and the rule that gave it. Used by evaluation (eval/evaluate.ts) and by
// replay (a total per court at each step), through a ScoringSource.
import type { PlanIR } from '../ir/types.js';
import type { Figure, TargetStatus } from '../report/model.js';
import { meets } from '../eval/status.js';
import { figureAgainst } from '../report/basis.js';
import { formatValue, statusText } from '../report/render-values.js';
import { parseIsoDay } from '../time/calendar.js';
import type {
  Explanation,
  GroupScore,
  IRScheme,
  IRScoreGroup,
  IRScoreItem,
  IRScoreRule,
  ItemScore,
  SchemeScores,
  ScoreRow,
  ScoreScope,
} from './types.js';
import { pointsText } from './check.js';

/** One deadline of a task or deliverable, and the day it was done for the group scored (null: not yet). */
export interface Deadline {
  due: string;
  done: string | null;
}

/** What scoring reads, for one as-of date. */
export interface ScoringSource {
  asOf: string;
  /** The courts (full names, with their names in the plan), handlers or teams scored. */
  members(scope: ScoreScope): Array<{ group: string; name: string | null }>;
  figure(indicator: string, scope: ScoreScope, group: string): Figure | null;
  /** A target's status for the group, on its stage in force (null: the target does not cover the group). */
  target(target: string, scope: ScoreScope, group: string): TargetStatus | null;
  /** The deadlines a late-day rule counts: `milestone` null for all of the task's. */
  deadlines(task: string, milestone: string | null, scope: ScoreScope, group: string): Deadline[];
}

const OP_SIGN: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };
const EPS = 1e-9;

/** Rounds half away from zero to `d` digits (0.125 → 0.13), through the decimal text so 1.005 is 1.01. */
export function roundPoints(v: number, d: number): number {
  const f = 10 ** d;
  const r = Math.round(Number((Math.abs(v) * f).toPrecision(12))) / f;
  return v < 0 ? -r : r;
}

export function scoreSchemes(ir: PlanIR, src: ScoringSource): SchemeScores[] {
  return (ir.schemes ?? []).map((s) => scoreScheme(s, src));
}

export function scoreScheme(s: IRScheme, src: ScoringSource): SchemeScores {
  const rows: ScoreRow[] = src.members(s.scope).map(({ group, name }) => {
    const groups = s.groups.map((g) => scoreGroup(g, s, src, group));
    const total = roundPoints(
      groups.reduce((n, g) => n + g.subtotal, 0),
      s.decimals,
    );
    return { rank: 0, group, name, total, groups };
  });
  rows.sort((a, b) => b.total - a.total || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  // Tied totals share a rank: one more than the number of rows strictly ahead.
  rows.forEach((r, k) => {
    r.rank = k > 0 && r.total === rows[k - 1]!.total ? rows[k - 1]!.rank : k + 1;
  });
  return { scheme: s.name, title: s.title, scope: s.scope, decimals: s.decimals, total: s.total, rows };
}

function scoreGroup(g: IRScoreGroup, s: IRScheme, src: ScoringSource, group: string): GroupScore {
  const items = g.items.map((it) => scoreItem(it, s, src, group));
  const groups = g.groups.map((x) => scoreGroup(x, s, src, group));
  const sum = roundPoints(
    items.reduce((n, i) => n + i.earned, 0) + groups.reduce((n, x) => n + x.subtotal, 0),
    s.decimals,
  );
  const subtotal = Math.min(g.points, Math.max(0, sum));
  return {
    name: g.name,
    title: g.title,
    points: g.points,
    bonus: g.bonus,
    subtotal,
    capped: subtotal !== sum,
    items,
    groups,
  };
}

interface Scored {
  earned: number;
  value: number | null;
  unit: string;
  figure: Figure | null;
  explanation: Explanation;
}

function scoreItem(it: IRScoreItem, s: IRScheme, src: ScoringSource, group: string): ItemScore {
  const r = applyRule(it, it.rule, s, src, group);
  return {
    name: it.name,
    title: it.title,
    points: it.points,
    rule: it.rule.kind,
    value: r.value,
    unit: r.unit,
    numerator: r.figure ? r.figure.numerator : null,
    denominator: r.figure ? r.figure.denominator : null,
    earned: roundPoints(r.earned, s.decimals),
    explanation: r.explanation,
  };
}

const pts = (v: number): string => `${pointsText(v)}分`;
const ptsEn = (v: number): string => `${pointsText(v)} point${Math.abs(v) === 1 ? '' : 's'}`;

function applyRule(it: IRScoreItem, rule: IRScoreRule, s: IRScheme, src: ScoringSource, group: string): Scored {
  const full = it.points;
  const round = (v: number) => roundPoints(v, s.decimals);
  switch (rule.kind) {
    case 'threshold': {
      const f = src.figure(rule.indicator, s.scope, group);
      const v = f?.value ?? null;
      const shown = f ? figureAgainst(f, rule.unit, rule.value) : '—';
      const req = `${OP_SIGN[rule.op]} ${rule.display}`;
      if (v === null || Number.isNaN(v)) return unmeasurable(rule.indicator, rule.unit, f);
      const ok = meets(v, rule.op, rule.value);
      const earned = ok ? full : rule.otherwise;
      return {
        earned,
        value: v,
        unit: rule.unit,
        figure: f,
        explanation: ok
          ? {
              zh: `${rule.indicator} ${shown} ${req} → 满分 ${pts(full)}`,
              en: `${rule.indicator} ${shown} ${req} → full ${ptsEn(full)}`,
            }
          : {
              zh: `${rule.indicator} ${shown} 未达 ${req} → ${pts(earned)}`,
              en: `${rule.indicator} ${shown} does not meet ${req} → ${ptsEn(earned)}`,
            },
      };
    }
    case 'target': {
      const st = src.target(rule.target, s.scope, group);
      const ok = st === 'met' || st === 'on track';
      const earned = ok ? full : rule.otherwise;
      const zhSt = st === null ? '不适用' : statusText(st, 'zh');
      return {
        earned,
        value: null,
        unit: '',
        figure: null,
        explanation: {
          zh: `目标 ${rule.target}：${zhSt} → ${ok ? `满分 ${pts(full)}` : pts(earned)}`,
          en: `target ${rule.target}: ${st ?? 'not applicable'} → ${ok ? `full ${ptsEn(full)}` : ptsEn(earned)}`,
        },
      };
    }
    case 'linear': {
      const f = src.figure(rule.indicator, s.scope, group);
      const v = f?.value ?? null;
      if (v === null || Number.isNaN(v)) return unmeasurable(rule.indicator, rule.unit, f);
      const raw = rule.lowerBetter ? (rule.high - v) / (rule.high - rule.low) : (v - rule.low) / (rule.high - rule.low);
      const frac = Math.min(1, Math.max(0, raw));
      const earned = full * frac;
      const shown = figureAgainst(f!, rule.unit, v <= rule.low ? rule.low : rule.high);
      const range = `${rule.lowDisplay}–${rule.highDisplay}`;
      if (raw >= 1 - EPS) {
        const at = rule.lowerBetter ? `≤ ${rule.lowDisplay}` : `≥ ${rule.highDisplay}`;
        return {
          earned: full,
          value: v,
          unit: rule.unit,
          figure: f,
          explanation: {
            zh: `${rule.indicator} ${shown} ${at} → 满分 ${pts(full)}`,
            en: `${rule.indicator} ${shown} ${at} → full ${ptsEn(full)}`,
          },
        };
      }
      if (raw <= EPS) {
        const at = rule.lowerBetter ? `≥ ${rule.highDisplay}` : `≤ ${rule.lowDisplay}`;
        return {
          earned: 0,
          value: v,
          unit: rule.unit,
          figure: f,
          explanation: {
            zh: `${rule.indicator} ${shown} ${at} → 0分`,
            en: `${rule.indicator} ${shown} ${at} → 0 points`,
          },
        };
      }
      const share = formatValue(frac, '%');
      return {
        earned,
        value: v,
        unit: rule.unit,
        figure: f,
        explanation: {
          zh: `${rule.indicator} ${shown} 在 ${range} 之间${rule.lowerBetter ? '（越低越好）' : ''} → ${pts(full)} × ${share} = ${pts(round(earned))}`,
          en: `${rule.indicator} ${shown} between ${range}${rule.lowerBetter ? ' (lower is better)' : ''} → ${ptsEn(full)} × ${share} = ${ptsEn(round(earned))}`,
        },
      };
    }
    case 'per':
      return perUnit(it, rule, s, src, group);
  }
}

function perUnit(
  it: IRScoreItem,
  rule: Extract<IRScoreRule, { kind: 'per' }>,
  s: IRScheme,
  src: ScoringSource,
  group: string,
): Scored {
  const round = (v: number) => roundPoints(v, s.decimals);
  let amount: number,
    unit: string,
    figure: Figure | null = null,
    whatZh: string,
    whatEn: string,
    value: number | null;
  if (rule.source.kind === 'late') {
    const T = parseIsoDay(src.asOf)!;
    amount = 0;
    for (const d of src.deadlines(rule.source.task, rule.source.milestone, s.scope, group)) {
      const due = parseIsoDay(d.due)!;
      const done = d.done === null ? null : parseIsoDay(d.done);
      const end = done !== null && done <= T ? done : T;
      amount += Math.max(0, end - due);
    }
    unit = '日';
    value = amount;
    const label = rule.source.milestone ? `${rule.source.task}（${rule.source.milestone}）` : rule.source.task;
    whatZh = `逾期 ${label} ${amount}日`;
    whatEn = `${label} late ${amount} days`;
    if (amount === 0) (whatZh = `${label} 按期完成`), (whatEn = `${label} done on time`);
  } else {
    const src2 = rule.source;
    figure = src.figure(src2.indicator, s.scope, group);
    const v = figure?.value ?? null;
    if (v === null || Number.isNaN(v)) return unmeasurable(src2.indicator, src2.unit, figure);
    unit = src2.unit;
    value = v;
    const shown =
      figure!.denominator === null ? formatValue(v, unit) : figureAgainst(figure!, unit, src2.relation?.value ?? v);
    if (src2.relation) {
      amount = Math.max(0, src2.relation.dir === 'below' ? src2.relation.value - v : v - src2.relation.value);
      const gap = formatValue(amount, unit === '%' || unit === '‰' ? unit : unit);
      const below = src2.relation.dir === 'below';
      whatZh =
        amount > 0
          ? `${src2.indicator} ${shown}，${below ? '低于' : '高于'} ${src2.relation.display} ${gap}`
          : `${src2.indicator} ${shown}，${below ? '不低于' : '不高于'} ${src2.relation.display}`;
      whatEn =
        amount > 0
          ? `${src2.indicator} ${shown}, ${gap} ${src2.relation.dir} ${src2.relation.display}`
          : `${src2.indicator} ${shown}, not ${src2.relation.dir} ${src2.relation.display}`;
    } else {
      amount = v;
      whatZh = `${src2.indicator} ${shown}`;
      whatEn = whatZh;
    }
  }
  const units = amount / rule.per;
  const delta = units * rule.points;
  const times = rule.per === 1 ? '' : ` ÷ ${rule.perDisplay}`;
  const head = (zh: boolean) => `${zh ? whatZh : whatEn}${times} × ${zh ? pts(rule.points) : ptsEn(rule.points)}`;
  let earned: number;
  const zh: string[] = [],
    en: string[] = [];
  if (amount === 0) {
    earned = rule.mode === 'deduct' ? it.points : 0;
    return {
      earned,
      value,
      unit,
      figure,
      explanation:
        rule.mode === 'deduct'
          ? { zh: `${whatZh}，不扣分 → ${pts(earned)}`, en: `${whatEn}: nothing taken → ${ptsEn(earned)}` }
          : { zh: `${whatZh}，不加分 → 0分`, en: `${whatEn}: nothing added → 0 points` },
    };
  }
  if (rule.mode === 'deduct') {
    let taken = delta;
    zh.push(`${head(true)} = −${pts(round(delta))}`);
    en.push(`${head(false)} = −${ptsEn(round(delta))}`);
    if (rule.cap !== null && taken > rule.cap) {
      taken = rule.cap;
      zh.push(`最多扣 ${pts(rule.cap)}`);
      en.push(`at most ${ptsEn(rule.cap)} taken`);
    }
    earned = it.points - taken;
    if (rule.floor !== null && earned < rule.floor) {
      earned = rule.floor;
      zh.push(`最低 ${pts(rule.floor)}`);
      en.push(`floor ${ptsEn(rule.floor)}`);
    }
  } else {
    earned = delta;
    zh.push(`${head(true)} = +${pts(round(delta))}`);
    en.push(`${head(false)} = +${ptsEn(round(delta))}`);
    const cap = Math.min(it.points, rule.cap ?? Infinity);
    if (earned > cap) {
      earned = cap;
      zh.push(`最多 ${pts(cap)}`);
      en.push(`at most ${ptsEn(cap)}`);
    }
  }
  return {
    earned,
    value,
    unit,
    figure,
    explanation: { zh: `${zh.join('，')} → ${pts(round(earned))}`, en: `${en.join('; ')} → ${ptsEn(round(earned))}` },
  };
}

function unmeasurable(indicator: string, unit: string, f: Figure | null): Scored {
  return {
    earned: 0,
    value: null,
    unit,
    figure: f,
    explanation: {
      zh: `${indicator} 无法计算（没有可计的案件）→ 0分`,
      en: `${indicator} cannot be measured (no cases to count) → 0 points`,
    },
  };
}
