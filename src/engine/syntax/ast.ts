// The AST the grammar (grammar/plan.peggy) produces. Every node has `range`: [start, end) offsets into the
// source text. Syntax errors are nodes (`ErrorNode`) so one file reports all of them.

import type { RecurEvery } from '../ir/types.js';

export type Range = [number, number];

interface NodeBase {
  range: Range;
}

export interface Name extends NodeBase {
  kind: 'Name';
  text: string;
}
export interface StringLit extends NodeBase {
  kind: 'String';
  value: string;
  quote: 'ascii' | 'cjk';
}
export interface DateLit extends NodeBase {
  kind: 'Date';
  text: string;
  y: number;
  m: number | null;
  d: number | null;
  precision: 'day' | 'month' | 'year';
  suffix: string | null;
}
export interface Unit extends NodeBase {
  kind: 'Unit';
  text: string;
}
export interface NumberLit extends NodeBase {
  kind: 'Number';
  value: number;
  digits: string;
  unit: Unit | null;
}
export interface BooleanLit extends NodeBase {
  kind: 'Boolean';
  value: boolean;
}
export interface NullLit extends NodeBase {
  kind: 'Null';
}
export interface Keyword<T extends string> extends NodeBase {
  kind: 'Keyword';
  value: T;
}

export type ErrorContext = 'Statement' | 'PlanEntry' | 'GroupEntry' | 'RuleEntry' | 'TaskEntry' | 'SchemeEntry';
export interface ErrorNode extends NodeBase {
  kind: 'Error';
  context: ErrorContext;
}

export interface Block<E> {
  items: Array<E | ErrorNode>;
  closed: boolean;
  range: Range;
}

// ---------------------------------------------------------------- expressions

export type BinaryOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/';
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface Binary extends NodeBase {
  kind: 'Binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
}
export interface Unary extends NodeBase {
  kind: 'Unary';
  op: 'not' | 'neg';
  operand: Expr;
}
export interface Where extends NodeBase {
  kind: 'Where';
  source: Expr;
  predicate: Expr;
}
export interface InWindow extends NodeBase {
  kind: 'InWindow';
  subject: Expr;
}
export interface InRange extends NodeBase {
  kind: 'InRange';
  subject: Expr;
  from: Expr;
  to: Expr;
}
export interface OneOf extends NodeBase {
  kind: 'OneOf';
  subject: Expr;
  options: Expr[];
}
export interface IsNull extends NodeBase {
  kind: 'IsNull';
  subject: Expr;
  negated: boolean;
}
export interface Contains extends NodeBase {
  kind: 'Contains';
  subject: Expr;
  item: Expr;
}
/** `计数(…)`, `求和(…)`, `平均(…)`; `fn: 'call'` is a plugin's function, named by `name`. */
export interface Call extends NodeBase {
  kind: 'Call';
  fn: 'count' | 'sum' | 'mean' | 'call';
  args: Expr[];
  name?: Name;
}
export interface EventCount extends NodeBase {
  kind: 'EventCount';
  types: Name[];
  predicate: Expr | null;
}
export interface First extends NodeBase {
  kind: 'First';
  type: Name;
}
export interface Has extends NodeBase {
  kind: 'Has';
  negated: boolean;
  types: Name[];
  predicate: Expr | null;
}
export interface FollowedBy extends NodeBase {
  kind: 'FollowedBy';
  types: Name[];
  within: NumberLit | null;
}
export interface Passes extends NodeBase {
  kind: 'Passes';
  rule: Name;
}
export interface Cases extends NodeBase {
  kind: 'Cases';
}
export interface Events extends NodeBase {
  kind: 'Events';
  types: Name[];
}

export type Expr =
  | Binary
  | Unary
  | Where
  | InWindow
  | InRange
  | OneOf
  | IsNull
  | Contains
  | Call
  | EventCount
  | First
  | Has
  | FollowedBy
  | Passes
  | Cases
  | Events
  | DateLit
  | NumberLit
  | StringLit
  | BooleanLit
  | NullLit
  | Name;

// ---------------------------------------------------------------- targets

export interface Stretch extends NodeBase {
  kind: 'Stretch';
  value: NumberLit;
}
export interface By extends NodeBase {
  kind: 'By';
  date: DateLit;
}
export interface Scope extends NodeBase {
  kind: 'Scope';
  scope: 'overall' | 'court' | 'handler' | 'team';
  filter: Expr | null;
}
export interface Window extends NodeBase {
  kind: 'Window';
  window: 'yearly' | 'period';
  from: DateLit | null;
  to: DateLit | null;
}
export type TargetModifier = Stretch | By | Scope | Window;
export interface TargetStage extends NodeBase {
  kind: 'TargetStage';
  op: CompareOp;
  value: NumberLit;
  modifiers: TargetModifier[];
}
export interface TargetSpec extends NodeBase {
  kind: 'TargetSpec';
  indicator: Name;
  stages: TargetStage[];
}

// ---------------------------------------------------------------- statements and entries

