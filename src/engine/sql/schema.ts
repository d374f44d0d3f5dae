// The canonical schema luoshi's SQL reads: cases, their tags and events, progress reports and staffing.
// Dates are DATE, money is integer fen (BIGINT) so sums are exact, a case's handler and team are named
// as the data spells them, within the case's court.
import type { Dialect } from './dialect.js';

export const TABLES = ['cases', 'case_tags', 'events', 'progress', 'staffing'] as const;

/** Staffing fields of the plan language → columns of `staffing`. */
export const STAFFING_COLUMNS: Readonly<Record<string, string>> = {
  执行人员: 'enforcement_staff',
  政法编制: 'establishment',
  员额法官: 'quota_judges',
};

/** `temporary`: the session's own tables (dropped when it ends), so a run over files writes nothing into a court's database. */
export function schemaDDL(d: Dialect, temporary = false): string[] {
  const text = 'VARCHAR';
  const ddl = [
    `CREATE TABLE cases (cid INTEGER PRIMARY KEY, id ${text} NOT NULL UNIQUE, court ${text} NOT NULL, type ${text}, filed DATE NOT NULL, closed DATE, closure ${text}, claimed_fen BIGINT, recovered_fen BIGINT, property BOOLEAN, handler ${text} NOT NULL, team ${text})`,
    `CREATE TABLE case_tags (cid INTEGER NOT NULL, tag ${text} NOT NULL)`,
    // eid orders a case's events as the file loaders do: by date, then input order.
    `CREATE TABLE events (eid BIGINT PRIMARY KEY, cid INTEGER NOT NULL, type ${text} NOT NULL, day DATE NOT NULL, amount_fen BIGINT, note ${text})`,
    `CREATE TABLE progress (pid INTEGER PRIMARY KEY, task ${text} NOT NULL, milestone ${text}, done DATE NOT NULL, done_by ${text}, evidence ${text})`,
    `CREATE TABLE staffing (sid INTEGER PRIMARY KEY, court ${text} NOT NULL, day DATE NOT NULL, enforcement_staff ${d.double}, establishment ${d.double}, quota_judges ${d.double})`,
    'CREATE INDEX events_cid ON events (cid)',
    'CREATE INDEX case_tags_cid ON case_tags (cid)',
  ];
  return temporary ? ddl.map((x) => x.replace(/^CREATE TABLE /, 'CREATE TEMPORARY TABLE ')) : ddl;
}
