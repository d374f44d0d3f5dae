// plugin.json: its JSON Schema (composed from the registered contribution points), validation with ajv
// (2020-12), and the checks a schema cannot state. Every problem names the plugin and the JSON path.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { PluginManifest } from './api.js';
import type { ContributionPoint } from './points.js';
import { parseDateList } from './calendar.js';
import { validRange } from './semver.js';

const SEMVER = '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$';

/** The manifest's JSON Schema, with `contributes` made of the points' own schemas. */
export function manifestSchema(points: readonly ContributionPoint[]): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://luoshi.invalid/schema/plugin.json',
    title: 'luoshi plugin manifest (plugin.json)',
    type: 'object',
    required: ['id', 'name', 'version', 'engines'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*$', maxLength: 100 },
      name: { type: 'string', minLength: 1 },
      version: { type: 'string', pattern: SEMVER },
      description: { type: 'string' },
      publisher: { type: 'string' },
      license: { type: 'string' },
      engines: {
        type: 'object',
        required: ['luoshi'],
        additionalProperties: false,
        properties: { luoshi: { type: 'string', minLength: 1 } },
      },
      main: { type: 'string', minLength: 1 },
      activationEvents: {
        type: 'array',
        items: { type: 'string', pattern: '^(\\*|onStartup|onLint|on[A-Z][A-Za-z]*:.+)$' },
      },
      contributes: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(points.map((p) => [p.name, p.schema])),
      },
      settings: { type: 'object' },
    },
  };
}

export interface ManifestProblem {
  /** JSON path: `contributes.functions[0].returns`. */
  path: string;
  zh: string;
  en: string;
}

/** `/contributes/functions/0/returns` → `contributes.functions[0].returns`. */
export function jsonPath(pointer: string, extra?: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(seg) ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  }
  if (extra !== undefined) out += out === '' ? extra : `.${extra}`;
  return out === '' ? '(根/root)' : out;
}

/** An ajv error in words, in Chinese and English. */
export function describeAjvError(e: ErrorObject): ManifestProblem {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path: jsonPath(e.instancePath, String(p.missingProperty)), zh: '缺少必填项', en: 'is required' };
    case 'additionalProperties':
      return {
        path: jsonPath(e.instancePath, String(p.additionalProperty)),
        zh: '是未知的属性',
        en: 'is not a known property',
      };
    case 'type':
      return {
        path: jsonPath(e.instancePath),
        zh: `类型应为 ${String(p.type)}`,
        en: `must be of type ${String(p.type)}`,
      };
    case 'enum':
      return {
        path: jsonPath(e.instancePath),
        zh: `应为以下之一：${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join('、')}`,
        en: `must be one of ${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`,
      };
    case 'pattern':
      return {
        path: jsonPath(e.instancePath),
        zh: `格式不对（应匹配 ${String(p.pattern)}）`,
        en: `must match ${String(p.pattern)}`,
      };
    case 'minLength':
      return { path: jsonPath(e.instancePath), zh: '不能为空', en: 'must not be empty' };
    case 'minItems':
      return {
        path: jsonPath(e.instancePath),
        zh: `至少需要 ${String(p.limit)} 项`,
        en: `needs at least ${String(p.limit)} item(s)`,
      };
    case 'propertyNames':
      return { path: jsonPath(e.instancePath, String(p.propertyName)), zh: '名称格式不对', en: 'is not a valid name' };
    default:
      return { path: jsonPath(e.instancePath), zh: e.message ?? e.keyword, en: e.message ?? e.keyword };
  }
}

