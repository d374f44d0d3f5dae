// `luoshi db init|load`: the canonical schema (docs/sql.md) in a court's database, and case files loaded into
// it with the file loaders' validation, rejections and counts. A load is one transaction: a rejection budget
// exceeded, a duplicate 案号 or any database error leaves the database as it was.
import { parseArgs } from 'node:util';
import { problemLine } from '../../engine/data/problem-digest.js';
import type { ProgressReport } from '../../engine/data/record.js';
import { canonicalRows, type TableRows } from '../../engine/sql/load.js';
import { storeFromRecords } from '../../engine/data/store.js';
import { schemaDDL, TABLES } from '../../engine/sql/schema.js';
import { staffingRow } from '../../engine/eval/plan-jobs.js';
import { parseIsoDay } from '../../engine/time/calendar.js';
import { loadProgress, loadStaffing, type LoadedCases } from '../loaders/index.js';
import { CHUNK_BYTES, streamCases } from '../loaders/stream.js';
import type { DataProblem } from '../../engine/data/problems.js';
import { EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK, UsageError, type CliIO } from '../io.js';
import { existingDuckDBFile, openDatabaseUrl, RolledBack, safeUrl, transaction } from '../sql/database.js';
import { tablesPresent } from '../sql/source.js';
import { budgetGate, DEFAULT_BUDGET, parseBudget } from './gate.js';
import { lang } from './check.js';
import { dbMapCommand } from './db-map.js';
import { BAR_FROM, type ProgressFactory } from '../progress.js';

export const DB_HELP = `luoshi db init --db URL
luoshi db load FILE… --db URL [--progress PATH] [--staffing PATH] [--max-rejected N|P%] [--chunk-mb N]
luoshi db map [--db URL] [--config FILE] [--schema NAME] [--print]   (luoshi db map --help)

  init   creates the canonical tables (cases, case_tags, events, progress, staffing; docs/sql.md) in a
         database that has none of them
  map    makes views with the canonical tables' names over a court system's own tables, from the
         mapping in luoshi.config.yaml (docs/sql.md, "A court's own tables")
  load   reads case files (and progress reports, staffing) with the same validation as check --data,
         prints what was read, accepted and rejected, and adds the accepted records to the tables in one
         transaction: over the rejection budget (default 0), a 案号 already there, or any database error,
         nothing is written. NDJSON case files are read and written --chunk-mb MB at a time (default 64):
         memory holds a chunk, not the files

  --db postgres://user@host:port/db   a PostgreSQL-family server (KingbaseES, openGauss, HighGo …)
  --db duckdb:FILE                    a DuckDB database file
  --lang zh|en

  Then: luoshi check PLAN --db URL (no --data) evaluates the plan on the database's tables.

  exit 0: done · 1: over the rejection budget (nothing written) · 2: could not run (nothing written)`;

