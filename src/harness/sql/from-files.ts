// `--engine duckdb --data FILE…`: DuckDB reads the NDJSON case files itself and builds the canonical tables
// in its own memory (engine/sql/file-lines.ts); the plan is then computed in place, as over `--db`
// (./inplace.ts). Lines SQL cannot vouch for are read back and judged by the file loaders, so the problems
// (named FILE:LINE), counts and rejections are exactly those of loading the files into memory; the loaders'
// accepted records join the tables as the loaders made them.
//
// Files DuckDB cannot read line for line as the loaders do go the old way (loaded into memory, then copied
// into DuckDB), and `duckdbFromFiles` says why: a format other than NDJSON, an encoding other than UTF-8
// (--encoding, a UTF-16 BOM, bytes that are not UTF-8), a carriage return that does not end a line (DuckDB's
// reader ends a line at one; at CRLF it ends one line, as the loaders do), a line longer than DuckDB's line
// limit, a plugin's importer, or DuckDB's lines not numbered as the loaders number them.
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { printNotes, type DataNote } from '../plan-data.js';
import type { Lang } from '../../engine/lang.js';
import { caseId } from '../../engine/data/store.js';
import { sqlString } from '../../engine/sql/dialect.js';
import {
  CLEAN_INTO_CANONICAL,
  EVENTS_TABLE,
  PARSED_TABLE,
  REPEATED_IDS,
  parsedLines,
  suspectLines,
} from '../../engine/sql/file-lines.js';
import { IN_PLACE_TABLES } from '../../engine/sql/inplace.js';
import { canonicalRows, type TableRows } from '../../engine/sql/load.js';
import {
  formatOf,
  listDataFiles,
  loadCases,
  loadCaseSources,
  ndjsonLineItem,
  type DataImporters,
  type LoadOptions,
  type RecordSource,
} from '../loaders/index.js';
import type { RawItem } from '../loaders/formats.js';
import type { LoadedCases } from '../loaders/types.js';
import { openDuckDB, type SqlDatabase } from './database.js';
import { schemaDDL } from '../../engine/sql/schema.js';
import { DUCKDB_MEMORY, groupSkeleton, sourceSchema } from './inplace.js';

/** Longest line DuckDB reads (its default); a longer one sends the files the old way. */
const MAX_LINE = 2 * 1024 * 1024;

/** A DuckDB session holding the files' canonical tables, validated: ready for ./inplace.ts evaluateInPlace. */
export interface FilesInDuckDB {
  db: SqlDatabase;
  /** Where the canonical tables are (for the in-place views). */
  src: string;
  /** The loaders' counts and problems over the files; `store` holds the first case of each group. */
  loaded: LoadedCases;
  perCourt: Map<string, number>;
}

export interface FromFilesOptions {
  cwd: string;
  importers?: DataImporters;
  /** The --encoding asked for (auto when absent). */
  encoding?: string;
}

/** The session, or why the files go the old way (a note to print). */
export type FromFiles = { session: FilesInDuckDB } | { oldWay: DataNote };

const oldWay = (file: string, zh: string, en: string): { oldWay: DataNote } => ({
  oldWay: {
    zh: `--engine duckdb：${file} ${zh}，案件改由 luoshi 的读取器载入后复制到 DuckDB`,
    en: `--engine duckdb: ${file} ${en}: the cases are loaded by luoshi's readers and copied into DuckDB instead`,
  },
});

/** What DuckDB's line reader needs to know of a file's bytes, looked over once. */
export interface FileLook {
  /** It begins with a UTF-16 byte-order mark. */
  utf16: boolean;
  /** It has a carriage return that does not end a line: neither followed by a line feed nor the file's last byte. */
  loneCr: boolean;
  /** The number of its last line holding anything but line ends (0: none), lines split as the loaders split them. */
  lastLine: number;
}

