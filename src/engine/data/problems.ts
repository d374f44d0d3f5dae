// Problems found in data: one record's (validate.ts) or a file's (the loaders). Codes are stable: tools
// and plans may refer to them; docs/data.md lists each with an example message. Messages are Chinese for the court's clerk, with an English twin.
import type { Severity as DiagnosticSeverity } from '../diagnostics/diagnostic.js';

/** A diagnostic's severity (src/engine/diagnostics/diagnostic.ts) but `info`: a data problem rejects or warns. */
export type Severity = Exclude<DiagnosticSeverity, 'info'>;

/** A problem with one record; `field` is a path such as 'events[3].date' ('' for the whole record). */
export interface RecordProblem {
  severity: Severity;
  code: string;
  field: string;
  message: string;
  messageEn: string;
}

/** A problem located in a file: `line` is 1-based (0 for the file as a whole), `column` 1-based. */
export interface DataProblem extends RecordProblem {
  file: string;
  line: number;
  column?: number;
}

export { DATA_CODES } from '../diagnostics/codes.js';

export function problem(
  severity: Severity,
  code: string,
  field: string,
  message: string,
  messageEn: string,
): RecordProblem {
  return { severity, code, field, message, messageEn };
}

export function hasError(problems: readonly RecordProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
