// `check --db URL` without --data: the plan computed by SQL over the database's own canonical tables, in
// place — no case is copied into Node or into another table. What Node holds is small: the rows the SQL
// validation picks as suspect (read and validated by the file loaders themselves: engine/sql/inplace.ts),
// the first case of each (court, handler, team) — so the store's group names and their order are those the
// memory engine would have — progress reports and staffing. Figures and rule verdicts come from SQL over
// the session's temporary views (engine/sql/inplace.ts), the report from the evaluator's own assembly.
import { evaluatePlanWith, type EvaluateInput } from '../../engine/eval/evaluate.js';
import { courtResolver, coveredCourts, type CourtIdentity, type CourtOptions } from '../../engine/data/identity.js';
import type { PlanIR } from '../../engine/ir/types.js';
import type { PlanReport } from '../../engine/report/model.js';
import { canonicalRows } from '../../engine/sql/load.js';
import { runPlanJobs, SqlUnsupported } from '../../engine/sql/run.js';
import { schemaDDL } from '../../engine/sql/schema.js';
import { sqlString } from '../../engine/sql/dialect.js';
import {
  IN_PLACE_TABLES,
  casesPerCourt,
  dataSpan,
  firstOfEachGroup,
  inPlaceViews,
  suspectTable,
  UNIQUE_IDS,
} from '../../engine/sql/inplace.js';
import { parseIsoDay, type Day } from '../../engine/time/calendar.js';
import { ReplayError } from '../../engine/replay/replay.js';
import { loadCaseSource } from '../loaders/index.js';
import type { LoadedCases } from '../loaders/types.js';
import { UsageError } from '../io.js';
import type { SqlDatabase } from './database.js';
import { databaseCases } from './source.js';
import type { Metrics } from '../../engine/pipeline/metrics.js';
import { readValidation, validationStamps, writeValidation, type ValidationCache } from './validation-cache.js';

/** Where the canonical tables are: the session's current schema (a DuckDB file's is quoted with its catalog). */
export async function sourceSchema(db: SqlDatabase): Promise<string> {
  if (db.dialect.name === 'duckdb') {
    const [[cat, schema]] = (await db.query('SELECT current_database(), current_schema()')) as [[string, string]];
    return `"${cat.replaceAll('"', '""')}"."${schema.replaceAll('"', '""')}".`;
  }
  const [[schema]] = (await db.query('SELECT current_schema()')) as [[string]];
  return `"${schema.replaceAll('"', '""')}".`;
}

/** DuckDB's memory in place. */
export const DUCKDB_MEMORY = '2GB';

/** The cases of a database validated in place: counts and problems as the loaders give them, the group skeleton as a store. */
export interface InPlaceCases {
  /** `store`: the first accepted case of each (court, handler, team), in cid order; stats and problems of the whole table. */
  loaded: LoadedCases;
  /** Accepted cases per court as the data names it. */
  perCourt: Map<string, number>;
}

/**
 * Validates the cases in place: the suspect rows read and validated by the loaders (their problems listed
 * under `name`, line = the row's place in cid order), the rejected ones recorded in `luoshi_rejected`, every
 * other row accepted as it stands. `cache`: a DuckDB file's result kept and read back while its bytes are
 * the same (./validation-cache.ts); `metrics`: the time of a validation that runs (stage `validate`).
 */
export async function validateInPlace(
  db: SqlDatabase,
  src: string,
  name: string,
  opts: { cache?: ValidationCache | undefined; metrics?: Metrics | undefined } = {},
): Promise<InPlaceCases> {
  // DuckDB's buffer pool takes 80% of the machine by default: in place it is held to DUCKDB_MEMORY (it
  // spills to the database file's temporary folder beyond that).
  if (db.dialect.name === 'duckdb') await db.exec(`SET memory_limit = ${sqlString(DUCKDB_MEMORY)}`);
  const { cache, metrics } = opts;
  const kept = cache ? await readValidation(cache, name, src) : null;
  if (kept) {
    for (const s of IN_PLACE_TABLES) await db.exec(s);
    await rejectCases(db, kept.extra.rejected);
    return { loaded: kept.loaded, perCourt: new Map(kept.extra.perCourt) };
  }
  const before = cache ? validationStamps(cache, name, src) : [];
  const validate = () => validateNow(db, src, name);
  const { out, rejected } = await (metrics ? metrics.timeAsync('validate', validate) : validate());
  if (cache) await writeValidation(cache, name, src, out.loaded, { rejected, perCourt: [...out.perCourt] }, before);
  return out;
}

/** Records rejected cases in `luoshi_rejected`, a thousand a statement. */
async function rejectCases(db: SqlDatabase, rejected: readonly number[]): Promise<void> {
  for (let k = 0; k < rejected.length; k += 1000)
    await db.exec(
      `INSERT INTO luoshi_rejected VALUES ${rejected
        .slice(k, k + 1000)
        .map((c) => `(${c})`)
        .join(', ')}`,
    );
}

