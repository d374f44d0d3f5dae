// The event conditions of a query (有, 事件数, 首次, 之后有) read from pre-aggregations of events — CTEs
// grouped by case (or by event), each joined once — instead of a correlated subquery per case per condition.
// For one as-of date T the CTE holds the events dated ≤ T; a condition is a column: the earliest date of
// its events (有 is that date ≤ T, 首次 the date) or their count (事件数). In a replay T is a calendar's
// day, so the CTE holds every event and a column is the earliest date of its events over all time: "some
// such event is visible at T" is "the earliest is ≤ T". A replay's count is a step function of T: one row
// per case and date its count changes on (`since`, the next such date `until` or 9999-12-31, the count), joined to the
// calendar where since ≤ T < until. A replay's `之后有 … 在 N日 内` is, per event, the earliest later event
// that qualifies: it has happened at T where that date is ≤ T. All of it needs the condition's own test of
// an event not to depend on T, but for the closing date, hidden until T: a condition reading it (`日期 <=
// 结案日期`) has two columns, the case's date read as is and as null, the first chosen where closed ≤ T
// (compile.ts preColumn). A condition otherwise depending on T keeps its correlated subquery. Plain SQL:
// MIN, SUM(CASE …), GROUP BY, and for the counts' steps LEAD and SUM over a window.
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

/** The end of a count's last step: a date later than every as-of date (an OR with IS NULL would keep DuckDB from a hash join). */
const NEVER = "DATE '9999-12-31'";

/** Stands for T where a replay's condition would read it: a condition containing it depends on T. */
export const LATER = '\u0000T\u0000';

interface Column {
  name: string;
  kind: 'min' | 'count';
  types: string[];
  cond: string | null;
}

/** An event `x` of the column's types meeting its condition. */
const eventTest = (c: Column): string =>
  `${CaseEvents.event}.type IN (${c.types.map(sqlString).join(', ')})${c.cond ? ` AND ${c.cond}` : ''}`;

/** A replay's `之后有`: the earliest later event of `types` within `limit` (an expression of the event `y`). */
interface Follower {
  name: string;
  types: string[];
  limit: string | null;
}

export class CaseEvents {
  /** The CTE's name, joined to the cases as `LEFT JOIN ce ON ce.cid = c.cid`. */
  static readonly alias = 'ce';
  /** The CTE's event, as conditions name it. */
  static readonly event = 'x';
  /** The event a replay's `之后有` pre-aggregation follows, as its limit names it. */
  static readonly followed = 'y';
  /** The scope a condition's test of an event is compiled in (a replay's T is LATER). */
  readonly scope: Scope;
  private readonly columns = new Map<string, Column>();
  /** A replay's counts: each its own CTE of steps. */
  private readonly counts = new Map<string, Column>();
  private readonly followers = new Map<string, Follower>();
  /** How many times a condition has read a column: a query reads a shared pre-aggregation if it grew while compiling. */
  reads = 0;

  constructor(
    /** The scope of the query that reads the columns (its T: a literal, or the calendar's day). */
    readonly query: Scope,
    readonly series: boolean,
    /** The event of a query over events (its alias and the types it reads), which `之后有` follows. */
    private readonly outer: { alias: string; types: string } | null = null,
  ) {
    this.scope = series ? { T: LATER, from: query.from, end: LATER, ...(query.to ? { to: query.to } : {}) } : query;
  }

  /** The column of a condition over the case's events of `types` meeting `cond`, shared by equal conditions. */
  column(kind: 'min' | 'count', types: string[], cond: string | null): string {
    this.reads++;
    const key = JSON.stringify([kind, [...types].sort(), cond]);
    if (kind === 'count' && this.series) {
      let col = this.counts.get(key);
      if (!col) {
        col = { name: `cn${this.counts.size}`, kind, types, cond };
        this.counts.set(key, col);
      }
      return `${col.name}.n`;
    }
    let col = this.columns.get(key);
    if (!col) {
      col = { name: `k${this.columns.size}`, kind, types, cond };
      this.columns.set(key, col);
    }
    return `${CaseEvents.alias}.${col.name}`;
  }

