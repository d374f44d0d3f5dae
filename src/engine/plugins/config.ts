// luoshi.config.yaml: the plugins a workspace uses (local folders or installed npm packages) with their
// settings, and the working-day calendar. Parsed and validated here (platform-neutral) so the harness and
// the workbench read the same file the same way; finding the file and loading the plugins is theirs.
//
//   plugins:
//     - ./plugins/prc-calendar-2018            # a folder with plugin.json (relative to this file)
//     - path: ../examples/plugins/fujin-kpi
//       settings: { 净执结下限: 30 }
//     - package: luoshi-plugin-xlsx             # an installed npm package (plugin.json at its root)
//       enabled: false
//   calendar: prc-2018                         # default: weekdays (Monday–Friday)
//   limits: { callMs: 10000, activationMs: 5000 }   # how long plugins may take (the defaults)
//   data:                                      # which data each plan is evaluated with (engine/data/plan-data.ts)
//     - plans: ningbo-2018.plan
//       cases: ../examples/data/ningbo-2018.ndjson
//   courts:                                    # how the data's courts are matched to the plan's (docs/identity.md)
//     aliases: { 象山县法院: 象山县人民法院 }   # another name → a declared court (full or short name)
//     unmatched: exclude                       # or include: cases of courts the plan does not name still count
//   maxRejected: 1%                            # rejection budget (default 0), as `--max-rejected`
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { describeAjvError } from './manifest.js';
import type { DataRule } from '../data/plan-data.js';
import { pluginDiagnostic } from './diagnostics.js';
import { DATABASE_SCHEMA, readDatabaseConfig, type DatabaseConfig } from '../sql/mapping.js';

export const CONFIG_FILE_NAMES = ['luoshi.config.yaml', 'luoshi.config.yml'] as const;

export type PluginRef =
  | { kind: 'path'; path: string; settings: unknown; enabled: boolean; line: number }
  | { kind: 'package'; name: string; settings: unknown; enabled: boolean; line: number };

export interface LuoshiConfig {
  plugins: PluginRef[];
  /** The working-day calendar's id (a calendar some plugin contributes); undefined: Monday–Friday. */
  calendar?: string;
  /** How long plugins may take (ms): a call into a plugin (default 10 s), an activation (default 5 s). */
  limits?: { callMs?: number; activationMs?: number };
  /** Which data each plan is evaluated with: the first rule whose `plans` matches. */
  data?: DataRule[];
  /** Court identity: aliases and what happens to cases of courts the plan does not name. */
  courts?: { aliases?: Record<string, string>; unmatched?: 'exclude' | 'include' };
  /** The rejection budget: a count or 'P%' (as `--max-rejected`). */
  maxRejected?: number | string;
  /** How `luoshi render` lays out the 公文 (docs/documents.md): fonts, 发文机关标志, 印发机关. */
  documents?: DocumentSettings;
  /** A court's database: its URL, and the mapping of its own tables to the canonical ones (src/engine/sql/mapping.ts). */
  database?: DatabaseConfig;
}

export interface DocumentSettings {
  /** 发文机关标志 (the red header); default: the plan's 发布机关 followed by 文件. */
  header?: string;
  /** 印发机关 on the 版记 line; default: the plan's 发布机关. */
  printer?: string;
  fonts?: { body?: string; title?: string; heading1?: string; heading2?: string; latin?: string };
}

const PATTERNS = {
  oneOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
  ],
} as const;

export const CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'luoshi.config.yaml',
  type: 'object',
  additionalProperties: false,
  properties: {
    plugins: {
      type: 'array',
      items: {
        oneOf: [
          { type: 'string', minLength: 1 },
          {
            type: 'object',
            additionalProperties: false,
            properties: {
              path: { type: 'string', minLength: 1 },
              package: { type: 'string', minLength: 1 },
              settings: { type: 'object' },
              enabled: { type: 'boolean' },
            },
            oneOf: [{ required: ['path'] }, { required: ['package'] }],
          },
        ],
      },
    },
    calendar: { type: 'string', minLength: 1 },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        callMs: { type: 'integer', minimum: 1, maximum: 3_600_000 },
        activationMs: { type: 'integer', minimum: 1, maximum: 3_600_000 },
      },
    },
    data: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['plans', 'cases'],
        properties: { plans: PATTERNS, cases: PATTERNS, progress: PATTERNS, staffing: PATTERNS, people: PATTERNS },
      },
    },
    courts: {
      type: 'object',
      additionalProperties: false,
      properties: {
        aliases: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
        unmatched: { enum: ['exclude', 'include'] },
      },
    },
    maxRejected: {
      oneOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', pattern: '^\\s*(\\d+|\\d+(\\.\\d+)?%)\\s*$' },
      ],
    },
    database: DATABASE_SCHEMA,
    documents: {
      type: 'object',
      additionalProperties: false,
      properties: {
        header: { type: 'string', minLength: 1 },
        printer: { type: 'string', minLength: 1 },
        fonts: {
          type: 'object',
          additionalProperties: false,
          properties: {
            body: { type: 'string', minLength: 1 },
            title: { type: 'string', minLength: 1 },
            heading1: { type: 'string', minLength: 1 },
            heading2: { type: 'string', minLength: 1 },
            latin: { type: 'string', minLength: 1 },
          },
        },
      },
    },
  },
} as const;

