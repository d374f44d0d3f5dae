// The plan-test file model (docs/testing.md): what a `*.test.yaml` says once read, before the names in it
// are checked against the plan. Everything carries its location in the YAML.
import type { Loc, YMap, YNode } from './yaml.js';
import type { MilestoneStatus, TargetStatus, TaskStatus } from '../report/model.js';
import type { Step } from '../replay/types.js';

export interface Named {
  text: string;
  loc: Loc;
}

/** A plan test's expectation of a score (tester/score.ts reads and checks it). */
export interface ScoreExpectation {
  kind: 'score';
  scheme: Named;
  item: Named | null;
  total: { value: number; loc: Loc } | null;
  rank: { value: number; loc: Loc } | null;
  points: { value: number; loc: Loc } | null;
}

/** A quantity as written: `50%`, `1‰`, `3件`, `45日`, `1.2万元`, `0.5`. */
export interface Quantity {
  text: string;
  /** The number as written, before its unit (50 for `50%`). */
  number: number;
  /** '%', '‰', '件', '日', '元', '万元', '亿元' or null for a bare number. */
  unit: string | null;
  /** Digits after the decimal point, as written (for `approx: true`). */
  decimals: number;
  loc: Loc;
}

export interface ValueChecks {
  equals?: Quantity;
  /** Expected not measurable (`equals: null`). */
  isNull?: Loc;
  atLeast?: Quantity;
  atMost?: Quantity;
  /** Tolerance for equals: a quantity, or true = half a unit of the last digit written. */
  approx?: Quantity | { loc: Loc; auto: true };
  /** The two counts (or sums) behind a ratio, in their own unit (`2`, `3件`, `28000元`, `2.8万元`). */
  numerator?: Quantity;
  denominator?: Quantity;
}

export interface GroupRef {
  kind: 'court' | 'handler' | 'team';
  name: string;
  loc: Loc;
}

export type Source = { kind: 'fixtures'; names: Named[] | null } | { kind: 'data'; name: Named };

export interface Context {
  asOf: Named | null;
  group: GroupRef | null;
  source: Source;
}

export type StatusName<T extends string> = { value: T; loc: Loc };

export type Expectation =
  | { kind: 'indicator'; indicator: Named; checks: ValueChecks }
  | {
      kind: 'rule';
      rule: Named;
      caseId: Named;
      passes: { value: boolean; loc: Loc } | null;
      applies: { value: boolean; loc: Loc } | null;
      failed: Named[] | null;
      failedLoc: Loc | null;
      warnings: Named[] | null;
      warningsLoc: Loc | null;
    }
  | {
      kind: 'target';
      target: Named;
      stage: { index: number | null; by: string | null; loc: Loc } | null;
      status: StatusName<TargetStatus> | null;
      checks: ValueChecks;
      stretchMet: { value: boolean; loc: Loc } | null;
      lagging: Named[] | null;
      laggingLoc: Loc | null;
    }
  | {
      kind: 'milestone';
      task: Named | null;
      milestone: Named;
      status: StatusName<MilestoneStatus> | null;
      done: { value: string | null; loc: Loc } | null;
    }
  | { kind: 'task'; task: Named; status: StatusName<TaskStatus> | null }
  | {
      kind: 'replay';
      from: Named | null;
      to: Named | null;
      step: Step;
      loc: Loc;
      target: Named;
      firstMet: { value: string | null; loc: Loc } | null;
      firstMissed: { value: string | null; loc: Loc } | null;
      final: StatusName<TargetStatus> | null;
      /** Status at given step dates. */
      statuses: Array<{ date: Named; status: StatusName<TargetStatus> }>;
    }
  | ScoreExpectation;

export interface TestSpec {
  /** Its own name (given, or made from what it checks). */
  name: string;
  /** Group names and its own, joined by ' › ' (what --run matches). */
  fullName: string;
  loc: Loc;
  skip: boolean;
  context: Context;
  expect: Expectation;
}

export interface FixtureBlock {
  name: Named | null;
  loc: Loc;
  defaults: YMap | null;
  cases: YNode[];
  progress: YNode[];
  staffing: YNode[];
}

export interface DataSetRef {
  name: string;
  loc: Loc;
  cases: Named[];
  progress: Named[];
  staffing: Named[];
}

export interface TestFileModel {
  /** The test file, as displayed (relative to the working folder). */
  file: string;
  /** The plan, as written (relative to the test file). */
  plan: Named;
  /** Defaults for every fixture block. */
  defaults: YMap | null;
  fixtures: FixtureBlock[];
  data: DataSetRef[];
  tests: TestSpec[];
}
