// A replay with its per-point sums computed by a database (`replay --engine duckdb`, `--db URL`): the cases
// the memory engine would replay (validated, court-identified) go into the canonical tables, each window's
// points run as one query per domain (engine/sql/series.ts), and the replay's own assembly makes the result
// — the same result as the memory engine's.
import { compilerFor } from '../../engine/eval/jobs.js';
import { prepareReplay, windowJobPass, type ReplayInput } from '../../engine/replay/replay.js';
import type { ReplayResult } from '../../engine/replay/types.js';
import { canonicalRows } from '../../engine/sql/load.js';
import { runReplayWindows } from '../../engine/sql/series.js';
import { createSchema, type SqlDatabase } from './database.js';
import { withEngine, type Engine } from './evaluate.js';

export async function replayOnDatabase(
  input: ReplayInput,
  db: SqlDatabase,
): Promise<ReplayResult & { method: string }> {
  const prepared = prepareReplay({ ...input, execute: false });
  const { store, staffing } = prepared;
  await createSchema(db);
  for (const t of canonicalRows(store, staffing)) await db.load(t);
  // Which windows the memory engine follows incrementally: asked of its own pass, which then runs no case.
  const compiler = compilerFor(input.ir, store, input.addWorkdays, input.functions);
  const sums = await runReplayWindows(
    db,
    input.ir,
    db.dialect,
    prepared.windowJobs,
    store,
    (job) => windowJobPass(input.ir, store, job, staffing, compiler).sums().exhaustive,
  );
  return prepared.assemble(sums);
}

export function replayOnEngine(
  input: ReplayInput,
  engine: Exclude<Engine, { kind: 'memory' }>,
): Promise<ReplayResult & { method: string }> {
  return withEngine(engine, (db) => replayOnDatabase(input, db));
}
