// The standard library and the court plans: each one that parses formats without loss, idempotently,
// and the standard library is kept formatted (`luoshi fmt --check policies/std` passes).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../src/engine/syntax/format.js';
import { expectCanonical, shape } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..', 'policies');
const plans = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.plan'))
    .sort()
    .map((f) => join(dir, f));
const std = plans(join(ROOT, 'std'));
const courts = plans(ROOT);

describe('the standard library', () => {
  it.each(std.map((f) => [f.slice(ROOT.length + 1), f]))('%s is formatted', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(expectCanonical(text)).toBe(text);
  });
});

describe('the court plans', () => {
  it('has plans to format', () => expect(courts.length).toBeGreaterThan(0));

  // These files are being written right now: one with syntax errors is refused, never rewritten.
  it.each(courts.map((f) => [f.slice(ROOT.length + 1), f]))(
    '%s formats without loss and idempotently',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      if (shape(text) === null) {
        expect(formatPlan(text).ok).toBe(false);
        return;
      }
      const out = expectCanonical(text);
      // Formatting changes layout only: the words of the file stay, in order.
      const words = (t: string): string[] =>
        t
          .split(/[\s;；]+/)
          .filter(Boolean)
          .join('')
          .replace(/[,，、()（）:：=＝{}｛｝]/g, '')
          .split('');
      expect(words(out).sort()).toEqual(words(text).sort());
    },
  );
});
