// An independent peer for the engine: the standard indicators of docs domain §3, computed by plain SQL
// in DuckDB straight from the canonical NDJSON case files. It shares no code with the engine (not even
// the calendar), so agreement between the two is evidence, not an echo. Every reading of the domain text
// that could go two ways is marked `READING:` here and listed in bench/peer/README.md.
//
// The peer assumes valid input (what the loader accepts): it does not re-implement the load checks.

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** The indicator names, exactly as the standard library spells them. */
export const INDICATOR_NAMES = [
  '受理',
  '旧存',
  '新收',
  '结案',
  '结案率',
  '执行完毕率',
  '实际执结率',
  '终本率',
  '执行到位率',
  '终本合格率',
  '有财产案件法定期限内执结率',
  '首执平均结案用时',
  '失信适用率',
  '拒执移送率',
  '信访办结率',
  '案款发放及时率',
  '3日内总对总查控率',
  '7日内报告财产令率',
  '15日内点对点查控率',
] as const;
export type IndicatorName = (typeof INDICATOR_NAMES)[number];

/** The four plain counts. READING: their denominator is 1 and their value is the count. */
export const COUNT_INDICATORS: ReadonlySet<IndicatorName> = new Set(['受理', '旧存', '新收', '结案']);

export interface PeerValue {
  numerator: number;
  denominator: number;
  /** numerator / denominator; null when the denominator is 0. */
  value: number | null;
}

/** indicator name → group key ('' for overall) → value. */
export type PeerResult = Record<IndicatorName, Record<string, PeerValue>>;

export type GroupBy = 'court' | 'handler' | 'team' | null;

export interface PeerWindow {
  /** As-of date T, `YYYY-MM-DD`. */
  asOf: string;
  /** Window start, `YYYY-MM-DD`. */
  from: string;
  /** Window end, `YYYY-MM-DD`; the window measured at T is [from, min(T, to)]. */
  to: string;
  groupBy?: GroupBy;
}

export interface PeerOptions extends PeerWindow {
  /** NDJSON case files in the canonical format of domain §1. */
  files: string[];
  /** DuckDB worker threads; DuckDB's default (all cores) when absent. */
  threads?: number;
}

// ---------------------------------------------------------------------------------------------------
// Loading: independent of T and the window, so that it can be timed apart from the queries.

/** Opens an in-memory DuckDB. */
export async function openPeer(threads?: number): Promise<{ instance: DuckDBInstance; con: DuckDBConnection }> {
  const options: Record<string, string> = threads === undefined ? {} : { threads: String(threads) };
  const instance = await DuckDBInstance.create(':memory:', options);
  return { instance, con: await instance.connect() };
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * Reads the NDJSON files into two tables:
 *   cases(cid, id, court, type, filed, closed, closure, claimed_fen, recovered_fen, property, handler, team)
 *   events(eid, cid, type, date)
 * Money becomes integer fen by ROUND(yuan * 100), exact for amounts with at most 2 decimals.
 * Returns the numbers of cases and events read.
 */
export async function loadCases(con: DuckDBConnection, files: string[]): Promise<{ cases: number; events: number }> {
  if (files.length === 0) throw new Error('duckdbIndicators: no files');
  const fileList = `[${files.map(sqlString).join(', ')}]`;
  await con.run(`
    CREATE OR REPLACE TEMP TABLE raw AS
    SELECT row_number() OVER () AS cid, *
    FROM read_json(${fileList},
      format = 'newline_delimited',
      columns = {
        id: 'VARCHAR', court: 'VARCHAR', type: 'VARCHAR',
        filed: 'DATE', closed: 'DATE', closure: 'VARCHAR',
        claimed: 'DOUBLE', recovered: 'DOUBLE', property: 'BOOLEAN',
        handler: 'VARCHAR', team: 'VARCHAR',
        events: 'STRUCT(type VARCHAR, date DATE)[]'
      })`);
  await con.run(`
    CREATE OR REPLACE TABLE cases AS
    SELECT cid, id, court,
           coalesce(type, '首执')                          AS type,     -- §1: type defaults to 首执
           filed, closed, closure,
           coalesce(CAST(round(claimed * 100) AS BIGINT), 0)   AS claimed_fen,   -- READING: absent money = 0
           coalesce(CAST(round(recovered * 100) AS BIGINT), 0) AS recovered_fen,
           property,
           coalesce(handler, '') AS handler,   -- READING: a missing handler/team groups under ''
           coalesce(team, '')    AS team
    FROM raw`);
  await con.run(`
    CREATE OR REPLACE TABLE events AS
    SELECT row_number() OVER () AS eid, cid, ev.type AS type, ev.date AS date
    FROM (SELECT cid, unnest(events) AS ev FROM raw)`);
  await con.run('DROP TABLE raw');
  const counts = await con.runAndReadAll(
    'SELECT CAST((SELECT count(*) FROM cases) AS DOUBLE), CAST((SELECT count(*) FROM events) AS DOUBLE)',
  );
  const [c, e] = counts.getRowsJS()[0] as [number, number];
  return { cases: c, events: e };
}

// ---------------------------------------------------------------------------------------------------
// Querying: everything that depends on T, the window and the grouping.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateLiteral(name: string, s: string): string {
  if (!ISO_DATE.test(s)) throw new Error(`duckdbIndicators: ${name} must be YYYY-MM-DD, got ${JSON.stringify(s)}`);
  return `DATE '${s}'`;
}