export interface Note extends NodeBase {
  kind: 'Note';
  text: StringLit;
}
export interface Import extends NodeBase {
  kind: 'Import';
  path: StringLit;
}
export interface Use extends NodeBase {
  kind: 'Use';
  lib: Name;
}

export type PlanFieldKey = 'title' | 'docno' | 'issuer' | 'implements' | 'kind' | 'issued' | 'effective';
export interface PlanField extends NodeBase {
  kind: 'PlanField';
  key: PlanFieldKey;
  value: StringLit | DateLit;
}
export interface Period extends NodeBase {
  kind: 'Period';
  from: DateLit;
  to: DateLit;
}
export interface PlanCourts extends NodeBase {
  kind: 'PlanCourts';
  courts: Name[];
}
export type PlanEntry = PlanField | Period | PlanCourts | Use | Note;
export interface Plan extends NodeBase {
  kind: 'Plan';
  name: Name;
  entries: Block<PlanEntry>;
}

export interface Court extends NodeBase {
  kind: 'Court';
  name: Name;
  fullName: StringLit;
  level: Keyword<'high' | 'intermediate' | 'basic'> | null;
  parent: Name | null;
  /** Other names of the court in case data (`别名 "××县法院"`). */
  aliases: StringLit[];
}
/** `aliases`: other names of the person (`别名 "吕院长"`), each a reference to the person. */
export interface PersonDecl extends NodeBase {
  kind: 'PersonDecl';
  name: Name;
  title: StringLit | null;
  aliases: StringLit[];
}
export interface Person extends NodeBase {
  kind: 'Person';
  people: PersonDecl[];
}
export interface GroupMember extends NodeBase {
  kind: 'GroupMember';
  role: 'leader' | 'deputy' | 'member' | 'director';
  members: Array<PersonDecl | StringLit>;
}
export type GroupEntry = GroupMember | Note;
export interface Group extends NodeBase {
  kind: 'Group';
  name: Name;
  title: StringLit | null;
  entries: Block<GroupEntry>;
}
/** `holderCourts[k]`: the court of `holders[k]` (`吕宇 @ 市中院`), or null; `perCourt`: `每个法院` was written. */
export interface Role extends NodeBase {
  kind: 'Role';
  name: Name;
  perCourt: boolean;
  holders: Name[];
  holderCourts: Array<Name | null>;
}
export interface DepartmentDecl extends NodeBase {
  kind: 'DepartmentDecl';
  name: Name;
  fullName: StringLit | null;
}
export interface Department extends NodeBase {
  kind: 'Department';
  departments: DepartmentDecl[];
}
export interface Phase extends NodeBase {
  kind: 'Phase';
  name: Name;
  from: DateLit;
  to: DateLit;
  description: StringLit | null;
}
export type TypeKeyword = Keyword<'date' | 'number' | 'money' | 'boolean' | 'text'>;
export interface Field extends NodeBase {
  kind: 'Field';
  name: Name;
  type: TypeKeyword | null;
  expr: Expr;
}
/** `aliases`: the other names of `又称 执结率` / `aka …` (empty when none). */
export interface SetDecl extends NodeBase {
  kind: 'SetDecl';
  name: Name;
  title: StringLit | null;
  aliases: Name[];
  expr: Expr;
}
export interface Indicator extends NodeBase {
  kind: 'Indicator';
  name: Name;
  title: StringLit | null;
  aliases: Name[];
  unit: Unit | null;
  expr: Expr;
  description: StringLit | null;
}
export interface RuleApplies extends NodeBase {
  kind: 'RuleApplies';
  expr: Expr;
}
export interface RuleCondition extends NodeBase {
  kind: 'RuleCondition';
  severity: 'error' | 'warning';
  name: Name;
  label: StringLit | null;
  expr: Expr;
}
export type RuleEntry = RuleApplies | RuleCondition | Note;
export interface Rule extends NodeBase {
  kind: 'Rule';
  name: Name;
  title: StringLit | null;
  entries: Block<RuleEntry>;
}
export interface Target extends NodeBase {
  kind: 'Target';
  name: Name;
  title: StringLit | null;
  spec: TargetSpec;
}

