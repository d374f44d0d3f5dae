// Functions a plan may call by name (`工作日数(立案日期, 首次(执行通知))`): their declared signatures, which
// the checker uses to type a call and lower it to `{op: 'call'}`. The implementations are not here: they
// come from plugins (src/engine/plugins/) and are bound only at evaluation, so compiling never runs code.

/** What a parameter accepts. Numbers may name their dimension (`count`, `money`, `days`, `ratio`). */
export type FunctionParamType =
  | 'number'
  | 'count'
  | 'money'
  | 'days'
  | 'ratio'
  | 'date'
  | 'boolean'
  | 'string'
  | 'eventType';

/** What a function returns (per case). */
export type FunctionReturnType = 'number' | 'count' | 'money' | 'days' | 'ratio' | 'date' | 'boolean' | 'string';

export const FUNCTION_PARAM_TYPES: readonly FunctionParamType[] = [
  'number',
  'count',
  'money',
  'days',
  'ratio',
  'date',
  'boolean',
  'string',
  'eventType',
];
export const FUNCTION_RETURN_TYPES: readonly FunctionReturnType[] = [
  'number',
  'count',
  'money',
  'days',
  'ratio',
  'date',
  'boolean',
  'string',
];

export interface FunctionParam {
  name: string;
  type: FunctionParamType;
  /** May be left out (only trailing parameters). */
  optional?: boolean;
}

export interface FunctionSignature {
  name: string;
  params: readonly FunctionParam[];
  returns: FunctionReturnType;
  /** Who contributes it (a plugin id), for messages. */
  plugin?: string;
  description?: string;
}

/** `工作日数(从: 日期, 到: 日期) → 数值`, for messages and hovers. */
export function signatureText(f: FunctionSignature): string {
  const ps = f.params.map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type}`).join(', ');
  return `${f.name}(${ps}) → ${f.returns}`;
}
