// What `npm pack` puts in the tarball people install luoshi from (README: install and run on any folder):
// the CLI, the compiled engine with its generated parser and schemas, the built workbench `luoshi serve`
// serves, and the standard library — and none of the sources, tests or examples.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('the packed tarball', () => {
  it.skipIf(!existsSync(join(ROOT, 'dist', 'workbench', 'index.html')))(
    'holds the CLI, the built engine and workbench, and the standard library',
    () => {
      // --ignore-scripts: list what would go in without building again (the build is this suite's precondition).
      const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const [pack] = JSON.parse(out) as Array<{ name: string; version: string; files: Array<{ path: string }> }>;
      const files = new Set(pack!.files.map((f) => f.path));
      for (const f of [
        'package.json',
        'README.md',
        'bin/luoshi.js',
        'dist/harness/cli.js',
        'dist/harness/node-engine.js',
        'dist/harness/chart-svg.js',
        'dist/engine/report/chart-option.js',
        'dist/engine/report/schema/report.schema.json',
        'dist/engine/ir/schema/plan-ir.schema.json',
        'dist/workbench/index.html',
        'policies/std/indicators.plan',
        'policies/std/rules.plan',
      ])
        expect([f, files.has(f)]).toEqual([f, true]);
      expect([...files].some((f) => /^dist\/engine\/syntax\/generated\/.+\.js$/.test(f))).toBe(true);
      // Every compiled module and every asset of the built workbench, as built here.
      for (const dir of ['dist/engine', 'dist/harness', 'dist/workers', 'dist/workbench']) {
        const missing = walk(join(ROOT, dir))
          .map((f) => relative(ROOT, f).split('\\').join('/'))
          .filter((f) => !files.has(f));
        expect([dir, missing]).toEqual([dir, []]);
      }
      const stray = [...files].filter(
        (f) =>
          /^(src|test|examples|bench|scripts|editors|node_modules)\//.test(f) ||
          f.endsWith('.vsix') ||
          (f.startsWith('policies/') && !f.startsWith('policies/std/')),
      );
      expect(stray).toEqual([]);
    },
  );
});