let validator: ValidateFunction | null = null;

/** A plugin named by a string: a path when it looks like one (./x, ../x, /x, C:\x), else an npm package. */
export function isPathRef(s: string): boolean {
  return /^(\.{1,2}[/\\]|\/|[A-Za-z]:[/\\]|~\/)/.test(s) || s === '.' || s === '..';
}

/** Parses and validates the configuration's text; problems are diagnostics on `file` with their line. */
export function parseConfig(text: string, file: string): { config: LuoshiConfig; diagnostics: Diagnostic[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const empty: LuoshiConfig = { plugins: [] };
  const lineAt = (offset: number | undefined): number => (offset === undefined ? 0 : lc.linePos(offset).line - 1);
  if (doc.errors.length) {
    return {
      config: empty,
      diagnostics: doc.errors.map((e) =>
        pluginDiagnostic(
          'P0011',
          file,
          {
            path: `${file}:${lc.linePos(e.pos[0]).line}`,
            why: e.message.split('\n')[0]!,
            zhWhy: `YAML 语法错误：${e.message.split('\n')[0]}`,
          },
          lineAt(e.pos[0]),
        ),
      ),
    };
  }
  const value: unknown = doc.toJS() ?? {};
  validator ??= new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(
    CONFIG_SCHEMA,
  );
  if (!validator(value)) {
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    for (const e of validator.errors ?? []) {
      if (e.keyword === 'oneOf') continue;
      const p = describeAjvError(e);
      if (seen.has(p.path)) continue;
      seen.add(p.path);
      const segs: Array<string | number> = e.instancePath
        .split('/')
        .slice(1)
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      if (e.keyword === 'additionalProperties')
        segs.push(String((e.params as { additionalProperty: string }).additionalProperty));
      const node = doc.getIn(segs, true) as { range?: [number, number, number] } | undefined;
      diagnostics.push(
        pluginDiagnostic('P0011', file, { path: p.path, why: p.en, zhWhy: p.zh }, lineAt(node?.range?.[0])),
      );
    }
    return { config: empty, diagnostics };
  }
  type Patterns = string | string[] | undefined;
  const v = value as {
    plugins?: Array<string | { path?: string; package?: string; settings?: unknown; enabled?: boolean }>;
    calendar?: string;
    limits?: LuoshiConfig['limits'];
    courts?: LuoshiConfig['courts'];
    maxRejected?: LuoshiConfig['maxRejected'];
    documents?: DocumentSettings;
    data?: Array<{ plans: Patterns; cases: Patterns; progress?: Patterns; staffing?: Patterns; people?: Patterns }>;
  };
  const plugins: PluginRef[] = (v.plugins ?? []).map((item, k) => {
    const node = doc.getIn(['plugins', k], true) as { range?: [number, number, number] } | undefined;
    const line = lineAt(node?.range?.[0]);
    if (typeof item === 'string')
      return isPathRef(item)
        ? { kind: 'path', path: item, settings: undefined, enabled: true, line }
        : { kind: 'package', name: item, settings: undefined, enabled: true, line };
    const enabled = item.enabled !== false;
    return item.path !== undefined
      ? { kind: 'path', path: item.path, settings: item.settings, enabled, line }
      : { kind: 'package', name: item.package!, settings: item.settings, enabled, line };
  });
  let database: DatabaseConfig | undefined;
  if ((value as { database?: unknown }).database !== undefined) {
    const at = (path: Array<string | number>): { line: number; column: number } => {
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      const p = node?.range ? lc.linePos(node.range[0]) : { line: 0, col: 0 };
      return { line: p.line, column: p.col };
    };
    const read = readDatabaseConfig((value as { database: unknown }).database, at);
    if (read.problems.length)
      return {
        config: empty,
        diagnostics: read.problems.map((x) =>
          pluginDiagnostic(
            'P0011',
            file,
            { path: `${file}:${x.at.line}:${x.at.column}`, why: x.en, zhWhy: x.zh },
            x.at.line - 1,
          ),
        ),
      };
    database = read.database;
  }
  const list = (p: Patterns): string[] => (p === undefined ? [] : typeof p === 'string' ? [p] : p);
  const data: DataRule[] | undefined = v.data?.map((r, k) => {
    const node = doc.getIn(['data', k], true) as { range?: [number, number, number] } | undefined;
    return {
      plans: list(r.plans),
      cases: list(r.cases),
      progress: list(r.progress),
      staffing: list(r.staffing),
      ...(r.people !== undefined ? { people: list(r.people) } : {}),
      line: lineAt(node?.range?.[0]),
    };
  });
  return {
    config: {
      plugins,
      ...(v.calendar !== undefined ? { calendar: v.calendar } : {}),
      ...(v.limits !== undefined ? { limits: v.limits } : {}),
      ...(data ? { data } : {}),
      ...(v.courts !== undefined ? { courts: v.courts } : {}),
      ...(v.maxRejected !== undefined ? { maxRejected: v.maxRejected } : {}),
      ...(v.documents !== undefined ? { documents: v.documents } : {}),
      ...(database ? { database } : {}),
    },
    diagnostics: [],
  };
}

export { governing } from './governing.js';
