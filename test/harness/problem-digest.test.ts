// The data problems a person reads: errors first, a warning repeated on many rows (缺少承办人) once with its
// count, and a count of what the list leaves out.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { problemDigest } from '../../src/engine/data/problem-digest.js';
import type { DataProblem } from '../../src/engine/data/problems.js';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'luoshi-problems-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('data problems in the text report', () => {
  it('errors first; 缺少承办人 once with its count', () => {
    const lines = readFileSync(join(ROOT, 'examples/data/ningbo-2018.ndjson'), 'utf8').split('\n').slice(0, 40);
    const rows = lines.map((l, k) => {
      if (k === 34) return '{"id": broken';
      if (k < 30) {
        const o = JSON.parse(l) as Record<string, unknown>;
        delete o.handler;
        return JSON.stringify(o);
      }
      return l;
    });
    const file = join(tmp, 'cases.ndjson');
    writeFileSync(file, rows.join('\n') + '\n');
    const r = spawnSync(
      'node',
      ['bin/luoshi.js', 'check', 'policies/ningbo-2018.plan', '--data', file, '--as-of', '2018-12-31'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const problems = r.stderr.split('\n').filter((l) => l.startsWith(file));
    expect(problems[0]).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:35(:\\d+)?: error D\\d{4}`),
    );
    const handler = problems.filter((l) => l.includes('缺少承办人'));
    expect(handler).toEqual([`${file}:1: warning D0114 [handler]: 缺少承办人（同类共 30 条）`]);
  });

  it('what the list leaves out is counted by severity', () => {
    const p = (line: number, severity: 'error' | 'warning', code: string): DataProblem => ({
      file: 'a.csv',
      line,
      field: 'x',
      code,
      severity,
      message: `问题${code}`,
      messageEn: `problem ${code}`,
    });
    const list = [
      p(1, 'warning', 'D0114'),
      p(2, 'warning', 'D0114'),
      p(3, 'error', 'D0101'),
      p(4, 'warning', 'D0120'),
      p(5, 'error', 'D0102'),
      p(6, 'warning', 'D0121'),
    ];
    expect(problemDigest(list, 'zh', 3)).toEqual([
      'a.csv:3: error D0101 [x]: 问题D0101',
      'a.csv:5: error D0102 [x]: 问题D0102',
      'a.csv:1: warning D0114 [x]: 问题D0114（同类共 2 条）',
      '… 另有 0 条错误、2 条警告（--format json 列出全部）',
    ]);
    expect(problemDigest(list, 'en', 2).at(-1)).toBe('… 0 more error(s), 4 more warning(s) (--format json lists them)');
  });
});
