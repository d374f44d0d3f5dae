// The whole 宁波 plan (policies/ningbo-2018.plan) in DuckDB, for the evaluation benchmark's "whole plan"
// row: what the engine computes for that plan as of T, as plain SQL over the peer's `cases` and `events`
// tables (duckdb-indicators.ts loadCases). Like the indicator peer it shares no code with the engine.
//   1. the standard indicators by court at T over the plan's window (duckdb-indicators.ts queryIndicators);
//   2. the yearly targets (每年: the calendar year up to T), by court: 结案率 and 拒执移送率; by team:
//      团队年均办案量 (受理 of courts other than 宁波中院);
//   3. the plan's own indicator over its window by team (团队年均办案量) and the milestone condition of
//      四.4 at its deadline: per court, the cases with a 移送公安 in [plan start, 2018-05-30] as of that day;
//   4. the 终本条件 rule checked on every case closed 终本 since 2016-01-01 as of T: per condition the
//      cases failing it, the cases failing any condition (纳入失信 is a warning only) or only warned,
//      and the first 200 failing case ids in id order.
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryIndicators, type PeerResult } from './duckdb-indicators.js';

const PLAN_FROM = '2018-04-08';
const PLAN_TO = '2018-12-31';
const MILESTONE_DUE = '2018-05-30';
const CITY_COURT = '宁波市中级人民法院';

export interface NingboPlanPeer {
  indicators: PeerResult;
  /** court → [结案, 受理, 受理 with a 移送公安 in the year]. */
  yearly: Record<string, [number, number, number]>;
  /** team → 受理 of basic courts, over the year and over the plan's window. */
  teamLoad: { year: Record<string, number>; plan: Record<string, number> };
  /** court → cases with a 移送公安 in [plan start, due] as of the due day. */
  milestone: Record<string, number>;
  rule: { checked: number; failed: number; warned: number; byCondition: Record<string, number>; listed: string[] };
}

const rows = async (con: DuckDBConnection, sql: string): Promise<unknown[][]> =>
  (await con.runAndReadAll(sql)).getRowsJS() as unknown[][];

/** 受理 over [from, min(T, to)] as of T, as a SQL condition on `cases` (closed read as of T). */
const accepted = (T: string, from: string, to: string): string => {
  const end = to < T ? to : T;
  return `filed <= DATE '${end}' AND (closed IS NULL OR closed > DATE '${T}' OR closed >= DATE '${from}')`;
};

export async function queryNingboPlan(con: DuckDBConnection, asOf = PLAN_TO): Promise<NingboPlanPeer> {
  const T = asOf;
  const indicators = await queryIndicators(con, { asOf: T, from: PLAN_FROM, to: PLAN_TO, groupBy: 'court' });

  const yearFrom = `${T.slice(0, 4)}-01-01`;
  const yearly: NingboPlanPeer['yearly'] = {};
  for (const [court, closed, acc, moved] of await rows(
    con,
    `SELECT court,
            CAST(count(*) FILTER (WHERE closed BETWEEN DATE '${yearFrom}' AND DATE '${T}') AS DOUBLE),
            CAST(count(*) AS DOUBLE),
            CAST(count(*) FILTER (WHERE EXISTS (SELECT 1 FROM events e WHERE e.cid = c.cid AND e.type = '移送公安'
                   AND e.date BETWEEN DATE '${yearFrom}' AND DATE '${T}')) AS DOUBLE)
     FROM cases c WHERE ${accepted(T, yearFrom, T)} GROUP BY court`,
  ))
    yearly[String(court)] = [Number(closed), Number(acc), Number(moved)];

  const teamLoad = async (from: string): Promise<Record<string, number>> =>
    Object.fromEntries(
      (
        await rows(
          con,
          `SELECT team, CAST(count(*) FILTER (WHERE court <> '${CITY_COURT}') AS DOUBLE)
           FROM cases WHERE ${accepted(T, from, PLAN_TO)} GROUP BY team`,
        )
      ).map(([t, n]) => [String(t), Number(n)]),
    );

  const milestone = Object.fromEntries(
    (
      await rows(
        con,
        `SELECT court, CAST(count(*) AS DOUBLE) FROM cases c
         WHERE filed <= DATE '${MILESTONE_DUE}' AND EXISTS (SELECT 1 FROM events e WHERE e.cid = c.cid
           AND e.type = '移送公安' AND e.date BETWEEN DATE '${PLAN_FROM}' AND DATE '${MILESTONE_DUE}')
         GROUP BY court`,
      )
    ).map(([c, n]) => [String(c), Number(n)]),
  );

  // 终本条件 (policies/std/rules.plan): events dated on or before the closing day (closed ≤ T: all visible).
  await con.run(`
    CREATE OR REPLACE TEMP TABLE rule_cases AS
    SELECT c.id, c.filed, c.closed,
           count(e.eid) FILTER (WHERE e.type = '执行通知') > 0 AND count(e.eid) FILTER (WHERE e.type = '报告财产令') > 0 AS c1,
           count(e.eid) FILTER (WHERE e.type = '限制消费') > 0 AS c2,
           count(e.eid) FILTER (WHERE e.type = '纳入失信') > 0 AS w,
           count(e.eid) FILTER (WHERE e.type IN ('总对总查控', '点对点查控')) >= 2
             AND count(e.eid) FILTER (WHERE e.type = '传统查控') > 0 AS c3,
           c.closed >= CAST(c.filed + INTERVAL 3 MONTH AS DATE) AS c4,
           count(e.eid) FILTER (WHERE e.type = '约谈') > 0 AS c5
    FROM cases c LEFT JOIN events e ON e.cid = c.cid AND e.date <= c.closed
    WHERE c.filed <= DATE '${T}' AND c.closed <= DATE '${T}' AND c.closure = '终结本次执行程序'
      AND c.closed >= DATE '2016-01-01'
    GROUP BY c.id, c.filed, c.closed`);
  const [[checked, failed, warned, f1, f2, fw, f3, f4, f5]] = (await rows(
    con,
    `SELECT count(*), count(*) FILTER (WHERE NOT (c1 AND c2 AND c3 AND c4 AND c5)),
            count(*) FILTER (WHERE c1 AND c2 AND c3 AND c4 AND c5 AND NOT w),
            count(*) FILTER (WHERE NOT c1), count(*) FILTER (WHERE NOT c2), count(*) FILTER (WHERE NOT w),
            count(*) FILTER (WHERE NOT c3), count(*) FILTER (WHERE NOT c4), count(*) FILTER (WHERE NOT c5)
     FROM rule_cases`,
  )) as number[][] as [[number, number, number, number, number, number, number, number, number]];
  const listed = (
    await rows(con, 'SELECT id FROM rule_cases WHERE NOT (c1 AND c2 AND c3 AND c4 AND c5) ORDER BY id LIMIT 200')
  ).map(([id]) => String(id));
  return {
    indicators,
    yearly,
    teamLoad: { year: await teamLoad(yearFrom), plan: await teamLoad(PLAN_FROM) },
    milestone,
    rule: {
      checked: Number(checked),
      failed: Number(failed),
      warned: Number(warned),
      byCondition: {
        通知与报告令: Number(f1),
        限制消费: Number(f2),
        纳入失信: Number(fw),
        财产调查: Number(f3),
        立案满三个月: Number(f4),
        约谈: Number(f5),
      },
      listed,
    },
  };
}
