// The seed plans' own tests: every plan under policies/ has one, they all pass, they cover every rule,
// condition, target and milestone — and every one of them can fail: each test, with its expectation
// changed, must fail (a test that cannot fail is a defect).
import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { prepare } from '../../src/harness/commands/test.js';
import { runBoundFile } from '../../src/engine/tester/run.js';
import { coverageOf } from '../../src/engine/tester/coverage.js';
import type { BoundFile, BoundTest, Check, Checks } from '../../src/engine/tester/bind.js';
import type { MilestoneStatus, TargetStatus, TaskStatus } from '../../src/engine/report/model.js';

const PLANS = readdirSync(join(PACKAGE_ROOT, 'policies'))
  .filter((f) => f.endsWith('.plan'))
  .sort();
const TESTS = PLANS.map((p) => `policies/${p.replace(/\.plan$/, '.test.yaml')}`);

const TARGET: TargetStatus[] = ['met', 'missed', 'on track', 'at risk', 'not measurable'];
const MILESTONE: MilestoneStatus[] = ['done on time', 'done late', 'overdue', 'due soon', 'pending'];
const other = <T>(xs: T[], x: T): T => xs.find((y) => y !== x)!;
const shift = (d: string): string => (d.endsWith('-01') ? d.replace(/-01$/, '-02') : d.replace(/-\d\d$/, '-01'));

function mutateChecks(c: Checks): Checks {
  if (c.equals) return { ...c, equals: { ...c.equals, value: c.equals.value + Math.max(1, Math.abs(c.equals.value)) } };
  if (c.isNull) return { ...c, isNull: undefined, equals: { value: 0, tol: 0, text: '0', approx: false } };
  if (c.numerator !== undefined) return { ...c, numerator: c.numerator + 1 };
  if (c.denominator !== undefined) return { ...c, denominator: c.denominator + 1 };
  if (c.atLeast) return { ...c, atLeast: { ...c.atLeast, value: 1e12 } };
  return { ...c, atMost: { value: -1e12, text: '-1e12' } };
}

/** The same test expecting something else. */
function mutate(c: Check): Check {
  switch (c.kind) {
    case 'indicator':
      return { ...c, checks: mutateChecks(c.checks) };
    case 'rule':
      if (c.passes !== null) return { ...c, passes: !c.passes, failed: c.passes ? c.failed : [] };
      if (c.failed !== null)
        return { ...c, failed: c.failed.length > 1 ? c.failed.slice(1) : c.failed.length ? [] : ['x'] };
      if (c.warnings !== null) return { ...c, warnings: c.warnings.length ? [] : ['x'] };
      return { ...c, applies: !c.applies };
    case 'target':
      if (c.status !== null) return { ...c, status: other(TARGET, c.status) };
      if (c.lagging !== null) return { ...c, lagging: [...c.lagging, 'x'] };
      if (c.stretchMet !== null) return { ...c, stretchMet: !c.stretchMet };
      return { ...c, checks: mutateChecks(c.checks) };
    case 'milestone':
      if (c.status !== null) return { ...c, status: other(MILESTONE, c.status) };
      return { ...c, done: c.done === null ? '2000-01-01' : null };
    case 'task':
      return { ...c, status: other<TaskStatus>([...MILESTONE, 'ongoing'], c.status) };
    case 'replay':
      if (c.final !== null) return { ...c, final: other(TARGET, c.final) };
      if (c.firstMet !== undefined) return { ...c, firstMet: c.firstMet === null ? c.to : shift(c.firstMet) };
      if (c.firstMissed !== undefined)
        return { ...c, firstMissed: c.firstMissed === null ? c.to : shift(c.firstMissed) };
      return { ...c, statuses: c.statuses.map((x) => ({ ...x, status: other(TARGET, x.status) })) };
    case 'score':
      if (c.total !== null) return { ...c, total: c.total + 1 };
      if (c.rank !== null) return { ...c, rank: c.rank + 1 };
      return { ...c, points: (c.points ?? 0) + 0.5 };
  }
}

describe('seed plans', async () => {
  const prep = await prepare(TESTS, PACKAGE_ROOT);

  test('every seed plan has a test file, and it loads without errors', () => {
    expect(PLANS.length).toBeGreaterThanOrEqual(5);
    for (const t of TESTS) expect(existsSync(join(PACKAGE_ROOT, t)), t).toBe(true);
    expect(prep.errors).toEqual([]);
    expect(prep.files.map((f) => f.plan)).toEqual(PLANS.map((p) => `policies/${p}`));
  });

  test('all pass, and they exercise every rule, condition, target and milestone', async () => {
    const results = await Promise.all(prep.files.map((f) => runBoundFile(f.bound, f.plan)));
    const failed = results.flatMap((r) =>
      r.results
        .filter((x) => x.status !== 'passed')
        .map((x) => `${x.file}:${x.line} ${x.fullName}: expected ${x.expected}, got ${x.actual}`),
    );
    expect(failed).toEqual([]);
    for (const r of results) expect(r.results.length, r.file).toBeGreaterThanOrEqual(20);
    const cov = coverageOf(prep.files.map((f, k) => ({ ...f, result: results[k]! })));
    expect(cov.items.filter((i) => !i.exercised)).toEqual([]);
  });

  test.each(TESTS)('every test in %s can fail', async (file) => {
    const f = prep.files.find((x) => x.bound.model.file === file)!;
    const mutated: BoundTest[] = f.bound.tests.map((t) => ({ ...t, check: mutate(t.check) }));
    const bound: BoundFile = { ...f.bound, tests: mutated };
    const r = await runBoundFile(bound, f.plan);
    const survivors = r.results.filter((x) => x.status === 'passed').map((x) => `${x.line}: ${x.fullName}`);
    expect(survivors).toEqual([]);
  });
});