/** The SQL for every indicator: each returns rows (g, num, den) over the temp table `facts` and view `ev`. */
function indicatorQueries(F: string, E: string, T: string): Record<IndicatorName, string> {
  // N日内节点率: 新收 cases with filed + N ≤ T that have the event within [filed, filed + N] (day 0 = filed).
  // READING: an event dated before filed does not count.
  const nodeRate = (eventType: string, n: number): string => `
    SELECT f.g,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM ev e
             WHERE e.cid = f.cid AND e.type = '${eventType}'
               AND e.date BETWEEN f.filed AND f.filed + ${n})) AS num,
           count(*) AS den
    FROM facts f
    WHERE f.is_new AND f.filed + ${n} <= ${T}
    GROUP BY f.g`;

  // A share of 结案 by closure.
  const closureShare = (closures: string[]): string => `
    SELECT g,
           count(*) FILTER (WHERE closure IN (${closures.map(sqlString).join(', ')})) AS num,
           count(*) AS den
    FROM facts WHERE is_closed
    GROUP BY g`;

  // Cases among 受理 that have an event of a type dated in [lo, hi] / 受理.
  const acceptedWithEvent = (eventType: string, lo: string, hi: string): string => `
    SELECT f.g,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM ev e
             WHERE e.cid = f.cid AND e.type = '${eventType}' AND e.date BETWEEN ${lo} AND ${hi})) AS num,
           count(*) AS den
    FROM facts f WHERE f.is_accepted
    GROUP BY f.g`;

  const count = (flag: string): string =>
    `SELECT g, count(*) FILTER (WHERE ${flag}) AS num, 1 AS den FROM facts GROUP BY g`;

  return {
    受理: count('is_accepted'),
    旧存: count('is_old'),
    新收: count('is_new'),
    结案: count('is_closed'),

    结案率: `
      SELECT g, count(*) FILTER (WHERE is_closed) AS num, count(*) FILTER (WHERE is_accepted) AS den
      FROM facts GROUP BY g`,

    执行完毕率: closureShare(['执行完毕']),
    实际执结率: closureShare(['执行完毕', '终结执行']),
    终本率: closureShare(['终结本次执行程序']),

    // Σ recovered / Σ claimed over 结案, in fen. READING: recovered is the record's figure as given
    // (the record has no date for it, so it cannot be cut at T).
    执行到位率: `
      SELECT g,
             coalesce(sum(recovered_fen) FILTER (WHERE is_closed), 0) AS num,
             coalesce(sum(claimed_fen)   FILTER (WHERE is_closed), 0) AS den
      FROM facts GROUP BY g`,

    // Rule 终本条件 (§4) on 终本 结案. Events count when dated ≤ closed (closed ≤ T, so all are visible).
    // Condition 2 checks 限制消费 only; 纳入失信 is a warning, never a failure.
    // READING: "two network queries" counts events (two 点对点查控 events qualify), not distinct types.
    // READING: closed − filed ≥ 3 months means closed ≥ filed + 3 calendar months, the day clamped to
    // the month's end (2017-11-30 + 3 months = 2018-02-28; DuckDB's INTERVAL clamps the same way).
    终本合格率: `
      SELECT g,
             count(*) FILTER (WHERE n_notice >= 1 AND n_report >= 1            -- 1. 执行通知, 报告财产令
                                AND n_restrict >= 1                            -- 2. 限制消费
                                AND n_network >= 2 AND n_traditional >= 1      -- 3. 2 network + 1 传统
                                AND closed >= CAST(filed + INTERVAL 3 MONTH AS DATE)  -- 4. ≥ 3 months
                                AND n_talk >= 1) AS num,                       -- 5. 约谈
             count(*) AS den
      FROM (
        SELECT f.cid, f.g, f.filed, f.closed,
               count(e.eid) FILTER (WHERE e.type = '执行通知')                 AS n_notice,
               count(e.eid) FILTER (WHERE e.type = '报告财产令')               AS n_report,
               count(e.eid) FILTER (WHERE e.type = '限制消费')                 AS n_restrict,
               count(e.eid) FILTER (WHERE e.type IN ('总对总查控', '点对点查控')) AS n_network,
               count(e.eid) FILTER (WHERE e.type = '传统查控')                 AS n_traditional,
               count(e.eid) FILTER (WHERE e.type = '约谈')                     AS n_talk
        FROM facts f LEFT JOIN ev e ON e.cid = f.cid AND e.date <= f.closed
        WHERE f.is_closed AND f.closure = '终结本次执行程序'
        GROUP BY f.cid, f.g, f.filed, f.closed)
      GROUP BY g`,

    // Legal deadline = filed + (6 + 3 × number of 延期 events dated ≤ T) months, in ONE month addition.
    // READING: one addition, clamped once (2017-08-31 + 9 months = 2018-05-31), not 6 then 3 at a time
    // (which would give 2018-05-28).
    // READING: the denominator is property = true cases among 受理 (filed ≤ end of W, not closed before
    // `from`) whose deadline is in W or that closed in W: a case closed before `from` whose deadline
    // falls in W is not counted (it belongs to an earlier period). property null = not counted.
    // The numerator: those closed 执行完毕 on or before the deadline (closed ≤ T).
    有财产案件法定期限内执结率: `
      WITH extensions AS (
        SELECT cid, count(*) AS n FROM ev WHERE type = '延期' GROUP BY cid
      ), p AS (
        SELECT f.g, f.closed, f.closure,
               CAST(f.filed + to_months(CAST(6 + 3 * coalesce(x.n, 0) AS INTEGER)) AS DATE) AS deadline
        FROM facts f LEFT JOIN extensions x ON x.cid = f.cid
        WHERE f.property AND f.is_accepted
      )
      SELECT g,
             count(*) FILTER (WHERE closure = '执行完毕' AND closed <= deadline) AS num,
             count(*) AS den
      FROM p
      WHERE deadline BETWEEN ${F} AND ${E} OR closed BETWEEN ${F} AND ${E}
      GROUP BY g`,

    // Mean days closed − filed over 首执 结案: numerator = Σ days, denominator = number of cases.
    首执平均结案用时: `
      SELECT g,
             coalesce(sum(closed - filed) FILTER (WHERE is_closed AND type = '首执'), 0) AS num,
             count(*) FILTER (WHERE is_closed AND type = '首执') AS den
      FROM facts GROUP BY g`,

    // READING: "by T" is literal — a 纳入失信 dated before `from` counts too.
    失信适用率: acceptedWithEvent('纳入失信', "DATE '0001-01-01'", T),

    // READING: the numerator is restricted to 受理 cases (on valid data every case with a 移送公安 in W
    // is one). Value is the plain ratio; ‰ is presentation.
    拒执移送率: acceptedWithEvent('移送公安', F, E),

    // Unit: a 信访 event dated in W. Done when the same case has a 信访办结 dated ≥ the 信访 and ≤ T.
    // READING: same day counts as "later"; no one-to-one matching — one 办结 can close several 信访.
    信访办结率: `
      SELECT f.g,
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM ev d
               WHERE d.cid = v.cid AND d.type = '信访办结' AND d.date >= v.date)) AS num,
             count(*) AS den
      FROM ev v JOIN facts f ON f.cid = v.cid
      WHERE v.type = '信访' AND v.date BETWEEN ${F} AND ${E}
      GROUP BY f.g`,

    // Unit: a 案款到账 event dated in W and due by T (date + 30 ≤ T). Timely when the same case has a
    // 案款发放 dated in [到账, 到账 + 30]. READING: amounts are not matched; no one-to-one matching.
    案款发放及时率: `
      SELECT f.g,
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM ev p
               WHERE p.cid = a.cid AND p.type = '案款发放' AND p.date BETWEEN a.date AND a.date + 30)) AS num,
             count(*) AS den
      FROM ev a JOIN facts f ON f.cid = a.cid
      WHERE a.type = '案款到账' AND a.date BETWEEN ${F} AND ${E} AND a.date + 30 <= ${T}
      GROUP BY f.g`,

    '3日内总对总查控率': nodeRate('总对总查控', 3),
    '7日内报告财产令率': nodeRate('报告财产令', 7),
    '15日内点对点查控率': nodeRate('点对点查控', 15),
  };
}

