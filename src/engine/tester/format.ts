// Plan-test results for people (text) and machines (JSON, JUnit XML, TAP 13). Deterministic: no
// timings, files and tests in the order they were given and written.
import type { Coverage } from './coverage.js';
import type { FileResult, TestResult } from './run.js';
import type { TestFileError } from './yaml.js';

export interface Summary {
  files: number;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

export function summarize(files: readonly FileResult[]): Summary {
  const all = files.flatMap((f) => f.results);
  return {
    files: files.length,
    total: all.length,
    passed: all.filter((r) => r.status === 'passed').length,
    failed: all.filter((r) => r.status === 'failed').length,
    skipped: all.filter((r) => r.status === 'skipped').length,
  };
}

const where = (r: TestResult): string => `${r.file}:${r.line}:${r.col}`;

export function renderTestText(files: readonly FileResult[], coverage: Coverage | null, color: boolean): string {
  const paint = (code: string, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  for (const f of files) {
    out.push(`${f.file} ${paint('2', `(${f.plan})`)}`);
    if (f.results.length === 0) out.push(`  ${paint('2', '（没有测试 / no tests）')}`);
    for (const r of f.results) {
      if (r.status === 'skipped') {
        out.push(`  ${paint('2', `- ${r.fullName} (跳过 / skipped)`)}`);
        continue;
      }
      if (r.status === 'passed') {
        out.push(`  ${paint('32', '✓')} ${r.fullName} ${paint('2', `— ${r.actual}`)}`);
        continue;
      }
      out.push(`  ${paint('31', '✗')} ${r.fullName}`);
      out.push(`      期望 expected: ${r.expected}`);
      out.push(`      实际 actual:   ${r.actual}`);
      out.push(`      ${paint('2', `at ${where(r)} (as of ${r.asOf}, ${r.data})`)}`);
    }
  }
  const s = summarize(files);
  out.push('');
  const parts = [
    `${s.passed} passed`,
    ...(s.failed ? [paint('31', `${s.failed} failed`)] : []),
    ...(s.skipped ? [`${s.skipped} skipped`] : []),
  ];
  out.push(`测试 tests: ${parts.join(', ')}, ${s.total} total (${s.files} file${s.files === 1 ? '' : 's'})`);
  if (coverage) out.push(renderCoverageText(coverage));
  return out.join('\n') + '\n';
}

export function renderCoverageText(c: Coverage): string {
  const out = [`覆盖率 coverage: ${c.exercised}/${c.total} (${c.percent.toFixed(1)}%)`];
  const missing = c.items.filter((i) => !i.exercised);
  let plan = '';
  for (const i of missing) {
    if (i.plan !== plan) {
      plan = i.plan;
      out.push(`  ${plan} — 未被测试 / not exercised:`);
    }
    out.push(`    ${i.kind.padEnd(9)} ${i.name}${i.note ? ` — ${i.note}` : ''}`);
  }
  return out.join('\n');
}

export function renderTestJson(files: readonly FileResult[], coverage: Coverage | null): string {
  return (
    JSON.stringify({ version: 1, summary: summarize(files), files, ...(coverage ? { coverage } : {}) }, null, 2) + '\n'
  );
}

export function xml(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

export function renderTestJUnit(files: readonly FileResult[], coverage: Coverage | null): string {
  const s = summarize(files);
  const suites = files.map((f) => {
    const fs = summarize([f]);
    const cases = f.results.map((r) => {
      const head = `    <testcase classname="${xml(f.file)}" name="${xml(r.fullName)}" file="${xml(r.file)}" line="${r.line}">`;
      if (r.status === 'skipped') return `${head}<skipped/></testcase>`;
      if (r.status === 'passed') return `${head}</testcase>`;
      const msg = `expected ${r.expected}, got ${r.actual}`;
      return `${head}\n      <failure message="${xml(msg)}" type="assertion">${xml(`${where(r)} (as of ${r.asOf}, ${r.data})\nexpected: ${r.expected}\nactual:   ${r.actual}`)}</failure>\n    </testcase>`;
    });
    return (
      `  <testsuite name="${xml(f.file)}" tests="${fs.total}" failures="${fs.failed}" skipped="${fs.skipped}" errors="0">\n` +
      `    <properties><property name="plan" value="${xml(f.plan)}"/></properties>\n${cases.join('\n')}${cases.length ? '\n' : ''}  </testsuite>`
    );
  });
  const props = coverage
    ? `  <!-- coverage ${coverage.exercised}/${coverage.total} (${coverage.percent.toFixed(1)}%) -->\n`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="luoshi test" tests="${s.total}" failures="${s.failed}" skipped="${s.skipped}" errors="0">\n${props}${suites.join('\n')}\n</testsuites>\n`;
}

export function renderTestTap(files: readonly FileResult[], coverage: Coverage | null): string {
  const all = files.flatMap((f) => f.results);
  const out = ['TAP version 13', `1..${all.length}`];
  all.forEach((r, k) => {
    const title = `${r.file} › ${r.fullName}`.replace(/#/g, '\\#');
    if (r.status === 'skipped') {
      out.push(`ok ${k + 1} - ${title} # SKIP`);
      return;
    }
    out.push(`${r.status === 'passed' ? 'ok' : 'not ok'} ${k + 1} - ${title}`);
    if (r.status === 'failed') {
      out.push(
        '  ---',
        `  expected: ${JSON.stringify(r.expected)}`,
        `  actual: ${JSON.stringify(r.actual)}`,
        `  at: ${JSON.stringify(where(r))}`,
        `  asOf: ${JSON.stringify(r.asOf)}`,
        '  ...',
      );
    }
  });
  const s = summarize(files);
  out.push(
    `# tests ${s.total}`,
    `# pass ${s.passed}`,
    `# fail ${s.failed}`,
    ...(s.skipped ? [`# skip ${s.skipped}`] : []),
  );
  if (coverage) out.push(`# coverage ${coverage.exercised}/${coverage.total} (${coverage.percent.toFixed(1)}%)`);
  return out.join('\n') + '\n';
}

/** Errors that stopped a file from running: `file:line:col: error: message`. */
export function renderLoadErrors(errors: readonly TestFileError[]): string {
  return errors.map((e) => `${e.file}:${e.line}:${e.col}: 错误 error: ${e.message}`).join('\n') + '\n';
}
