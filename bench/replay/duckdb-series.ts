// The replay's DuckDB peer: daily series of standard indicators per court, for every day of a range, in
// ONE query over the tables bench/peer/duckdb-indicators.ts loads from the same NDJSON. Each case (or
// event) counts for a range of as-of dates T; the query turns each range into +1 at its first day and −1
// after its last, sums the changes per (indicator, court, day) and runs a cumulative sum over a calendar
// of the days. It shares no code with the engine; the readings are those of bench/peer/README.md (on a
// day before the window begins every count is 0: reading 2).
import type { DuckDBConnection } from '@duckdb/node-api';

/** The series computed: each is a numerator or a denominator of a standard indicator. */
export const SERIES = [
  '受理数',
  '新收数',
  '结案数',
  '结案率/num',
  '结案率/den',
  '终本率/num',
  '终本率/den',
  '失信适用率/num',
  '失信适用率/den',
  '3日内总对总查控率/num',
  '3日内总对总查控率/den',
] as const;
export type SeriesName = (typeof SERIES)[number];

export interface SeriesWindow {
  /** The window W = [from, min(T, to)], YYYY-MM-DD. */
  from: string;
  to: string;
  /** The as-of dates: every day of [first, last]. */
  first: string;
  last: string;
}

/** series → court → day (YYYY-MM-DD) → value. */
export type DailySeries = Map<SeriesName, Map<string, Map<string, number>>>;

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const date = (s: string): string => {
  if (!ISO.test(s)) throw new Error(`duckdb-series: not a date: ${JSON.stringify(s)}`);
  return `DATE '${s}'`;
};

/** The one query: every series, every court, every day. */
export function dailySeriesSql(w: SeriesWindow): string {
  const F = date(w.from),
    TO = date(w.to),
    D0 = date(w.first),
    D1 = date(w.last);
  // A case not closed before F is 受理 from its filing or F, whichever is later, for good; one closed
  // before F never is (before F the window has not begun). A far day stands for "never ends".
  const NEVER = "DATE '9999-12-31'";
  return `
    WITH accepted AS (
      SELECT cid, court, greatest(filed, ${F}) AS since, ${NEVER} AS until
      FROM cases
      WHERE filed <= ${TO} AND (closed IS NULL OR closed >= ${F})
    ), ranges AS (
      SELECT '受理数' AS s, court, since AS t0, until AS t1 FROM accepted
      UNION ALL SELECT '结案率/den', court, since, until FROM accepted
      UNION ALL SELECT '失信适用率/den', court, since, until FROM accepted
      UNION ALL
      SELECT '失信适用率/num', a.court, greatest(a.since, min(e.date)), a.until
      FROM accepted a JOIN events e ON e.cid = a.cid AND e.type = '纳入失信'
      GROUP BY a.cid, a.court, a.since, a.until
      UNION ALL
      SELECT '新收数', court, filed, ${NEVER} FROM cases WHERE filed BETWEEN ${F} AND ${TO}
      UNION ALL
      SELECT s.s, court, closed, ${NEVER}
      FROM cases, (VALUES ('结案数'), ('结案率/num'), ('终本率/den')) s(s)
      WHERE closed BETWEEN ${F} AND ${TO}
      UNION ALL
      SELECT '终本率/num', court, closed, ${NEVER}
      FROM cases WHERE closed BETWEEN ${F} AND ${TO} AND closure = '终结本次执行程序'
      UNION ALL
      SELECT '3日内总对总查控率/den', court, filed + 3, ${NEVER} FROM cases WHERE filed BETWEEN ${F} AND ${TO}
      UNION ALL
      SELECT '3日内总对总查控率/num', c.court, c.filed + 3, ${NEVER}
      FROM cases c
      WHERE c.filed BETWEEN ${F} AND ${TO} AND EXISTS (
        SELECT 1 FROM events e
        WHERE e.cid = c.cid AND e.type = '总对总查控' AND e.date BETWEEN c.filed AND c.filed + 3)
    ), changes AS (
      SELECT s, court, t0 AS day, 1 AS d FROM ranges WHERE t0 < t1 AND t0 <= ${D1}
      UNION ALL SELECT s, court, t1 AS day, -1 FROM ranges WHERE t0 < t1 AND t1 <= ${D1}
    ), before AS (
      SELECT s, court, sum(d) AS v FROM changes WHERE day < ${D0} GROUP BY s, court
    ), daily AS (
      SELECT s, court, day, sum(d) AS d FROM changes WHERE day >= ${D0} GROUP BY s, court, day
    ), keys AS (
      SELECT DISTINCT s, court FROM changes
    ), calendar AS (
      SELECT CAST(day AS DATE) AS day FROM generate_series(${D0}, ${D1}, INTERVAL 1 DAY) g(day)
    )
    SELECT k.s, k.court, strftime(c.day, '%Y-%m-%d') AS day,
           CAST(coalesce(b.v, 0) + sum(coalesce(dl.d, 0)) OVER (PARTITION BY k.s, k.court ORDER BY c.day) AS DOUBLE) AS v
    FROM keys k CROSS JOIN calendar c
    LEFT JOIN daily dl ON dl.s = k.s AND dl.court = k.court AND dl.day = c.day
    LEFT JOIN before b ON b.s = k.s AND b.court = k.court`;
}

/** Runs the query on the loaded `cases` and `events` tables. */
export async function dailySeries(con: DuckDBConnection, w: SeriesWindow): Promise<DailySeries> {
  const rows = (await con.runAndReadAll(dailySeriesSql(w))).getRowsJS() as Array<[SeriesName, string, string, number]>;
  const out: DailySeries = new Map();
  for (const [s, court, day, v] of rows) {
    let byCourt = out.get(s);
    if (!byCourt) out.set(s, (byCourt = new Map()));
    let byDay = byCourt.get(court);
    if (!byDay) byCourt.set(court, (byDay = new Map()));
    byDay.set(day, v);
  }
  return out;
}
