// Builds the VS Code extension offline: bundles the extension, the language server, the CLI and its
// worker with esbuild, adds the standard library, and packages dist/luoshi-VERSION.vsix with @vscode/vsce
// (no dependencies fetched: everything is in the bundles). `npm run build:vscode`.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { pack } from '@vscode/vsce/out/package.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ext = join(root, 'editors', 'vscode');
const stage = join(root, 'dist', 'vscode');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const t0 = performance.now();

rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'dist'), { recursive: true });

// ESM bundles of CommonJS packages need a require of their own.
// DuckDB (native bindings per platform) is left out: the editor's CLI says so if --engine duckdb is asked for.
const esm = {
  bundle: true, platform: 'node', format: 'esm', target: 'node18', logLevel: 'warning', legalComments: 'none', external: ['@duckdb/node-api'],
  banner: { js: "import { createRequire as __luoshiRequire } from 'node:module'; const require = __luoshiRequire(import.meta.url);" },
};
const entry = (contents) => ({ contents, resolveDir: root, sourcefile: 'entry.ts', loader: 'ts' });
await Promise.all([
  build({ entryPoints: [join(ext, 'src', 'extension.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'], outfile: join(stage, 'out', 'extension.js'), logLevel: 'warning' }),
  // The worker threads' entries sit beside the bundled CLI and server (parallel.ts and plugins/watchdog.ts look
  // for them beside themselves, and every bundle's import.meta.url is its own file); std is two folders up.
  build({ ...esm, stdin: entry("import { startStdioServer } from './src/harness/commands/lsp.ts'; startStdioServer();"), outfile: join(stage, 'dist', 'lsp', 'server.js') }),
  build({ ...esm, stdin: entry("import { main } from './src/harness/cli.ts'; main(process.argv.slice(2)).then((code) => { process.exitCode = code; });"), outfile: join(stage, 'dist', 'lsp', 'cli.js') }),
  build({ ...esm, entryPoints: [join(root, 'src', 'harness', 'node-engine.ts')], outfile: join(stage, 'dist', 'lsp', 'node-engine.js') }),
  build({ ...esm, entryPoints: [join(root, 'src', 'harness', 'plugins', 'plugin-session.ts')], outfile: join(stage, 'dist', 'lsp', 'plugin-session.js') }),
]);
writeFileSync(join(stage, 'dist', 'package.json'), JSON.stringify({ type: 'module' }) + '\n');
cpSync(join(root, 'policies', 'std'), join(stage, 'policies', 'std'), { recursive: true });
for (const f of ['language-configuration.json', 'README.md', 'syntaxes', 'snippets']) cpSync(join(ext, f), join(stage, f), { recursive: true });
const manifest = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8'));
writeFileSync(join(stage, 'package.json'), JSON.stringify({ ...manifest, version }, null, 2) + '\n');

const out = join(root, 'dist', `luoshi-${version}.vsix`);
await pack({ cwd: stage, packagePath: out, dependencies: false, allowMissingRepository: true, skipLicense: true });
const files = readdirSync(stage, { recursive: true }).length;
console.log(`${out.slice(root.length + 1)}: ${files} files staged in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
