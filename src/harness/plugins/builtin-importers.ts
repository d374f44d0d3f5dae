// Built-in plugin `luoshi.importers`: the standard data formats (NDJSON, JSON, YAML, CSV with Chinese or
// English headers, UTF-8 or GBK) as importers on the plugin API — thin adapters over the loaders'
// readers (../loaders/formats.ts), which stream from the file's path.
import type { Importer, PluginManifest, PluginModule } from '../../engine/plugins/api.js';
import { readItems, type Format, type ReadContext } from '../loaders/formats.js';
import { parseEncodingOption } from '../loaders/decode.js';

export const IMPORTERS_MANIFEST: PluginManifest = {
  id: 'luoshi.importers',
  name: '标准数据格式 / standard data formats',
  version: '1.0.0',
  engines: { luoshi: '*' },
  main: 'builtin',
  contributes: {
    importers: [
      { name: 'ndjson', title: 'NDJSON', patterns: ['*.ndjson', '*.jsonl'], kinds: ['cases', 'progress', 'staffing'] },
      { name: 'json', title: 'JSON', patterns: ['*.json'], kinds: ['cases', 'progress', 'staffing'] },
      { name: 'yaml', title: 'YAML', patterns: ['*.yaml', '*.yml'], kinds: ['cases', 'progress', 'staffing'] },
      {
        name: 'csv',
        title: { zh: 'CSV（中文或英文表头）', en: 'CSV (Chinese or English headers)' },
        patterns: ['*.csv'],
        kinds: ['cases', 'progress', 'staffing'],
      },
    ],
  },
};

/** The loader's reader for `format`, as an importer (it needs the file's path: Node only). */
function builtin(format: Format): Importer {
  return {
    async *parse(source, ctx) {
      if (!source.path) throw new Error(`the ${format} importer reads files from disk`);
      const rc: ReadContext = {
        encoding: parseEncodingOption(ctx.encoding),
        maxWholeBytes: ctx.maxWholeBytes,
        found: {},
      };
      try {
        yield* readItems(source.path, format, ctx.kind, rc);
      } finally {
        if (rc.found.encoding) ctx.foundEncoding(rc.found.encoding);
      }
    },
  };
}

export const IMPORTERS_MODULE: PluginModule = {
  activate(ctx) {
    for (const f of ['ndjson', 'json', 'yaml', 'csv'] as const) ctx.importers.register(f, builtin(f));
  },
};