/**
 * Looks a file over as the loaders split it (at each LF, one CR before it dropped): DuckDB's reader ends a
 * line at LF and at CRLF alike, so CRLF files read the same; a lone CR it takes for a line end too.
 */
export async function lookOver(path: string): Promise<FileLook> {
  const h = await open(path, 'r');
  const look: FileLook = { utf16: false, loneCr: false, lastLine: 0 };
  try {
    const buf = Buffer.allocUnsafe(1 << 22);
    let lines = 0; // line feeds before this block
    let crBefore = false; // the previous block ended in a CR
    for (let first = true; ; first = false) {
      const { bytesRead } = await h.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return look;
      const b = buf.subarray(0, bytesRead);
      if (first && b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
        look.utf16 = true;
        return look;
      }
      if (crBefore && b[0] !== 10) look.loneCr = true;
      for (let cr = b.indexOf(13); cr >= 0 && cr < b.length - 1; cr = b.indexOf(13, cr + 1))
        if (b[cr + 1] !== 10) look.loneCr = true;
      crBefore = b[b.length - 1] === 13;
      // The block's last byte that is not a line end: its line is the last one yet.
      let last = b.length - 1;
      while (last >= 0 && (b[last] === 10 || b[last] === 13)) last--;
      let feeds = 0,
        before = 0;
      for (let nl = b.indexOf(10); nl >= 0; nl = b.indexOf(10, nl + 1)) {
        feeds++;
        if (nl < last) before++;
      }
      if (last >= 0) look.lastLine = lines + before + 1;
      lines += feeds;
    }
  } finally {
    await h.close();
  }
}

/** The suspect lines of each file as the NDJSON reader would give them. */
function suspectSources(
  db: SqlDatabase,
  files: readonly string[],
  paths: readonly string[],
): Map<string, RecordSource> {
  return new Map(
    files.map((f, k) => [
      f,
      {
        format: 'ndjson',
        async *items(): AsyncGenerator<RawItem> {
          for (const [line, text] of await db.query(suspectLines(paths[k]!, k, MAX_LINE))) {
            const item = ndjsonLineItem(String(text), Number(line));
            if (item) yield item;
          }
        },
      },
    ]),
  );
}

/** The accepted suspect cases' rows for the canonical tables, under their lines' cids (events numbered as file-lines.ts numbers them). */
function suspectRows(judged: LoadedCases, offsets: readonly number[]): TableRows[] {
  const { store, origins } = judged;
  const cid = (i: number): number => offsets[origins.file[i]!]! + origins.line[i]!;
  const owner = new Int32Array(store.evStart[store.n] ?? 0);
  for (let i = 0; i < store.n; i++) owner.fill(i, store.evStart[i]!, store.evStart[i + 1]!);
  return canonicalRows(store, [])
    .filter((t) => t.table !== 'staffing')
    .map((t) => ({
      ...t,
      row: (k: number) => {
        const r = t.row(k);
        if (t.table !== 'events') return [cid(r[0] as number), ...r.slice(1)];
        const i = owner[k]!;
        return [cid(i) * 1048576 + (k - store.evStart[i]!) + 1, cid(i), ...r.slice(2)];
      },
    }));
}

/**
 * Reads the NDJSON case files of `paths` into a new in-memory DuckDB (held to DUCKDB_MEMORY, spilling to a
 * temporary folder) and validates them as the loaders would; the caller closes `session.db`.
 */
