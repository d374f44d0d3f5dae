// What a CI gate needs from the data half of a run: exit 2 when the data could not be used at all (a
// file that cannot be read, no record accepted), exit 1 when more records were left out than the
// rejection budget allows. Left out = rejected by the loaders + cases of courts the plan does not cover.
import type { DataProblem } from '../../engine/data/problems.js';
import type { DataSource } from '../../engine/report/model.js';
import type { Lang } from '../../engine/lang.js';
import type { LoadStats } from '../loaders/index.js';
import { UsageError } from '../io.js';

/** At most `count` records, or at most `percent` % of the records read. */
export type Budget = { count: number; text: string } | { percent: number; text: string };

/** The default: nothing left out. A record left out is a case missing from every figure, so a green
 *  build must mean every case was counted; a team that accepts some loss says how much. */
export const DEFAULT_BUDGET: Budget = { count: 0, text: '0' };

/** `--max-rejected N` or `P%` (also `maxRejected` in luoshi.config.yaml). */
export function parseBudget(v: string | number, where = '--max-rejected'): Budget {
  const s = String(v).trim();
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(s);
  if (pct) {
    const percent = Number(pct[1]);
    if (percent <= 100) return { percent, text: s };
  } else if (/^\d+$/.test(s)) return { count: Number(s), text: s };
  throw new UsageError(
    `${where} 应为非负整数或百分比（如 10 或 1%）/ ${where} must be a whole number or a percentage (e.g. 10 or 1%), not "${s}"`,
  );
}

export interface Loaded {
  stats: LoadStats;
  problems: readonly DataProblem[];
}

/** A file that cannot be read at all: missing or unreadable, too large for its format. */
const UNREADABLE = new Set(['D0001', 'D0002']);
/** Not in its format, or a type no importer reads: unreadable when not one record came out of it. */
const NOT_ITS_FORMAT = new Set(['D0003', 'D0005']);

/** Why the data cannot be used (exit 2): a file of any kind that cannot be read or of which no record
 *  was accepted, or no case at all. */
export function dataGate(cases: Loaded, others: ReadonlyArray<Loaded | null>, lang: Lang): string | null {
  const unreadable = new Set<string>(),
    useless: string[] = [];
  for (const c of [cases, ...others]) {
    if (!c) continue;
    const empty = new Set(c.stats.files.filter((f) => f.read === 0).map((f) => f.file));
    for (const p of c.problems)
      if (p.severity === 'error' && (UNREADABLE.has(p.code) || (NOT_ITS_FORMAT.has(p.code) && empty.has(p.file))))
        unreadable.add(p.file);
    for (const f of c.stats.files)
      if (f.read > 0 && f.accepted === 0 && !unreadable.has(f.file)) useless.push(`${f.file} (${f.read})`);
  }
  if (unreadable.size > 0) {
    const files = [...unreadable].join(', ');
    return lang === 'zh' ? `无法读取数据文件：${files}（退出码 2）` : `cannot read the data file(s): ${files} (exit 2)`;
  }
  if (cases.stats.accepted === 0) {
    const read = cases.stats.read;
    return lang === 'zh'
      ? `没有接受任何案件记录（读取 ${read} 条，全部拒收；退出码 2）`
      : `no case record was accepted (${read} read, all rejected; exit 2)`;
  }
  if (useless.length > 0) {
    return lang === 'zh'
      ? `数据文件的记录全部拒收：${useless.join(', ')}（退出码 2）`
      : `every record of the data file(s) was rejected: ${useless.join(', ')} (exit 2)`;
  }
  return null;
}

/** The line that fails the run when more records were left out than the budget allows (exit 1), or null. */
export function budgetGate(
  budget: Budget,
  read: number,
  rejected: number,
  unmatched: number,
  lang: Lang,
): string | null {
  const out = rejected + unmatched;
  const allowed = 'count' in budget ? budget.count : (budget.percent / 100) * read;
  if (out <= allowed) return null;
  const share = read > 0 ? ` (${((out / read) * 100).toFixed(2)}%)` : '';
  return lang === 'zh'
    ? `数据未通过拒收预算：${out} 条记录未计入${share}（拒收 ${rejected}，法院不在本方案中 ${unmatched}），超过 --max-rejected ${budget.text}`
    : `the data is over the rejection budget: ${out} records left out${share} (${rejected} rejected, ${unmatched} of courts not in the plan), more than --max-rejected ${budget.text}`;
}

/** The data sources of a report: every file read, with its counts. */
export function dataSources(parts: Array<{ kind: DataSource['kind']; stats: LoadStats } | null>): DataSource[] {
  const out: DataSource[] = [];
  for (const p of parts) {
    if (!p) continue;
    for (const f of p.stats.files)
      out.push({
        file: f.file,
        kind: p.kind,
        format: f.format,
        read: f.read,
        accepted: f.accepted,
        rejected: f.rejected,
      });
  }
  return out;
}
