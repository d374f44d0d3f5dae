// `luoshi gen --out duckdb:FILE`: the generated cases straight into a new DuckDB database file in luoshi's
// canonical schema (engine/sql/schema.ts), appended in batches through DuckDB's appender with a progress
// bar — so the national data set (~20 M cases, ~200 M events) never exists as NDJSON. The tables carry no
// keys or indexes (DuckDB's analytic scans do not use them, and an index over 10^8 events costs gigabytes);
// a run that fails leaves no file behind.
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CaseRecord } from '../../engine/data/record.js';
import { DIALECTS } from '../../engine/sql/dialect.js';
import { RecordRows } from '../../engine/sql/record-rows.js';
import { schemaDDL } from '../../engine/sql/schema.js';
import { openDuckDB } from '../sql/database.js';
import { UsageError, type CliIO } from '../io.js';

/** Cases appended at a time (about ten events each). */
const BATCH = 50_000;

/** The canonical tables for a bulk load: the same columns, no keys, no indexes. */
export function bulkSchema(): string[] {
  return schemaDDL(DIALECTS.duckdb)
    .filter((s) => !s.startsWith('CREATE INDEX'))
    .map((s) => s.replace(/ PRIMARY KEY| NOT NULL UNIQUE/g, (m) => (m === ' PRIMARY KEY' ? '' : ' NOT NULL')));
}

export async function writeDuckDB(
  path: string,
  cases: Iterable<CaseRecord>,
  total: number,
  io: CliIO,
): Promise<number> {
  const file = resolve(io.cwd, path);
  if (existsSync(file))
    throw new UsageError(`${path} 已存在，不覆盖 / ${path} already exists and is not overwritten (remove it first)`);
  const db = await openDuckDB(file);
  let n = 0;
  const bar = total >= 50_000 ? (io.progress?.('生成案件 / generating cases', total, 'cases') ?? null) : null;
  try {
    for (const s of bulkSchema()) await db.exec(s);
    const rows = new RecordRows();
    const flush = async () => {
      for (const t of rows.take()) if (t.count) await db.load(t);
    };
    for (const c of cases) {
      rows.add(c);
      n++;
      if (rows.size === BATCH) {
        await flush();
        bar?.update(n);
      }
    }
    await flush();
    bar?.update(n);
    await db.exec('CHECKPOINT');
  } catch (e) {
    bar?.stop();
    await db.close();
    rmSync(file, { force: true });
    rmSync(`${file}.wal`, { force: true });
    throw e;
  }
  bar?.stop();
  await db.close();
  return n;
}
