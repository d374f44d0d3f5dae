// IR → SQL. An aggregate job of the evaluator (one as-of date T, one window; eval/jobs.ts) becomes at most
// three grouped queries — over cases, over events, over staffing — whose columns are, per aggregate, its
// sum and its member count (`SUM(CASE WHEN … THEN … END)`), per (court, handler, team): partial sums that
// add up to every group the evaluator reports. The SQL keeps the evaluator's semantics (eval/expr.ts):
// a case filed after T does not exist, a case closed after T reads as open, an event after T has not
// happened, a comparison with a null is false. What SQL cannot express throws a located SqlUnsupported.
import type { IRExpr, IRSet, PlanIR, SourceRef } from '../ir/types.js';
import type { AggregateNode } from '../eval/aggregate.js';
import { collectAggregates } from '../eval/aggregate.js';
import { durationChain, type DurationTerm } from '../eval/expr.js';
import type { AggregateJob } from '../eval/jobs.js';
import { formatDay, type Day } from '../time/calendar.js';
import { STAFFING_COLUMNS } from './schema.js';
import { sqlDate, sqlString, type Dialect } from './dialect.js';
import { bothLangs } from '../lang.js';
import { CaseEvents, LATER, type Scope, type SharedCaseEvents } from './case-events.js';
import { isLower, meets, splitDayBounds, usesCase } from './case-bounds.js';

/** A construct the SQL backend cannot express: never a wrong number, always this diagnostic. */
export class SqlUnsupported extends Error {
  constructor(
    readonly construct: string,
    readonly zh: string,
    readonly en: string,
    public source: SourceRef | null = null,
  ) {
    super(bothLangs({ zh, en }));
  }
  /** `file:line: 中文 / English`. */
  located(): string {
    return `${this.source ? `${this.source.file}:${this.source.line}: ` : ''}${bothLangs(this)}`;
  }
}

/** One grouped query and the aggregates whose (sum, n) column pairs it returns after court, handler, team. */
export interface JobQuery {
  domain: 'case' | 'event' | 'staffing';
  sql: string;
  nodes: AggregateNode[];
  /**
   * A query without a CTE of its own, as its SELECT list's head (up to court, handler, team), its aggregates'
   * columns (one (sum, n) pair each) and the rest (FROM … GROUP BY): queries of other jobs with the same
   * head and rest read the same rows in the same groups, so they can be one query (merge.ts).
   */
  frame?: { head: string; columns: string[]; tail: string };
}

const isMoneyValue = (v: IRExpr | null): boolean =>
  v !== null &&
  ((v.op === 'field' && (v.name === 'claimed' || v.name === 'recovered')) ||
    (v.op === 'eventField' && v.name === 'amount'));

export class SqlCompiler {
  private alias = 0;
  /** The types an event alias of the query being compiled can have, where known. */
  private readonly eventTypes = new Map<string, readonly string[]>();
  /** The joins of the event query being compiled: its events that are followed (之后有), a derived table each. */
  private followJoins: string[] | null = null;
  private readonly levels: Map<string, string>;
  /** The per-case pre-aggregation of events the query being compiled reads (case-events.ts), if any. */
  private pre: CaseEvents | null = null;

  constructor(
    private readonly ir: PlanIR,
    readonly dialect: Dialect,
    /** Where one as-of date's queries share their pre-aggregation, a table made before they run (case-events.ts). */
    private readonly shared: SharedCaseEvents | null = null,
  ) {
    this.levels = new Map(ir.courts.map((c) => [c.fullName, c.level ?? '']));
  }

