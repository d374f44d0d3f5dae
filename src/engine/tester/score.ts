// Plan tests of scoring schemes (考核): `{ score: 执行考核, court: 北仑法院, total: 87.5, rank: 2 }` or
// `{ score: 执行考核, court: 北仑法院, item: 结案, points: 10 }` — a court's (handler's, team's) total, rank,
// or one item's points, compared exactly at the scheme's rounding.
import type { PlanIR } from '../ir/types.js';
import type { PlanReport } from '../report/model.js';
import { closest } from '../check/suggest.js';
import { pointsText } from '../scoring/check.js';
import type { GroupScore, IRScoreGroup, ItemScore } from '../scoring/types.js';
import type { ScoreExpectation } from './model.js';

export type { ScoreExpectation } from './model.js';
import { asString, fail, get, type Loc, type YMap, type YNode } from './yaml.js';

export const SCORE_KEYS = ['score', 'item', 'total', 'rank', 'points'] as const;

export interface ScoreCheck {
  kind: 'score';
  scheme: string;
  item: string | null;
  total: number | null;
  rank: number | null;
  points: number | null;
}

/** `87.5`, `87.5分`, `"87.5 分"`. */
function pointsValue(n: YNode, what: string): { value: number; loc: Loc } {
  if (n.kind === 'scalar' && typeof n.value === 'number' && Number.isFinite(n.value))
    return { value: n.value, loc: n.loc };
  const s = n.kind === 'scalar' && typeof n.value === 'string' ? n.value.trim() : '';
  const m = /^(-?\d+(?:\.\d+)?)\s*(分|points?)?$/.exec(s);
  if (!m) fail(n.loc, `${what} 应是分值（如 87.5 或 87.5分）`, `${what} must be points (e.g. 87.5)`);
  return { value: Number(m[1]), loc: n.loc };
}

export function parseScoreExpectation(m: YMap): ScoreExpectation {
  const e = (k: string) => get(m, k);
  const scheme = { text: asString(e('score')!.value, 'score'), loc: e('score')!.value.loc };
  const item = e('item') ? { text: asString(e('item')!.value, 'item'), loc: e('item')!.value.loc } : null;
  const total = e('total') ? pointsValue(e('total')!.value, 'total') : null;
  const points = e('points') ? pointsValue(e('points')!.value, 'points') : null;
  let rank: { value: number; loc: Loc } | null = null;
  const r = e('rank');
  if (r) {
    const v = r.value;
    if (v.kind !== 'scalar' || typeof v.value !== 'number' || !Number.isInteger(v.value) || v.value < 1)
      fail(v.loc, 'rank 应是从 1 起的名次', 'rank must be a place counted from 1');
    rank = { value: v.value, loc: v.loc };
  }
  if (item && !points) fail(m.loc, '写了 item 的 score 测试需要 points', 'a score test with item needs points');
  if (points && !item)
    fail(points.loc, 'points 需要 item（检查哪一项的得分）', 'points needs item (whose points to check)');
  if (!total && !rank && !points)
    fail(m.loc, 'score 测试需要 total、rank 或 item 与 points', 'a score test needs total, rank, or item with points');
  return { kind: 'score', scheme, item, total, rank, points };
}

export function scoreTestName(e: ScoreExpectation, group: string, at: string, src: string): string {
  const parts = [
    e.total ? `total ${pointsText(e.total.value)}` : '',
    e.rank ? `rank ${e.rank.value}` : '',
    e.item ? `${e.item.text} ${pointsText(e.points!.value)}` : '',
  ].filter(Boolean);
  return `${e.scheme.text}${group}${at} ${parts.join(', ')}${src}`;
}

function itemNames(gs: readonly IRScoreGroup[]): string[] {
  return gs.flatMap((g) => [...g.items.map((i) => i.name), ...itemNames(g.groups)]);
}

export function bindScoreCheck(e: ScoreExpectation, ir: PlanIR, group: { kind: string } | null): ScoreCheck {
  const schemes = ir.schemes ?? [];
  const s = schemes.find((x) => x.name === e.scheme.text);
  if (!s) {
    const hint = closest(
      e.scheme.text,
      schemes.map((x) => x.name),
    );
    fail(
      e.scheme.loc,
      `计划中没有考核“${e.scheme.text}”${hint ? `（是否应为“${hint}”？）` : ''}`,
      `the plan has no scoring scheme "${e.scheme.text}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
    );
  }
  const scope = { court: ['法院', 'court'], handler: ['承办人', 'handler'], team: ['团队', 'team'] }[s.scope];
  if (!group || group.kind !== s.scope)
    fail(
      e.scheme.loc,
      `考核 ${s.name} 按${scope[0]}计分：请写 ${s.scope}:`,
      `scheme ${s.name} scores each ${scope[1]}: give ${s.scope}:`,
    );
  if (e.item && !itemNames(s.groups).includes(e.item.text)) {
    const hint = closest(e.item.text, itemNames(s.groups));
    fail(
      e.item.loc,
      `考核 ${s.name} 没有项目“${e.item.text}”${hint ? `（是否应为“${hint}”？）` : ''}`,
      `scheme ${s.name} has no item "${e.item.text}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
    );
  }
  return {
    kind: 'score',
    scheme: s.name,
    item: e.item?.text ?? null,
    total: e.total?.value ?? null,
    rank: e.rank?.value ?? null,
    points: e.points?.value ?? null,
  };
}

function findItem(gs: readonly GroupScore[], name: string): ItemScore | null {
  for (const g of gs) {
    const hit = g.items.find((i) => i.name === name) ?? findItem(g.groups, name);
    if (hit) return hit;
  }
  return null;
}

/** Scores are rounded by the scheme, so they compare exactly (to a hair of float error). */
export function checkScore(
  c: ScoreCheck,
  group: string,
  r: PlanReport,
): { ok: boolean; expected: string; actual: string } {
  const s = r.scores?.find((x) => x.scheme === c.scheme);
  const row = s?.rows.find((x) => x.group === group);
  const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  const exp: string[] = [],
    act: string[] = [];
  let ok = !!row;
  if (c.total !== null) {
    exp.push(`total ${pointsText(c.total)}`);
    act.push(`total ${row ? pointsText(row.total) : '—'}`);
    ok &&= !!row && same(row.total, c.total);
  }
  if (c.rank !== null) {
    exp.push(`rank ${c.rank}`);
    act.push(`rank ${row?.rank ?? '—'}`);
    ok &&= row?.rank === c.rank;
  }
  if (c.item !== null && c.points !== null) {
    const it = row ? findItem(row.groups, c.item) : null;
    exp.push(`${c.item} ${pointsText(c.points)}`);
    act.push(it ? `${c.item} ${pointsText(it.earned)} (${it.explanation.en})` : `${c.item} —`);
    ok &&= !!it && same(it.earned, c.points);
  }
  return {
    ok,
    expected: exp.join('; '),
    actual: row ? act.join('; ') : `没有 ${group} 的得分 / no scores for ${group}`,
  };
}
