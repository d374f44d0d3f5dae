// The checks of what cannot be, in the order they run (as Peggy's compiler lists its passes). A new check is
// a file in this folder and a line here.
import type { PlanIR } from '../../ir/types.js';
import type { Binder, SourceFile } from '../symbols.js';
import type { Facts } from '../facts.js';
import type { Pass, PassContext } from './pass.js';
import { periodOrder } from './period-order.js';
import { deadlineInPeriod } from './deadline-in-period.js';
import { deadlineBeforeIssued } from './deadline-before-issued.js';
import { planPeriod } from './plan-period.js';
import { staleTitle } from './stale-title.js';
import { stretchBeyondTarget } from './stretch-beyond-target.js';
import { stageOrder } from './stage-order.js';
import { milestoneOrder } from './milestone-order.js';
import { taskOwnerDeadline } from './task-owner-deadline.js';
import { roleHolders } from './role-holders.js';
import { unused } from './unused.js';

export const PASSES: readonly Pass[] = [
  periodOrder,
  deadlineInPeriod,
  deadlineBeforeIssued,
  planPeriod,
  staleTitle,
  stretchBeyondTarget,
  stageOrder,
  milestoneOrder,
  taskOwnerDeadline,
  roleHolders,
  unused,
];

export function runPasses(
  binder: Binder,
  files: readonly SourceFile[],
  ir: PlanIR,
  facts: Facts,
  passes: readonly Pass[] = PASSES,
): void {
  const ctx: PassContext = {
    facts,
    ir,
    files,
    binder,
    at: (file) => (code, node, params, fix) => {
      binder.setFile(file);
      binder.report(code, node, params, fix);
    },
  };
  for (const p of passes) p.run(ctx);
}