export async function dbCommand(args: string[], io: CliIO): Promise<number> {
  if (args[0] === 'map') return dbMapCommand(args.slice(1), io);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string' },
      progress: { type: 'string', multiple: true },
      staffing: { type: 'string', multiple: true },
      'max-rejected': { type: 'string' },
      'chunk-mb': { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    io.stdout(DB_HELP + '\n');
    return values.help ? EXIT_OK : EXIT_CANNOT_RUN;
  }
  const [sub, ...files] = positionals;
  const l = lang(values.lang);
  if (sub !== 'init' && sub !== 'load')
    throw new UsageError(`未知的子命令 / unknown subcommand "${sub}" (init, load, map)`);
  if (!values.db) throw new UsageError('需要 --db URL / --db URL is required (postgres://… or duckdb:FILE)');
  if (sub === 'init' && files.length) throw new UsageError('db init 不接受文件 / db init takes no files');
  if (sub === 'load' && files.length === 0) throw new UsageError('用法 / usage: luoshi db load FILE… --db URL');
  const budget = values['max-rejected'] !== undefined ? parseBudget(values['max-rejected']) : DEFAULT_BUDGET;
  const chunkMb = values['chunk-mb'] === undefined ? CHUNK_BYTES / 2 ** 20 : Number(values['chunk-mb']);
  if (!(chunkMb > 0) || !Number.isFinite(chunkMb))
    throw new UsageError(`--chunk-mb 需要正数 / --chunk-mb needs a positive number: ${values['chunk-mb']}`);

  // Progress reports and staffing are read first; the case files as they are written, in the transaction (a
  // file that cannot be read rolls it back).
  const duckFile = values.db.startsWith('duckdb:') ? values.db.slice('duckdb:'.length) : null;
  // A mistyped target is said before the files are read.
  if (sub === 'load' && duckFile !== null) existingDuckDBFile(duckFile);
  const loaded = sub === 'load' ? await readRecords(values.progress ?? [], values.staffing ?? [], io) : null;
  const db = await openDatabaseUrl(values.db, { create: sub === 'init' });
  const where = safeUrl(values.db);
  try {
    if (sub === 'init') {
      const existing = await tablesPresent(db);
      if (existing.length)
        throw new UsageError(
          `${where} 已有表 ${existing.join('、')}：db init 只在没有这些表的数据库中建表 / already has the tables ${existing.join(', ')}: db init creates them only where none exists`,
        );
      await transaction(db, where, async () => {
        for (const s of schemaDDL(db.dialect)) await db.exec(s);
      });
      io.stdout(l === 'zh' ? `已建表 ${TABLES.join('、')} → ${where}\n` : `created ${TABLES.join(', ')} in ${where}\n`);
      return EXIT_OK;
    }
    const { progress, staffing } = loaded!;
    const present = await tablesPresent(db);
    const absent = TABLES.filter((t) => !present.includes(t));
    if (absent.length)
      throw new UsageError(
        `${where} 没有表 ${absent.join('、')}：先运行 luoshi db init / has no table ${absent.join(', ')}: run luoshi db init first`,
      );
    /** Says what was read, accepted and rejected; over the budget, the transaction is rolled back. */
    const tell = (cases: Pick<LoadedCases, 'problems' | 'stats'>): void => {
      const problems = [...cases.problems, ...(progress?.problems ?? []), ...(staffing?.problems ?? [])];
      for (const p of problems.slice(0, 20)) io.stderr(problemLine(p, l) + '\n');
      if (problems.length > 20)
        io.stderr(l === 'zh' ? `……另有 ${problems.length - 20} 个问题\n` : `… ${problems.length - 20} more problems\n`);
      const read = cases.stats.read + (progress?.stats.read ?? 0) + (staffing?.stats.read ?? 0);
      const rejected = cases.stats.rejected + (progress?.stats.rejected ?? 0) + (staffing?.stats.rejected ?? 0);
      io.stderr(
        l === 'zh'
          ? `读取 ${read} 条，接受 ${read - rejected} 条，拒收 ${rejected} 条\n`
          : `${read} read, ${read - rejected} accepted, ${rejected} rejected\n`,
      );
      const over = budgetGate(budget, read, rejected, 0, l);
      if (over) throw new RolledBack(`${over}\n${l === 'zh' ? '未写入数据库' : 'nothing was written to the database'}`);
    };
    // As the data names its courts: the database holds the data, not one plan's reading of it.
    const staffingOut = (staffing?.records ?? []).map((r) => staffingRow(r, r.court));
    let written: Record<string, number>;
    try {
      written = await transaction(db, where, async () => {
        const base = async (table: string, key: string): Promise<number> =>
          Number((await db.query(`SELECT COALESCE(MAX(${key}) + 1, 0) FROM ${table}`))[0]![0]);
        const [cid, eid, sid, pid] = [
          await base('cases', 'cid'),
          await base('events', 'eid'),
          await base('staffing', 'sid'),
          await base('progress', 'pid'),
        ];
        const counts: Record<string, number> = { cases: 0, case_tags: 0, events: 0, staffing: 0, progress: 0 };
        const others = [
          ...canonicalRows(storeFromRecords([]), staffingOut)
            .filter((t) => t.table === 'staffing')
            .map((t) => shifted(t, [sid])),
          progressRows(progress?.records ?? [], pid),
        ];
        // The loaders' cases, written a chunk at a time as they are read (../loaders/stream.ts): the ids of a
        // chunk's cases and events follow on from the chunk before.
        const streaming = {
          cwd: io.cwd,
          progress: io.progress,
          label: '写入数据库 / writing to the database',
          chunkBytes: Math.ceil(chunkMb * 2 ** 20),
        };
        const cases = await streamCases(files, streaming, async (store) => {
          const offsets: Record<string, number[]> = {
            cases: [cid + counts.cases!],
            case_tags: [cid + counts.cases!],
            events: [eid + counts.events!, cid + counts.cases!],
          };
          const tables = canonicalRows(store, []).filter((t) => t.table !== 'staffing');
          for (const t of tables) await db.load(shifted(t, offsets[t.table]!));
          for (const t of tables) counts[t.table]! += t.count;
        });
        unreadable(cases.problems);
        tell(cases);
        const bar = writingBar(others, io.progress);
        try {
          for (const t of others) {
            await db.load(bar.counted(t));
            counts[t.table] = t.count;
          }
        } finally {
          bar.stop();
        }
        return counts;
      });
    } catch (e) {
      if (!(e instanceof RolledBack)) throw e;
      io.stderr(`${e.message}\n`);
      return EXIT_FAILED;
    }
    io.stdout(
      l === 'zh'
        ? `已写入 ${where}：案件 ${written.cases} 件，事件 ${written.events} 条，标签 ${written.case_tags} 条，进度 ${written.progress} 条，人员 ${written.staffing} 条\n`
        : `wrote to ${where}: ${written.cases} cases, ${written.events} events, ${written.case_tags} tags, ${written.progress} progress reports, ${written.staffing} staffing rows\n`,
    );
    return EXIT_OK;
  } finally {
    await db.close().catch(() => undefined);
  }
}

