// examples/ci/check-plan.sh, run for real with sh in a temporary copy of a plan, its tests and last
// year's data: the reports it leaves and its exit codes; and the GitHub workflow that calls it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/harness/host.js';

const SCRIPT = join(PACKAGE_ROOT, 'examples/ci/check-plan.sh');
const LUOSHI = `${join(PACKAGE_ROOT, 'node_modules/.bin/tsx')} ${join(PACKAGE_ROOT, 'src/harness/cli.ts')}`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-ci-'));
  mkdirSync(join(dir, 'policies'));
  mkdirSync(join(dir, 'examples/data'), { recursive: true });
  // With the configuration that names the plan's data (else --data examples/data warns that it loads every case file).
  for (const f of ['ningbo-2018.plan', 'ningbo-2018.test.yaml', 'luoshi.config.yaml'])
    copyFileSync(join(PACKAGE_ROOT, 'policies', f), join(dir, 'policies', f));
  for (const f of ['ningbo-2018.ndjson', 'progress-ningbo-2018.ndjson', 'staffing-2018.ndjson'])
    copyFileSync(join(PACKAGE_ROOT, 'examples/data', f), join(dir, 'examples/data', f));
  // …and the people file it names (the basic courts' leaders).
  mkdirSync(join(dir, 'examples/people'), { recursive: true });
  copyFileSync(join(PACKAGE_ROOT, 'examples/people/ningbo-2018.csv'), join(dir, 'examples/people/ningbo-2018.csv'));
  // The plan as it stood before the draft: a laxer 终本 target.
  mkdirSync(join(dir, 'base'));
  writeFileSync(
    join(dir, 'base/ningbo-2018.plan'),
    readFileSync(join(dir, 'policies/ningbo-2018.plan'), 'utf8').replace('终本合格率 > 90%', '终本合格率 > 80%'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sh(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('sh', [SCRIPT, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LUOSHI, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('check-plan.sh', () => {
  test('checks, tests, replays and diffs a plan; leaves the reports; exit 0', () => {
    const summaryFile = join(dir, 'step-summary.md');
    const r = sh(
      [
        '--data',
        'examples/data',
        '--from',
        '2018-04-08',
        '--to',
        '2018-12-31',
        '--threshold',
        '90',
        '--base',
        'base/ningbo-2018.plan',
        '--out',
        'reports',
        'policies/ningbo-2018.plan',
      ],
      { GITHUB_STEP_SUMMARY: summaryFile },
    );
    expect(r.err.replace(/npm warn.*\n/g, '')).toBe('');
    expect(r.code).toBe(0);
    const read = (f: string) => readFileSync(join(dir, 'reports', f), 'utf8');
    expect(read('check.txt')).toContain('0 个错误');
    const junit = read('tests.xml');
    expect(junit).toMatch(/<testsuites name="luoshi test" tests="\d+" failures="0"/);
    expect(junit).toContain('<testsuite name="policies/ningbo-2018.test.yaml"');
    expect(read('tests.txt')).toContain('覆盖率 coverage: 24/24 (100.0%)');
    const html = read('replay.html');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('</html>');
    expect(read('diff.md')).toContain('| 目标 target | 终本合格 |');
    const summary = read('summary.md');
    expect(summary).toContain('| check | ✓');
    expect(summary).toMatch(/\| tests \| ✓ \d+ passed, \d+ total \(1 file\) \|/);
    expect(summary).toContain('| replay | due targets missed on the data — replay.html |');
    expect(summary).toContain('| diff | outcomes change — diff.md |');
    expect(readFileSync(summaryFile, 'utf8')).toBe(summary);
    expect(r.out).toContain('== luoshi test policies/ningbo-2018.test.yaml');
  }, 180_000);

  test('--strict fails on missed targets and changed outcomes; a failing test fails; a luoshi without replay is tolerated', () => {
    // A luoshi that has no replay command (older versions): the HTML report is skipped, not an error.
    writeFileSync(
      join(dir, 'no-replay.sh'),
      `case "$1" in replay) echo 'luoshi: 未知命令 / unknown command "replay"' >&2; exit 2 ;; esac\nexec ${LUOSHI} "$@"\n`,
    );
    const tests = readFileSync(join(dir, 'policies/ningbo-2018.test.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'policies/ningbo-2018.test.yaml'),
      tests.replace('{ indicator: 受理数, equals: 5 }', '{ indicator: 受理数, equals: 6 }'),
    );
    try {
      const r = sh(['--data', 'examples/data', '--out', 'failing', 'policies/ningbo-2018.plan'], {
        LUOSHI: `sh ${join(dir, 'no-replay.sh')}`,
      });
      expect(r.code).toBe(1);
      expect(readFileSync(join(dir, 'failing/tests.xml'), 'utf8')).toMatch(/failures="1"/);
      expect(readFileSync(join(dir, 'failing/tests.txt'), 'utf8')).toContain('期望 expected: = 6');
      expect(r.err).toContain('this luoshi has no replay command');
      expect(existsSync(join(dir, 'failing/replay.html'))).toBe(false);
      expect(readFileSync(join(dir, 'failing/summary.md'), 'utf8')).toContain(
        '| replay | — not available in this luoshi |',
      );
    } finally {
      writeFileSync(join(dir, 'policies/ningbo-2018.test.yaml'), tests);
    }
    const s = sh([
      '--data',
      'examples/data',
      '--from',
      '2018-04-08',
      '--to',
      '2018-12-31',
      '--strict',
      '--out',
      'strict',
      'policies/ningbo-2018.plan',
    ]);
    expect(s.code).toBe(1);
    expect(readFileSync(join(dir, 'strict/summary.md'), 'utf8')).toContain('| replay | due targets missed on the data');
  }, 180_000);

  test('exit 2 when it cannot run; --help', () => {
    expect(sh(['policies/ningbo-2018.plan']).code).toBe(2);
    expect(sh(['--data', 'nowhere', 'policies/ningbo-2018.plan']).err).toContain(
      'no such data file or folder: nowhere',
    );
    expect(sh(['--data', 'examples/data', 'policies/missing.plan']).code).toBe(2);
    expect(sh(['--data', 'examples/data', '--bogus', 'policies/ningbo-2018.plan']).code).toBe(2);
    const h = sh(['--help']);
    expect(h.code).toBe(0);
    expect(h.out).toContain('check-plan.sh — the CI gate for a draft plan');
  });
});

describe('the GitHub Actions workflow', () => {
  test('is valid YAML that builds luoshi, runs check-plan.sh per plan and publishes the reports', () => {
    const wf = parse(readFileSync(join(PACKAGE_ROOT, 'examples/ci/luoshi-plans.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      jobs: Record<string, { steps: Array<{ run?: string; uses?: string; with?: Record<string, unknown> }> }>;
    };
    expect(Object.keys(wf.on)).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    const steps = wf.jobs.plans!.steps;
    expect(steps.map((s) => s.uses ?? s.run?.split('\n')[0])).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'npm run build',
      'set -u',
      'actions/upload-artifact@v4',
      'mikepenz/action-junit-report@v4',
    ]);
    expect(steps[4]!.run).toContain('sh examples/ci/check-plan.sh --data "$DATA"');
    expect(steps[6]!.with!.report_paths).toBe('reports/*/tests.xml');
  });
});
