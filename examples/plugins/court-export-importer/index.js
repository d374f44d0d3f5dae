// @ts-check
// An importer for the court case-system's export (GBK CSV, its own column names): `luoshi check PLAN
// --data 执行案件导出_2018.csv` with this plugin in luoshi.config.yaml.
import { decodeExport, parseExport } from './parse.js';

/** @typedef {import('../../../src/engine/plugins/api.js').PluginContext} PluginContext */

/** @param {PluginContext} context */
export function activate(context) {
  const wanted = typeof context.settings.encoding === 'string' ? context.settings.encoding : 'auto';
  context.importers.register('court-export', {
    async parse(source, ctx) {
      const bytes = await source.bytes();
      if (bytes.length > ctx.maxWholeBytes) {
        return [{ kind: 'file', severity: 'error', code: 'CE004', message: `文件过大（${bytes.length} 字节）`, messageEn: `file too large (${bytes.length} bytes)` }];
      }
      const asked = ctx.encoding === 'auto' ? wanted : /gb/i.test(ctx.encoding) ? 'gbk' : 'utf-8';
      const { text, encoding } = decodeExport(bytes, asked, ctx.decode);
      ctx.foundEncoding(encoding);
      return parseExport(text);
    },
  });
}