  /** The queries of one job; a job's aggregates are split by domain, each domain one query. */
  jobQueries(job: Pick<AggregateJob, 'asOf' | 'from' | 'to' | 'nodes'>): JobQuery[] {
    const T = sqlDate(formatDay(job.asOf));
    const sc: Scope = {
      T,
      from: sqlDate(formatDay(job.from)),
      end: sqlDate(formatDay(Math.min(job.asOf, job.to) as Day)),
    };
    return this.domainQueries(job.nodes, sc, false, {
      lead: '',
      group: '',
      cases: ['FROM cases c', `WHERE c.filed <= ${T}`],
      events: (types) => [
        'FROM events e JOIN cases c ON c.cid = e.cid',
        `WHERE c.filed <= ${T} AND e.day <= ${T} AND e.type IN (${types})`,
      ],
      staffing: `FROM staffing s\nWHERE s.day <= ${T} AND`,
    });
  }

  /**
   * A replay window's queries: every point T of the window in one query per domain, the points a calendar
   * joined to the cases (`p.k` the point's index, first column), each point measured over [from, min(T, to)].
   */
  seriesQueries(job: { from: Day; to: Day; points: readonly Day[]; nodes: AggregateNode[] }): JobQuery[] {
    const cal = `(VALUES ${job.points.map((d, k) => `(${k}, ${sqlDate(formatDay(d))})`).join(', ')}) AS p(k, day)`;
    const T = 'p.day';
    const to = sqlDate(formatDay(job.to));
    const sc: Scope = { T, from: sqlDate(formatDay(job.from)), end: `LEAST(${T}, ${to})`, to };
    return this.domainQueries(job.nodes, sc, true, {
      lead: 'p.k, ',
      group: 'p.k, ',
      cases: [`FROM ${cal} JOIN cases c ON c.filed <= ${T}`, ''],
      events: (types) => [
        // One inequality with the calendar, after the events' join to their cases: DuckDB then joins the
        // events to the cases first, not the calendar to every case.
        `FROM events e JOIN cases c ON c.cid = e.cid JOIN ${cal} ON GREATEST(e.day, c.filed) <= ${T}`,
        `WHERE e.type IN (${types})`,
      ],
      staffing: `FROM ${cal} JOIN staffing s ON s.day <= ${T}\nWHERE`,
    });
  }

  /** Each domain's grouped query, in the frame of one as-of date (jobQueries) or a calendar of them (seriesQueries). */
  private domainQueries(
    nodes: AggregateNode[],
    sc: Scope,
    series: boolean,
    frame: {
      lead: string;
      group: string;
      /** FROM and WHERE of the query over cases and of the query over events (each may read `ce`). */
      cases: [string, string];
      events: (types: string) => [string, string];
      staffing: string;
    },
  ): JobQuery[] {
    const out: JobQuery[] = [];
    const byDomain = (d: IRSet['domain']) => nodes.filter((n) => n.set.domain === d);
    const cases = byDomain('case'),
      events = byDomain('event'),
      staffing = byDomain('staffing');
    // Each grouped query over cases or events, its event conditions read from one pre-aggregation per case.
    const grouped = (
      domain: 'case' | 'event',
      members: AggregateNode[],
      [from, where]: [string, string],
      types: string | null = null,
    ) => {
      this.followJoins = domain === 'event' ? [] : null;
      const {
        value: cols,
        cte,
        join,
      } = this.caseEvents(
        sc,
        series,
        () => members.map((n) => this.columns(n, sc, domain === 'event' ? 'e' : null)),
        types === null ? null : { alias: 'e', types },
      );
      const follows = this.followJoins?.join('') ?? '';
      this.followJoins = null;
      const head = `SELECT ${frame.lead}c.court, c.handler, c.team,`;
      const tail = `${from}${join}${follows}${where ? `\n${where}` : ''}\nGROUP BY ${frame.group}c.court, c.handler, c.team`;
      out.push({
        domain,
        nodes: members,
        sql: `${cte ? `WITH ${cte}\n` : ''}${head}\n  ${cols.join(',\n  ')}\n${tail}`,
        ...(cte || series ? {} : { frame: { head, columns: cols, tail } }),
      });
    };
    if (cases.length) grouped('case', cases, frame.cases);
    if (events.length) {
      const types = [...new Set(events.flatMap((n) => (n.set.domain === 'event' ? n.set.types : [])))];
      const list = types.map(sqlString).join(', ');
      grouped('event', events, frame.events(list), list);
    }
    if (staffing.length) {
      const cols = staffing.map((n) => {
        if (n.set.where.length)
          throw new SqlUnsupported(
            'staffing-where',
            '人员配置集合不支持“其中”条件',
            'a condition on the staffing set is not supported',
          );
        let v = '1';
        if (n.value) {
          const col = n.value.op === 'staffingField' ? STAFFING_COLUMNS[n.value.name] : undefined;
          if (!col)
            throw new SqlUnsupported(
              'staffing-value',
              '人员配置只能对其字段求和',
              'only a staffing field can be summed over staffing',
            );
          v = `s.${col}`;
        }
        return `SUM(${v}), SUM(CASE WHEN ${v} IS NOT NULL THEN 1 ELSE 0 END)`;
      });
      // The latest record of each court dated on or before T (the later row on the same day).
      out.push({
        domain: 'staffing',
        nodes: staffing,
        sql: `SELECT ${frame.lead}s.court, NULL, NULL,\n  ${cols.join(',\n  ')}\n${frame.staffing} NOT EXISTS (SELECT 1 FROM staffing s2 WHERE s2.court = s.court AND s2.day <= ${sc.T} AND (s2.day > s.day OR (s2.day = s.day AND s2.sid > s.sid)))\nGROUP BY ${frame.group}s.court`,
      });
    }
    return out;
  }

