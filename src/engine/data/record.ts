// The canonical records of docs/data.md (case record version 1), progress reports and staffing.
// Dates are 'YYYY-MM-DD' strings and money is yuan (a number with at most 2 decimals), exactly as in
// the files; the columnar store (store.ts) holds them as day numbers and integer fen.

// The vocabularies are the domain's (../domain/vocabulary.ts), shared with the compiler.
import { CASE_TYPES, CLOSURES, CLOSURE_ALIASES, EVENT_TYPES, EVENTS_AFTER_CLOSE } from '../domain/vocabulary.js';
import type { CaseType, Closure } from '../domain/vocabulary.js';

export { CASE_TYPES, CLOSURES, CLOSURE_ALIASES, EVENT_TYPES, EVENTS_AFTER_CLOSE };
export type { CaseType, Closure };
export type StandardEventType = (typeof EVENT_TYPES)[number];

export const DEFAULT_CASE_TYPE: CaseType = '首执';
export const ZHONGBEN: Closure = '终结本次执行程序';

/** Event types that carry an amount. */
export const MONEY_EVENT_TYPES: readonly string[] = ['案款到账', '案款发放'];

export interface EventRecord {
  /** A standard event type or one added by a plugin. */
  type: string;
  date: string;
  /** Yuan; only for money events (案款到账, 案款发放). */
  amount?: number;
  note?: string;
}

export interface CaseRecord {
  /** 案号, unique. */
  id: string;
  court: string;
  type: CaseType;
  /** 立案日期. */
  filed: string;
  /** 结案日期; null while open. */
  closed: string | null;
  /** 结案方式; set exactly when `closed` is. */
  closure: Closure | null;
  /** 申请执行标的, yuan. */
  claimed: number;
  /** 实际到位金额, yuan. */
  recovered: number;
  /** 有财产可供执行; null = not assessed. */
  property: boolean | null;
  /** 承办人 ('' when the file has none). */
  handler: string;
  team?: string;
  /** Omitted when empty. */
  tags?: string[];
  events: EventRecord[];
}

/** Who reported which deliverable done, when. */
export interface ProgressReport {
  /** The plan's task number, e.g. "四.3". */
  task: string;
  /** The deliverable's text; absent = the task as a whole. */
  milestone?: string;
  done: string;
  by?: string;
  evidence?: string;
}

/** Headcounts of a court as of a date. */
export interface StaffingRecord {
  court: string;
  date: string;
  执行人员: number;
  政法编制: number;
  员额法官?: number;
}

export function isCaseType(s: string): s is CaseType {
  return (CASE_TYPES as readonly string[]).includes(s);
}

/** The canonical closure for `s` (aliases such as 终本 resolved), or null when it is not one. */
export function canonicalClosure(s: string): Closure | null {
  if ((CLOSURES as readonly string[]).includes(s)) return s as Closure;
  return CLOSURE_ALIASES[s] ?? null;
}

export function isStandardEventType(s: string): s is StandardEventType {
  return (EVENT_TYPES as readonly string[]).includes(s);
}
