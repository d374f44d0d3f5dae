// Plugins whose code never returns (`while (true) {}`), one for each place plugin code runs: the
// module's top level, activate(), a lint, a report format, an importer, a calendar. Shared by the CLI's
// and the server's watchdog tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type LoopAt = 'module' | 'activate' | 'lint' | 'format' | 'importer' | 'calendar';

const CONTRIBUTES: Record<LoopAt, Record<string, unknown>> = {
  // Also an importer: the server runs a configuration's plugins only to read data.
  module: {
    functions: [{ name: '加一', params: [{ name: 'x', type: 'number' }], returns: 'number' }],
    importers: [{ name: 'spin', patterns: ['*.spin'] }],
  },
  activate: {
    functions: [{ name: '加一', params: [{ name: 'x', type: 'number' }], returns: 'number' }],
    importers: [{ name: 'spin', patterns: ['*.spin'] }],
  },
  lint: { lints: [{ id: 'spin', codes: { LP001: { severity: 'warning' } } }] },
  format: { formats: [{ name: 'spin', kinds: ['diagnostics', 'report'] }] },
  importer: { importers: [{ name: 'spin', patterns: ['*.spin'] }] },
  calendar: { calendars: [{ id: 'spin-cal' }] },
};

const CODE: Record<LoopAt, string> = {
  module:
    "while (true) { /* never */ }\nexport function activate(c) { c.functions.register('加一', ([x]) => x + 1); }\n",
  activate: 'export function activate(c) { while (true) { /* never */ } }\n',
  lint: "export function activate(c) { c.lints.register('spin', { check() { while (true) { /* never */ } } }); }\n",
  format:
    "export function activate(c) { c.formats.register('spin', { render() { while (true) { /* never */ } } }); }\n",
  // Two good records first, so the loop comes after a batch has begun.
  importer: `export function activate(c) {
  c.importers.register('spin', { *parse() {
    yield { line: 1, value: { id: 'S1', court: '某法院', filed: '2018-01-02', events: [] } };
    yield { line: 2, value: { id: 'S2', court: '某法院', filed: '2018-01-03', events: [] } };
    while (true) { /* never */ }
  } });
}\n`,
  calendar:
    "export function activate(c) { c.calendars.register('spin-cal', { isWorkday() { while (true) { /* never */ } } }); }\n",
};

/** Writes a plugin folder `dir/NAME/` (id test.NAME, an ES module index.js) and returns NAME. */
export function writePlugin(dir: string, name: string, manifest: Record<string, unknown>, code: string): string {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, name, 'plugin.json'),
    JSON.stringify({
      id: `test.${name}`,
      name,
      version: '1.0.0',
      engines: { luoshi: '>=0.1.0' },
      main: 'index.js',
      ...manifest,
    }),
  );
  writeFileSync(join(dir, name, 'index.js'), code);
  return name;
}

/** Writes `dir/loop-AT/` (a plugin looping at `at`, id test.loop-AT) and returns its folder name. */
export function loopingPlugin(dir: string, at: LoopAt): string {
  return writePlugin(
    dir,
    `loop-${at}`,
    {
      ...(at === 'module' || at === 'activate' ? { activationEvents: ['*'] } : {}),
      contributes: CONTRIBUTES[at],
    },
    CODE[at],
  );
}

/** A configuration with these plugins and small limits (ms). */
export function loopingConfig(dir: string, plugins: string[], ms: number, extra = ''): void {
  writeFileSync(
    join(dir, 'luoshi.config.yaml'),
    `plugins:\n${plugins.map((p) => `  - ./${p}\n`).join('')}limits:\n  callMs: ${ms}\n  activationMs: ${ms}\n${extra}`,
  );
}

/** What each looping place is called in the P0007 message. */
export const CALL_NAME: Record<LoopAt, string> = {
  module: 'module evaluation',
  activate: 'activate',
  lint: 'lint spin',
  format: 'format spin',
  importer: 'importer spin reading data.spin',
  calendar: 'calendar spin-cal',
};

export const PLAN = '方案 P {\n  期间 2018-01-01 至 2018-12-31\n  使用 std\n}\n指标 新收数 (件) = 计数(新收)\n';
export const CALENDAR_PLAN =
  '方案 P {\n  期间 2018-01-01 至 2018-12-31\n  使用 std\n}\n指标 期限内 (件) = 计数(新收 其中 立案日期 + 3个工作日 <= 截至日)\n';
export const CASES = '{"id":"A1","court":"某法院","filed":"2018-01-02","events":[]}\n';
