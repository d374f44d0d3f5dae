// `luoshi gen`: example case data from a preset, deterministic for a seed (byte-identical output for
// the same arguments), streamed through a buffer so a million cases take seconds.
import { createWriteStream, openSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import iconv from 'iconv-lite';
import {
  GenError,
  generateCases,
  generateProgress,
  generateRows,
  generateStaffing,
  isBrokenRow,
  presetNames,
  resolveOptions,
} from '../../engine/generate/index.js';
import type { BrokenRow, GenOptions } from '../../engine/generate/index.js';
import type { CaseRecord } from '../../engine/data/record.js';
import { caseJson } from '../../engine/data/serialize.js';
import { CASE_CSV_HEADER, caseToCells, csvLine } from '../../engine/data/tabular.js';
import { EXIT_CANNOT_RUN, EXIT_OK, UsageError } from '../io.js';
import { writeDuckDB } from './gen-duckdb.js';
import type { CliIO } from '../io.js';

export const GEN_HELP = `luoshi gen --preset NAME [options]

  Generates example enforcement cases (and progress reports, staffing) for a preset's courts.
  The same arguments always give the same bytes.

  --preset NAME            ${presetNames().join(' | ')}
  --cases N                number of cases (default: the preset's)
  --seed S                 random seed (default 1)
  --from YYYY-MM-DD        first filing date (default: the preset's)
  --to YYYY-MM-DD          last filing date (default: the preset's)
  --as-of YYYY-MM-DD       nothing later is generated (default: --to)
  --out PATH               cases file, or - for stdout (default -); duckdb:FILE writes a new DuckDB
                           database in luoshi's canonical schema (cases, case_tags, events…)
  --format ndjson|csv|json cases format (default: by --out's extension, else ndjson)
  --encoding utf8|gbk      output encoding (default utf8)
  --progress-out PATH      also write the preset plan's progress reports (NDJSON)
  --staffing-out PATH      also write the courts' staffing (NDJSON)
  --scale FRACTION         national only: the nation's size times FRACTION (default 1: 20,435,000 cases)
  --broken FRACTION        replace this fraction of rows with deliberately bad ones (for tests)

  Only --progress-out or --staffing-out without --out writes no cases.`;

type Format = 'ndjson' | 'csv' | 'json';

/** A sink that encodes text into a 1 MB buffer and writes it out full, with back-pressure. */
class Output {
  private buf = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  /** Text waiting for stdout. */
  private pending: string[] = [];
  private pendingSize = 0;
  private failure: Error | null = null;
  private constructor(
    private readonly stream: WriteStream | null,
    private readonly io: CliIO,
    private readonly gbk: boolean,
  ) {
    stream?.on('error', (e) => (this.failure = e));
  }

  /** Opens the file at once, so a bad path fails before anything is generated. */
  static open(path: string, io: CliIO, gbk: boolean): Output {
    if (path === '-') {
      if (gbk) throw new UsageError('--encoding gbk 需要 --out 文件 / --encoding gbk needs an --out file');
      return new Output(null, io, gbk);
    }
    const fd = openSync(resolve(io.cwd, path), 'w');
    return new Output(createWriteStream('', { fd }), io, gbk);
  }

  async write(s: string): Promise<void> {
    if (this.stream === null) {
      this.pending.push(s);
      this.pendingSize += s.length;
      if (this.pendingSize >= 1 << 16) this.flushText();
      return;
    }
    const bytes = this.gbk ? iconv.encode(s, 'gb18030') : null;
    const max = bytes ? bytes.length : s.length * 3;
    if (this.used + max > this.buf.length) await this.flush();
    if (max > this.buf.length) {
      await this.put(bytes ?? Buffer.from(s, 'utf8'));
      return;
    }
    if (bytes) this.used += bytes.copy(this.buf, this.used);
    else this.used += this.buf.write(s, this.used, 'utf8');
  }

  private flushText(): void {
    if (this.pending.length === 0) return;
    this.io.stdout(this.pending.join(''));
    this.pending = [];
    this.pendingSize = 0;
  }

  private async flush(): Promise<void> {
    this.flushText();
    if (this.used === 0) return;
    const chunk = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.used = 0;
    await this.put(chunk);
  }

  private async put(chunk: Uint8Array): Promise<void> {
    const s = this.stream!;
    if (this.failure) throw this.failure;
    if (!s.write(chunk)) {
      await new Promise<void>((res, rej) => {
        const done = (e?: Error): void => {
          s.off('drain', done);
          s.off('error', done);
          if (e) rej(e);
          else res();
        };
        s.on('drain', done);
        s.on('error', done);
      });
    }
  }

  async close(): Promise<void> {
    await this.flush();
    const s = this.stream;
    if (s === null) return;
    if (this.failure) throw this.failure;
    await new Promise<void>((res, rej) => {
      s.once('error', rej);
      s.end(() => res());
    });
  }
}

/** The text of one row in a format ('malformed' rows corrupted in that format's way). */
function rowText(row: CaseRecord | BrokenRow, format: Format): string {
  const broken = isBrokenRow(row) ? row : null;
  const value: CaseRecord | Record<string, unknown> = isBrokenRow(row) ? row.value : row;
  if (format === 'csv') {
    const cells = caseToCells(value);
    if (broken?.defect === 'malformed') cells[12] = '执行通知2018-01-01;总对总查控';
    return csvLine(cells);
  }
  const json = broken ? JSON.stringify(value) : caseJson(row as CaseRecord);
  if (broken?.defect === 'malformed') return format === 'ndjson' ? json.slice(0, -12) : '{"id": }';
  return json;
}

function formatOf(values: { format?: string | undefined; out?: string | undefined }): Format {
  const f =
    values.format ??
    (values.out?.toLowerCase().endsWith('.csv')
      ? 'csv'
      : values.out?.toLowerCase().endsWith('.json')
        ? 'json'
        : 'ndjson');
  if (f !== 'ndjson' && f !== 'csv' && f !== 'json')
    throw new UsageError(`--format 只能是 ndjson、csv 或 json / --format must be ndjson, csv or json, not "${f}"`);
  return f;
}

function number(v: string | undefined, what: string, integer: boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isSafeInteger(n))) {
    throw new UsageError(
      `${what} 应为${integer ? '整数' : '数'} / ${what} must be a ${integer ? 'whole ' : ''}number, not "${v}"`,
    );
  }
  return n;
}

