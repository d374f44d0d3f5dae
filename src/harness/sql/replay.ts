// A replay with its per-point sums computed by a database (`replay --engine duckdb`, `--db URL`): each
// window's points run as one query per domain (engine/sql/series.ts) and the replay's own assembly makes the
// result — the same result as the memory engine's. The cases are either copied into the canonical tables
// (`replayOnDatabase`: the memory engine's store, as with --data) or read where they are (`replayInPlace`:
// the session's views over a database validated in place, harness/sql/inplace.ts — no case read into Node).
import { compilerFor } from '../../engine/eval/jobs.js';
import { prepareReplay, windowJobPass, type PreparedReplay, type ReplayInput } from '../../engine/replay/replay.js';
import type { ReplayResult } from '../../engine/replay/types.js';
import { canonicalRows } from '../../engine/sql/load.js';
import { runReplayWindows } from '../../engine/sql/series.js';
import { createSchema, type SqlDatabase } from './database.js';
import { withEngine, type Engine } from './evaluate.js';
import { countedIdentity, inPlaceErrors, planViews } from './inplace.js';

export async function replayOnDatabase(
  input: ReplayInput,
  db: SqlDatabase,
): Promise<ReplayResult & { method: string }> {
  const prepared = prepareReplay({ ...input, execute: false });
  await createSchema(db);
  for (const t of canonicalRows(prepared.store, prepared.staffing)) await db.load(t);
  return prepared.assemble(await replayWindows(input, prepared, db));
}

/**
 * A replay in place, over a database validated by `validateInPlace` in this session: `input.store` is its
 * skeleton (one case per group), which names the groups the SQL rows add into; the court identity's counts
 * are the whole table's (`perCourt`). `onProgress`: windows done of all. `option` names the source in messages.
 */
export async function replayInPlace(
  db: SqlDatabase,
  src: string,
  input: ReplayInput,
  perCourt: Map<string, number>,
  option = '--db',
): Promise<ReplayResult & { method: string }> {
  return inPlaceErrors(db, option, async () => {
    await planViews(db, src, input.ir, input.courts ?? {}, perCourt);
    const prepared = prepareReplay({ ...input, execute: false });
    for (const t of canonicalRows(prepared.store, prepared.staffing)) if (t.table === 'staffing') await db.load(t);
    const result = prepared.assemble(await replayWindows(input, prepared, db));
    if (result.courtIdentity) result.courtIdentity = countedIdentity(result.courtIdentity, perCourt);
    return result;
  });
}

/** Every window's per-point sums, by the database over its `cases`, `events` and `staffing`. */
async function replayWindows(input: ReplayInput, prepared: PreparedReplay, db: SqlDatabase) {
  const { store, staffing } = prepared;
  // Which windows the memory engine follows incrementally: asked of its own pass, which then runs no case.
  const compiler = compilerFor(input.ir, store, input.addWorkdays, input.functions);
  const run = () =>
    runReplayWindows(
      db,
      input.ir,
      db.dialect,
      prepared.windowJobs,
      store,
      (job) => windowJobPass(input.ir, store, job, staffing, compiler).sums().exhaustive,
      input.onProgress,
    );
  return input.metrics ? input.metrics.timeAsync('replay windows', run) : run();
}

export function replayOnEngine(
  input: ReplayInput,
  engine: Exclude<Engine, { kind: 'memory' }>,
): Promise<ReplayResult & { method: string }> {
  return withEngine(engine, (db) => replayOnDatabase(input, db));
}
