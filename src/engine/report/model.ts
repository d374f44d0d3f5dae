// The report model: what an evaluation says, as plain JSON (schema: report/schema/report.schema.json).
// Every figure carries its numerator and denominator; the cases behind a rule's failures are named.
import type { Dimension, IROwner, IRWindow, ScopeKind, SourceRef } from '../ir/types.js';
import type { CourtIdentity } from '../data/identity.js';
import type { SchemeScores } from '../scoring/types.js';

export const REPORT_VERSION = 1;

export interface Figure {
  numerator: number;
  denominator: number | null;
  value: number | null;
}

export type TargetStatus = 'met' | 'missed' | 'on track' | 'at risk' | 'not measurable';
export type MilestoneStatus = 'done on time' | 'done late' | 'overdue' | 'due soon' | 'pending';
export type TaskStatus = MilestoneStatus | 'ongoing';

export interface IndicatorReport {
  name: string;
  title: string | null;
  unit: string;
  dimension: Dimension;
  overall: Figure;
  courts: Record<string, Figure>;
  handlers?: Record<string, Figure>;
  teams?: Record<string, Figure>;
}

export interface TargetReport {
  id: string;
  title: string | null;
  indicator: string;
  unit: string;
  op: '>=' | '>' | '<=' | '<';
  scope: ScopeKind;
  window: IRWindow;
  task: string | null;
  status: TargetStatus;
  stages: Array<{
    value: number;
    display: string;
    stretch: number | null;
    by: string | null;
    measuredAt: string;
    due: boolean;
    /** The stage's own period, when several stages of the target give one; null: the target's window. */
    window: IRWindow | null;
    status: TargetStatus;
    figure: Figure | null;
    stretchMet: boolean | null;
    groups: Record<string, Figure & { status: TargetStatus; stretchMet: boolean | null; projected: number | null }>;
  }>;
  /** Due stages that were missed. */
  missedStages: number;
  /** Groups (courts, handlers, teams) missing or at risk on the current stage. */
  lagging: string[];
  /** For a target not yet due: how its value was projected to the deadline (overall scope: the value). */
  projection: { method: string; deadline: string | null; value: number | null } | null;
  source: SourceRef;
}

export interface MilestoneReport {
  id: string;
  name: string | null;
  text: string;
  due: string;
  dueText: string;
  status: MilestoneStatus;
  done: string | null;
  evidence: Array<{ done: string; by: string | null; evidence: string | null }>;
  conditionHolds: boolean | null;
  owners: string[];
}

export interface TaskReport {
  id: string;
  title: string;
  owners: IROwner[];
  departments: string[];
  due: string | null;
  dueKind: 'date' | 'ongoing' | 'milestones';
  /** The owners share the duty (`共同负责`): none of them leads. */
  joint: boolean;
  status: TaskStatus;
  milestones: MilestoneReport[];
  targets: string[];
  rules: Array<{ rule: string; failed: number }>;
  recurring: Array<{ every: string; text: string; due: number; reported: number; missing: string[] }>;
  source: SourceRef;
}

export interface RuleReport {
  rule: string;
  title: string | null;
  tasks: string[];
  checked: number;
  passed: number;
  failed: number;
  warned: number;
  byCondition: Record<string, number>;
  conditions: Array<{ name: string; label: string | null; severity: 'error' | 'warning' }>;
  failures: Array<{ id: string; court: string; failed: string[]; warnings: string[] }>;
  failuresListed: number;
}

/** One data file as read: read = accepted + rejected. */
export interface DataSource {
  file: string;
  kind: 'cases' | 'progress' | 'staffing';
  format: string;
  read: number;
  accepted: number;
  rejected: number;
}

export interface DataProblemSummary {
  file: string;
  line: number;
  column?: number;
  field: string;
  code: string;
  severity: string;
  message: string;
}

export interface PlanReport {
  reportVersion: typeof REPORT_VERSION;
  plan: { name: string | null; title: string | null; period: { from: string; to: string } | null; courts: string[] };
  asOf: string;
  data: {
    read: number;
    accepted: number;
    rejected: number;
    warnings: number;
    problems: DataProblemSummary[];
    sources?: DataSource[];
  };
  /** How the data's courts were matched to the plan's (src/engine/data/identity.ts). */
  courtIdentity?: CourtIdentity;
  summary: {
    targets: Record<string, number>;
    dueTargetsMissed: number;
    tasks: Record<string, number>;
    milestones: Record<string, number>;
    ruleFailures: number;
  };
  indicators: IndicatorReport[];
  targets: TargetReport[];
  tasks: TaskReport[];
  rules: RuleReport[];
  /** `lead`: the task's first owner; `joint`: the task's owners share it (`共同负责`), so none leads. */
  people: Array<{
    name: string;
    title: string | null;
    tasks: Array<{ task: string; via: string | null; status: TaskStatus; lead: boolean; joint: boolean }>;
    late: number;
  }>;
  departments: Array<{ name: string; tasks: Array<{ id: string; status: TaskStatus }>; late: number }>;
  courts: Array<{
    court: string;
    targets: Array<{ target: string; status: TargetStatus; value: number | null }>;
    lagging: number;
  }>;
  /** Courts with the same value share a rank (1, 1, 3); each row carries its numerator and denominator (the cases counted). */
  rankings: Array<{
    target: string;
    indicator: string;
    unit: string;
    rows: Array<{
      rank: number;
      court: string;
      value: number | null;
      numerator: number;
      denominator: number | null;
      status: TargetStatus;
    }>;
  }>;
  /** Progress reports naming a task or deliverable the plan does not have (a typo, an old plan version). */
  unmatchedProgress: Array<{ task: string; milestone: string | null; done: string }>;
  facts: Array<{
    name: string;
    value: number | string | null;
    unit: string | null;
    court: string | null;
    window: IRWindow | null;
    by: string | null;
    note: string | null;
  }>;
  /** Scoring schemes (考核) scored per court, handler or team and ranked; present when the plan declares one. */
  scores?: SchemeScores[];
}

/** Exit code 1 when a due target was missed or a per-case rule failed. */
export function reportFails(r: PlanReport): boolean {
  return r.summary.dueTargetsMissed > 0 || r.summary.ruleFailures > 0;
}