export async function genCommand(args: string[], io: CliIO): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: false,
        strict: true,
        options: {
          preset: { type: 'string' },
          cases: { type: 'string' },
          seed: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          'as-of': { type: 'string' },
          out: { type: 'string' },
          format: { type: 'string' },
          encoding: { type: 'string' },
          'progress-out': { type: 'string' },
          'staffing-out': { type: 'string' },
          broken: { type: 'string' },
          scale: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (e) {
      throw new UsageError(`${(e as Error).message}（luoshi gen --help 查看用法 / see luoshi gen --help）`);
    }
    const v = parsed.values;
    if (v.help) {
      io.stdout(`${GEN_HELP}\n`);
      return EXIT_OK;
    }
    if (v.preset === undefined)
      throw new UsageError(`缺少 --preset / --preset is required (${presetNames().join(', ')})`);
    const encoding = (v.encoding ?? 'utf8').toLowerCase().replace(/[-_]/g, '');
    if (!['utf8', 'gbk', 'gb18030'].includes(encoding))
      throw new UsageError(`--encoding 只能是 utf8 或 gbk / --encoding must be utf8 or gbk, not "${v.encoding}"`);
    const gbk = encoding !== 'utf8';
    const opts: GenOptions = { preset: v.preset };
    const cases = number(v.cases, '--cases', true);
    if (cases !== undefined) opts.cases = cases;
    if (v.seed !== undefined) opts.seed = v.seed;
    if (v.from !== undefined) opts.from = v.from;
    if (v.to !== undefined) opts.to = v.to;
    if (v['as-of'] !== undefined) opts.asOf = v['as-of'];
    const scale = number(v.scale, '--scale', false);
    if (scale !== undefined) opts.scale = scale;
    const broken = number(v.broken, '--broken', false);
    if (broken !== undefined) opts.broken = broken;
    const total = resolveOptions(opts).cases; // also checks the options before anything is written
    const format = formatOf(v);

    const extraOnly = v.out === undefined && (v['progress-out'] !== undefined || v['staffing-out'] !== undefined);
    if (v['progress-out'] !== undefined) {
      const out = Output.open(v['progress-out'], io, gbk);
      for (const r of generateProgress(opts.preset)) await out.write(`${JSON.stringify(r)}\n`);
      await out.close();
    }
    if (v['staffing-out'] !== undefined) {
      const out = Output.open(v['staffing-out'], io, gbk);
      for (const r of generateStaffing(opts)) await out.write(`${JSON.stringify(r)}\n`);
      await out.close();
    }
    if (!extraOnly && v.out?.startsWith('duckdb:')) {
      if (broken !== undefined || v.format !== undefined || gbk)
        throw new UsageError(
          '--out duckdb: 不能与 --broken、--format、--encoding 同用 / --out duckdb: takes no --broken, --format or --encoding',
        );
      const path = v.out.slice('duckdb:'.length);
      const n = await writeDuckDB(path, generateCases(opts), total, io);
      io.stderr(`已生成 ${n} 件案件 → ${path}（DuckDB）/ wrote ${n} cases to ${path} (DuckDB)\n`);
    } else if (!extraOnly) {
      const target = v.out ?? '-';
      const out = Output.open(target, io, gbk);
      let n = 0;
      // A bar on a terminal when the output goes to a file and the run is long enough to wait for.
      const bar =
        target !== '-' && total >= 50_000
          ? (io.progress?.('生成案件 / generating cases', total, 'cases') ?? null)
          : null;
      if (format === 'csv') await out.write(csvLine(CASE_CSV_HEADER));
      if (format === 'json') await out.write('[\n');
      for (const row of generateRows(opts)) {
        const text = rowText(row, format);
        await out.write(format === 'json' ? `${n > 0 ? ',\n' : ''}${text}` : format === 'ndjson' ? `${text}\n` : text);
        n++;
        if (bar && n % 5000 === 0) bar.update(n);
      }
      bar?.stop();
      if (format === 'json') await out.write(n > 0 ? '\n]\n' : ']\n');
      await out.close();
      if (target !== '-') io.stderr(`已生成 ${n} 件案件 → ${target} / wrote ${n} cases to ${target}\n`);
    }
    return EXIT_OK;
  } catch (e) {
    if (e instanceof UsageError || e instanceof GenError) {
      io.stderr(`luoshi gen: ${e.message}\n`);
      return EXIT_CANNOT_RUN;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && typeof err.path === 'string') {
      io.stderr(`luoshi gen: 无法写入 / cannot write ${err.path}: ${err.code}\n`);
      return EXIT_CANNOT_RUN;
    }
    throw e;
  }
}
