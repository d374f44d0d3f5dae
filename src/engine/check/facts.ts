// What lowering (lower.ts) resolved that the checks (passes/) judge: dates as days, thresholds in their
// indicator's unit, which entries a task has. Lowering records them; no pass re-derives them.
import type * as A from '../syntax/ast.js';
import type { IRTarget } from '../ir/types.js';
import type { Day } from '../time/calendar.js';
import type { SourceFile } from './symbols.js';

export interface DateRange {
  file: SourceFile;
  node: { range: A.Range };
  from: Day;
  to: Day;
}

export interface TargetFacts {
  file: SourceFile;
  id: string;
  title: A.StringLit | null;
  spec: A.TargetSpec;
  /** Each `力争` with its stage: both values in the indicator's unit (null: not a fitting number). */
  stretches: Array<{ node: A.Stretch; stage: A.TargetStage; value: number | null; stretch: number | null }>;
  /** The stages whose value fits, when the target compares with >=, >, <= or < (null otherwise). */
  stages: IRTarget['stages'] | null;
}

export interface TaskFacts {
  file: SourceFile;
  node: A.Task;
  hasOwner: boolean;
  hasDue: boolean;
  /** The `完成时间` as a day (null: none, or not a date). */
  due: Day | null;
  dueKind: 'date' | 'ongoing' | 'milestones';
  /** Milestones with a dated (not `持续`) deadline, in the order written. */
  milestones: Array<{ node: A.Milestone; day: Day }>;
  /** An entry did not parse: it may be the owner or the deadline. */
  unreadable: boolean;
}

export interface Facts {
  /** The plan's period, when written and in order. */
  period: { from: Day; to: Day } | null;
  periodWritten: boolean;
  planSeen: boolean;
  issued: Day | null;
  /** Date ranges written `from … to`: the plan's period, targets' windows. */
  ranges: DateRange[];
  phases: Array<DateRange & { node: A.Phase }>;
  /** Every dated deadline: a target stage's `截至`, a task's or a milestone's `完成时间`. */
  deadlines: Array<{ file: SourceFile; node: { range: A.Range }; day: Day; of: 'target' | 'task' }>;
  targets: TargetFacts[];
  tasks: TaskFacts[];
  /** Each role with its holders per court and how many it has in all (the plan's and a people file's). */
  roles: Array<{
    file: SourceFile;
    node: A.Role;
    byCourt: Array<{ court: string; holders: string[] }>;
    holders: number;
  }>;
}

export function noFacts(): Facts {
  return {
    period: null,
    periodWritten: false,
    planSeen: false,
    issued: null,
    ranges: [],
    phases: [],
    deadlines: [],
    targets: [],
    tasks: [],
    roles: [],
  };
}