/** Computes every indicator over the loaded tables, as of T over the window. */
export async function queryIndicators(con: DuckDBConnection, w: PeerWindow): Promise<PeerResult> {
  const T = dateLiteral('asOf', w.asOf);
  const F = dateLiteral('from', w.from);
  dateLiteral('to', w.to);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates, compared as strings
  const E = dateLiteral('to', w.to < w.asOf ? w.to : w.asOf); // end of W = min(T, to)
  const groupBy = w.groupBy ?? null;
  const g = groupBy === null ? "''" : groupBy; // the column names are fixed, not user text

  // As of T: a case filed after T does not exist; closed after T means still open.
  // READING: when W is empty (from > min(T, to)) every window count is 0, 旧存 included.
  await con.run(`
    CREATE OR REPLACE TEMP TABLE facts AS
    SELECT *,
           -- 旧存: filed before \`from\`, still open at \`from\`. READING: closed on \`from\` itself is 旧存
           -- (and 结案), so that 受理 = 旧存 + 新收 = filed ≤ end of W and not closed before \`from\`.
           filed < ${F} AND (closed IS NULL OR closed >= ${F}) AND ${F} <= ${E} AS is_old,
           filed BETWEEN ${F} AND ${E}                                           AS is_new,
           is_old OR is_new                                                      AS is_accepted,
           coalesce(closed BETWEEN ${F} AND ${E}, false)                         AS is_closed
    FROM (
      SELECT cid, ${g} AS g, type, filed, property, claimed_fen, recovered_fen,
             CASE WHEN closed <= ${T} THEN closed END  AS closed,
             CASE WHEN closed <= ${T} THEN closure END AS closure
      FROM cases
      WHERE filed <= ${T})`);
  // Events dated after T are invisible; events of invisible cases never join a row of facts.
  await con.run(`CREATE OR REPLACE TEMP VIEW ev AS SELECT * FROM events WHERE date <= ${T}`);

  // READING: the groups are the keys of the cases visible at T; every indicator lists every group,
  // with 0 / 0 (value null) where nothing qualifies — 0 / 1 (value 0) for the counts.
  const groups = (await con.runAndReadAll('SELECT DISTINCT g FROM facts ORDER BY g'))
    .getRowsJS()
    .map((r) => String(r[0]));
  if (groupBy === null && !groups.includes('')) groups.push('');

  const queries = indicatorQueries(F, E, T);
  const result = {} as PeerResult;
  for (const name of INDICATOR_NAMES) {
    const byGroup: Record<string, PeerValue> = {};
    const emptyDen = COUNT_INDICATORS.has(name) ? 1 : 0;
    for (const key of groups) byGroup[key] = ratio(0, emptyDen);
    const rows = await con.runAndReadAll(
      `SELECT g, CAST(num AS DOUBLE) AS num, CAST(den AS DOUBLE) AS den FROM (${queries[name]})`,
    );
    for (const [key, num, den] of rows.getRowsJS() as [string, number, number][]) byGroup[key] = ratio(num, den);
    result[name] = byGroup;
  }
  return result;
}

function ratio(numerator: number, denominator: number): PeerValue {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

/** Loads the files into a fresh in-memory DuckDB and computes every indicator. */
export async function duckdbIndicators(opts: PeerOptions): Promise<PeerResult> {
  const { instance, con } = await openPeer(opts.threads);
  try {
    await loadCases(con, opts.files);
    return await queryIndicators(con, opts);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