/** Only the most telling errors of a oneOf/anyOf: those under the branch that got furthest. */
function telling(errors: ErrorObject[]): ErrorObject[] {
  const out = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  const seen = new Set<string>();
  return out.filter((e) => {
    const k = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

let ajv: Ajv2020 | null = null;
const AJV = (): Ajv2020 => (ajv ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }));

/** Validates manifests against the schema composed from `points` (compiled once per set of points). */
/** Compiled manifest schemas, by their text. */
const COMPILED = new Map<string, ValidateFunction>();

export class ManifestValidator {
  private fn: ValidateFunction | null = null;
  constructor(private readonly points: () => readonly ContributionPoint[]) {}

  /** Forget the compiled schema (a contribution point was added). */
  invalidate(): void {
    this.fn = null;
  }

  schema(): Record<string, unknown> {
    return manifestSchema(this.points());
  }

  validate(m: unknown): ManifestProblem[] {
    if (!this.fn) {
      const s = this.schema();
      const text = JSON.stringify(s);
      // Compiling takes a while: every host with the same points (each plugin session) shares the result.
      this.fn = COMPILED.get(text) ?? null;
      if (!this.fn) {
        // The same $id for other points: ajv would refuse it as already added.
        AJV().removeSchema(String(s.$id));
        this.fn = AJV().compile(s);
        COMPILED.set(text, this.fn);
      }
    }
    if (this.fn(m)) return semanticProblems(m as PluginManifest, this.points());
    return telling(this.fn.errors ?? [])
      .slice(0, 8)
      .map(describeAjvError);
  }
}

/** What the schema cannot say. */
function semanticProblems(m: PluginManifest, points: readonly ContributionPoint[]): ManifestProblem[] {
  const out: ManifestProblem[] = [];
  if (!validRange(m.engines.luoshi))
    out.push({
      path: 'engines.luoshi',
      zh: `不是有效的版本范围：${m.engines.luoshi}`,
      en: `is not a valid version range: ${m.engines.luoshi}`,
    });
  const c = (m.contributes ?? {}) as Record<string, unknown[] | undefined>;
  for (const p of points) {
    const items = c[p.name] ?? [];
    const seen = new Set<string>();
    items.forEach((item, k) => {
      const key = p.keyOf(item);
      if (seen.has(key))
        out.push({ path: `contributes.${p.name}[${k}]`, zh: `重复声明“${key}”`, en: `declares "${key}" twice` });
      seen.add(key);
      if (p.needsImplementation(item) && !m.main)
        out.push({
          path: `contributes.${p.name}[${k}]`,
          zh: `需要代码实现，但清单没有 main（入口模块）`,
          en: 'needs code, but the manifest has no main (entry module)',
        });
    });
  }
  (m.contributes?.functions ?? []).forEach((f, k) => {
    let optional = false;
    const names = new Set<string>();
    f.params.forEach((p, j) => {
      if (names.has(p.name))
        out.push({
          path: `contributes.functions[${k}].params[${j}].name`,
          zh: `参数名“${p.name}”重复`,
          en: `parameter "${p.name}" is named twice`,
        });
      names.add(p.name);
      if (optional && !p.optional)
        out.push({
          path: `contributes.functions[${k}].params[${j}]`,
          zh: '必填参数不能排在可选参数之后',
          en: 'a required parameter cannot follow an optional one',
        });
      optional ||= p.optional === true;
    });
    if (f.params.length === 0)
      out.push({
        path: `contributes.functions[${k}].params`,
        zh: '函数至少需要一个参数（计划中的函数按案件计算）',
        en: 'a function takes at least one argument (functions are computed per case)',
      });
  });
  (m.contributes?.calendars ?? []).forEach((cal, k) => {
    for (const key of ['holidays', 'workdays'] as const) {
      const bad = parseDateList(cal[key] ?? []).bad;
      if (bad.length)
        out.push({
          path: `contributes.calendars[${k}].${key}`,
          zh: `日期无效：${bad.join('、')}`,
          en: `invalid dates: ${bad.join(', ')}`,
        });
    }
  });
  if (m.settings !== undefined) {
    try {
      settingsAjv().compile(m.settings);
    } catch (e) {
      out.push({
        path: 'settings',
        zh: `不是有效的 JSON Schema：${(e as Error).message}`,
        en: `is not a valid JSON Schema: ${(e as Error).message}`,
      });
    }
  }
  return out;
}

let sajv: Ajv2020 | null = null;
/** Plugins' settings schemas: defaults are filled in; unknown keywords are the author's business. */
export const settingsAjv = (): Ajv2020 =>
  (sajv ??= new Ajv2020({ allErrors: true, strict: false, useDefaults: true, allowUnionTypes: true }));

/** Validates (and fills defaults into) a plugin's settings. */
export function validateSettings(
  schema: Record<string, unknown> | undefined,
  settings: unknown,
): { value: Record<string, unknown>; problems: ManifestProblem[] } {
  const value = (settings === undefined || settings === null ? {} : structuredClone(settings)) as Record<
    string,
    unknown
  >;
  if (!schema) {
    if (typeof value !== 'object' || Array.isArray(value))
      return { value: {}, problems: [{ path: '(根/root)', zh: '设置应为对象', en: 'settings must be an object' }] };
    return { value, problems: [] };
  }
  let fn: ValidateFunction;
  try {
    fn = settingsAjv().compile(schema);
  } catch {
    return { value: {}, problems: [] };
  } // reported with the manifest
  if (fn(value)) return { value, problems: [] };
  return {
    value,
    problems: telling(fn.errors ?? [])
      .slice(0, 8)
      .map(describeAjvError),
  };
}
