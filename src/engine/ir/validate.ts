// Validation of a plan's IR against its JSON Schema (schema/plan-ir.schema.json, draft 2020-12): what a
// plugin or a cached file hands the engine is checked before it is trusted. Platform-neutral (the schema
// is imported, not read from disk), so it runs in the workbench's worker as in Node.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import schema from './schema/plan-ir.schema.json' with { type: 'json' };

export type PlanIRValidation = { ok: true } | { ok: false; errors: string[] };

let validator: ValidateFunction | null = null;

function compiled(): ValidateFunction {
  // Compiled once, on first use: compiling the schema costs more than validating a plan.
  validator ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  return validator;
}

/** A JSON Pointer as a path a person reads: /tasks/0/owners/1/kind → tasks[0].owners[1].kind */
function readablePath(pointer: string): string {
  if (pointer === '') return '(the IR)';
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function describe(e: ErrorObject): string | null {
  const at = readablePath(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    // `if`/`then` choose the variant of an expression by its `op`; the variant's own errors say what is wrong.
    case 'if':
      return null;
    // `X or null` fails as X: X's errors say why; "must be null" and "must match one of" add nothing.
    case 'oneOf':
      return null;
    case 'additionalProperties':
      return `${at}: unknown property "${String(p.additionalProperty)}"`;
    case 'required':
      return `${at}: missing property "${String(p.missingProperty)}"`;
    case 'const':
      return `${at}: must be ${JSON.stringify(p.allowedValue)}`;
    case 'enum':
      return `${at}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      if (p.type === 'null' && e.schemaPath.includes('/oneOf/')) return null;
      return `${at}: must be ${String(p.type).replace(/,/g, ' or ')}`;
    case 'pattern':
      return `${at}: must be a date YYYY-MM-DD`;
    default:
      return `${at}: ${e.message ?? e.keyword}`;
  }
}

/** Checks that `ir` is a well-formed PlanIR (irVersion 1). Errors name the path and what is wrong. */
export function validatePlanIR(ir: unknown): PlanIRValidation {
  const validate = compiled();
  if (validate(ir)) return { ok: true };
  const errors = [...new Set((validate.errors ?? []).map(describe).filter((m): m is string => m !== null))];
  return { ok: false, errors: errors.length > 0 ? errors : ['the IR does not match the schema'] };
}
