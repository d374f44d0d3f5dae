// The tiny semver the host checks `engines.luoshi` with.
import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, satisfies, validRange } from '../../src/engine/plugins/semver.js';

describe('semver', () => {
  it('parses and orders versions, pre-releases before their release', () => {
    expect(parseVersion('1.2.3-beta.1+build')).toEqual({ major: 1, minor: 2, patch: 3, pre: ['beta', '1'] });
    expect(parseVersion('1.2')).toBeNull();
    const sorted = [
      '1.0.0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-beta',
      '0.9.9',
      '1.0.0-alpha.beta',
      '1.0.0-rc.1',
      '1.0.0-beta.11',
      '1.0.0-beta.2',
    ]
      .map((v) => parseVersion(v)!)
      .sort(compareVersions)
      .map((v) => `${v.major}.${v.minor}.${v.patch}${v.pre.length ? `-${v.pre.join('.')}` : ''}`);
    expect(sorted).toEqual([
      '0.9.9',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ]);
  });

  it.each([
    ['0.1.0', '*', true],
    ['0.1.0', '^0.1.0', true],
    ['0.1.5', '^0.1.0', true],
    ['0.2.0', '^0.1.0', false],
    ['1.4.0', '^1.2.3', true],
    ['2.0.0', '^1.2.3', false],
    ['0.0.3', '^0.0.3', true],
    ['0.0.4', '^0.0.3', false],
    ['1.2.9', '~1.2.3', true],
    ['1.3.0', '~1.2.3', false],
    ['1.9.0', '~1', true],
    ['1.2.3', '1.2.3', true],
    ['1.2.4', '=1.2.3', false],
    ['1.5.0', '1.x', true],
    ['2.0.0', '1.x', false],
    ['1.5.0', '>=1.2.0 <2.0.0', true],
    ['2.0.0', '>=1.2.0 <2.0.0', false],
    ['0.1.0', '>=2.0.0 || ^0.1.0', true],
    ['1.5.0', '1.2 - 1.6', true],
    ['1.7.0', '1.2 - 1.6', false],
    ['1.0.0', '>1', false],
    ['2.0.0', '>1', true],
    ['1.0.0', '<=1', true],
    ['1.9.9', '<=1', true],
    ['2.0.0', '<=1', false],
    ['1.0.0-rc.1', '^1.0.0', false],
    ['1.0.0-rc.2', '>=1.0.0-rc.1', true],
    ['0.1.0', 'nonsense', false],
    ['x', '*', false],
  ])('%s satisfies %s: %s', (v, r, ok) => {
    expect(satisfies(v, r)).toBe(ok);
  });

  it('tells well-formed ranges', () => {
    expect(validRange('^0.1.0')).toBe(true);
    expect(validRange('>=1 <2 || 3.x')).toBe(true);
    expect(validRange('latest')).toBe(false);
  });
});
