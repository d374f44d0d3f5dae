// The event conditions of a query (有, 事件数, 首次) read from one pre-aggregation of events per case — a
// CTE grouped by case, joined once to the cases — instead of a correlated subquery per case per condition.
// For one as-of date T the CTE holds the events dated ≤ T; a condition is a column: the earliest date of
// its events (有 is that date ≤ T, 首次 the date) or their count (事件数). In a replay T is a calendar's
// day, so the CTE holds every event and a column is the earliest date of its events over all time: "some
// such event is visible at T" is "the earliest is ≤ T". That needs the condition's own test of an event
// not to depend on T, but for the closing date, hidden until T: a condition reading it (`日期 <= 结案日期`)
// has two columns, the case's date read as is and as null, the first chosen where closed ≤ T (compile.ts
// preColumn). A count, or a condition otherwise depending on T, keeps its correlated subquery. Plain SQL:
// MIN, SUM(CASE …), GROUP BY.
import { sqlString } from './dialect.js';

/** The dates a query's conditions read: T (a literal, or a replay calendar's day) and the window. */
export interface Scope {
  T: string;
  from: string;
  end: string;
  /** A replay's window end (a literal) when T is a calendar's day. */
  to?: string;
  /** In a replay's pre-aggregation (case-events.ts): the closing date and closure read as the case's own, or as null. */
  closedAs?: 'raw' | 'null';
}

/** Stands for T where a replay's condition would read it: a condition containing it depends on T. */
export const LATER = '\u0000T\u0000';

interface Column {
  name: string;
  kind: 'min' | 'count';
  types: string[];
  cond: string | null;
}

export class CaseEvents {
  /** The CTE's name, joined to the cases as `LEFT JOIN ce ON ce.cid = c.cid`. */
  static readonly alias = 'ce';
  /** The CTE's event, as conditions name it. */
  static readonly event = 'x';
  /** The scope a condition's test of an event is compiled in (a replay's T is LATER). */
  readonly scope: Scope;
  private readonly columns = new Map<string, Column>();
  /** How many times a condition has read a column: a query reads the pre-aggregation if it grew while compiling. */
  reads = 0;

  constructor(
    /** The scope of the query that reads the columns (its T: a literal, or the calendar's day). */
    readonly query: Scope,
    readonly series: boolean,
  ) {
    this.scope = series ? { T: LATER, from: query.from, end: LATER, ...(query.to ? { to: query.to } : {}) } : query;
  }

  /** The column of a condition over the case's events of `types` meeting `cond`, shared by equal conditions. */
  column(kind: 'min' | 'count', types: string[], cond: string | null): string {
    this.reads++;
    const key = JSON.stringify([kind, [...types].sort(), cond]);
    let col = this.columns.get(key);
    if (!col) {
      col = { name: `k${this.columns.size}`, kind, types, cond };
      this.columns.set(key, col);
    }
    return `${CaseEvents.alias}.${col.name}`;
  }

  /** `ce AS (SELECT x.cid, … GROUP BY x.cid)`, or null when the query has no event condition. */
  cte(): string | null {
    const q = this.select();
    return q && `${CaseEvents.alias} AS (${q})`;
  }

  /** `SELECT x.cid, … GROUP BY x.cid`, or null when no condition reads a column. */
  select(): string | null {
    if (this.columns.size === 0) return null;
    const x = CaseEvents.event;
    const all = [...new Set([...this.columns.values()].flatMap((c) => c.types))];
    const cols = [...this.columns.values()].map((c) => {
      const test = `${x}.type IN (${c.types.map(sqlString).join(', ')})${c.cond ? ` AND ${c.cond}` : ''}`;
      const agg =
        c.kind === 'min' ? `MIN(CASE WHEN ${test} THEN ${x}.day END)` : `SUM(CASE WHEN ${test} THEN 1 ELSE 0 END)`;
      return `${agg} AS ${c.name}`;
    });
    const visible = this.series ? '' : ` AND ${x}.day <= ${this.query.T} AND c.filed <= ${this.query.T}`;
    return `SELECT ${x}.cid, ${cols.join(', ')} FROM events ${x} JOIN cases c ON c.cid = ${x}.cid WHERE ${x}.type IN (${all.map(sqlString).join(', ')})${visible} GROUP BY ${x}.cid`;
  }
}

/**
 * The pre-aggregations of a whole evaluation's queries, one per as-of date, each shared by every query of
 * that date (the aggregates' and the rules', whose event conditions are largely the same) and made once, a
 * temporary table, before they run: the queries are compiled first, the tables made from the columns they
 * read, then the queries run and the tables are dropped.
 */
export class SharedCaseEvents {
  private readonly byDate = new Map<string, { table: string; events: CaseEvents }>();

  /** The pre-aggregation of the date `sc.T` (a literal) and the temporary table it will be. */
  at(sc: Scope): { table: string; events: CaseEvents } {
    let at = this.byDate.get(sc.T);
    if (!at) {
      at = { table: `luoshi_ce${this.byDate.size}`, events: new CaseEvents(sc, false) };
      this.byDate.set(sc.T, at);
    }
    return at;
  }

  /** The statements making the tables some query reads. */
  create(): string[] {
    return [...this.byDate.values()].flatMap(({ table, events }) => {
      const q = events.select();
      return q ? [`CREATE TEMPORARY TABLE ${table} AS ${q}`] : [];
    });
  }

  /** The statements dropping them. */
  drop(): string[] {
    return [...this.byDate.values()].flatMap(({ table, events }) => (events.select() ? [`DROP TABLE ${table}`] : []));
  }
}