  /**
   * A replay's `之后有` of the query's event: the column of the earliest later event of `types` (on or after
   * its date, not itself) within `limit`, or null where the query is not a replay's over events.
   */
  follower(ev: string, types: string[], limit: string | null): string | null {
    if (!this.series || !this.outer || ev !== this.outer.alias) return null;
    const key = JSON.stringify([[...types].sort(), limit]);
    let f = this.followers.get(key);
    if (!f) {
      f = { name: `k${this.followers.size}`, types, limit };
      this.followers.set(key, f);
    }
    return `fb.${f.name}`;
  }

  /** The CTEs (`ce AS (…), cn0 AS (…), fb AS (…)`), or null when the query has no event condition. */
  cte(): string | null {
    const x = CaseEvents.event;
    const out: string[] = [];
    const ce = this.select();
    if (ce) out.push(`${CaseEvents.alias} AS (${ce})`);
    // A count's steps: per case, each date its events fall on, the count up to that date, the next such date.
    for (const c of this.counts.values())
      out.push(
        `${c.name} AS (SELECT g.cid, g.day AS since, LEAD(g.day, 1, ${NEVER}) OVER (PARTITION BY g.cid ORDER BY g.day) AS until, CAST(SUM(g.n) OVER (PARTITION BY g.cid ORDER BY g.day) AS BIGINT) AS n FROM (SELECT ${x}.cid, ${x}.day, COUNT(*) AS n FROM events ${x} JOIN cases c ON c.cid = ${x}.cid WHERE ${eventTest(c)} GROUP BY ${x}.cid, ${x}.day) g)`,
      );
    if (this.followers.size && this.outer) {
      const y = CaseEvents.followed;
      const all = [...new Set([...this.followers.values()].flatMap((f) => f.types))];
      const cols = [...this.followers.values()].map(
        (f) =>
          `MIN(CASE WHEN f.type IN (${f.types.map(sqlString).join(', ')})${f.limit ? ` AND f.day <= ${f.limit}` : ''} THEN f.day END) AS ${f.name}`,
      );
      out.push(
        `fb AS (SELECT ${y}.eid, ${cols.join(', ')} FROM events ${y} JOIN cases c ON c.cid = ${y}.cid JOIN events f ON f.cid = ${y}.cid AND f.eid <> ${y}.eid AND f.day >= ${y}.day WHERE ${y}.type IN (${this.outer.types}) AND f.type IN (${all.map(sqlString).join(', ')}) GROUP BY ${y}.eid)`,
      );
    }
    return out.length ? out.join(',\n') : null;
  }

  /** `SELECT x.cid, … GROUP BY x.cid`: the per-case columns, or null when no condition reads one. */
  select(): string | null {
    if (this.columns.size === 0) return null;
    const x = CaseEvents.event;
    const all = [...new Set([...this.columns.values()].flatMap((c) => c.types))];
    const cols = [...this.columns.values()].map((c) => {
      const agg =
        c.kind === 'min'
          ? `MIN(CASE WHEN ${eventTest(c)} THEN ${x}.day END)`
          : `SUM(CASE WHEN ${eventTest(c)} THEN 1 ELSE 0 END)`;
      return `${agg} AS ${c.name}`;
    });
    const visible = this.series ? '' : ` AND ${x}.day <= ${this.query.T} AND c.filed <= ${this.query.T}`;
    return `SELECT ${x}.cid, ${cols.join(', ')} FROM events ${x} JOIN cases c ON c.cid = ${x}.cid WHERE ${x}.type IN (${all.map(sqlString).join(', ')})${visible} GROUP BY ${x}.cid`;
  }

  /**
   * The joins of the CTEs to the query's case `c` (and event), after its FROM. `table`: where the per-case
   * columns are read from when not this query's own CTE (a shared pre-aggregation's temporary table).
   */
  joins(table: string = CaseEvents.alias): string {
    const T = this.query.T;
    const out: string[] = [];
    if (this.columns.size)
      out.push(
        `LEFT JOIN ${table === CaseEvents.alias ? table : `${table} ${CaseEvents.alias}`} ON ${CaseEvents.alias}.cid = c.cid`,
      );
    for (const c of this.counts.values())
      out.push(`LEFT JOIN ${c.name} ON ${c.name}.cid = c.cid AND ${c.name}.since <= ${T} AND ${c.name}.until > ${T}`);
    if (this.followers.size && this.outer) out.push(`LEFT JOIN fb ON fb.eid = ${this.outer.alias}.eid`);
    return out.map((j) => ` ${j}`).join('');
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
