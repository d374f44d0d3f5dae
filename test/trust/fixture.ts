// A workspace whose plugin leaves a trace: its module's top level writes MARKER into the plugin folder (the
// Node variant), so a test can tell whether its code ever ran. It contributes a function (加倍: twice a
// sum of money) and an importer (`*.mark` and `*.mark.csv` files: `id|court|filed` per line).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MARKER_PLUGIN_ID = 'test.marker';

export const MARKER_MANIFEST = {
  id: MARKER_PLUGIN_ID,
  name: '留痕插件 / marker plugin',
  version: '1.0.0',
  engines: { luoshi: '>=0.1.0' },
  main: 'index.js',
  contributes: {
    functions: [{ name: '加倍', params: [{ name: 'x', type: 'money' }], returns: 'number' }],
    importers: [
      {
        name: 'mark',
        title: { zh: '留痕格式', en: 'marker format' },
        patterns: ['*.mark', '*.mark.csv'],
        kinds: ['cases'],
      },
    ],
  },
};

const BODY = `export function activate(context) {
  context.functions.register('加倍', (x) => x * 2);
  context.importers.register('mark', {
    async parse(source, ctx) {
      const text = ctx.decode(await source.bytes(), 'utf-8');
      return text.split('\\n').filter((l) => l.trim() !== '').map((l, k) => {
        const [id, court, filed] = l.split('|');
        return { line: k + 1, value: { id, court, filed, handler: '甲', events: [] } };
      });
    },
  });
}
`;

/** Writes the plugin into `dir`; `node`: its top level writes `dir/MARKER` (Node only). */
export function writeMarkerPlugin(dir: string, node = true): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'plugin.json'), JSON.stringify(MARKER_MANIFEST, null, 2));
  writeFileSync(
    join(dir, 'index.js'),
    node
      ? `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./MARKER', import.meta.url), 'the module ran\\n');\n${BODY}`
      : BODY,
  );
}

export const markerRan = (pluginDir: string): boolean => existsSync(join(pluginDir, 'MARKER'));

/** A plan whose indicator calls the plugin's function (it compiles only with the plugin). */
export const MARKER_PLAN =
  '方案 留痕 {\n  期间 2011-01-01 至 2011-12-31\n  使用 std\n}\n指标 加倍数 (件) = 计数(结案 其中 加倍(到位金额) > 0)\n';
