// What the plugin host tells a person: one diagnostic per problem, always naming the plugin. The codes
// are stable (P + four digits); a plugin's own lint codes are two or more letters and digits (FJ001).
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';

type Params = Record<string, string | number>;
interface CodeInfo { severity: Severity; title: string; zh: (p: Params) => string; en: (p: Params) => string }

export const PLUGIN_CODES = {
  P0001: { severity: 'error', title: 'malformed plugin manifest', zh: (p) => `插件 ${p.plugin} 的 plugin.json 有误：${p.path} ${p.zhWhy}`, en: (p) => `plugin ${p.plugin}: plugin.json is malformed: ${p.path} ${p.why}` },
  P0002: { severity: 'error', title: 'plugin entry module missing', zh: (p) => `插件 ${p.plugin} 的入口模块无法加载：${p.entry}（${p.why}）`, en: (p) => `plugin ${p.plugin}: cannot load its entry module ${p.entry} (${p.why})` },
  P0003: { severity: 'error', title: 'engine version mismatch', zh: (p) => `插件 ${p.plugin} 要求引擎版本 ${p.range}，当前为 ${p.version}，未加载`, en: (p) => `plugin ${p.plugin} needs engine ${p.range}, this is ${p.version}: not loaded` },
  P0004: { severity: 'error', title: 'duplicate plugin id', zh: (p) => `插件 ID“${p.plugin}”重复：已由 ${p.other} 使用，未加载 ${p.location}`, en: (p) => `duplicate plugin id "${p.plugin}": already used by ${p.other}; ${p.location} not loaded` },
  P0005: { severity: 'error', title: 'contribution conflict', zh: (p) => `插件 ${p.plugin} 的${p.pointZh}“${p.name}”与插件 ${p.other} 冲突，已忽略`, en: (p) => `plugin ${p.plugin}: ${p.point} "${p.name}" is already contributed by ${p.other}; ignored` },
  P0006: { severity: 'error', title: 'plugin failed', zh: (p) => `插件 ${p.plugin} ${p.whenZh}时出错：${p.why}`, en: (p) => `plugin ${p.plugin} failed while ${p.when}: ${p.why}` },
  P0007: { severity: 'error', title: 'plugin timed out', zh: (p) => `插件 ${p.plugin} ${p.whenZh}超时（${p.ms} 毫秒），已停止等待`, en: (p) => `plugin ${p.plugin} timed out while ${p.when} (${p.ms} ms); no longer waiting` },
  P0008: { severity: 'error', title: 'wrong shape', zh: (p) => `插件 ${p.plugin} ${p.whenZh}返回的结果不合要求：${p.why}`, en: (p) => `plugin ${p.plugin} returned the wrong shape while ${p.when}: ${p.why}` },
  P0009: { severity: 'error', title: 'contribution not implemented', zh: (p) => `插件 ${p.plugin} 声明了${p.pointZh}“${p.name}”，但激活后没有注册其实现`, en: (p) => `plugin ${p.plugin} declares ${p.point} "${p.name}" but did not register it when activated` },
  P0010: { severity: 'error', title: 'invalid plugin settings', zh: (p) => `插件 ${p.plugin} 的设置有误：${p.path} ${p.zhWhy}`, en: (p) => `plugin ${p.plugin}: invalid settings: ${p.path} ${p.why}` },
  P0011: { severity: 'error', title: 'invalid configuration', zh: (p) => `配置文件有误：${p.path} ${p.zhWhy}`, en: (p) => `invalid configuration: ${p.path} ${p.why}` },
  P0012: { severity: 'error', title: 'plugin not found', zh: (p) => `找不到插件 ${p.plugin}：${p.why}`, en: (p) => `cannot find plugin ${p.plugin}: ${p.why}` },
  P0013: { severity: 'error', title: 'undeclared registration', zh: (p) => `插件 ${p.plugin} 注册了未在 plugin.json 中声明的${p.pointZh}“${p.name}”，已忽略`, en: (p) => `plugin ${p.plugin} registers ${p.point} "${p.name}" that its plugin.json does not declare; ignored` },
  P0014: { severity: 'error', title: 'unknown calendar', zh: (p) => `配置的日历“${p.name}”不存在${p.hint ? `，是否指“${p.hint}”？` : ''}；按周一至周五计算工作日`, en: (p) => `no calendar "${p.name}"${p.hint ? ` (did you mean "${p.hint}"?)` : ''}; working days are Monday–Friday` },
  P0020: { severity: 'warning', title: 'folder not trusted', zh: (p) => `此文件夹未被信任，未加载其插件：${p.plugins}（只用内置插件；信任此文件夹后加载）`, en: (p) => `this folder is not trusted: its plugins were not loaded: ${p.pluginsEn} (built-in plugins only; trust the folder to load them)` },
} satisfies Record<string, CodeInfo>;

export type PluginCode = keyof typeof PLUGIN_CODES;

const ZERO = { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } };

/** A host diagnostic about `file` (a manifest or a config file), at its start, or at a 0-based line. */
export function pluginDiagnostic(code: PluginCode, file: string, params: Params, line = 0, severity?: Severity): Diagnostic {
  const info: CodeInfo = PLUGIN_CODES[code];
  const at = { line, column: 0, offset: 0 };
  return { code, severity: severity ?? info.severity, file, range: line ? { start: at, end: at } : ZERO, message: info.zh(params), messageEn: info.en(params) };
}

/** Names of the contribution points, for messages. */
export const POINT_NAMES: Record<string, { zh: string; en: string }> = {
  functions: { zh: '函数', en: 'function' }, eventTypes: { zh: '事件类型', en: 'event type' }, lints: { zh: '检查规则', en: 'lint' },
  importers: { zh: '数据导入器', en: 'importer' }, formats: { zh: '输出格式', en: 'format' }, calendars: { zh: '日历', en: 'calendar' },
  commands: { zh: '命令', en: 'command' }, views: { zh: '视图', en: 'view' }, lintCodes: { zh: '诊断代码', en: 'diagnostic code' },
};

export const WHEN_NAMES: Record<string, { zh: string; en: string }> = {
  activate: { zh: '激活', en: 'activating' }, deactivate: { zh: '停用', en: 'deactivating' }, function: { zh: '计算函数', en: 'computing a function' },
  lint: { zh: '检查计划', en: 'checking a plan' }, import: { zh: '导入数据', en: 'importing data' }, format: { zh: '输出报告', en: 'rendering a report' },
  calendar: { zh: '计算工作日', en: 'computing working days' }, command: { zh: '执行命令', en: 'running a command' },
};
