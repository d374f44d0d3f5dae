// Scores for people: a ranked table per scheme and each court's (handler's, team's) breakdown down to
// every item's value, rule and points, in text and Markdown. The explanations are the ones scoring wrote.
import type { Lang } from '../report/diagnostics-format.js';
import type { PlanReport } from '../report/model.js';
import { table } from '../report/text-table.js';
import { scopeText } from '../report/basis.js';
import { pointsText } from './check.js';
import type { GroupScore, SchemeScores, ScoreRow } from './types.js';
import type { ReplayResult } from '../replay/types.js';
import type { ReplayScores } from './types.js';

const pts = (v: number, lang: Lang): string => (lang === 'zh' ? `${pointsText(v)}分` : `${pointsText(v)}`);

function groupLabel(g: GroupScore, lang: Lang): string {
  return (
    g.title ?? g.name ?? (g.bonus ? (lang === 'zh' ? '加分项' : 'bonus') : lang === 'zh' ? '其他项目' : 'other items')
  );
}

/** "考核 宁波考核 “执行工作考核” 每个法院 满分 100分（保留 2 位小数）" */
export function schemeHeading(s: SchemeScores, lang: Lang): string {
  const zh = lang === 'zh';
  const title = s.title ? (zh ? ` “${s.title}”` : ` "${s.title}"`) : '';
  const total = s.total === null ? '' : zh ? ` 满分 ${pts(s.total, lang)}` : `, ${pointsText(s.total)} points in full`;
  return zh
    ? `考核 ${s.scheme}${title} ${scopeText(s.scope, lang)}${total}（保留 ${s.decimals} 位小数）`
    : `Scoring ${s.scheme}${title}, ${scopeText(s.scope, lang)}${total} (rounded to ${s.decimals} decimals)`;
}

function rowName(r: ScoreRow): string {
  return r.name ?? r.group;
}

/** The ranked table: rank, court, total and each top-level group's subtotal. */
export function rankingRows(s: SchemeScores, lang: Lang): string[][] {
  const zh = lang === 'zh';
  const first = s.rows[0];
  const head = [
    zh ? '名次' : 'rank',
    scopeNounHead(s, lang),
    zh ? '总分' : 'total',
    ...(first ? first.groups.map((g) => `${groupLabel(g, lang)}（${pts(g.points, lang)}）`) : []),
  ];
  if (!zh)
    head.splice(
      3,
      head.length - 3,
      ...(first ? first.groups.map((g) => `${groupLabel(g, lang)} (${pointsText(g.points)})`) : []),
    );
  return [
    head,
    ...s.rows.map((r) => [
      String(r.rank),
      rowName(r),
      pointsText(r.total),
      ...r.groups.map((g) => pointsText(g.subtotal)),
    ]),
  ];
}

function scopeNounHead(s: SchemeScores, lang: Lang): string {
  const zh = lang === 'zh';
  return s.scope === 'court'
    ? zh
      ? '法院'
      : 'court'
    : s.scope === 'handler'
      ? zh
        ? '承办人'
        : 'handler'
      : zh
        ? '团队'
        : 'team';
}

/** One row's breakdown: each group with its subtotal, each item with its explanation. */
export function breakdownLines(r: ScoreRow, lang: Lang): string[] {
  const zh = lang === 'zh';
  const out: string[] = [
    zh
      ? `${rowName(r)} ${pts(r.total, lang)}（第 ${r.rank} 名）`
      : `${rowName(r)} ${pointsText(r.total)} points (rank ${r.rank})`,
  ];
  const group = (g: GroupScore, depth: number): void => {
    const ind = '  '.repeat(depth);
    const capped = g.capped ? (zh ? '（已按分组分值封顶）' : " (capped at the group's points)") : '';
    out.push(
      zh
        ? `${ind}${groupLabel(g, lang)}（${pts(g.points, lang)}）：${pts(g.subtotal, lang)}${capped}`
        : `${ind}${groupLabel(g, lang)} (${pointsText(g.points)}): ${pointsText(g.subtotal)}${capped}`,
    );
    for (const it of g.items) {
      const label = it.title ?? it.name;
      out.push(
        zh
          ? `${ind}  ${label}（${pts(it.points, lang)}）：${pts(it.earned, lang)}　${it.explanation.zh}`
          : `${ind}  ${label} (${pointsText(it.points)}): ${pointsText(it.earned)}  ${it.explanation.en}`,
      );
    }
    for (const x of g.groups) group(x, depth + 1);
  };
  for (const g of r.groups) group(g, 1);
  return out;
}

/** The scores section of the text report (empty when the plan has no scheme). */
export function scoresText(r: PlanReport, lang: Lang): string[] {
  const out: string[] = [];
  for (const s of r.scores ?? []) {
    out.push('', schemeHeading(s, lang), table(rankingRows(s, lang)));
    for (const row of s.rows) out.push('', ...breakdownLines(row, lang));
  }
  return out;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** The scores section of the Markdown report: a ranked table, then each row's breakdown as a nested list. */
export function scoresMarkdown(r: PlanReport, lang: Lang): string[] {
  const out: string[] = [];
  for (const s of r.scores ?? []) {
    const rows = rankingRows(s, lang);
    out.push(
      '',
      `## ${cell(schemeHeading(s, lang))}`,
      '',
      `| ${rows[0]!.map(cell).join(' | ')} |`,
      `|${rows[0]!.map((_, k) => (k === 1 ? '---' : '---:')).join('|')}|`,
    );
    for (const row of rows.slice(1)) out.push(`| ${row.map(cell).join(' | ')} |`);
    for (const row of s.rows) {
      const [head, ...rest] = breakdownLines(row, lang);
      out.push(
        '',
        `### ${cell(head!)}`,
        '',
        ...rest.map((l) => {
          const depth = l.length - l.trimStart().length;
          return `${' '.repeat(depth - 2)}- ${l.trim()}`;
        }),
      );
    }
  }
  return out;
}

/** A replay's scores: per scheme, each court's total and rank at the first and last step, best last first. */
export function replayScoreRows(s: ReplayScores, lang: Lang): string[][] {
  const zh = lang === 'zh';
  const rows = Object.entries(s.courts).map(([group, c]) => ({
    name: c.name ?? group,
    first: c.totals[0] ?? 0,
    last: c.totals[c.totals.length - 1] ?? 0,
    r0: c.ranks[0] ?? 0,
    r1: c.ranks[c.ranks.length - 1] ?? 0,
  }));
  rows.sort((a, b) => a.r1 - b.r1 || (a.name < b.name ? -1 : 1));
  return [
    [
      zh ? '名次' : 'rank',
      zh ? '法院' : 'court',
      zh ? '起始总分' : 'first total',
      zh ? '最终总分' : 'last total',
      zh ? '名次变化' : 'rank change',
    ],
    ...rows.map((x) => [String(x.r1), x.name, pointsText(x.first), pointsText(x.last), `${x.r0} → ${x.r1}`]),
  ];
}

/** The scores section of a replay's text summary. */
export function replayScoresText(r: ReplayResult, lang: Lang): string[] {
  const out: string[] = [];
  for (const s of r.scores ?? []) {
    out.push('', schemeHeading({ ...s, rows: [] }, lang), table(replayScoreRows(s, lang)));
  }
  return out;
}
