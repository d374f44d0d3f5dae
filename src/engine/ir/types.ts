// The IR: a compiled plan as plain, versioned JSON (schema: ir/schema/plan-ir.schema.json). It is what the
// evaluator, the workbench and plugins consume. Names are resolved, derived fields and sets are inlined,
// dates are 'YYYY-MM-DD' strings, thresholds are normalised (ratios as fractions, money in yuan).

import type { IRScheme } from '../scoring/types.js';

export const IR_VERSION = 1;

export type Dimension = 'ratio' | 'count' | 'days' | 'money' | 'number';

export interface Duration {
  days: number;
  months: number;
  workdays: number;
}

export type IRExpr =
  | { op: 'lit'; type: 'number' | 'string' | 'boolean' | 'null' | 'date'; value: number | string | boolean | null }
  | { op: 'duration'; value: Duration }
  | { op: 'field'; name: string }
  | { op: 'eventField'; name: string }
  | { op: 'staffingField'; name: string }
  | { op: 'window'; which: 'start' | 'end' | 'asOf' }
  | { op: 'cmp'; cmp: '=' | '!=' | '<' | '<=' | '>' | '>='; left: IRExpr; right: IRExpr }
  | { op: 'and' | 'or'; args: IRExpr[] }
  | { op: 'not'; arg: IRExpr }
  | { op: 'arith'; arith: '+' | '-' | '*' | '/'; left: IRExpr; right: IRExpr }
  | { op: 'neg'; arg: IRExpr }
  | { op: 'inWindow'; subject: IRExpr }
  | { op: 'inRange'; subject: IRExpr; from: IRExpr; to: IRExpr }
  | { op: 'oneOf'; subject: IRExpr; options: IRExpr[] }
  | { op: 'isNull'; subject: IRExpr; negated: boolean }
  | { op: 'contains'; subject: IRExpr; item: IRExpr }
  | { op: 'has'; negated: boolean; types: string[]; where: IRExpr | null }
  | { op: 'eventCount'; types: string[]; where: IRExpr | null }
  | { op: 'first'; type: string }
  | { op: 'followedBy'; types: string[]; within: Duration | null }
  | { op: 'passes'; rule: string }
  /** A plugin's function, per case, over its arguments (src/engine/check/functions.ts). */
  | { op: 'call'; fn: string; args: IRExpr[] }
  | { op: 'count'; set: IRSet }
  | { op: 'sum' | 'mean'; set: IRSet; value: IRExpr };

export type IRSet =
  | { domain: 'case'; where: IRExpr[] }
  | { domain: 'event'; types: string[]; where: IRExpr[] }
  | { domain: 'staffing'; where: IRExpr[] };

import type { SourceRef } from './source-ref.js';

export type { SourceRef } from './source-ref.js';

export interface IRIndicator {
  name: string;
  title: string | null;
  /** Other names (`又称 执结率`): a plan test or `luoshi explain` may name the indicator by any of them. */
  aliases: string[];
  /** How values are shown: '%', '‰', '件', '日', '元', '万元', … */
  unit: string;
  dimension: Dimension;
  /** An aggregate, or a ratio (`arith /`) of two aggregates. */
  expr: IRExpr;
  description: string | null;
  source: SourceRef;
}

export interface IRRule {
  name: string;
  title: string | null;
  applies: IRExpr | null;
  conditions: Array<{ name: string; label: string | null; severity: 'error' | 'warning'; expr: IRExpr }>;
  source: SourceRef;
}

export type ScopeKind = 'overall' | 'court' | 'handler' | 'team';

export interface IRWindow {
  kind: 'plan' | 'yearly' | 'period';
  from: string | null;
  to: string | null;
}

export interface IRTarget {
  id: string;
  title: string | null;
  indicator: string;
  op: '>=' | '>' | '<=' | '<';
  /**
   * One stage per dated value; a single-value target has one stage. `window`: the stage's own period when
   * several stages give one (each is then measured over its own), else null: the target's window (see
   * stageWindow in src/engine/eval/window.ts).
   */
  stages: Array<{
    value: number;
    display: string;
    stretch: number | null;
    stretchDisplay: string | null;
    by: string | null;
    window: IRWindow | null;
  }>;
  scope: { kind: ScopeKind; filter: IRExpr | null };
  window: IRWindow;
  task: string | null;
  source: SourceRef;
}

/** How often a recurring duty falls due; `unstated`: 定期, regular but the original gives no period. */
export type RecurEvery = 'week' | 'month' | 'quarter' | 'halfyear' | 'year' | 'unstated';

export interface IROwner {
  name: string;
  kind: 'person' | 'role';
  holders: string[];
}

export interface IRMilestone {
  id: string;
  name: string | null;
  text: string;
  due: string;
  dueText: string;
  owners: IROwner[];
  condition: { expr: IRExpr; scope: ScopeKind } | null;
  source: SourceRef;
}

export interface IRTask {
  id: string;
  title: string;
  text: string | null;
  /** The first owner leads, the rest co-own; with `joint` (`共同负责`) they share the duty and none leads. */
  owners: IROwner[];
  joint: boolean;
  departments: string[];
  /** The deadline as a date; for `完成 持续` the plan's period end (or null without a period). */
  due: string | null;
  dueKind: 'date' | 'ongoing' | 'milestones';
  dueText: string | null;
  milestones: IRMilestone[];
  /** `day`: the weekday a weekly duty is due on (1 = Monday … 7 = Sunday), only when the plan names one. */
  recurring: Array<{ every: RecurEvery; day: number | null; during: string | null; text: string }>;
  irregular: string[];
  targets: string[];
  checks: Array<{ rule: string; applies: IRExpr | null }>;
  phase: string | null;
  notes: string[];
  source: SourceRef;
}

export interface PlanIR {
  irVersion: typeof IR_VERSION;
  plan: {
    name: string | null;
    title: string | null;
    docno: string | null;
    issuer: string | null;
    kind: string | null;
    issued: string | null;
    effective: string | null;
    implements: string[];
    period: { from: string; to: string } | null;
    courts: string[];
    files: string[];
  };
  /** `aliases`: other names of the court in case data (`别名`). */
  courts: Array<{
    name: string;
    fullName: string;
    level: 'high' | 'intermediate' | 'basic' | null;
    parent: string | null;
    aliases: string[];
  }>;
  people: Array<{ name: string; title: string | null }>;
  /**
   * `holders`: every holder, in all courts; `byCourt`: for a role held per court (`角色 R 每个法院 = 吕宇 @ 市中院`),
   * each court (its name in the plan) and its holders in the order written (empty for a role held plan-wide).
   */
  roles: Array<{ name: string; holders: string[]; byCourt: Array<{ court: string; holders: string[] }> }>;
  departments: Array<{ name: string; fullName: string | null }>;
  /** A member is a person, a text (someone unnamed), or `roleRef`: whoever holds that role (`组长 院长`). */
  groups: Array<{
    name: string;
    title: string | null;
    members: Array<{ role: string; person: string | null; text: string | null; roleRef: string | null }>;
  }>;
  phases: Array<{ name: string; from: string; to: string; description: string | null }>;
  indicators: IRIndicator[];
  rules: IRRule[];
  targets: IRTarget[];
  tasks: IRTask[];
  facts: Array<{
    name: string;
    value: number | string | null;
    unit: string | null;
    court: string | null;
    window: IRWindow | null;
    by: string | null;
    note: string | null;
  }>;
  notes: string[];
  /** Scoring schemes (考核: src/engine/scoring/); empty when the plan declares none. */
  schemes: IRScheme[];
}
