// Shared by the document tests: seed plans compiled from disk, an imported skeleton compiled from memory,
// and the parts of a task a 任务分解表 carries (what the round trip compares).
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