  /**
   * Per-case expressions compiled by `f` with their event conditions read from one pre-aggregation of events
   * per case (case-events.ts): the CTEs to put before the query (null: none, or the pre-aggregation is a shared
   * table), and the joins that read them from the cases `c` (empty: no condition reads one) — and, in a
   * replay's query over events, from its event `outer`, which `之后有` follows.
   */
  caseEvents<T>(
    sc: Scope,
    series: boolean,
    f: () => T,
    outer: { alias: string; types: string } | null = null,
  ): { value: T; cte: string | null; join: string } {
    const shared = this.shared && !series ? this.shared.at(sc) : null;
    const pre = shared?.events ?? new CaseEvents(sc, series, outer);
    const reads = pre.reads;
    this.pre = pre;
    try {
      const value = f();
      if (!shared) return { value, cte: pre.cte(), join: pre.joins() };
      return { value, cte: null, join: pre.reads > reads ? pre.joins(shared.table) : '' };
    } finally {
      this.pre = null;
    }
  }

  /** The (sum, n) columns of one aggregate. */
  private columns(n: AggregateNode, sc: Scope, ev: string | null): string {
    if (ev && n.set.domain === 'event') this.eventTypes.set(ev, n.set.types);
    const where = n.set.where.map((w) => this.expr(w, sc, ev));
    if (n.set.domain === 'event') where.unshift(`e.type IN (${n.set.types.map(sqlString).join(', ')})`);
    const cond = where.length ? where.join(' AND ') : 'TRUE';
    if (!n.value) return `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END), SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
    const v = isMoneyValue(n.value) ? this.moneyFen(n.value, ev) : this.expr(n.value, sc, ev);
    return `SUM(CASE WHEN ${cond} THEN ${v} END), SUM(CASE WHEN ${cond} AND (${v}) IS NOT NULL THEN 1 ELSE 0 END)`;
  }

  private moneyFen(v: IRExpr, ev: string | null): string {
    if (v.op === 'eventField') return `${this.event(ev)}.amount_fen`;
    return v.op === 'field' && v.name === 'claimed' ? 'c.claimed_fen' : 'c.recovered_fen';
  }

  private event(ev: string | null): string {
    if (!ev)
      throw new SqlUnsupported(
        'event-field',
        '事件字段只能用在事件条件中',
        'an event field is only available in an event condition',
      );
    return ev;
  }

  /** An expression over the case `c` (and the event `ev`) as SQL. Booleans may be NULL where the evaluator says false. */
  expr(ir: IRExpr, sc: Scope, ev: string | null): string {
    const x = (e: IRExpr) => this.expr(e, sc, ev);
    switch (ir.op) {
      case 'lit':
        if (ir.value === null) return 'NULL';
        if (ir.type === 'date') return sqlDate(typeof ir.value === 'number' ? formatDay(ir.value) : String(ir.value)); // a day number or 'YYYY-MM-DD'
        if (typeof ir.value === 'string') return sqlString(ir.value);
        if (typeof ir.value === 'boolean') return ir.value ? 'TRUE' : 'FALSE';
        return Number.isInteger(ir.value) ? String(ir.value) : `CAST(${ir.value} AS ${this.dialect.double})`;
      case 'duration':
        return String(ir.value.days + ir.value.months * 30 + ir.value.workdays);
      case 'window':
        return ir.which === 'start' ? sc.from : ir.which === 'end' ? sc.end : sc.T;
      case 'field':
        return this.field(ir.name, sc);
      case 'eventField': {
        const e = this.event(ev);
        switch (ir.name) {
          case 'type':
            return `${e}.type`;
          case 'date':
            return `${e}.day`;
          case 'amount':
            return `(CAST(${e}.amount_fen AS ${this.dialect.double}) / 100)`;
          default:
            return `${e}.note`;
        }
      }
      case 'staffingField':
        throw new SqlUnsupported(
          'staffing-field',
          '人员配置字段只能在人员配置集合上求和',
          'a staffing field can only be summed over the staffing set',
        );
      case 'cmp':
        return `(${x(ir.left)} ${ir.cmp === '!=' ? '<>' : ir.cmp} ${x(ir.right)})`;
      case 'and':
        return ir.args.length ? `(${ir.args.map(x).join(' AND ')})` : 'TRUE';
      case 'or':
        return ir.args.length ? `(${ir.args.map(x).join(' OR ')})` : 'FALSE';
      // The evaluator's `not` is two-valued: not(null) is true.
      case 'not':
        return `(NOT COALESCE(${x(ir.arg)}, FALSE))`;
      case 'neg':
        return `(-${x(ir.arg)})`;
      case 'arith':
        return this.arith(ir, sc, ev);
      case 'inWindow': {
        const v = x(ir.subject);
        // In a replay's pre-aggregation (case-events.ts) an event is counted where its date ≤ T, and for such
        // a date `≤ LEAST(T, to)` is `≤ to`: the window's test of an event's date does not depend on T.
        if (sc.T === LATER && sc.to && ir.subject.op === 'eventField' && ir.subject.name === 'date')
          return `(${v} >= ${sc.from} AND ${v} <= ${sc.to})`;
        return `(${v} >= ${sc.from} AND ${v} <= ${sc.end})`;
      }
      case 'inRange': {
        const v = x(ir.subject);
        return `(${v} >= ${x(ir.from)} AND ${v} <= ${x(ir.to)})`;
      }
      case 'oneOf':
        return ir.options.length ? `(${x(ir.subject)} IN (${ir.options.map(x).join(', ')}))` : 'FALSE';
      case 'isNull':
        return `(${x(ir.subject)} IS ${ir.negated ? 'NOT ' : ''}NULL)`;
      case 'contains':
        return `EXISTS (SELECT 1 FROM case_tags t WHERE t.cid = c.cid AND t.tag = ${x(ir.item)})`;
      case 'has': {
        const k = this.preColumn('min', ir.types, ir.where, sc);
        if (k) return `(${ir.negated ? 'NOT ' : ''}COALESCE(${k} <= ${sc.T}, FALSE))`;
        return `(${ir.negated ? 'NOT ' : ''}EXISTS (SELECT 1 ${this.eventsOf(ir.types, ir.where, sc).from}))`;
      }
      case 'eventCount': {
        const k = this.preColumn('count', ir.types, ir.where, sc);
        if (k) return `COALESCE(${k}, 0)`;
        return `(SELECT COUNT(*) ${this.eventsOf(ir.types, ir.where, sc).from})`;
      }
      case 'first': {
        const k = this.preColumn('min', [ir.type], null, sc);
        if (k) return `(CASE WHEN ${k} <= ${sc.T} THEN ${k} END)`;
        const q = this.eventsOf([ir.type], null, sc);
        return `(SELECT MIN(${q.alias}.day) ${q.from})`;
      }
      case 'followedBy': {
        const e = this.event(ev);
        const k = this.preFollower(e, ir.types, ir.within);
        if (k) return `COALESCE(${k} <= ${sc.T}, FALSE)`;
        const a = `f${++this.alias}`;
        const followed = (p: string) => {
          const limit = ir.within
            ? ` AND ${a}.day <= ${this.addDuration(`${p}.day`, [{ d: ir.within, sign: 1, scale: null }], sc, p)}`
            : '';
          return `${a}.cid = ${p}.cid AND ${a}.day <= ${sc.T} AND ${a}.eid <> ${p}.eid AND ${a}.day >= ${p}.day${limit} AND ${a}.type IN (${ir.types.map(sqlString).join(', ')})`;
        };
        // For one as-of date, the events so followed are one join of events to their followers, not a
        // subquery per event (a replay's T is its calendar's day: there the subquery stays); the query's own
        // events read it as a derived table joined once, each column asking the same join.
        if (/^DATE '/.test(sc.T)) {
          const p = `p${this.alias}`;
          const types = this.eventTypes.get(e);
          const own = types ? ` AND ${p}.type IN (${types.map(sqlString).join(', ')})` : '';
          const those = `SELECT DISTINCT ${p}.eid FROM events ${p} JOIN events ${a} ON ${followed(p)} WHERE ${p}.day <= ${sc.T}${own}`;
          if (this.followJoins && e === 'e') {
            this.followJoins.push(` LEFT JOIN (${those}) fb${this.alias} ON fb${this.alias}.eid = e.eid`);
            return `(fb${this.alias}.eid IS NOT NULL)`;
          }
          return `(${e}.eid IN (${those}))`;
        }
        return `EXISTS (SELECT 1 FROM events ${a} WHERE ${followed(e)})`;
      }
      case 'passes': {
        const rule = this.ir.rules.find((r) => r.name === ir.rule);
        const conds = (rule?.conditions ?? [])
          .filter((c) => c.severity === 'error')
          .map((c) => `COALESCE(${x(c.expr)}, FALSE)`);
        return conds.length ? `(${conds.join(' AND ')})` : 'TRUE';
      }
      case 'call':
        throw new SqlUnsupported(
          'call',
          `插件函数“${ir.fn}”不能编译为 SQL`,
          `the plugin function "${ir.fn}" cannot be compiled to SQL`,
        );
      case 'count':
      case 'sum':
      case 'mean':
        throw new SqlUnsupported(
          'nested-aggregate',
          '逐案表达式中不能使用聚合',
          'an aggregate inside a per-case expression is not supported',
        );
    }
  }

  /** A column of the current query's per-case pre-aggregation, or null where the correlated subquery must stay. */
  private preColumn(kind: 'min' | 'count', types: string[], where: IRExpr | null, sc: Scope): string | null {
    const pre = this.pre;
    if (!pre) return null;
    this.pre = null; // an event condition inside the where stays a correlated subquery, within the pre-aggregation
    try {
      this.eventTypes.set(CaseEvents.event, types);
      const cond = (sc: Scope) => (where ? this.expr(where, sc, CaseEvents.event) : null);
      // For one as-of date the condition is compiled in the query's own scope (its window: a shared
      // pre-aggregation serves queries of one date and several windows).
      const plain = cond(pre.series ? pre.scope : sc);
      if (pre.detached) return this.detachedColumn(pre, kind, types, where, plain, sc);
      if (!plain?.includes(LATER)) return pre.column(kind, types, plain);
      // A replay's condition that reads the closing date (or closure), visible only once closed ≤ T: for an
      // event dated ≤ T it reads the case's own date where closed ≤ T, else null — one column for each.
      const closed = cond({ ...pre.scope, closedAs: 'raw' }),
        open = cond({ ...pre.scope, closedAs: 'null' });
      if (closed?.includes(LATER) || open?.includes(LATER)) return null;
      const T = pre.query.T;
      return `(CASE WHEN c.closed <= ${T} THEN ${pre.column(kind, types, closed)} ELSE ${pre.column(kind, types, open)} END)`;
    } finally {
      this.pre = pre;
    }
  }

  /**
   * A column of a detached pre-aggregation (one as-of date's shared table, case-events.ts): a condition not
   * reading the case as it is; one whose terms reading the case all bound the event's date, as the plain
   * earliest date (latest, count) of the events meeting the rest, tested against the bounds once per case,
   * and the exact column where the case is uncertain (case-bounds.ts); any other, read with the events joined
   * to their case. `plain`: the whole condition as SQL.
   */
  private detachedColumn(
    pre: CaseEvents,
    kind: 'min' | 'count',
    types: string[],
    where: IRExpr | null,
    plain: string | null,
    sc: Scope,
  ): string {
    if (!where || !usesCase(where)) return pre.column(kind, types, plain, false);
    const split = splitDayBounds(where);
    if (!split) return pre.column(kind, types, plain);
    const cond = split.event.length ? split.event.map((t) => this.expr(t, sc, CaseEvents.event)).join(' AND ') : null;
    const bounds = split.bounds.map((b) => ({ op: b.op, sql: this.expr(b.other, sc, null) }));
    const lowers = bounds.filter(isLower),
      uppers = bounds.filter((b) => !isLower(b));
    const min = kind === 'min' || lowers.length ? pre.column('min', types, cond, false) : '';
    const when = (tests: string[], exact: string, then: string, otherwise: string) =>
      `(CASE WHEN ${CaseEvents.exact}.cid IS NOT NULL THEN ${exact} WHEN ${tests.join(' AND ')} THEN ${then}${otherwise} END)`;
    if (kind === 'min') {
      const all = bounds.map((b) => meets(min, b));
      // Upper bounds only: the earliest date meets them, or no date does; never uncertain.
      if (!lowers.length) return `(CASE WHEN ${all.join(' AND ')} THEN ${min} END)`;
      const exact = pre.exactColumn(
        'min',
        types,
        plain!,
        lowers.map((b) => `NOT ${meets(min, b)}`),
      );
      return when(all, exact, min, '');
    }
    const max = uppers.length ? pre.column('max', types, cond, false) : '';
    const tests = [...lowers.map((b) => meets(min, b)), ...uppers.map((b) => meets(max, b))];
    const exact = pre.exactColumn(
      'count',
      types,
      plain!,
      tests.map((t) => `NOT ${t}`),
    );
    return when(tests, exact, pre.column('count', types, cond, false), ' ELSE 0');
  }

  /** A replay's `之后有` of the query's event as a column of its pre-aggregation per event, or null. */
  private preFollower(
    ev: string,
    types: string[],
    within: Extract<IRExpr, { op: 'followedBy' }>['within'],
  ): string | null {
    const pre = this.pre;
    if (!pre?.series) return null;
    const y = CaseEvents.followed;
    const limit = within ? this.addDuration(`${y}.day`, [{ d: within, sign: 1, scale: null }], pre.scope, y) : null;
    return limit?.includes(LATER) ? null : pre.follower(ev, types, limit);
  }

  /** `FROM events eN WHERE …`: the case's events of the given types visible at T, meeting `where`. */
  private eventsOf(types: string[], where: IRExpr | null, sc: Scope): { alias: string; from: string } {
    const a = `e${++this.alias}`;
    this.eventTypes.set(a, types);
    const w = where ? ` AND ${this.expr(where, sc, a)}` : '';
    return {
      alias: a,
      from: `FROM events ${a} WHERE ${a}.cid = c.cid AND ${a}.day <= ${sc.T} AND ${a}.type IN (${types.map(sqlString).join(', ')})${w}`,
    };
  }

  private field(name: string, sc: Scope): string {
    switch (name) {
      case 'id':
        return 'c.id';
      case 'court':
        return 'c.court';
      case 'courtLevel': {
        if (this.levels.size === 0) return 'NULL';
        return `(CASE c.court ${[...this.levels].map(([c, l]) => `WHEN ${sqlString(c)} THEN ${sqlString(l)}`).join(' ')} END)`;
      }
      case 'type':
        return 'c.type';
      case 'filed':
        return 'c.filed';
      case 'closed':
        if (sc.closedAs) return sc.closedAs === 'raw' ? 'c.closed' : 'NULL';
        return `(CASE WHEN c.closed <= ${sc.T} THEN c.closed END)`;
      case 'closure':
        if (sc.closedAs) return sc.closedAs === 'raw' ? 'c.closure' : 'NULL';
        return `(CASE WHEN c.closed <= ${sc.T} THEN c.closure END)`;
      case 'claimed':
        return `(CAST(c.claimed_fen AS ${this.dialect.double}) / 100)`;
      case 'recovered':
        return `(CAST(c.recovered_fen AS ${this.dialect.double}) / 100)`;
      case 'property':
        return 'c.property';
      case 'handler':
        return 'c.handler';
      case 'team':
        return 'c.team';
      default:
        return 'NULL';
    }
  }

  private arith(ir: Extract<IRExpr, { op: 'arith' }>, sc: Scope, ev: string | null): string {
    const chain = ir.arith === '+' || ir.arith === '-' ? durationChain(ir) : null;
    if (chain) return this.addDuration(this.expr(chain.base, sc, ev), chain.terms, sc, ev);
    const l = this.expr(ir.left, sc, ev),
      r = this.expr(ir.right, sc, ev);
    if (ir.arith === '/') return `(CASE WHEN ${r} = 0 THEN NULL ELSE CAST(${l} AS ${this.dialect.double}) / ${r} END)`;
    return `(${l} ${ir.arith} ${r})`;
  }

  /** date ± durations, the months summed and added in one step, then the days (as eval/expr.ts does). */
  private addDuration(base: string, terms: DurationTerm[], sc: Scope, ev: string | null): string {
    const months: string[] = [],
      days: string[] = [];
    for (const t of terms) {
      if (t.d.workdays)
        throw new SqlUnsupported(
          'workdays',
          '工作日期限不能编译为 SQL（工作日日历由插件提供）',
          'a duration in working days cannot be compiled to SQL (the working-day calendar is a plugin)',
        );
      const k = t.scale ? `(${this.expr(t.scale, sc, ev)})` : null;
      const term = (n: number) => (k ? `${t.sign * n} * ${k}` : String(t.sign * n));
      if (t.d.months) months.push(term(t.d.months));
      if (t.d.days) days.push(term(t.d.days));
    }
    let out = base;
    if (months.length) out = this.dialect.addMonths(out, months.join(' + '));
    if (days.length)
      out = `(${out} + ${days.length === 1 && /^-?\d+$/.test(days[0]!) ? days[0] : `CAST(${days.join(' + ')} AS INTEGER)`})`;
    return out;
  }
}

/** Every indicator (and milestone condition) the plan has that SQL cannot express, located at its source. */
export function sqlDiagnostics(ir: PlanIR, dialect: Dialect): SqlUnsupported[] {
  const out: SqlUnsupported[] = [];
  const c = new SqlCompiler(ir, dialect);
  const check = (expr: IRExpr, source: SourceRef) => {
    const m = new Map<string, AggregateNode>();
    collectAggregates(expr, m);
    try {
      c.jobQueries({ asOf: 0, from: 0, to: 0, nodes: [...m.values()] });
    } catch (e) {
      if (!(e instanceof SqlUnsupported)) throw e;
      e.source = source;
      out.push(e);
    }
  };
  for (const ind of ir.indicators) check(ind.expr, ind.source);
  for (const t of ir.tasks) for (const m of t.milestones) if (m.condition) check(m.condition.expr, m.source);
  return out;
}
