// Validates a report against its JSON Schema (report/schema/report.schema.json), for consumers of
// `--format json` and for our own tests.
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from './schema/report.schema.json' with { type: 'json' };

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const check = ajv.compile(schema);

export function validateReport(report: unknown): { ok: true } | { ok: false; errors: string[] } {
  if (check(report)) return { ok: true };
  return { ok: false, errors: (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim()) };
}
