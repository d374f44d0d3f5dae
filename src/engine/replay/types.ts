// The result of a replay: every indicator's value and every target's and milestone's status at each step
// of a date range. Plain JSON; rendered as text, CSV, JSON and a self-contained HTML report.
import type { DataSource, Figure, MilestoneStatus, TargetStatus } from '../report/model.js';
import type { CourtIdentity } from '../data/identity.js';
import type { ReplayScores } from '../scoring/types.js';

export type Step = 'day' | 'week' | 'month';

export interface ReplaySeries {
  /** Values per step (null where not measurable). */
  values: Array<number | null>;
  numerators: number[];
  denominators: Array<number | null>;
}

export interface ReplayResult {
  replayVersion: 1;
  plan: { name: string | null; title: string | null; period: { from: string; to: string } | null };
  from: string;
  to: string;
  step: Step;
  /** The as-of date of each step. */
  dates: string[];
  indicators: Array<{
    name: string;
    title: string | null;
    unit: string;
    overall: ReplaySeries;
    courts: Record<string, ReplaySeries>;
  }>;
  targets: Array<{
    id: string;
    indicator: string;
    unit: string;
    op: '>=' | '>' | '<=' | '<';
    scope: string;
    /** The threshold in force at each step (staged targets change it). */
    thresholds: number[];
    /** Status at each step. */
    statuses: TargetStatus[];
    /** Per court (court-scoped targets): status at each step. */
    courts: Record<string, TargetStatus[]>;
    /** The deadline(s), for the chart's vertical line. */
    deadlines: string[];
    firstMet: string | null;
    firstMissed: string | null;
    /** At the last step, for a target not yet due: the value projected to its deadline, and how. */
    projection: { deadline: string; value: number | null; method: string; status: TargetStatus } | null;
  }>;
  milestones: Array<{
    task: string;
    id: string;
    text: string;
    due: string;
    statuses: MilestoneStatus[];
    done: string | null;
  }>;
  /** The data files read, with their counts (set by the harness). */
  sources?: DataSource[];
  /** How the data's courts were matched to the plan's. */
  courtIdentity?: CourtIdentity;
  /** Scoring schemes per court (考核): each court's total and rank at each step; present when the plan has one. */
  scores?: ReplayScores[];
}

/** A value the figure series holds at one step. */
export type StepFigure = Figure;
