// What the plugin host tells a person: one diagnostic per problem, always naming the plugin. The codes
// are stable (P + four digits, in src/engine/diagnostics/codes.ts); a plugin's own lint codes are two or
// more letters and digits (FJ001).
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { PLUGIN_CODES, type CodeInfo, type PluginCode } from '../diagnostics/codes.js';

type Params = Record<string, string | number>;

export type { PluginCode };

const ZERO = { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } };

/** A host diagnostic about `file` (a manifest or a config file), at its start, or at a 0-based line. */
export function pluginDiagnostic(
  code: PluginCode,
  file: string,
  params: Params,
  line = 0,
  severity?: Severity,
): Diagnostic {
  const info: CodeInfo = PLUGIN_CODES[code];
  const at = { line, column: 0, offset: 0 };
  return {
    code,
    severity: severity ?? info.severity,
    file,
    range: line ? { start: at, end: at } : ZERO,
    message: info.zh(params),
    messageEn: info.en(params),
  };
}

/** Names of the contribution points, for messages. */
export const POINT_NAMES: Record<string, { zh: string; en: string }> = {
  functions: { zh: '函数', en: 'function' },
  eventTypes: { zh: '事件类型', en: 'event type' },
  lints: { zh: '检查规则', en: 'lint' },
  importers: { zh: '数据导入器', en: 'importer' },
  formats: { zh: '输出格式', en: 'format' },
  calendars: { zh: '日历', en: 'calendar' },
  commands: { zh: '命令', en: 'command' },
  views: { zh: '视图', en: 'view' },
  lintCodes: { zh: '诊断代码', en: 'diagnostic code' },
};

export const WHEN_NAMES: Record<string, { zh: string; en: string }> = {
  activate: { zh: '激活', en: 'activating' },
  deactivate: { zh: '停用', en: 'deactivating' },
  function: { zh: '计算函数', en: 'computing a function' },
  lint: { zh: '检查计划', en: 'checking a plan' },
  import: { zh: '导入数据', en: 'importing data' },
  format: { zh: '输出报告', en: 'rendering a report' },
  calendar: { zh: '计算工作日', en: 'computing working days' },
  command: { zh: '执行命令', en: 'running a command' },
};
