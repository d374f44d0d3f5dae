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
// (compile.ts preColumn). A condition otherwise depending on T keeps its correlated subquery. One as-of
// date's shared table (SharedCaseEvents) aggregates the events without joining them to their case: a bound
// of the event's date by the case is applied per case afterwards, the few uncertain cases computed exactly
// (case-bounds.ts). Plain SQL: MIN, MAX, SUM(CASE …), GROUP BY, and for the counts' steps LEAD and SUM over a window.
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
  kind: 'min' | 'max' | 'count';
  types: string[];
  cond: string | null;
}

const aggregate = (c: Column): string =>
  c.kind === 'count'
    ? `SUM(CASE WHEN ${eventTest(c)} THEN 1 ELSE 0 END)`
    : `${c.kind === 'min' ? 'MIN' : 'MAX'}(CASE WHEN ${eventTest(c)} THEN ${CaseEvents.event}.day END)`;

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
  /** A detached pre-aggregation's exact columns of its uncertain cases, as joined to the cases. */
  static readonly exact = 'cx';
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
  /** Whether some column's condition reads the case, so the events must be joined to their case (see `detached`). */
  private readsCase = false;
  /** Exact columns of the uncertain cases (case-bounds.ts): the table `…x`, aliased `cx`. */
  private readonly exact = new Map<string, Column>();
  /** When a case is uncertain, each a test of the case `c` and its row `ce`. */
  private readonly uncertain = new Set<string>();

  constructor(
    /** The scope of the query that reads the columns (its T: a literal, or the calendar's day). */
    readonly query: Scope,
    readonly series: boolean,
    /** The event of a query over events (its alias and the types it reads), which `之后有` follows. */
    private readonly outer: { alias: string; types: string } | null = null,
    /**
     * A shared pre-aggregation of one as-of date (SharedCaseEvents): its events are aggregated without their
     * case unless a column's condition reads it (`readsCase`); a bound of the date by the case is applied
     * afterwards (compile.ts detachedColumn, case-bounds.ts).
     */
    readonly detached = false,
  ) {
    this.scope = series ? { T: LATER, from: query.from, end: LATER, ...(query.to ? { to: query.to } : {}) } : query;
  }

  /**
   * The column of a condition over the case's events of `types` meeting `cond`, shared by equal conditions;
   * `readsCase`: the condition reads the case `c`.
   */
  column(kind: 'min' | 'max' | 'count', types: string[], cond: string | null, readsCase = true): string {
    this.reads++;
    if (readsCase) this.readsCase = true;
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
   * A detached pre-aggregation's exact column of a condition reading the case, made for the uncertain cases
   * only (`when`: what makes a case uncertain, a test of `c` and `ce`): the expression reading it, `cx.kN`.
   */
  exactColumn(kind: 'min' | 'count', types: string[], cond: string, when: string[]): string {
    for (const w of when) this.uncertain.add(w);
    const key = JSON.stringify([kind, [...types].sort(), cond]);
    let col = this.exact.get(key);
    if (!col) {
      col = { name: `k${this.exact.size}`, kind, types, cond };
      this.exact.set(key, col);
    }
    return `${CaseEvents.exact}.${col.name}`;
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
    const cols = [...this.columns.values()].map((c) => `${aggregate(c)} AS ${c.name}`);
    // Detached, no column reading the case: the events alone, a row for every case with such events (the
    // readers join it to their own cases, filed by T); otherwise joined to their case.
    const join = this.detached && !this.readsCase ? '' : ` JOIN cases c ON c.cid = ${x}.cid`;
    const visible = this.series
      ? ''
      : ` AND ${x}.day <= ${this.query.T}${join ? ` AND c.filed <= ${this.query.T}` : ''}`;
    return `SELECT ${x}.cid, ${cols.join(', ')} FROM events ${x}${join} WHERE ${x}.type IN (${all.map(sqlString).join(', ')})${visible} GROUP BY ${x}.cid`;
  }

  /**
   * A detached pre-aggregation made as `table`: the statements making `table`, its uncertain cases (`…u`)
   * and their exact columns (`…x`, made empty where no column needs one: its readers join it all the same).
   */
  tables(table: string): { create: string[]; drop: string[] } {
    const q = this.select();
    if (!q) return { create: [], drop: [] };
    const x = CaseEvents.event,
      T = this.query.T;
    const create = [`CREATE TEMPORARY TABLE ${table} AS ${q}`];
    if (this.exact.size === 0) {
      create.push(
        `CREATE TEMPORARY TABLE ${table}x AS SELECT ${CaseEvents.alias}.cid FROM ${table} ${CaseEvents.alias} WHERE 1 = 0`,
      );
      return { create, drop: [`DROP TABLE ${table}x`, `DROP TABLE ${table}`] };
    }
    const all = [...new Set([...this.exact.values()].flatMap((c) => c.types))];
    const cols = [...this.exact.values()].map((c) => `${aggregate(c)} AS ${c.name}`);
    create.push(
      `CREATE TEMPORARY TABLE ${table}u AS SELECT ${CaseEvents.alias}.cid FROM ${table} ${CaseEvents.alias} JOIN cases c ON c.cid = ${CaseEvents.alias}.cid WHERE c.filed <= ${T} AND (${[...this.uncertain].join(' OR ')})`,
      // Every uncertain case has an event of these types dated ≤ T (its earliest or latest), so a row here.
      `CREATE TEMPORARY TABLE ${table}x AS SELECT ${x}.cid, ${cols.join(', ')} FROM ${table}u u JOIN events ${x} ON ${x}.cid = u.cid JOIN cases c ON c.cid = ${x}.cid WHERE ${x}.type IN (${all.map(sqlString).join(', ')}) AND ${x}.day <= ${T} GROUP BY ${x}.cid`,
    );
    return { create, drop: [`DROP TABLE ${table}x`, `DROP TABLE ${table}u`, `DROP TABLE ${table}`] };
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
    if (this.columns.size && this.detached)
      out.push(`LEFT JOIN ${table}x ${CaseEvents.exact} ON ${CaseEvents.exact}.cid = c.cid`);
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
      at = { table: `luoshi_ce${this.byDate.size}`, events: new CaseEvents(sc, false, null, true) };
      this.byDate.set(sc.T, at);
    }
    return at;
  }

  /** The statements making the tables some query reads. */
  create(): string[] {
    return [...this.byDate.values()].flatMap(({ table, events }) => events.tables(table).create);
  }

  /** The statements dropping them. */
  drop(): string[] {
    return [...this.byDate.values()].flatMap(({ table, events }) => events.tables(table).drop);
  }
}
