// Where a command's output goes: a reader that stops early (`| head`) ends the output quietly, and an
// --out file in a folder that does not exist is written (its folders made) or refused with one line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'luoshi-out-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PLAN = 'policies/ningbo-2018.plan';
const DATA = 'examples/data/ningbo-2018.ndjson';

describe('output', () => {
  it('a pipe closed early (| head -1) ends the output without a stack trace', () => {
    // The shell's pipeline: luoshi writes 26 case lines, head reads one and closes the pipe.
    const r = spawnSync(
      'bash',
      [
        '-c',
        `node bin/luoshi.js explain ${PLAN} --data ${DATA} --indicator 终本合格率 --part missing | head -1; exit \${PIPESTATUS[0]}`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stdout).toBe('终本合格率 在分母而不在分子: 26 件\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('replay --out into folders that do not exist makes them', () => {
    const out = join(tmp, 'a', 'b', 'replay.csv');
    const r = spawnSync(
      'node',
      [
        'bin/luoshi.js',
        'replay',
        PLAN,
        '--data',
        DATA,
        '--from',
        '2018-04-08',
        '--to',
        '2018-05-31',
        '--step',
        'month',
        '--format',
        'csv',
        '--out',
        out,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stderr).not.toMatch(/internal error|内部错误|at .*\.js:\d+/);
    expect(r.status).toBe(0); // no target falls due before 05-31
    expect(readFileSync(out, 'utf8').split('\n').slice(0, 2)).toEqual([
      'date,indicator,group,value,numerator,denominator',
      '2018-04-30,受理数,,357,357,',
    ]);
  });

  it('an --out that cannot be written is one line naming the file (exit 2), not an internal error', () => {
    const blocker = join(tmp, 'plain-file');
    spawnSync('bash', ['-c', `echo x > ${blocker}`]);
    const out = join(blocker, 'sub', 'replay.csv'); // under a file: no folder can be made
    const r = spawnSync(
      'node',
      [
        'bin/luoshi.js',
        'replay',
        PLAN,
        '--data',
        DATA,
        '--from',
        '2018-04-08',
        '--to',
        '2018-05-31',
        '--step',
        'month',
        '--format',
        'csv',
        '--out',
        out,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`cannot write ${out}`);
    expect(existsSync(out)).toBe(false);
  });
});
