// SQL dialects: one core that writes the PostgreSQL-family SQL both engines accept, and small per-dialect
// overrides (the way Malloy keeps its dialects). Only portable SQL: `SUM(CASE …)` rather than `FILTER`, no
// `DISTINCT ON`, DATE columns compared with DATE literals, no extensions.

export type DialectName = 'postgres' | 'duckdb';

export interface Dialect {
  name: DialectName;
  /** The floating-point type. */
  double: string;
  /** A DATE plus a whole number of months (an SQL integer expression), clamped to the month's end and cast back to DATE. */
  addMonths(date: string, months: string): string;
}

const core: Dialect = {
  name: 'postgres',
  double: 'DOUBLE PRECISION',
  addMonths: (date, months) => `CAST(${date} + make_interval(months => CAST(${months} AS INTEGER)) AS DATE)`,
};

export const DIALECTS: Record<DialectName, Dialect> = {
  postgres: core,
  duckdb: {
    ...core,
    name: 'duckdb',
    double: 'DOUBLE',
    addMonths: (date, months) => `CAST(${date} + to_months(CAST(${months} AS INTEGER)) AS DATE)`,
  },
};

export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

export function sqlDate(iso: string): string {
  return `DATE '${iso}'`;
}
