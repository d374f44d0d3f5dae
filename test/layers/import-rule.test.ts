// The import rule of the layers (.dependency-cruiser.cjs, run by `npm run lint`) can fail: on a tiny tree
// that breaks it each way, dependency-cruiser names every violation; on the real src/ it finds none beyond
// the known ones (.dependency-cruiser-known-violations.json), which may only be the workbench's own cycle.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const config = join(root, '.dependency-cruiser.cjs');

function depcruise(cwd: string, ...flags: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [bin, 'src', '--config', config, '--output-type', 'err', ...flags], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** Every `error RULE: from → to` line of the report (cycles: their first line). */
const violations = (out: string): string[] =>
  out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('error '))
    .sort();

describe('the import rule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-layers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true },
    }),
    'src/engine/eval/evaluate.ts':
      "import { readFileSync } from 'node:fs';\nimport { UsageError } from '../../harness/io.js';\nexport const x = [readFileSync, UsageError];\n",
    'src/engine/eval/status.ts': "import { statusText } from '../report/render.js';\nexport const s = statusText;\n",
    'src/engine/report/render.ts': "export const statusText = 'met';\n",
    'src/workers/protocol.ts': "import type { CliIO } from '../harness/io.js';\nexport type P = CliIO;\n",
    'src/workbench/app.ts': "import { UsageError } from '../harness/io.js';\nexport const a = UsageError;\n",
    'src/harness/io.ts': 'export class UsageError extends Error {}\nexport interface CliIO { out(s: string): void }\n',
    // A cycle of type-only imports: still one.
    'src/harness/a.ts': "import type { B } from './b.js';\nexport interface A { b: B }\n",
    'src/harness/b.ts': "import type { A } from './a.js';\nexport interface B { a: A }\n",
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }

  it('names each import that breaks it, type-only ones included, and fails', () => {
    const r = depcruise(dir);
    expect(violations(r.out)).toEqual([
      'error engine-core-not-faces: src/engine/eval/status.ts → src/engine/report/render.ts',
      'error engine-is-self-contained: src/engine/eval/evaluate.ts → src/harness/io.ts',
      'error engine-no-node-builtins: src/engine/eval/evaluate.ts → fs',
      'error no-cycle: src/harness/a.ts →',
      'error workbench-not-harness: src/workbench/app.ts → src/harness/io.ts',
      'error workers-only-engine: src/workers/protocol.ts → src/harness/io.ts',
    ]);
    expect(r.out).toContain('6 dependency violations (6 errors, 0 warnings)');
    expect(r.status).toBe(6);
  });

  it('passes the real src/, with only the workbench cycle known', () => {
    const known = JSON.parse(readFileSync(join(root, '.dependency-cruiser-known-violations.json'), 'utf8')) as Array<{
      rule: { name: string };
      from: string;
      cycle?: Array<{ name: string }>;
    }>;
    const outside = known.filter(
      (v) =>
        v.rule.name !== 'no-cycle' ||
        ![v.from, ...(v.cycle ?? []).map((c) => c.name)].every((f) => f.startsWith('src/workbench/')),
    );
    expect(outside).toEqual([]);
    const r = depcruise(root, '--ignore-known');
    expect(violations(r.out)).toEqual([]);
    expect(r.out).toContain('no dependency violations found');
    expect(r.status).toBe(0);
  });
});
