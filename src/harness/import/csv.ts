// A CSV file's rows: UTF-8 (with or without a byte order mark), or GB18030 when it is not valid UTF-8, as
// spreadsheets on Chinese Windows save it.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { SourceRow } from '../../engine/documents/import-table.js';

export function decodeText(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return iconv.decode(Buffer.from(data), 'gb18030');
  }
}

export function csvRows(data: Uint8Array): SourceRow[] {
  const records = parse(decodeText(data), {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
  return records.map((cells, k) => ({ cells, ref: { row: k + 1 } }));
}
