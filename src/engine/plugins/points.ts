// Contribution points: each declares the JSON Schema of its entry under `contributes` (the manifest's
// schema is composed from them, as VS Code composes package.json's), how its items are keyed (for
// conflicts), the activation event an item implies, and whether an item needs code.
import { FUNCTION_PARAM_TYPES, FUNCTION_RETURN_TYPES } from '../check/functions.js';
import type { CalendarDecl, Title } from './api.js';

export interface ContributionPoint {
  /** The key under `contributes`. */
  name: string;
  title: Title;
  /** JSON Schema (2020-12) of `contributes[name]`. */
  schema: Record<string, unknown>;
  /** The unique name of an item: two plugins may not both contribute it. */
  keyOf(item: unknown): string;
  /** The activation event an item implies (activating its plugin when the item is needed). */
  activationEvent?(key: string): string;
  /** Whether the plugin must register an implementation for the item when activated. */
  needsImplementation(item: unknown): boolean;
}

/** A title: one string, or Chinese and English. */
export const TITLE_SCHEMA = {
  oneOf: [
    { type: 'string', minLength: 1 },
    {
      type: 'object',
      required: ['zh', 'en'],
      additionalProperties: false,
      properties: { zh: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
    },
  ],
} as const;

/** Names used in plan expressions: letters (any script), digits, `_`, `·`; not starting with a digit. */
const PLAN_NAME = '^[\\p{L}_][\\p{L}\\p{N}_·]*$';
const DATE_ITEM = '^\\d{4}-\\d{2}-\\d{2}(\\.\\.\\d{4}-\\d{2}-\\d{2})?$';
const ID = '^[A-Za-z0-9][A-Za-z0-9_.-]*$';

const arrayOf = (item: Record<string, unknown>): Record<string, unknown> => ({ type: 'array', items: item });
const keyed =
  (k: string) =>
  (item: unknown): string =>
    String((item as Record<string, unknown>)[k] ?? '');

export const FUNCTIONS_POINT: ContributionPoint = {
  name: 'functions',
  title: { zh: '指标函数', en: 'indicator functions' },
  schema: arrayOf({
    type: 'object',
    required: ['name', 'params', 'returns'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: PLAN_NAME },
      description: { type: 'string' },
      params: arrayOf({
        type: 'object',
        required: ['name', 'type'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          type: { enum: [...FUNCTION_PARAM_TYPES] },
          optional: { type: 'boolean' },
        },
      }),
      returns: { enum: [...FUNCTION_RETURN_TYPES] },
    },
  }),
  keyOf: keyed('name'),
  activationEvent: (k) => `onFunction:${k}`,
  needsImplementation: () => true,
};

export const EVENT_TYPES_POINT: ContributionPoint = {
  name: 'eventTypes',
  title: { zh: '事件类型', en: 'event types' },
  schema: arrayOf({
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: PLAN_NAME },
      nameEn: { type: 'string' },
      description: { type: 'string' },
    },
  }),
  keyOf: keyed('name'),
  needsImplementation: () => false,
};

export const LINTS_POINT: ContributionPoint = {
  name: 'lints',
  title: { zh: '检查规则', en: 'rules and lints' },
  schema: arrayOf({
    type: 'object',
    required: ['id', 'codes'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: ID },
      title: TITLE_SCHEMA,
      codes: {
        type: 'object',
        minProperties: 1,
        propertyNames: { pattern: '^[A-Z]{2,}[0-9]{3,4}$' },
        additionalProperties: {
          type: 'object',
          required: ['severity'],
          additionalProperties: false,
          properties: { severity: { enum: ['error', 'warning', 'info'] }, title: { type: 'string' } },
        },
      },
    },
  }),
  keyOf: keyed('id'),
  activationEvent: () => 'onLint',
  needsImplementation: () => true,
};

