// The IR's JSON Schema describes what the compiler emits: the IR of every plan in policies/ and of every
// corpus case validates, random plans' IR validates, and broken IRs are rejected with errors a person can act on.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/check/compile.js';
import { IR_VERSION, type PlanIR } from '../../src/engine/ir/types.js';
import { validatePlanIR } from '../../src/engine/ir/validate.js';
import schema from '../../src/engine/ir/schema/plan-ir.schema.json' with { type: 'json' };
import { memoryHost, ROOT } from '../corpus/host.js';
import { generatePlan } from '../corpus/generate.js';

function planFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...planFiles(p));
    else if (name.endsWith('.plan')) out.push(p);
  }
  return out;
}

const POLICIES = join(ROOT, 'policies');
const CASES = join(ROOT, 'test', 'corpus', 'cases');

function compileDir(dir: string, file: string): ReturnType<typeof compile> {
  const files = new Map<string, string>();
  const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  for (const f of planFiles(dir)) files.set(relative(dir, f).split(sep).join('/'), utf8.decode(readFileSync(f)));
  return compile(relative(dir, file).split(sep).join('/'), memoryHost(files));
}

function expectValid(ir: unknown): void {
  const r = validatePlanIR(ir);
  expect(r.ok ? [] : r.errors).toEqual([]);
}

describe('the schema', () => {
  it('is draft 2020-12 for IR version 1', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.irVersion.const).toBe(IR_VERSION);
  });

  it('closes every object: additionalProperties false, every property required', () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) {
        node.forEach((n, i) => {
          walk(n, `${path}/${i}`);
        });
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.type === 'object' && o.properties && !path.endsWith('/if')) {
        if (o.additionalProperties !== false && !(o.allOf && Object.keys(o.properties as object).length === 1))
          open.push(path);
        const req = new Set((o.required as string[] | undefined) ?? []);
        for (const k of Object.keys(o.properties as object)) if (!req.has(k)) open.push(`${path}.${k} (not required)`);
      }
      for (const [k, v] of Object.entries(o)) walk(v, `${path}/${k}`);
    };
    walk(schema, '#');
    expect(open).toEqual([]);
  });
});

describe('the IR of real plans validates', () => {
  const policies = planFiles(POLICIES);
  it('has plans', () => expect(policies.length).toBeGreaterThanOrEqual(7));
  it.each(policies.map((f) => [relative(ROOT, f), f]))('%s', (_name, file) => {
    expectValid(compileDir(POLICIES, file).ir);
  });
});

describe('the IR of every corpus case validates, errors or not', () => {
  const cases = readdirSync(CASES)
    .filter((f) => f.endsWith('.plan'))
    .sort();
  it.each(cases)('%s', (name) => {
    const r = compileDir(CASES, join(CASES, name));
    expectValid(r.ir);
  });
});

describe('the IR of a generated 2,000-line plan validates', () => {
  it('validates', () => {
    const r = compile('g.plan', memoryHost({ 'g.plan': generatePlan(2000) }));
    expect(r.errorCount).toBe(0);
    expectValid(r.ir);
  });
});

describe('broken IRs are rejected with readable errors', () => {
  const base = (): PlanIR =>
    structuredClone(
      compile(
        'm.plan',
        memoryHost({
          'm.plan': readFileSync(join(CASES, 'valid-tasks.plan'), 'utf8'),
        }),
      ).ir,
    );

  const broken: Array<[string, (ir: PlanIR & Record<string, unknown>) => void, string[]]> = [
    [
      'a future IR version',
      (ir) => {
        (ir as { irVersion: number }).irVersion = 2;
      },
      ['irVersion: must be 1'],
    ],
    [
      'a missing section',
      (ir) => {
        delete (ir as Partial<PlanIR>).notes;
      },
      ['(the IR): missing property "notes"'],
    ],
    [
      'an unknown property',
      (ir) => {
        ir.extra = true;
      },
      ['(the IR): unknown property "extra"'],
    ],
    [
      'an owner of an unknown kind',
      (ir) => {
        (ir.tasks[0]!.owners[0] as { kind: string }).kind = 'department';
      },
      ['tasks[0].owners[0].kind: must be one of "person", "role"'],
    ],
    [
      'a date in another format',
      (ir) => {
        ir.tasks[0]!.due = '2018/09/30';
      },
      ['tasks[0].due: must be a date YYYY-MM-DD'],
    ],
    [
      'a stage without a value',
      (ir) => {
        delete (ir.targets[0]!.stages[0] as Partial<PlanIR['targets'][0]['stages'][0]>).value;
      },
      ['targets[0].stages[0]: missing property "value"'],
    ],
    [
      'an unknown expression op',
      (ir) => {
        (ir.indicators[0]!.expr as { op: string }).op = 'magic';
      },
      ['indicators[0].expr.op: must be one of'],
    ],
    [
      'a literal whose value is not of its type',
      (ir) => {
        ir.rules[0]!.conditions.unshift({
          name: 'x',
          label: null,
          severity: 'error',
          expr: { op: 'lit', type: 'date', value: '2018-01-01' },
        });
      },
      ['rules[0].conditions[0].expr.value: must be integer'],
    ],
    [
      'an expression with a stray property deep inside',
      (ir) => {
        const set = (ir.indicators[0]!.expr as { set?: { where: unknown[] } }).set ?? { where: [] };
        set.where.push({
          op: 'cmp',
          cmp: '=',
          left: { op: 'field', name: 'closed', extra: 1 },
          right: { op: 'lit', type: 'null', value: null },
        });
      },
      ['unknown property "extra"'],
    ],
    [
      'a set of an unknown domain',
      (ir) => {
        ((ir.indicators[0]!.expr as { set?: { domain: string } }).set ?? { domain: '' }).domain = 'people';
      },
      ['must be one of "case", "event", "staffing"'],
    ],
    ['not an object at all', () => undefined, []],
  ];

  it.each(broken)('%s', (_what, breakIt, expected) => {
    const ir = base() as PlanIR & Record<string, unknown>;
    breakIt(ir);
    const r = validatePlanIR(_what === 'not an object at all' ? 42 : ir);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const e of r.errors) expect(e).toMatch(/^(\(the IR\)|[\w[\].]+): /);
    for (const want of expected)
      expect(
        r.errors.some((e) => e.includes(want)),
        `${want} in ${JSON.stringify(r.errors)}`,
      ).toBe(true);
    // Only what is wrong is reported, not the schema's machinery.
    expect(r.errors.join('\n')).not.toMatch(/must match "then" schema|must match exactly one schema/);
  });

  it('the unbroken IR is accepted', () => expectValid(base()));
});