export async function duckdbFromFiles(paths: readonly string[], opts: FromFilesOptions): Promise<FromFiles> {
  const files = listDataFiles(paths, 'cases', opts.cwd, opts.importers);
  if (files.length === 0)
    return { oldWay: { zh: '--engine duckdb：没有案件文件', en: '--engine duckdb: no case files' } };
  if (opts.encoding !== undefined && opts.encoding !== 'auto' && opts.encoding !== 'utf8')
    return oldWay(files[0]!, `按 --encoding ${opts.encoding} 读取`, `is read as --encoding ${opts.encoding}`);
  const abs = files.map((f) => resolve(opts.cwd, f));
  for (const [k, f] of files.entries()) {
    const importer = opts.importers?.match(f, 'cases');
    if (formatOf(f) !== 'ndjson' || (importer && !importer.builtin))
      return oldWay(f, '不是 NDJSON 文件', 'is not an NDJSON file');
    const st = await stat(abs[k]!).catch(() => null);
    if (!st?.isFile()) return oldWay(f, '不是可读的普通文件', 'is not a readable regular file');
  }
  const db = await openDuckDB();
  // DuckDB's spill folder is this run's own, removed when the database is closed.
  const spill = await mkdtemp(join(tmpdir(), 'luoshi-duckdb-'));
  const closeDb = db.close;
  db.close = async () => {
    await closeDb();
    await rm(spill, { recursive: true, force: true });
  };
  try {
    await db.exec(`SET memory_limit = ${sqlString(DUCKDB_MEMORY)}`);
    await db.exec(`SET temp_directory = ${sqlString(spill)}`);
    // The canonical tables without their keys and indexes: filled once here and only read after.
    for (const s of schemaDDL(db.dialect).filter((x) => !x.startsWith('CREATE INDEX')))
      await db.exec(s.replace(/ PRIMARY KEY| UNIQUE/g, ''));
    for (const s of [...IN_PLACE_TABLES, PARSED_TABLE]) await db.exec(s);
    const offsets: number[] = [];
    let offset = 0;
    for (const [k, f] of files.entries()) {
      offsets.push(offset);
      // The file's bytes are looked over (here) while DuckDB reads it (in its own threads).
      const [look, read] = await Promise.all([
        lookOver(abs[k]!),
        db.exec(parsedLines(abs[k]!, k, offset, MAX_LINE)).then(
          () => null,
          (e: Error) => e,
        ),
      ]);
      if (look.utf16) return close(db, oldWay(f, '是 UTF-16 编码', 'is UTF-16'));
      if (look.loneCr)
        return close(
          db,
          oldWay(f, '含不在行尾的回车符（CR）', 'holds a carriage return (CR) that does not end a line'),
        );
      if (read) {
        const unicode = /unicode|utf-?8/i.test(read.message);
        return close(
          db,
          unicode
            ? oldWay(f, '不是 UTF-8 编码', 'is not UTF-8')
            : oldWay(
                f,
                `DuckDB 无法逐行读取（${read.message.split('\n')[0]}）`,
                `cannot be read line by line by DuckDB (${read.message.split('\n')[0]})`,
              ),
        );
      }
      const [[last]] = (await db.query(`SELECT COALESCE(MAX(line), 0) FROM luoshi_parsed WHERE file = ${k}`)) as [
        [unknown],
      ];
      // Lines numbered as the loaders number them, or the old way (a check on DuckDB's reader, whose lines
      // must be the loaders' for every problem to name the right line).
      if (Number(last) !== look.lastLine)
        return close(
          db,
          oldWay(
            f,
            `经 DuckDB 读取的最后一行是第 ${Number(last)} 行，而非第 ${look.lastLine} 行`,
            `read by DuckDB ends at line ${Number(last)}, not ${look.lastLine}`,
          ),
        );
      offset += Number(last) + 1;
    }
    for (const s of EVENTS_TABLE) await db.exec(s);
    await db.exec(REPEATED_IDS);
    const judged = await judge(db, files, abs, opts);
    await db.exec('DROP TABLE IF EXISTS luoshi_ids');
    for (const s of CLEAN_INTO_CANONICAL) await db.exec(s);
    for (const t of suspectRows(judged, offsets)) await db.load(t);
    const clean = new Map(
      (await db.query('SELECT file, COUNT(*) FROM luoshi_parsed WHERE clean GROUP BY file')).map((r) => [
        Number(r[0]),
        Number(r[1]),
      ]),
    );
    await db.exec('DROP TABLE luoshi_parsed');
    await db.exec('DROP TABLE luoshi_events');
    const src = await sourceSchema(db);
    const { groups, perCourt } = await groupSkeleton(db, src, files[0]!);
    const all = [...clean.values()].reduce((a, b) => a + b, 0);
    const stats = {
      ...judged.stats,
      read: judged.stats.read + all,
      accepted: judged.stats.accepted + all,
      files: judged.stats.files.map((s, k) => ({
        ...s,
        format: 'ndjson',
        encoding: 'utf8' as const,
        read: s.read + (clean.get(k) ?? 0),
        accepted: s.accepted + (clean.get(k) ?? 0),
      })),
    };
    return { session: { db, src, loaded: { ...groups, stats, problems: judged.problems }, perCourt } };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

/** How messages name a session over files DuckDB read: the option that asked for it. */
const DUCKDB_FILES = '--engine duckdb';

/** Whether a command's case files are read by DuckDB itself: `--engine duckdb`, not `--db` (which names the data). */
export function duckdbReadsFiles(engine: { kind: string }, db: string | undefined): boolean {
  return engine.kind === 'duckdb' && db === undefined;
}

/** How a command reads its case files: the loaders' options, and whether DuckDB is to read them itself. */
export interface CaseFilesOptions extends LoadOptions {
  cwd: string;
  /** DuckDB reads the files (duckdbReadsFiles) and the figures are computed in place over them. */
  duckdb: boolean;
  /** For the note saying why files go the old way. */
  lang: Lang;
  stderr: (text: string) => void;
}

/**
 * The case files of every command (check, explain, replay, diff): with `duckdb`, read by DuckDB itself where
 * it can (`inDuckDB`: the session the command computes in place over, and closes; `option` names it in
 * messages); otherwise — and when DuckDB cannot read them as the loaders do, which it says on stderr — by
 * the loaders, into memory.
 */
export async function loadCaseFiles(
  files: readonly string[],
  opts: CaseFilesOptions,
): Promise<{ cases: LoadedCases; inDuckDB: (FilesInDuckDB & { option: string }) | null }> {
  const { duckdb, lang, stderr, ...load } = opts;
  if (duckdb) {
    const got = await duckdbFromFiles(files, load);
    if ('session' in got) return { cases: got.session.loaded, inDuckDB: { ...got.session, option: DUCKDB_FILES } };
    printNotes([got.oldWay], lang, stderr);
  }
  return { cases: await loadCases(files, load), inDuckDB: null };
}

async function close<T>(db: SqlDatabase, value: T): Promise<T> {
  await db.close().catch(() => undefined);
  return value;
}

/**
 * The loaders' verdict on the suspect lines. A suspect they accept may carry an id some clean line has too
 * (SQL could not read its id as they do): those clean lines become suspects and the verdict is taken again.
 */
async function judge(
  db: SqlDatabase,
  files: readonly string[],
  abs: readonly string[],
  opts: FromFilesOptions,
): Promise<LoadedCases> {
  for (;;) {
    const judged = await loadCaseSources(files, suspectSources(db, files, abs), {
      cwd: opts.cwd,
      ...(opts.importers ? { importers: opts.importers } : {}),
    });
    const { store } = judged;
    if (store.n === 0) return judged;
    await db.exec('CREATE OR REPLACE TABLE luoshi_ids (id VARCHAR)');
    await db.load({ table: 'luoshi_ids', types: ['text'], count: store.n, row: (i) => [caseId(store, i)] });
    const [[n]] = (await db.query(
      'SELECT COUNT(*) FROM luoshi_parsed WHERE clean AND id IN (SELECT id FROM luoshi_ids)',
    )) as [[unknown]];
    if (Number(n) === 0) return judged;
    await db.exec('UPDATE luoshi_parsed SET clean = false WHERE clean AND id IN (SELECT id FROM luoshi_ids)');
  }
}