/** A file that could not be read at all stops the load: said as the loaders say it. */
function unreadable(problems: readonly DataProblem[]): void {
  const bad = problems.filter((x) => x.code === 'D0001' || x.code === 'D0002');
  if (bad.length) throw new UsageError(bad.map((x) => `${x.file}: ${x.message} / ${x.messageEn}`).join('\n'));
}

/** Progress reports and staffing, through the loaders (the case files are read as they are written). */
async function readRecords(
  progress: string[],
  staffing: string[],
  io: CliIO,
): Promise<{
  progress: Awaited<ReturnType<typeof loadProgress>> | null;
  staffing: Awaited<ReturnType<typeof loadStaffing>> | null;
}> {
  const p = progress.length ? await loadProgress(progress, { cwd: io.cwd }) : null;
  const s = staffing.length ? await loadStaffing(staffing, { cwd: io.cwd }) : null;
  unreadable([...(p?.problems ?? []), ...(s?.problems ?? [])]);
  return { progress: p, staffing: s };
}

/**
 * A bar over the rows of `tables` as they are sent (progress reports and staffing, for writes of
 * BAR_FROM.writtenRows rows or more; the cases' bar is over the case files' bytes: ../loaders/stream.ts).
 */
function writingBar(
  tables: readonly TableRows[],
  start: ProgressFactory | null | undefined,
): { counted(t: TableRows): TableRows; stop(): void } {
  const total = tables.reduce((n, t) => n + t.count, 0);
  const bar =
    start && total >= BAR_FROM.writtenRows ? start('写入数据库 / writing to the database', total, 'records') : null;
  if (!bar) return { counted: (t) => t, stop: () => undefined };
  let written = 0;
  return {
    counted: (t) => ({
      ...t,
      row: (k) => {
        if (++written % 5000 === 0 || written === total) bar.update(written);
        return t.row(k);
      },
    }),
    stop: () => bar.stop(),
  };
}

/** The rows of `t` with their leading key columns moved past what the table already holds. */
function shifted(t: TableRows, by: readonly number[]): TableRows {
  if (by.every((x) => x === 0)) return t;
  return {
    ...t,
    row: (k) => {
      const r = t.row(k);
      by.forEach((d, c) => {
        r[c] = (r[c] as number) + d;
      });
      return r;
    },
  };
}

function progressRows(records: readonly ProgressReport[], base: number): TableRows {
  return {
    table: 'progress',
    types: ['int', 'text', 'text', 'date', 'text', 'text'],
    count: records.length,
    row: (k) => {
      const r = records[k]!;
      return [base + k, r.task, r.milestone ?? null, parseIsoDay(r.done)!, r.by ?? null, r.evidence ?? null];
    },
  };
}
