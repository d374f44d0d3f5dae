// Problems found in data: one record's (validate.ts) or a file's (the loaders). Codes are stable: tools
// and plans may refer to them; docs/data.md lists each with an example message. Messages are Chinese for the court's clerk, with an English twin.

export type Severity = 'error' | 'warning';

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

/** Every code, what it means. D00xx: files and formats; D01xx: records. */
export const DATA_CODES: Readonly<Record<string, string>> = {
  D0001: 'file or directory not found or unreadable, or not a regular file (folder, FIFO, device)',
  D0002: 'file too large for its format',
  D0003: 'file is not in its format (not JSON, not a list), or its JSON array is damaged between records',
  D0004: 'malformed JSON record (NDJSON line or array element)',
  D0005: 'unsupported file extension',
  D0006: 'CSV syntax error in a row',
  D0007: 'YAML syntax error, or a key repeated in a YAML record',
  D0008: 'CSV header missing a required column or empty',
  D0009: 'CSV column not understood (ignored)',
  D0010: 'CSV events cell item malformed',
  D0011: 'CSV value rewritten to the canonical form (e.g. 2018/3/5 → 2018-03-05)',
  D0012: 'CSV row with more cells than the header (extra cells ignored)',
  D0013: 'line not valid in the file\'s encoding (编码错误)',
  D0014: 'record nested too deeply',
  D0015: 'line longer than the limit',
  D0101: 'required field missing or empty',
  D0102: 'field of the wrong type',
  D0103: 'malformed or impossible date',
  D0104: 'closed before filed',
  D0105: 'event dated after closed (other than 终本巡查, 恢复执行, 信访, 信访办结, 案款发放)',
  D0106: 'closure without closed',
  D0107: 'closed without closure',
  D0108: 'negative money',
  D0109: 'money with more than 2 decimals',
  D0110: 'money too large to hold exactly',
  D0111: 'value not among the allowed ones (case type, closure)',
  D0112: 'duplicate id',
  D0113: 'unknown field (ignored)',
  D0114: 'optional field missing, default used',
  D0115: 'one field given under two names (案号 and id)',
  D0116: 'control character or U+FFFD in a name (id, court, handler, team)',
  D0120: 'unknown event type (kept)',
  D0121: 'event dated before filed',
  D0122: 'money event without amount',
  D0130: 'staffing headcount implausible',
};

export function problem(severity: Severity, code: string, field: string, message: string, messageEn: string): RecordProblem {
  return { severity, code, field, message, messageEn };
}

export function hasError(problems: readonly RecordProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
