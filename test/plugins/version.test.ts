// Plugins' `engines.luoshi` ranges are checked against the engine's version: it is the package's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { VERSION } from '../../src/engine/version.js';
import { ROOT } from '../corpus/host.js';

it('the engine version is the package version', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  expect(VERSION).toBe(pkg.version);
});
