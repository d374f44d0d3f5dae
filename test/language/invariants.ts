// What must hold of every compilation, whatever the input: nothing throws, every diagnostic is well
// formed (a known code with its severity, messages in both languages) and its range lies inside the
// text with line and column agreeing with the offset, fixes edit inside the text, the IR matches its
// schema, and the same input gives the same output.
import { expect } from 'vitest';
import { compile, type CompileResult } from '../../src/engine/check/compile.js';
import { CODES } from '../../src/engine/diagnostics/codes.js';
import { LineMap, type Diagnostic, type Position } from '../../src/engine/diagnostics/diagnostic.js';
import { validatePlanIR } from '../../src/engine/ir/validate.js';
import { normaliseSource, parsePlan } from '../../src/engine/syntax/parse.js';
import { memoryHost } from '../corpus/host.js';

export const ENTRY = 'main.plan';

/** Problems with one diagnostic against the text of its file (empty when it is sound). */
export function diagnosticProblems(d: Diagnostic, source: string): string[] {
  const problems: string[] = [];
  const text = normaliseSource(source);
  const lines = new LineMap(text);
  const info = (CODES as Record<string, { severity: string }>)[d.code];
  if (!info) problems.push(`unknown code ${d.code}`);
  else if (info.severity !== d.severity) problems.push(`${d.code} has severity ${d.severity}, not ${info.severity}`);
  if (typeof d.message !== 'string' || d.message.length === 0) problems.push(`${d.code} has no message`);
  if (typeof d.messageEn !== 'string' || d.messageEn.length === 0) problems.push(`${d.code} has no English message`);
  const { start, end } = d.range;
  if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= text.length)) {
    problems.push(`${d.code} range [${start.offset}, ${end.offset}] is outside 0..${text.length}`);
  }
  const same = (p: Position, q: Position): boolean =>
    p.line === q.line && p.column === q.column && p.offset === q.offset;
  if (!same(start, lines.position(start.offset)))
    problems.push(`${d.code} start ${JSON.stringify(start)} disagrees with its offset`);
  if (!same(end, lines.position(end.offset)))
    problems.push(`${d.code} end ${JSON.stringify(end)} disagrees with its offset`);
  for (const e of d.fix?.edits ?? []) {
    if (!(e.range[0] >= 0 && e.range[0] <= e.range[1] && e.range[1] <= text.length))
      problems.push(`${d.code} fix edits [${e.range}] outside the text`);
  }
  return problems;
}

/** Compiles `source` as the only file (plus std); asserts every invariant; returns the result. */
export function compileChecked(source: string, files: Record<string, string> = {}): CompileResult {
  const host = memoryHost({ ...files, [ENTRY]: source });
  let result: CompileResult;
  expect(() => {
    result = compile(ENTRY, host);
  }).not.toThrow();
  const all: Record<string, string> = { ...files, [ENTRY]: source };
  const problems: string[] = [];
  for (const d of result!.diagnostics) {
    const text = all[d.file] ?? host.readFile(d.file);
    if (text === null || text === undefined) {
      // Only a file that could not be read has diagnostics without text.
      if (d.code !== 'E0005' && d.code !== 'E0204') problems.push(`${d.code} in unreadable file ${d.file}`);
      continue;
    }
    problems.push(...diagnosticProblems(d, text));
  }
  expect(problems, `diagnostics of ${JSON.stringify(source.slice(0, 200))}`).toEqual([]);
  // Counts agree with the list, which is sorted.
  expect(result!.errorCount).toBe(result!.diagnostics.filter((d) => d.severity === 'error').length);
  // The IR is plain JSON and matches its schema, whatever the errors.
  expect(JSON.parse(JSON.stringify(result!.ir))).toEqual(result!.ir);
  // Names in the IR are unique: a duplicate declaration is reported (E0202/E0405), not emitted twice.
  const ir = result!.ir;
  for (const [what, names] of [
    ['indicator', ir.indicators.map((x) => x.name)],
    ['rule', ir.rules.map((x) => x.name)],
    ['target', ir.targets.map((x) => x.id)],
    ['task', ir.tasks.map((x) => x.id)],
  ] as const) {
    expect(
      names.filter((n, i) => names.indexOf(n) !== i),
      `${what}s emitted twice`,
    ).toEqual([]);
  }
  const valid = validatePlanIR(result!.ir);
  expect(valid.ok ? [] : valid.errors, 'the IR matches its schema').toEqual([]);
  return result!;
}

/** parsePlan alone: never throws, its diagnostics are sound. */
export function parseChecked(source: string): ReturnType<typeof parsePlan> {
  let r: ReturnType<typeof parsePlan>;
  expect(() => {
    r = parsePlan(ENTRY, source);
  }).not.toThrow();
  const problems = r!.diagnostics.flatMap((d) => diagnosticProblems(d, source));
  expect(problems, `parse diagnostics of ${JSON.stringify(source.slice(0, 200))}`).toEqual([]);
  return r!;
}

/** What a compilation says, as comparable data (everything but object identity). */
export function fingerprint(r: CompileResult): string {
  return JSON.stringify({ diagnostics: r.diagnostics, ir: r.ir, errors: r.errorCount, warnings: r.warningCount });
}

/** Compiles `source` twice from scratch: the two results are the same, byte for byte. */
export function expectDeterministic(source: string): void {
  const host = memoryHost({ [ENTRY]: source });
  expect(fingerprint(compile(ENTRY, host))).toBe(fingerprint(compile(ENTRY, host)));
}