async function validateNow(
  db: SqlDatabase,
  src: string,
  name: string,
): Promise<{ out: InPlaceCases; rejected: number[] }> {
  const uniqueIds = (await db.query(UNIQUE_IDS)).length > 0;
  for (const s of [...IN_PLACE_TABLES, ...suspectTable(db.dialect, src, uniqueIds)]) await db.exec(s);
  const suspects = await loadCaseSource(name, databaseCases(db, { src, pick: 'luoshi_suspect' }));
  const accepted = new Set(Array.from(suspects.origins.line));
  const rejected = (await db.query('SELECT cid, line FROM luoshi_suspect ORDER BY cid'))
    .filter((r) => !accepted.has(Number(r[1])))
    .map((r) => Number(r[0]));
  await rejectCases(db, rejected);
  const [[total]] = (await db.query(`SELECT COUNT(*) FROM ${src}cases`)) as [[unknown]];
  const read = Number(total);
  const extra = read - suspects.stats.read; // rows no check could fault: accepted as they are
  const { groups, perCourt } = await groupSkeleton(db, src, name);
  const stats = {
    ...suspects.stats,
    read,
    accepted: suspects.stats.accepted + extra,
    files: suspects.stats.files.map((f) => ({ ...f, read: f.read + extra, accepted: f.accepted + extra })),
  };
  return { out: { loaded: { ...groups, stats, problems: suspects.problems }, perCourt }, rejected };
}

/** The first accepted case of each (court, handler, team) as a store, and the accepted cases per court, of a validated session. */
export async function groupSkeleton(
  db: SqlDatabase,
  src: string,
  name: string,
): Promise<{ groups: LoadedCases; perCourt: Map<string, number> }> {
  await db.exec(firstOfEachGroup(src));
  const groups = await loadCaseSource(name, databaseCases(db, { src, pick: 'luoshi_groups' }));
  const perCourt = new Map((await db.query(casesPerCourt(src))).map((r) => [String(r[0]), Number(r[1])]));
  return { groups, perCourt };
}

/** The court map of the views: each court name in the data → the name the plan counts it under (absent: left out). */
function courtMap(ir: PlanIR, names: Iterable<string>, opts: CourtOptions): Array<[string, string]> {
  const resolve = courtResolver(ir, opts);
  const covered = new Set(coveredCourts(ir));
  const bound = covered.size > 0;
  const keep = !bound || opts.unmatched === 'include';
  const out: Array<[string, string]> = [];
  for (const raw of names) {
    const full = resolve(raw);
    const matched = full !== null && (!bound || covered.has(full));
    if (matched) out.push([raw, full]);
    else if (keep) out.push([raw, raw]);
  }
  return out;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Court identity with the whole table's case counts (the store it was made from holds one case per group). */
export function countedIdentity(id: CourtIdentity, perCourt: Map<string, number>): CourtIdentity {
  const n = (name: string) => perCourt.get(name) ?? 0;
  const unmatched = id.unmatched
    .map((u) => ({ ...u, cases: n(u.name) }))
    .sort((a, b) => b.cases - a.cases || cmp(a.name, b.name));
  return {
    ...id,
    renamed: id.renamed
      .map((r) => ({ ...r, cases: n(r.from) }))
      .sort((a, b) => b.cases - a.cases || cmp(a.from, b.from)),
    unmatched,
    excluded: id.excluded > 0 ? unmatched.reduce((s, u) => s + u.cases, 0) : 0,
  };
}

/** Sessions that hold a plan's views already. */
const viewsMade = new WeakSet<SqlDatabase>();

/** The session's views for one plan (each plan names its own courts): the views of a previous plan give way. */
export async function planViews(
  db: SqlDatabase,
  src: string,
  ir: PlanIR,
  courts: CourtOptions,
  perCourt: Map<string, number>,
): Promise<void> {
  if (viewsMade.has(db)) {
    for (const v of ['cases', 'case_tags', 'events']) await db.exec(`DROP VIEW ${v}`);
    await db.exec('DROP TABLE staffing');
    await db.exec('DELETE FROM luoshi_courts');
  }
  viewsMade.add(db);
  const map = courtMap(ir, perCourt.keys(), courts);
  if (map.length)
    await db.exec(
      `INSERT INTO luoshi_courts VALUES ${map.map(([a, b]) => `(${sqlString(a)}, ${sqlString(b)})`).join(', ')}`,
    );
  for (const s of inPlaceViews(src)) await db.exec(s);
  await db.exec(schemaDDL(db.dialect, true).find((s) => / staffing /.test(s))!);
}

/** One plan's evaluation in place, over a database validated by `validateInPlace` in this session; `option` names the source in messages. */
export async function evaluateInPlace(
  db: SqlDatabase,
  src: string,
  input: EvaluateInput,
  perCourt: Map<string, number>,
  option = '--db',
): Promise<PlanReport> {
  return inPlaceErrors(db, option, async () => {
    await planViews(db, src, input.ir, input.courts ?? {}, perCourt);
    const report = await evaluatePlanWith(input, async (jobs, staffing, store) => {
      for (const t of canonicalRows(store, staffing)) if (t.table === 'staffing') await db.load(t);
      return runPlanJobs(db, input.ir, db.dialect, jobs, store);
    });
    if (report.courtIdentity) report.courtIdentity = countedIdentity(report.courtIdentity, perCourt);
    return report;
  });
}

/** Runs `f` in place: a construct SQL cannot express, or a database error, is a usage error (exit 2, one line). */
export async function inPlaceErrors<T>(db: SqlDatabase, option: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof SqlUnsupported) throw new UsageError(`${option}: ${e.located()}`);
    if (e instanceof UsageError || e instanceof ReplayError) throw e;
    throw new UsageError(`${db.dialect.name} 执行失败 / failed: ${(e as Error).message}`);
  }
}

/** The span of dates the accepted cases speak about (first filing … last filing, closure or event); null: no case. */
export async function spanInPlace(db: SqlDatabase, src: string): Promise<{ first: Day; last: Day } | null> {
  const [row] = await db.query(dataSpan(src));
  const days = (row ?? []).map((v) => (v === null || v === undefined ? null : parseIsoDay(String(v))));
  const [first, ...rest] = days;
  if (first === null || first === undefined) return null;
  return { first, last: Math.max(...rest.filter((d): d is Day => d !== null)) };
}
