// The corpus: small plan files under cases/, each with its expectation beside it (`NAME.expected.json`):
// every diagnostic of the compilation ({code, line, column} 1-based, the fix's replacement text when there
// is a fix, `file` when not the case's own file) and, for plans that compile, a few facts of the IR
// (`"tasks.0.due": "2018-06-30"`, `"targets.length": 3`).
//
// `UPDATE_CORPUS=1 npx vitest run test/corpus` rewrites the expectations from what the compiler says now.
// Review every change by hand: an expectation records what is RIGHT, not what the compiler happens to do.
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/check/compile.js';
import { CODES } from '../../src/engine/diagnostics/codes.js';
import type { Diagnostic } from '../../src/engine/diagnostics/diagnostic.js';
import { memoryHost } from './host.js';

const CASES = join(import.meta.dirname, 'cases');
const UPDATE = process.env.UPDATE_CORPUS === '1';

interface ExpectedDiagnostic {
  code: string;
  line: number;
  column: number;
  /** Only when the diagnostic is in another file than the case's own. */
  file?: string;
  /** The replacement text of the fix's edits, joined by `|`. */
  fix?: string;
  /** Words the Chinese / English message must contain (kept across UPDATE_CORPUS). */
  message?: string;
  messageEn?: string;
}

interface Expectation {
  description: string;
  /** The file to compile, when it is not `NAME.plan` (a file that does not exist, for E0005). */
  entry?: string;
  diagnostics: ExpectedDiagnostic[];
  /** Facts of the IR: dotted path → value (see pathValue). */
  ir?: Record<string, unknown>;
}

/** Every file under cases/, decoded as the harness does: invalid UTF-8 becomes U+FFFD (E0004). */
function loadFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.plan') || /\.people\.(csv|yaml)$/.test(name))
        files.set(relative(CASES, p).split(sep).join('/'), utf8.decode(readFileSync(p)));
    }
  };
  walk(CASES);
  return files;
}

const files = loadFiles();
const host = memoryHost(files);

/** The cases: one per expectation, and one per top-level plan (a plan without one fails, or is recorded). */
const caseNames = [
  ...new Set([
    ...readdirSync(CASES)
      .filter((f) => f.endsWith('.expected.json'))
      .map((f) => f.slice(0, -'.expected.json'.length)),
    ...readdirSync(CASES)
      .filter((f) => f.endsWith('.plan'))
      .map((f) => f.slice(0, -'.plan'.length)),
  ]),
].sort();

/**
 * The value at a dotted path: `tasks.0.due`, `targets.length`; a step `name=X` (or `id=X`) picks the element
 * of an array whose name (id) is X, so a path into what the library also emits does not depend on how
 * many indicators the library has (`indicators.name=结案率.unit`).
 */
function pathValue(root: unknown, path: string): unknown {
  let v: unknown = root;
  for (const key of path.split('.')) {
    if (v === null || v === undefined) return undefined;
    const pick = /^(name|id)=(.+)$/.exec(key);
    v =
      pick && Array.isArray(v)
        ? v.find((x) => (x as Record<string, unknown>)[pick[1]!] === pick[2])
        : (v as Record<string, unknown>)[key];
  }
  return v;
}

function simplify(d: Diagnostic, entry: string): ExpectedDiagnostic {
  const out: ExpectedDiagnostic = { code: d.code, line: d.range.start.line + 1, column: d.range.start.column + 1 };
  if (d.file !== entry) out.file = d.file;
  if (d.fix) out.fix = d.fix.edits.map((e) => e.text).join('|');
  return out;
}

function readExpectation(name: string): Expectation | null {
  const p = join(CASES, `${name}.expected.json`);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as Expectation) : null;
}

function compileCase(name: string, exp: Expectation | null) {
  const entry = exp?.entry ?? `${name}.plan`;
  return { entry, result: compile(entry, host) };
}

describe('corpus', () => {
  it('has cases', () => expect(caseNames.length).toBeGreaterThanOrEqual(60));

  it.each(caseNames)('%s', (name) => {
    const exp = readExpectation(name);
    const { entry, result } = compileCase(name, exp);
    const actual = result.diagnostics.map((d) => simplify(d, entry));

    if (UPDATE) {
      const old = exp?.diagnostics ?? [];
      const diagnostics = actual.map((a) => {
        const prev = old.find(
          (o) =>
            o.code === a.code && o.line === a.line && o.column === a.column && (o.file ?? null) === (a.file ?? null),
        );
        return {
          ...a,
          ...(prev?.message ? { message: prev.message } : {}),
          ...(prev?.messageEn ? { messageEn: prev.messageEn } : {}),
        };
      });
      const ir = exp?.ir
        ? Object.fromEntries(Object.keys(exp.ir).map((k) => [k, pathValue(result.ir, k) ?? null]))
        : undefined;
      const next: Expectation = {
        description: exp?.description ?? 'TODO: what this case shows',
        ...(exp?.entry ? { entry: exp.entry } : {}),
        diagnostics,
        ...(ir ? { ir } : {}),
      };
      writeFileSync(join(CASES, `${name}.expected.json`), `${JSON.stringify(next, null, 2)}\n`);
      return;
    }

    expect(exp, `${name}.expected.json is missing (UPDATE_CORPUS=1 records it; then review it)`).not.toBeNull();
    const e = exp!;
    const strip = (d: ExpectedDiagnostic): ExpectedDiagnostic => {
      const { message: _m, messageEn: _e, ...rest } = d;
      return rest;
    };
    expect(actual).toEqual(e.diagnostics.map(strip));
    // Message words, where the expectation pins them.
    e.diagnostics.forEach((d, i) => {
      if (d.message) expect(result.diagnostics[i]!.message).toContain(d.message);
      if (d.messageEn) expect(result.diagnostics[i]!.messageEn).toContain(d.messageEn);
    });
    for (const [path, value] of Object.entries(e.ir ?? {})) {
      expect(pathValue(result.ir, path), `IR ${path}`).toEqual(value);
    }
    // Whatever is wrong with a plan, the IR is still produced and is plain JSON.
    expect(JSON.parse(JSON.stringify(result.ir))).toEqual(result.ir);
    // A library definition the plan redefines is not emitted beside the plan's: names are unique.
    for (const list of [result.ir.indicators, result.ir.rules]) {
      const names = list.map((x) => x.name);
      expect(
        names.filter((n, i) => names.indexOf(n) !== i),
        'names emitted twice',
      ).toEqual([]);
    }
    // Counts agree with the list.
    expect(result.errorCount).toBe(result.diagnostics.filter((d) => d.severity === 'error').length);
  });

  it('every valid-* case compiles without errors and pins some IR facts', () => {
    for (const name of caseNames.filter((n) => n.startsWith('valid-'))) {
      const exp = readExpectation(name);
      expect(exp, name).not.toBeNull();
      const codes = exp!.diagnostics.map((d) => d.code);
      expect(
        codes.filter((c) => c.startsWith('E')),
        name,
      ).toEqual([]);
      expect(Object.keys(exp!.ir ?? {}).length, `${name} pins IR facts`).toBeGreaterThan(0);
    }
  });

  it('every diagnostic code appears in some expectation', () => {
    const seen = new Set<string>();
    for (const name of caseNames) for (const d of readExpectation(name)?.diagnostics ?? []) seen.add(d.code);
    const missing = Object.keys(CODES).filter((c) => !seen.has(c));
    expect(missing).toEqual([]);
  });
});
