// The loaders' view of the plugin registry (../loaders/index.ts `DataImporters`): which importer reads a
// file (the built-in formats are importers too), and the event types plugins add. A plugin's importer is
// isolated: what it throws, hangs on or yields in the wrong shape becomes a located problem of that file
// and a diagnostic naming the plugin; the other files load as usual.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { PluginHost, ImporterInfo } from '../../engine/plugins/host.js';
import type { ImportContext, ImportItem, ImportSource } from '../../engine/plugins/api.js';
import type { RecordKind } from '../../engine/data/tabular.js';
import { guarded, errorText } from '../../engine/plugins/timeout.js';
import type { DataImporters, RawItem, ReadContext } from '../loaders/index.js';
import { parseEncodingOption } from '../loaders/decode.js';

/** Reads a file with a plugin's importer elsewhere (the plugins' worker thread, ./watchdog.ts). */
export type RemoteImporter = (
  info: ImporterInfo,
  path: string,
  kind: RecordKind,
  ctx: ReadContext,
) => AsyncGenerator<RawItem>;

/** The loaders' importers; with `remote`, the importers of plugins not built in are read through it. */
export function dataImporters(host: PluginHost, remote?: RemoteImporter): DataImporters {
  return {
    eventTypes: new Set(host.eventTypes().map((e) => e.name)),
    patterns: (kind) =>
      host
        .importers()
        .filter((i) => i.kinds.includes(kind))
        .flatMap((i) => i.patterns),
    match(fileName, kind) {
      const info = host.importerFor(fileName, kind);
      return info
        ? {
            name: info.name,
            builtin: !!host.plugin(info.plugin)?.builtin,
            read: (path, k, ctx) =>
              remote && !host.plugin(info.plugin)?.builtin
                ? remote(info, path, k, ctx)
                : readWithImporter(host, info, path, k, ctx),
          }
        : null;
    },
  };
}

const fileProblem = (code: string, message: string, messageEn: string): RawItem => ({
  kind: 'file',
  line: 0,
  code,
  severity: 'error',
  message,
  messageEn,
});

/** Reads a file with a plugin's importer (activating its plugin); its problems become items of the file. */
export async function* readWithImporter(
  host: PluginHost,
  info: ImporterInfo,
  path: string,
  kind: RecordKind,
  ctx: ReadContext,
): AsyncGenerator<RawItem> {
  const imp = await host.importer(info.name);
  if (!imp) {
    yield fileProblem(
      'P0006',
      `插件 ${info.plugin} 的导入器“${info.name}”不可用（见插件诊断），此文件未读取`,
      `the importer "${info.name}" of plugin ${info.plugin} is not available (see the plugin diagnostics); this file was not read`,
    );
    return;
  }
  const source: ImportSource = { name: basename(path), path, bytes: async () => new Uint8Array(await readFile(path)) };
  const ictx: ImportContext = {
    kind,
    encoding: ctx.encoding,
    maxWholeBytes: ctx.maxWholeBytes,
    settings: imp.settings,
    decode: (bytes, encoding) => new TextDecoder(encoding).decode(bytes),
    foundEncoding: (e) => {
      try {
        const o = parseEncodingOption(e);
        if (o !== 'auto') ctx.found.encoding = o;
      } catch {
        /* an encoding we do not name: not shown */
      }
    },
  };
  if (imp.builtin) {
    // Trusted and hot (millions of records): no guard per item.
    yield* imp.importer.parse(source, ictx) as AsyncIterable<RawItem>;
    return;
  }
  const fail = (code: 'P0006' | 'P0007' | 'P0008', why: string): RawItem => {
    host.reportImporter(imp.plugin, code, `${info.name}: ${why}`);
    const zh = code === 'P0007' ? '超时' : code === 'P0008' ? '返回的结果不合要求' : '出错';
    return fileProblem(
      code,
      `插件 ${imp.plugin} 的导入器“${info.name}”${zh}：${why}；此文件其后的内容未读取`,
      `the importer "${info.name}" of plugin ${imp.plugin} ${code === 'P0007' ? 'timed out' : code === 'P0008' ? 'returned the wrong shape' : 'failed'}: ${why}; the rest of this file was not read`,
    );
  };
  const started = await guarded(() => imp.importer.parse(source, ictx), imp.timeoutMs);
  if (!started.ok) {
    yield fail(
      started.timedOut ? 'P0007' : 'P0006',
      started.timedOut ? `${imp.timeoutMs} ms` : errorText(started.error),
    );
    return;
  }
  const it = iteratorOf(started.value);
  if (!it) {
    yield fail(
      'P0008',
      'parse() 应返回记录的（异步）可迭代对象或数组 / parse() must return an (async) iterable or an array of items',
    );
    return;
  }
  let wrong = false;
  for (;;) {
    const step = await guarded(() => it.next(), imp.timeoutMs);
    if (!step.ok) {
      yield fail(step.timedOut ? 'P0007' : 'P0006', step.timedOut ? `${imp.timeoutMs} ms` : errorText(step.error));
      return;
    }
    if (step.value.done) return;
    const item = normalize(step.value.value);
    if (typeof item === 'string') {
      if (!wrong) {
        wrong = true;
        host.reportImporter(imp.plugin, 'P0008', `${info.name}: ${item}`);
      }
      yield {
        kind: 'reject',
        line: 0,
        code: 'P0008',
        message: `导入器“${info.name}”返回的记录格式不对：${item}`,
        messageEn: `the importer "${info.name}" returned a malformed item: ${item}`,
      };
      continue;
    }
    yield item;
  }
}

