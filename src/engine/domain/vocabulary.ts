// The domain's words (docs/data.md): case fields, case types, closure kinds, event types,
// staffing fields — each with its Chinese and English names. The compiler, the loaders and the evaluator
// all read these tables, so a word means one thing everywhere.

export const CASE_TYPES = ['首执', '恢复执行', '执行保全'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CLOSURES = ['执行完毕', '终结本次执行程序', '终结执行', '销案', '不予执行', '驳回申请'] as const;
export type Closure = (typeof CLOSURES)[number];
/** Short forms people write for a closure kind. */
export const CLOSURE_ALIASES: Readonly<Record<string, Closure>> = { 终本: '终结本次执行程序' };

export const EVENT_TYPES = [
  '执行通知',
  '报告财产令',
  '总对总查控',
  '点对点查控',
  '传统查控',
  '限制消费',
  '纳入失信',
  '屏蔽失信',
  '约谈',
  '拘传',
  '拘留',
  '罚款',
  '移送公安',
  '搜查',
  '悬赏',
  '评估',
  '拍卖',
  '案款到账',
  '案款发放',
  '信访',
  '信访办结',
  '延期',
  '恢复执行',
  '终本巡查',
] as const;
/** Event types that may be dated after the case closed (docs/data.md). */
export const EVENTS_AFTER_CLOSE: ReadonlySet<string> = new Set([
  '终本巡查',
  '恢复执行',
  '信访',
  '信访办结',
  '案款发放',
]);

export type ValueType =
  | 'string'
  | 'date'
  | 'money'
  | 'boolean'
  | 'caseType'
  | 'closure'
  | 'court'
  | 'tags'
  | 'eventType'
  | 'number';

export interface FieldInfo {
  /** Canonical (record) name. */
  name: string;
  zh: string;
  en: string;
  type: ValueType;
}

export const CASE_FIELDS: readonly FieldInfo[] = [
  { name: 'id', zh: '案号', en: 'id', type: 'string' },
  { name: 'court', zh: '法院', en: 'court', type: 'court' },
  { name: 'type', zh: '类型', en: 'type', type: 'caseType' },
  { name: 'filed', zh: '立案日期', en: 'filed', type: 'date' },
  { name: 'closed', zh: '结案日期', en: 'closed', type: 'date' },
  { name: 'closure', zh: '结案方式', en: 'closure', type: 'closure' },
  { name: 'claimed', zh: '申请标的', en: 'claimed', type: 'money' },
  { name: 'recovered', zh: '到位金额', en: 'recovered', type: 'money' },
  { name: 'property', zh: '有财产', en: 'property', type: 'boolean' },
  { name: 'handler', zh: '承办人', en: 'handler', type: 'string' },
  { name: 'team', zh: '团队', en: 'team', type: 'string' },
  { name: 'tags', zh: '标签', en: 'tags', type: 'tags' },
];

export const EVENT_FIELDS: readonly FieldInfo[] = [
  { name: 'type', zh: '类型', en: 'type', type: 'eventType' },
  { name: 'date', zh: '日期', en: 'date', type: 'date' },
  { name: 'amount', zh: '金额', en: 'amount', type: 'money' },
  { name: 'note', zh: '备注', en: 'note', type: 'string' },
];

export const STAFFING_FIELDS: readonly FieldInfo[] = [
  { name: 'court', zh: '法院', en: 'court', type: 'court' },
  { name: 'date', zh: '日期', en: 'date', type: 'date' },
  { name: '执行人员', zh: '执行人员', en: 'enforcement_staff', type: 'number' },
  { name: '政法编制', zh: '政法编制', en: 'establishment', type: 'number' },
  { name: '员额法官', zh: '员额法官', en: 'quota_judges', type: 'number' },
];

/** The built-in set of staffing records (the latest per court as of T). */
export const STAFFING_SET = { zh: '人员配置', en: 'staffing' } as const;

function index(fields: readonly FieldInfo[]): Map<string, FieldInfo> {
  const m = new Map<string, FieldInfo>();
  for (const f of fields) {
    m.set(f.zh, f);
    m.set(f.en, f);
  }
  return m;
}
export const CASE_FIELD_BY_WORD = index(CASE_FIELDS);
export const EVENT_FIELD_BY_WORD = index(EVENT_FIELDS);
export const STAFFING_FIELD_BY_WORD = index(STAFFING_FIELDS);

/** Window and date words usable in any expression. */
export const WINDOW_WORDS: Readonly<Record<string, 'start' | 'end' | 'asOf'>> = {
  窗口起: 'start',
  window_start: 'start',
  窗口止: 'end',
  window_end: 'end',
  截至日: 'asOf',
  as_of: 'asOf',
};