export const IMPORTERS_POINT: ContributionPoint = {
  name: 'importers',
  title: { zh: '数据导入器', en: 'data importers' },
  schema: arrayOf({
    type: 'object',
    required: ['name', 'patterns'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: ID },
      title: TITLE_SCHEMA,
      patterns: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1, pattern: '^[^/\\\\]+$' } },
      kinds: { type: 'array', minItems: 1, items: { enum: ['cases', 'progress', 'staffing'] } },
    },
  }),
  keyOf: keyed('name'),
  activationEvent: (k) => `onImporter:${k}`,
  needsImplementation: () => true,
};

export const FORMATS_POINT: ContributionPoint = {
  name: 'formats',
  title: { zh: '输出格式', en: 'report formats' },
  schema: arrayOf({
    type: 'object',
    required: ['name', 'kinds'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: ID },
      title: TITLE_SCHEMA,
      kinds: { type: 'array', minItems: 1, items: { enum: ['report', 'diagnostics', 'replay'] } },
      extension: { type: 'string', pattern: '^\\.[A-Za-z0-9.]+$' },
      mediaType: { type: 'string' },
    },
  }),
  keyOf: keyed('name'),
  activationEvent: (k) => `onFormat:${k}`,
  needsImplementation: () => true,
};

export const CALENDARS_POINT: ContributionPoint = {
  name: 'calendars',
  title: { zh: '工作日历', en: 'calendars' },
  schema: arrayOf({
    type: 'object',
    required: ['id'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: ID },
      title: TITLE_SCHEMA,
      holidays: { type: 'array', items: { type: 'string', pattern: DATE_ITEM } },
      workdays: { type: 'array', items: { type: 'string', pattern: DATE_ITEM } },
      weekend: { type: 'array', uniqueItems: true, items: { type: 'integer', minimum: 0, maximum: 6 } },
    },
  }),
  keyOf: keyed('id'),
  activationEvent: (k) => `onCalendar:${k}`,
  // A calendar that lists its days needs no code; one that lists nothing must register `isWorkday`.
  needsImplementation: (item) => {
    const c = item as CalendarDecl;
    return !c.holidays && !c.workdays && !c.weekend;
  },
};

export const COMMANDS_POINT: ContributionPoint = {
  name: 'commands',
  title: { zh: '命令', en: 'commands' },
  schema: arrayOf({
    type: 'object',
    required: ['id', 'title'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: ID },
      title: TITLE_SCHEMA,
      category: { type: 'string' },
      keybinding: {
        type: 'string',
        pattern: '^((Ctrl|Cmd|Shift|Alt)\\+)*[A-Za-z0-9]+$|^((Ctrl|Cmd|Shift|Alt)\\+)*F[0-9]{1,2}$',
      },
      palette: { type: 'boolean' },
    },
  }),
  keyOf: keyed('id'),
  activationEvent: (k) => `onCommand:${k}`,
  needsImplementation: () => true,
};

export const VIEWS_POINT: ContributionPoint = {
  name: 'views',
  title: { zh: '视图', en: 'views' },
  schema: arrayOf({
    type: 'object',
    required: ['id', 'title'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: ID },
      title: TITLE_SCHEMA,
      location: { enum: ['panel', 'sidebar'] },
      order: { type: 'number' },
      icon: { type: 'string' },
    },
  }),
  keyOf: keyed('id'),
  activationEvent: (k) => `onView:${k}`,
  needsImplementation: () => true,
};

export const STANDARD_POINTS: readonly ContributionPoint[] = [
  FUNCTIONS_POINT,
  EVENT_TYPES_POINT,
  LINTS_POINT,
  IMPORTERS_POINT,
  FORMATS_POINT,
  CALENDARS_POINT,
  COMMANDS_POINT,
  VIEWS_POINT,
];

/** A title as {zh, en} (one string serves both). */
export function titleOf(t: string | Title | undefined, fallback: string): Title {
  if (t === undefined) return { zh: fallback, en: fallback };
  return typeof t === 'string' ? { zh: t, en: t } : t;
}
