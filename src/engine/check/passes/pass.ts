// A check of what cannot be, run after lowering (../lower.ts) over what it resolved (../facts.ts). Each pass
// is one file with one job and the codes it may report; index.ts lists them in the order they run.
import type * as A from '../../syntax/ast.js';
import type { Fix } from '../../diagnostics/diagnostic.js';
import type { Code } from '../../diagnostics/codes.js';
import type { PlanIR } from '../../ir/types.js';
import type { Binder, SourceFile } from '../symbols.js';
import type { Facts } from '../facts.js';

export type Report = (code: Code, node: { range: A.Range }, params: Record<string, string | number>, fix?: Fix) => void;

export interface PassContext {
  facts: Facts;
  ir: PlanIR;
  files: readonly SourceFile[];
  binder: Binder;
  /** Reports against `file`. */
  at(file: SourceFile): Report;
}

export interface Pass {
  name: string;
  codes: readonly Code[];
  run(ctx: PassContext): void;
}
