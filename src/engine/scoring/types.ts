// Scoring schemes (考核): what a compiled scheme says (IR) and what scoring it says (report). Plain JSON.
// Points are plain numbers (分); thresholds are normalised like targets' (ratios as fractions, money in 元).
import type { SourceRef } from '../ir/source-ref.js';

export type ScoreScope = 'court' | 'handler' | 'team';

/** Where a per-unit rule counts its units from. */
export type IRScoreSource =
  /** An indicator's value; with `relation`, the distance below/above a value (`低于 85%`). */
  | {
      kind: 'indicator';
      indicator: string;
      unit: string;
      relation: { dir: 'below' | 'above'; value: number; display: string } | null;
    }
  /** The days late of a task's deadlines (each deliverable's, or the task's own), or of one deliverable. */
  | { kind: 'late'; task: string; milestone: string | null };

export type IRScoreRule =
  /** Full points when `indicator op value`, else `otherwise`. */
  | {
      kind: 'threshold';
      indicator: string;
      unit: string;
      op: '>=' | '>' | '<=' | '<';
      value: number;
      display: string;
      otherwise: number;
    }
  /** Full points when the target is met (or on track) for the group, else `otherwise`. */
  | { kind: 'target'; target: string; otherwise: number }
  /** Points in proportion between `low` and `high` (clamped); `lowerBetter`: full points at `low`. */
  | {
      kind: 'linear';
      indicator: string;
      unit: string;
      low: number;
      high: number;
      lowDisplay: string;
      highDisplay: string;
      lowerBetter: boolean;
    }
  /**
   * `deduct`: the item's points less `points` per `per` units (in proportion), never below `floor`, at most
   * `cap` taken; `add`: `points` per `per` units, at most `cap` (else the item's points).
   */
  | {
      kind: 'per';
      mode: 'deduct' | 'add';
      source: IRScoreSource;
      per: number;
      perDisplay: string;
      points: number;
      floor: number | null;
      cap: number | null;
    };

export interface IRScoreItem {
  name: string;
  title: string | null;
  points: number;
  rule: IRScoreRule;
  source: SourceRef;
}

export interface IRScoreGroup {
  name: string | null;
  title: string | null;
  /** The group's points: the cap of its subtotal. */
  points: number;
  bonus: boolean;
  items: IRScoreItem[];
  groups: IRScoreGroup[];
  source: SourceRef;
}

export interface IRScheme {
  name: string;
  title: string | null;
  /** The declared full score (`100分`), or null. */
  total: number | null;
  scope: ScoreScope;
  /** Digits after the point every score is rounded to (default 2). */
  decimals: number;
  /** Items directly under the scheme sit in an untitled group of their own points. */
  groups: IRScoreGroup[];
  source: SourceRef;
}

/** The explanation of one score, in each language. */
export interface Explanation {
  zh: string;
  en: string;
}

export interface ItemScore {
  name: string;
  title: string | null;
  /** The item's declared points. */
  points: number;
  rule: IRScoreRule['kind'];
  /** The value the rule was applied to (an indicator's value, a count of units, days late), or null. */
  value: number | null;
  unit: string;
  numerator: number | null;
  denominator: number | null;
  /** The points earned, rounded as the scheme says. */
  earned: number;
  explanation: Explanation;
}

export interface GroupScore {
  name: string | null;
  title: string | null;
  points: number;
  bonus: boolean;
  /** Sum of items and subgroups, capped at `points` (and never below 0). */
  subtotal: number;
  /** Whether the cap (or the floor of 0) changed the sum. */
  capped: boolean;
  items: ItemScore[];
  groups: GroupScore[];
}

export interface ScoreRow {
  /** Tied totals share a rank (1, 1, 3). */
  rank: number;
  /** The court's full name (as in the report's per-court figures), the handler or the team. */
  group: string;
  /** The court's name in the plan, when it has one. */
  name: string | null;
  total: number;
  groups: GroupScore[];
}

export interface SchemeScores {
  scheme: string;
  title: string | null;
  scope: ScoreScope;
  decimals: number;
  total: number | null;
  rows: ScoreRow[];
}

/** A scheme's totals over a replay's steps (scoring/replay.ts). */
export interface ReplayScores {
  scheme: string;
  title: string | null;
  scope: ScoreScope;
  decimals: number;
  total: number | null;
  /** Per court (full name): the total at each step, and the rank at each step. */
  courts: Record<string, { name: string | null; totals: number[]; ranks: number[] }>;
}