export interface TaskId extends NodeBase {
  kind: 'TaskId';
  text: string;
}
export interface Ongoing extends NodeBase {
  kind: 'Ongoing';
}
export type DueValue = DateLit | Ongoing;
export interface TaskText extends NodeBase {
  kind: 'TaskText';
  text: StringLit;
}
/** `joint`: `共同负责` was written — the owners share the duty and none is the lead. */
export interface Owners extends NodeBase {
  kind: 'Owners';
  owners: Name[];
  joint: boolean;
}
export interface Departments extends NodeBase {
  kind: 'Departments';
  departments: Name[];
}
export interface Due extends NodeBase {
  kind: 'Due';
  due: DueValue;
}
export interface Condition extends NodeBase {
  kind: 'Condition';
  expr: Expr;
  scope: 'overall' | 'court' | 'handler' | 'team';
}
export interface Milestone extends NodeBase {
  kind: 'Milestone';
  name: Name | null;
  text: StringLit;
  due: DueValue;
  owners: Name[];
  condition: Condition | null;
}
export interface Irregular extends NodeBase {
  kind: 'Irregular';
  text: StringLit;
}
/** `day`: the weekday a weekly duty falls due on (每周五: 5; 1 = Monday … 7 = Sunday), else null. */
export interface Recurring extends NodeBase {
  kind: 'Recurring';
  every: RecurEvery;
  day: number | null;
  during: Name | null;
  text: StringLit;
}
export interface TaskTarget extends NodeBase {
  kind: 'TaskTarget';
  name: Name | null;
  title: StringLit | null;
  spec: TargetSpec | null;
  ref: Name | null;
}
export interface Check extends NodeBase {
  kind: 'Check';
  rule: Name;
  applies: Expr | null;
}
export interface TaskPhase extends NodeBase {
  kind: 'TaskPhase';
  phase: Name;
}
export type TaskEntry =
  | TaskText
  | Owners
  | Departments
  | Due
  | Milestone
  | Irregular
  | Recurring
  | TaskTarget
  | Check
  | TaskPhase
  | Note;
export interface Task extends NodeBase {
  kind: 'Task';
  id: TaskId;
  title: StringLit;
  entries: Block<TaskEntry>;
}

export interface FactCourt extends NodeBase {
  kind: 'FactCourt';
  court: Name;
}
export type FactModifier = FactCourt | Window | By;
export interface Fact extends NodeBase {
  kind: 'Fact';
  name: Name;
  value: DateLit | NumberLit | StringLit | null;
  modifiers: FactModifier[];
  note: StringLit | null;
}

// ---------------------------------------------------------------- scoring schemes (考核)

/** `85分` / `85 points`. */
export interface Points extends NodeBase {
  kind: 'Points';
  value: number;
  digits: string;
  unit: string;
}
/** `结案率 >= 85% 满分 否则 5分`. */
export interface ThresholdScore extends NodeBase {
  kind: 'ThresholdScore';
  indicator: Name;
  op: CompareOp;
  value: NumberLit;
  otherwise: Points | null;
}
/** `达成 结案目标 满分 否则 2分`: full points when the target is met for the group. */
export interface TargetScore extends NodeBase {
  kind: 'TargetScore';
  target: Name;
  otherwise: Points | null;
}
/** `按比例 执行到位率 从 40% 到 60%` (`越低越好`: the low value earns full points). */
export interface LinearScore extends NodeBase {
  kind: 'LinearScore';
  indicator: Name;
  low: NumberLit;
  high: NumberLit;
  lowerBetter: boolean;
}
export interface IndicatorSource extends NodeBase {
  kind: 'IndicatorSource';
  indicator: Name;
  /** `低于 85%` / `高于 5%`: the units counted are the distance below/above the value. */
  relation: { dir: 'below' | 'above'; value: NumberLit } | null;
}
/** `逾期 四.3` / `逾期 四.3 节点 "…"`: the days late of a task's deadlines or of one deliverable. */
export interface LateSource extends NodeBase {
  kind: 'LateSource';
  task: TaskId;
  milestone: StringLit | Name | null;
}
export interface Floor extends NodeBase {
  kind: 'Floor';
  points: Points;
}
export interface Cap extends NodeBase {
  kind: 'Cap';
  points: Points;
}
/** `扣分 超期案件数 每 1件 0.5分 最低 0分` / `加分 … 每 1件 1分 最多 3分`. */
export interface PerUnitScore extends NodeBase {
  kind: 'PerUnitScore';
  mode: 'deduct' | 'add';
  source: IndicatorSource | LateSource;
  per: NumberLit;
  points: Points;
  limits: Array<Floor | Cap>;
}
export type ScoreRule = ThresholdScore | TargetScore | LinearScore | PerUnitScore;
export interface ScoreItem extends NodeBase {
  kind: 'ScoreItem';
  name: Name;
  title: StringLit | null;
  points: Points;
  rule: ScoreRule;
}
export interface Decimals extends NodeBase {
  kind: 'Decimals';
  count: NodeBase & { kind: 'DecimalsCount'; digits: number };
}
export interface ScoreGroup extends NodeBase {
  kind: 'ScoreGroup';
  bonus: boolean;
  name: Name | null;
  title: StringLit | null;
  points: Points;
  entries: Block<SchemeEntry>;
}
export type SchemeEntry = ScoreGroup | ScoreItem | Decimals | Note;
export interface Scheme extends NodeBase {
  kind: 'Scheme';
  name: Name;
  title: StringLit | null;
  total: Points | null;
  scope: 'court' | 'handler' | 'team' | null;
  entries: Block<SchemeEntry>;
}

export type Statement =
  | Import
  | Use
  | Plan
  | Court
  | Person
  | Group
  | Role
  | Department
  | Phase
  | Field
  | SetDecl
  | Indicator
  | Rule
  | Target
  | Task
  | Fact
  | Note
  | Scheme;

export interface Program extends NodeBase {
  kind: 'Program';
  items: Array<Statement | ErrorNode>;
}
