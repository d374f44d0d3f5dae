// Shared by the document tests: seed plans compiled from disk, an imported skeleton compiled from memory,
// and the parts of a task a 任务分解表 carries (what the round trip compares).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../../src/engine/check/compile.js';
import type { PlanIR } from '../../src/engine/ir/types.js';
import { nodeHost, PACKAGE_ROOT } from '../../src/harness/host.js';

export const SEEDS = ['chengde-2018', 'chongqing2-2016', 'fujin-2012', 'ningbo-2018', 'xuzhou-2017'];

export function compileSeed(name: string): PlanIR {
  const r = compile(`policies/${name}.plan`, nodeHost(PACKAGE_ROOT));
  if (r.errorCount) throw new Error(`${name} does not compile`);
  return r.ir;
}

/** Compiles plan text held in memory; returns the result with its diagnostics. */
export function compilePlanText(text: string, file = 'imported.plan'): ReturnType<typeof compile> {
  const host = nodeHost(PACKAGE_ROOT);
  return compile(file, { ...host, readFile: (p) => (p === file ? text : host.readFile(p)) });
}

/** A task as its table row carries it: number, title, 原文, owners, departments, deadlines. */
export function tableFacts(ir: PlanIR): unknown[] {
  return ir.tasks.map((t) => ({
    id: t.id,
    title: t.title,
    text: t.text,
    owners: t.owners.map((o) => ({ name: o.name, kind: o.kind, holders: o.holders })),
    departments: t.departments,
    // A standing duty's date is the plan's period end, which a table does not carry: the kind is compared.
    due: t.dueKind === 'ongoing' ? 'ongoing' : t.due,
    milestones: t.milestones.map((m) => ({ text: m.text, due: m.due })),
    recurring: t.recurring.map((r) => ({ every: r.every, text: r.text })),
    irregular: t.irregular,
  }));
}

export const OUT_DIR = join(PACKAGE_ROOT, 'test-results', 'documents');

const which = (cmd: string): string | null => {
  for (const d of (process.env.PATH ?? '').split(':')) if (d && existsSync(join(d, cmd))) return join(d, cmd);
  return null;
};

/** LibreOffice, when installed (the tests that need it skip without it). */
export const SOFFICE = which('soffice');

/**
 * One LibreOffice conversion into OUT_DIR (several files per call: each start costs seconds), with a
 * fresh profile so runs do not share state.
 */
export function soffice(args: string[]): void {
  mkdirSync(OUT_DIR, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'luoshi-lo-'));
  try {
    execFileSync(SOFFICE!, ['--headless', `-env:UserInstallation=file://${profile}`, ...args, '--outdir', OUT_DIR], {
      stdio: 'pipe',
      timeout: 180_000,
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The first page of a PDF as PNG (pdftoppm, else Ghostscript); null when neither is installed. */
export function firstPagePng(pdf: string): string | null {
  const png = pdf.replace(/\.pdf$/, '-p1.png');
  if (which('pdftoppm'))
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, png.replace(/\.png$/, '')]);
  else if (which('gs'))
    execFileSync('gs', ['-q', '-sDEVICE=png16m', '-r60', '-dFirstPage=1', '-dLastPage=1', '-o', png, pdf]);
  else return null;
  return png;
}

/** A PDF's first page as text (Ghostscript), or null without it. */
export function firstPageText(pdf: string): string | null {
  if (!which('gs')) return null;
  // NFKC: Ghostscript gives some CJK characters as their Kangxi-radical look-alikes (⽂ for 文).
  return execFileSync('gs', ['-q', '-sDEVICE=txtwrite', '-dFirstPage=1', '-dLastPage=1', '-o', '-', pdf])
    .toString('utf8')
    .normalize('NFKC')
    .replace(/\s+/g, '');
}
