// A testbed for plugin authors: the plugins of your choice on a host with the built-in ones, and plan
// text compiled, linted, evaluated and rendered through them — what `luoshi check` does, in memory.
//
//   const bed = await createTestbed({ plugins: [new URL('.', import.meta.url).pathname], calendar: 'prc-2018' });
//   const report = await bed.evaluate(planText, records, '2018-12-31');
//   expect(bed.diagnostics()).toEqual([]);
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compile, type CompileResult } from '../../engine/check/compile.js';
import { compareDiagnostics, type Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import { storeFromRecords } from '../../engine/data/store.js';
import type { CaseRecord } from '../../engine/data/record.js';
import { evaluatePlan } from '../../engine/eval/evaluate.js';
import { replayPlan } from '../../engine/replay/replay.js';
import type { Step } from '../../engine/replay/types.js';
import type { PlanReport } from '../../engine/report/model.js';
import type { EvalHooks, PluginHost } from '../../engine/plugins/host.js';
import type { FormatInput, FormatOptions } from '../../engine/plugins/api.js';
import { listPlanFiles, PACKAGE_ROOT, STD_DIR } from '../host.js';
import { loadCases, type LoadedCases } from '../loaders/index.js';
import { addPluginFolder, createHarnessHost } from './session.js';
import { dataImporters } from './importers.js';

export interface TestbedOptions {
  /** Plugin folders (each with plugin.json), optionally with settings. */
  plugins: Array<string | { dir: string; settings?: unknown }>;
  /** The calendar's id (as `calendar:` in luoshi.config.yaml). */
  calendar?: string;
  activationTimeoutMs?: number;
  callTimeoutMs?: number;
}

export interface Testbed {
  host: PluginHost;
  /** Every plugin diagnostic so far (loading, activation, running). */
  diagnostics(): Diagnostic[];
  /** Compiles plan text (the standard library available) with the plugins' functions and event types. */
  compile(text: string, file?: string): CompileResult;
  /** Compiles and runs the plugins' lints: every diagnostic of the plan. */
  check(text: string, file?: string): Promise<Diagnostic[]>;
  hooks(text: string): Promise<EvalHooks>;
  /** Compiles (errors throw) and evaluates against records as of a date. */
  evaluate(text: string, records: readonly CaseRecord[], asOf: string): Promise<PlanReport>;
  replay(
    text: string,
    records: readonly CaseRecord[],
    from: string,
    to: string,
    step?: Step,
  ): Promise<ReturnType<typeof replayPlan>>;
  /** Loads data files through the importers (the built-in ones and the plugins'). */
  load(paths: string[], cwd?: string): Promise<LoadedCases>;
  render(format: string, input: FormatInput, options?: Partial<FormatOptions>): Promise<string | null>;
  dispose(): Promise<void>;
}

export async function createTestbed(opts: TestbedOptions): Promise<Testbed> {
  const host = createHarnessHost(opts);
  for (const p of opts.plugins) {
    const { dir, settings } = typeof p === 'string' ? { dir: p, settings: undefined } : p;
    addPluginFolder(host, resolve(dir), process.cwd(), settings, dir);
  }
  await host.activateEager();
  const seen: Diagnostic[] = [];
  const diagnostics = (): Diagnostic[] => {
    seen.push(...host.drainDiagnostics());
    return [...seen];
  };

  const std = listPlanFiles(STD_DIR).map((p) =>
    p
      .slice(PACKAGE_ROOT.length + 1)
      .split('\\')
      .join('/'),
  );
  const compileText = (text: string, file = 'test.plan'): CompileResult =>
    compile(
      file,
      {
        readFile: (p) =>
          p === file ? text : p.startsWith('policies/') ? readFileSync(join(PACKAGE_ROOT, p), 'utf8') : null,
        resolveImport: (from, spec) => (from.startsWith('policies/std/') ? `policies/std/${spec}` : spec),
        libraryFiles: (name) => (name === 'std' ? std : null),
      },
      host.compileOptions(),
    );
  const compiled = (text: string): CompileResult => {
    const r = compileText(text);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length)
      throw new Error(errors.map((d) => `${d.file}:${d.range.start.line + 1}: ${d.code} ${d.message}`).join('\n'));
    return r;
  };
  const hooks = (text: string): Promise<EvalHooks> =>
    host.prepareEvaluation(compiled(text).ir, opts.calendar ? { calendar: opts.calendar } : {});

  return {
    host,
    diagnostics,
    compile: compileText,
    async check(text, file = 'test.plan') {
      const r = compileText(text, file);
      const found = r.errorCount
        ? []
        : await host.lint(
            r.ir,
            r.files.map((f) => f.path),
            file,
          );
      return [...r.diagnostics, ...found].sort(compareDiagnostics);
    },
    hooks,
    async evaluate(text, records, asOf) {
      const r = compiled(text);
      const h = await host.prepareEvaluation(r.ir, opts.calendar ? { calendar: opts.calendar } : {});
      if (h.unavailable.length) throw new Error(`functions not available: ${h.unavailable.join(', ')}`);
      return evaluatePlan({
        ir: r.ir,
        store: storeFromRecords(records),
        asOf,
        functions: h.functions,
        ...(h.addWorkdays ? { addWorkdays: h.addWorkdays } : {}),
      });
    },
    async replay(text, records, from, to, step = 'month') {
      const r = compiled(text);
      const h = await host.prepareEvaluation(r.ir, opts.calendar ? { calendar: opts.calendar } : {});
      return replayPlan({
        ir: r.ir,
        store: storeFromRecords(records),
        from,
        to,
        step,
        functions: h.functions,
        ...(h.addWorkdays ? { addWorkdays: h.addWorkdays } : {}),
      });
    },
    load: (paths, cwd = process.cwd()) => loadCases(paths, { cwd, importers: dataImporters(host) }),
    render: (format, input, o = {}) =>
      host.render(format, input, { lang: o.lang ?? 'zh', color: o.color ?? false, quiet: o.quiet ?? false }),
    dispose: () => host.dispose(),
  };
}
