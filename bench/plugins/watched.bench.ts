// What watching plugin code costs: a configuration's importer reading N records (default 200,000) with the
// plugin in this thread (as before the watchdog) and in its watched worker thread (records in batches),
// and a lint's first call (the worker's start-up and the plugin's activation there).
// Usage: tsx bench/plugins/watched.bench.ts [--records N]
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../../src/harness/host.js';

// The worker starts from the built code when it exists (as the CLI does), not through tsx.
const built = (p: string): boolean => existsSync(join(PACKAGE_ROOT, 'dist', p));
const from = async <T>(p: string): Promise<T> =>
  (await import(
    built(p) ? pathToFileURL(join(PACKAGE_ROOT, 'dist', p)).href : `../../src/${p.replace(/\.js$/, '.ts')}`
  )) as T;
const { openPluginSession }: typeof import('../../src/harness/plugins/session.js') =
  await from('harness/plugins/session.js');
const { loadCases }: typeof import('../../src/harness/loaders/index.js') = await from('harness/loaders/index.js');
const { compile }: typeof import('../../src/engine/check/compile.js') = await from('engine/check/compile.js');
const { nodeHost }: typeof import('../../src/harness/host.js') = await from('harness/host.js');
console.log(`harness from ${built('harness/plugins/session.js') ? 'dist/ (npm run build)' : 'src/ via tsx'}`);

const { values } = parseArgs({ options: { records: { type: 'string', default: '200000' } } });
const n = Number(values.records);
const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-watched-'));
try {
  mkdirSync(join(dir, 'pipe'));
  writeFileSync(join(dir, 'pipe', 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'pipe', 'plugin.json'),
    JSON.stringify({
      id: 'bench.pipe',
      name: 'pipe',
      version: '1.0.0',
      engines: { luoshi: '*' },
      main: 'index.js',
      contributes: {
        importers: [{ name: 'pipe', patterns: ['*.pipe'] }],
        lints: [{ id: 'none', codes: { BP001: { severity: 'info' } } }],
      },
    }),
  );
  // A streaming importer: one record per line.
  writeFileSync(
    join(dir, 'pipe', 'index.js'),
    `export function activate(c) {
  c.importers.register('pipe', { async *parse(source, ctx) {
    const lines = ctx.decode(await source.bytes(), 'utf-8').split('\\n');
    for (let k = 0; k < lines.length; k++) {
      if (!lines[k]) continue;
      const [id, court, filed] = lines[k].split('|');
      yield { line: k + 1, value: { id, court, filed, handler: '甲', events: [{ type: '执行通知', date: filed }] } };
    }
  } });
  c.lints.register('none', { check: () => [] });
}\n`,
  );
  writeFileSync(join(dir, 'luoshi.config.yaml'), 'plugins:\n  - ./pipe\n');
  const day = (k: number): string =>
    `2018-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`;
  writeFileSync(
    join(dir, 'cases.pipe'),
    Array.from({ length: n }, (_, k) => `C${k}|法院${k % 7}|${day(k)}`).join('\n') + '\n',
  );
  writeFileSync(
    join(dir, 'p.plan'),
    '方案 P {\n  期间 2018-01-01 至 2018-12-31\n  使用 std\n}\n指标 新收数 (件) = 计数(新收)\n',
  );

  const row = (a: string, b: string) => console.log(`${a.padEnd(44)}${b}`);
  const time = async (f: () => Promise<unknown>): Promise<number> => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  const plan = compile(join(dir, 'p.plan'), nodeHost(dir));
  for (const inThisThread of [true, false]) {
    const where = inThisThread ? 'in this thread' : 'watched worker';
    // Best of three, each with a fresh session (the first call starts the worker).
    const runs: Array<{ lint: number; load: number; accepted: number }> = [];
    for (let k = 0; k < 3; k++) {
      const session = await openPluginSession({ cwd: dir, configPath: join(dir, 'luoshi.config.yaml'), inThisThread });
      const lint = await time(() => session.lint(plan, 'p.plan'));
      let accepted = 0;
      const load = await time(async () => {
        accepted = (await loadCases(['cases.pipe'], { cwd: dir, importers: session.importers() })).stats.accepted;
      });
      await session.dispose();
      runs.push({ lint, load, accepted });
    }
    const best = runs.reduce((a, b) => (b.load < a.load ? b : a));
    row(`${where}: first lint (start-up, activation)`, `${Math.min(...runs.map((r) => r.lint)).toFixed(0)} ms`);
    row(`${where}: import ${best.accepted} records`, `${best.load.toFixed(0)} ms`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
