// Test helpers: compile plan text against the real standard library, evaluate records in memory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type CompileOptions, type CompileResult } from '../../src/engine/check/compile.js';
import { listPlanFiles, PACKAGE_ROOT, STD_DIR } from '../../src/harness/host.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import type { CaseRecord } from '../../src/engine/data/record.js';
import { evaluatePlan, type EvaluateInput } from '../../src/engine/eval/evaluate.js';
import type { PlanReport } from '../../src/engine/report/model.js';

export function compileText(text: string, file = 'test.plan', options: CompileOptions = {}): CompileResult {
  const files = new Map<string, string>([[file, text]]);
  const std = listPlanFiles(STD_DIR).map((p) =>
    p
      .slice(PACKAGE_ROOT.length + 1)
      .split('\\')
      .join('/'),
  );
  return compile(
    file,
    {
      readFile: (p) => files.get(p) ?? (p.startsWith('policies/') ? readFileSync(join(PACKAGE_ROOT, p), 'utf8') : null),
      resolveImport: (from, spec) => (from.startsWith('policies/std/') ? `policies/std/${spec}` : spec),
      libraryFiles: (name) => (name === 'std' ? std : null),
    },
    options,
  );
}

/** A plan over std with the given window, evaluated as of a date. */
export function evaluateText(
  text: string,
  records: readonly CaseRecord[],
  asOf: string,
  extra: Partial<EvaluateInput> = {},
): PlanReport {
  const r = compileText(text);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length)
    throw new Error(errors.map((d) => `${d.file}:${d.range.start.line + 1}: ${d.code} ${d.message}`).join('\n'));
  return evaluatePlan({ ir: r.ir, store: storeFromRecords(records), asOf, ...extra });
}