function iteratorOf(v: unknown): { next(): Promise<IteratorResult<unknown>> | IteratorResult<unknown> } | null {
  if (v && typeof v === 'object') {
    const o = v as {
      [Symbol.asyncIterator]?: () => AsyncIterator<unknown>;
      [Symbol.iterator]?: () => Iterator<unknown>;
    };
    if (typeof o[Symbol.asyncIterator] === 'function') return o[Symbol.asyncIterator]!();
    if (typeof o[Symbol.iterator] === 'function') return o[Symbol.iterator]!();
  }
  return null;
}

/** A plugin's item as the loader's: a reason when it has the wrong shape. */
function normalize(x: unknown): RawItem | string {
  if (!x || typeof x !== 'object') return `应为对象 / an item must be an object, got ${JSON.stringify(x)}`;
  const i = x as ImportItem & Record<string, unknown>;
  const line = typeof i.line === 'number' && Number.isInteger(i.line) && i.line >= 0 ? i.line : 0;
  const column = typeof i.column === 'number' ? { column: i.column } : {};
  const kind = i.kind ?? 'record';
  if (kind === 'record') {
    if (!('value' in i)) return '记录缺少 value / a record item needs a value';
    const problems = (i as { problems?: unknown }).problems;
    if (problems !== undefined && !Array.isArray(problems)) return 'problems 应为数组 / problems must be an array';
    return {
      kind: 'record',
      line,
      ...column,
      value: (i as { value: unknown }).value,
      problems: (problems ?? []) as Extract<RawItem, { kind: 'record' }>['problems'],
    };
  }
  if (typeof i.message !== 'string') return 'message 应为文本 / message must be a string';
  const messageEn = typeof i.messageEn === 'string' ? i.messageEn : i.message;
  if (kind === 'reject')
    return {
      kind: 'reject',
      line,
      ...column,
      code: typeof i.code === 'string' ? i.code : 'D0200',
      message: i.message,
      messageEn,
    };
  if (kind === 'file') {
    const severity = i.severity === 'warning' ? 'warning' : 'error';
    return {
      kind: 'file',
      line,
      ...column,
      code: typeof i.code === 'string' ? i.code : 'D0201',
      severity,
      ...(typeof i.field === 'string' ? { field: i.field } : {}),
      message: i.message,
      messageEn,
    };
  }
  return `kind 应为 record、reject 或 file / kind must be record, reject or file, not ${JSON.stringify(kind)}`;
}
