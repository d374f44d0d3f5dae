// The case keys of a court's own tables checked at every run over the views of `luoshi db map` (docs/sql.md,
// "A court's own tables"): `db map` names the rows whose key fails when it runs, but rows written after it
// would go unseen. One query reads the view `key_check` (src/engine/sql/mapping-views.ts keyCheckView: one
// aggregate per mapped table) — a text case key with no number, or a key two cases share, stops the run
// (exit 2: `db map` again); orphan tags and events are rejected records, as the file loaders count theirs.
import type { DataProblem } from '../../engine/data/problems.js';
import type { Lang } from '../../engine/report/diagnostics-format.js';
import { KEY_CHECK } from '../../engine/sql/mapping-views.js';
import type { LoadStats } from '../loaders/types.js';
import { UsageError } from '../io.js';
import type { SqlDatabase } from './database.js';

/** What the run learned of the keys: problems to list and the rows they leave out. */
export interface KeyCheck {
  problems: DataProblem[];
  /** Tag and event rows whose case key is no case's: in no figure (the events join their case). */
  rejected: number;
}

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Reads `schema.key_check`; `where` names the database in messages (password hidden). */
export async function checkKeys(db: SqlDatabase, schema: string, where: string, lang: Lang): Promise<KeyCheck> {
  let rows: unknown[][];
  try {
    rows = await db.query(
      `SELECT canonical_table, court_table, bad_keys, bad_rows, example, unnumbered, unnumbered_example FROM ${schema}.${KEY_CHECK} ORDER BY k`,
    );
  } catch (e) {
    throw new UsageError(
      `${where}：没有 ${schema}.${KEY_CHECK}，请重新运行 luoshi db map / ${where}: no ${schema}.${KEY_CHECK}: run luoshi db map again (${(e as Error).message.split('\n')[0]})`,
    );
  }
  const problems: DataProblem[] = [];
  let rejected = 0;
  const cases = String(rows.find((r) => r[0] === 'cases')?.[1] ?? 'cases');
  for (const [canonical, table, keys, bad, example, unnumbered, newKey] of rows) {
    if (n(unnumbered) > 0)
      throw new UsageError(
        lang === 'zh'
          ? `${table} 有 ${n(unnumbered)} 个案件键在 luoshi db map 之后新增、尚未编号（如 "${String(newKey)}"）：请重新运行 luoshi db map`
          : `${table} has ${n(unnumbered)} case key(s) added since luoshi db map, with no number yet (e.g. "${String(newKey)}"): run luoshi db map again`,
      );
    if (n(bad) === 0) continue;
    // A key two cases share is no key: which case a tag or event is would be a guess, so the run stops.
    if (canonical === 'cases')
      throw new UsageError(
        lang === 'zh'
          ? `${table} 有 ${n(keys)} 个案件键各属不止一个案件（共 ${n(bad)} 行，如 "${String(example)}"）：案件键须唯一，请修正数据或映射后重新运行 luoshi db map`
          : `${table} has ${n(keys)} case key(s) that are each more than one case (${n(bad)} rows, e.g. "${String(example)}"): a case key must be unique; correct the data or the mapping and run luoshi db map again`,
      );
    rejected += n(bad);
    problems.push({
      severity: 'error',
      code: 'D0123',
      field: 'cid',
      file: `${where}#${String(table)}`,
      line: 0,
      message: `${n(bad)} 行的案件键在 ${cases} 中没有案件（${n(keys)} 个键，如 "${String(example)}"），未计入`,
      messageEn: `${n(bad)} row(s) whose case key is no case of ${cases} (${n(keys)} key(s), e.g. "${String(example)}"): left out`,
    });
  }
  return { problems, rejected };
}

/**
 * A load of the cases with the key check's findings in it (none: as it is): its problems listed first, its
 * rejected rows counted as read and rejected (a row read, then left out).
 */
export function withKeyCheck<T extends { stats: LoadStats; problems: DataProblem[] }>(c: T, k: KeyCheck | null): T {
  if (!k) return c;
  const problems = [...k.problems, ...c.problems];
  if (!k.rejected) return { ...c, problems };
  const { stats } = c;
  const [first, ...rest] = stats.files;
  return {
    ...c,
    problems,
    stats: {
      ...stats,
      read: stats.read + k.rejected,
      rejected: stats.rejected + k.rejected,
      files: first ? [{ ...first, read: first.read + k.rejected, rejected: first.rejected + k.rejected }, ...rest] : [],
    },
  };
}
