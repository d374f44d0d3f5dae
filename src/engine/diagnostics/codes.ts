// Every diagnostic code, in one module: the compiler's (E, W; CODES) and the plugin host's (P;
// PLUGIN_CODES), each with its severity and its message in Chinese and English, and what each data
// problem's code means (D; DATA_CODES — their messages are written where a problem is found, in
// src/engine/data/ and the loaders). codeTitle looks any of them up. Codes are stable: tools,
// docs/language.md, docs/plugins.md and docs/data.md refer to them. Never renumber; retire and add.
import type { Diagnostic, Fix, Severity, SourceRange } from './diagnostic.js';

type Params = Record<string, string | number>;
export interface CodeInfo {
  severity: Severity;
  zh: (p: Params) => string;
  en: (p: Params) => string;
  title: string;
}

const C = (severity: Severity, title: string, zh: (p: Params) => string, en: (p: Params) => string): CodeInfo => ({
  severity,
  title,
  zh,
  en,
});

export const CODES = {
  // syntax and input
  E0001: C(
    'error',
    'syntax error',
    (p) => String(p.zh ?? '语法错误'),
    (p) => String(p.en ?? 'syntax error'),
  ),
  E0002: C(
    'error',
    'block not closed',
    () => '缺少与此“{”对应的“}”',
    () => 'this "{" has no matching "}"',
  ),
  E0004: C(
    'error',
    'not UTF-8 text',
    () => '文件含有无法识别的字符：计划文件应为 UTF-8 编码（可用“另存为 UTF-8”转换 GBK 文件）',
    () => 'the file has characters that are not valid UTF-8 text: save plan files as UTF-8 (convert GBK files)',
  ),
  E0005: C(
    'error',
    'file cannot be read',
    (p) => `无法读取文件：${p.reason}`,
    (p) => `cannot read the file: ${p.reason}`,
  ),
  E0006: C(
    'error',
    'nesting too deep',
    () => '表达式嵌套过深，无法解析',
    () => 'expressions are nested too deeply to parse',
  ),
  // literals and values
  E0101: C(
    'error',
    'impossible date',
    (p) => `日期不存在：${p.text}（${p.why}）`,
    (p) => `no such date: ${p.text} (${p.whyEn})`,
  ),
  E0102: C(
    'error',
    'period backwards',
    (p) => `期间的结束日期 ${p.to} 早于开始日期 ${p.from}`,
    (p) => `the period ends (${p.to}) before it starts (${p.from})`,
  ),
  E0103: C(
    'error',
    'unknown unit',
    (p) => `指标不能以“${p.unit}”为单位：可用 %、‰、件、人、次、元、万元、亿元、日、天`,
    (p) => `an indicator cannot be measured in "${p.unit}": use %, ‰, 件, 人, 次, 元, 万元, 亿元, 日 or 天`,
  ),
  // names
  E0201: C(
    'error',
    'unknown name',
    (p) => `未定义的${p.what}“${p.name}”${p.hint ? `，是否指“${p.hint}”？` : ''}`,
    (p) => `unknown ${p.whatEn} "${p.name}"${p.hint ? `; did you mean "${p.hint}"?` : ''}`,
  ),
  E0202: C(
    'error',
    'duplicate declaration',
    (p) => `重复定义：${p.what}“${p.name}”已在 ${p.where} 定义`,
    (p) => `duplicate: ${p.whatEn} "${p.name}" is already declared at ${p.where}`,
  ),
  E0203: C(
    'error',
    'wrong kind of name',
    (p) => `“${p.name}”是${p.actual}，此处需要${p.expected}`,
    (p) => `"${p.name}" is ${p.actualEn}, but ${p.expectedEn} is needed here`,
  ),
  E0204: C(
    'error',
    'import not found',
    (p) => `找不到导入的文件“${p.path}”`,
    (p) => `cannot find the imported file "${p.path}"`,
  ),
  E0205: C(
    'error',
    'stretch below target',
    (p) => `力争值 ${p.stretch} 应${p.up === 1 ? '高于' : '低于'}目标值 ${p.value}`,
    (p) => `the stretch value ${p.stretch} is not beyond the target ${p.value}`,
  ),
  E0206: C(
    'error',
    'unit mismatch',
    (p) => `单位不符：指标“${p.indicator}”以${p.unit}计，不能与 ${p.value} 比较`,
    (p) =>
      `unit mismatch: indicator "${p.indicator}" is measured in ${p.unitEn} and cannot be compared with ${p.value}`,
  ),
  E0207: C(
    'error',
    'staged targets go backwards',
    (p) => `分阶段目标倒退：${p.later} 不应比前一阶段的 ${p.earlier} ${p.up === 1 ? '更低' : '更高'}`,
    (p) => `staged target goes backwards: ${p.later} is not beyond the earlier stage's ${p.earlier}`,
  ),
  E0208: C(
    'error',
    'stages out of order',
    () => '分阶段目标的截止日期应依次递增',
    () => 'the stages of a target must have increasing deadlines',
  ),
  E0209: C(
    'error',
    'type error',
    (p) => String(p.zh),
    (p) => String(p.en),
  ),
  E0210: C(
    'error',
    'duplicate modifier',
    (p) => `重复的${p.what}`,
    (p) => `${p.whatEn} is given twice`,
  ),
  E0211: C(
    'error',
    'import cycle',
    (p) => `循环导入：${p.cycle}`,
    (p) => `import cycle: ${p.cycle}`,
  ),
  E0212: C(
    'error',
    'unknown library',
    (p) => `未知的库“${p.name}”（可用：std）`,
    (p) => `unknown library "${p.name}" (available: std)`,
  ),
  E0213: C(
    'error',
    'deadline outside period',
    (p) => `截止日期 ${p.date} 不在方案期间（${p.from} 至 ${p.to}）内`,
    (p) => `the deadline ${p.date} lies outside the plan's period (${p.from} to ${p.to})`,
  ),
  E0214: C(
    'error',
    'definition cycle',
    (p) => `循环定义：${p.cycle}`,
    (p) => `circular definition: ${p.cycle}`,
  ),
  E0215: C(
    'error',
    'more than one plan',
    () => '一个文件只能有一个“方案”',
    () => 'a file can declare only one plan',
  ),
  E0216: C(
    'error',
    'import refused',
    (p) => `不能导入“${p.path}”：${p.reason}`,
    (p) => `cannot import "${p.path}": ${p.reasonEn}`,
  ),
  E0217: C(
    'error',
    'role holder without court',
    (p) => String(p.zh),
    (p) => String(p.en),
  ),
  // scoring schemes (考核): src/engine/scoring/check.ts
  E0218: C(
    'error',
    'score item over its group',
    (p) => `项目“${p.item}”${p.points}分，超过所在分组“${p.group}”的 ${p.groupPoints}分`,
    (p) => `item "${p.item}" has ${p.points} points, more than its group "${p.group}" (${p.groupPoints} points)`,
  ),
  E0219: C(
    'error',
    'linear score range empty',
    (p) => `按比例计分的低值 ${p.low} 应小于高值 ${p.high}（越低越好的指标写“越低越好”，低值得满分）`,
    (p) =>
      `a linear score's low value ${p.low} must be below its high value ${p.high} (for an indicator where lower is better, write lowerbetter: the low value earns full points)`,
  ),
  E0220: C(
    'error',
    'people file unusable',
    (p) => `人员名单：${p.zh}`,
    (p) => `people file: ${p.en}`,
  ),
  // tasks
  E0401: C(
    'error',
    'task without owner',
    (p) => `任务 ${p.id} 没有责任人（每项任务须定人、定时限、定责任）`,
    (p) => `task ${p.id} has no owner (every task needs an owner, a deadline and a responsibility)`,
  ),
  E0402: C(
    'error',
    'task without deadline',
    (p) => `任务 ${p.id} 没有完成时间：写“完成 日期”、“完成 持续”或列出节点`,
    (p) => `task ${p.id} has no deadline: write "due DATE", "due ongoing" or list milestones`,
  ),
  E0403: C(
    'error',
    'milestones out of order',
    (p) => `节点顺序颠倒：“${p.later}”（${p.laterDate}）排在“${p.earlier}”（${p.earlierDate}）之后，但日期更早`,
    (p) =>
      `milestones out of order: "${p.later}" (${p.laterDate}) comes after "${p.earlier}" (${p.earlierDate}) but is due earlier`,
  ),
  E0404: C(
    'error',
    'milestone after task deadline',
    (p) => `节点“${p.milestone}”的日期 ${p.date} 晚于任务完成时间 ${p.due}`,
    (p) => `milestone "${p.milestone}" is due ${p.date}, after the task's deadline ${p.due}`,
  ),
  E0405: C(
    'error',
    'duplicate task',
    (p) => `任务编号 ${p.id} 重复（已在 ${p.where} 使用）`,
    (p) => `task number ${p.id} is used twice (first at ${p.where})`,
  ),
  E0406: C(
    'error',
    'phase backwards',
    (p) => `阶段“${p.name}”的结束早于开始`,
    (p) => `phase "${p.name}" ends before it starts`,
  ),
  // warnings
  W0301: C(
    'warning',
    'role without holder',
    (p) => `角色“${p.name}”未指定担任人员，责任无法落实到人`,
    (p) => `role "${p.name}" has no holder: its responsibilities cannot be traced to a person`,
  ),
  W0302: C(
    'warning',
    'unknown event type',
    (p) => `未知的事件类型“${p.name}”${p.hint ? `，是否指“${p.hint}”？` : ''}（插件可定义新类型）`,
    (p) =>
      `unknown event type "${p.name}"${p.hint ? `; did you mean "${p.hint}"?` : ''} (plugins may define new types)`,
  ),
  W0303: C(
    'warning',
    'plan without period',
    () => '方案没有“期间”：无法检查截止日期是否在期间内',
    () => 'the plan has no period: deadlines cannot be checked against it',
  ),
  W0304: C(
    'warning',
    'target on an undated plan',
    (p) => `目标“${p.name}”没有截止日期：只计算数值，不判定是否到期`,
    (p) => `target "${p.name}" has no deadline: it is measured but never due`,
  ),
  W0305: C(
    'warning',
    'unused declaration',
    (p) => `${p.what}“${p.name}”已定义但未使用`,
    (p) => `${p.whatEn} "${p.name}" is declared but never used`,
  ),
  W0306: C(
    'warning',
    'threshold beyond range',
    (p) => `目标值 ${p.value} 超出比率的可能范围（0–100%）`,
    (p) => `the threshold ${p.value} is outside a ratio's range (0–100%)`,
  ),
  W0307: C(
    'warning',
    'date before issue',
    (p) => `日期 ${p.date} 早于方案发布日期 ${p.issued}`,
    (p) => `date ${p.date} is before the plan was issued (${p.issued})`,
  ),
  W0308: C(
    'warning',
    'title disagrees with threshold',
    (p) => `标题中的 ${p.text} 与目标值 ${p.values} 不一致：改了目标值而标题未改？`,
    (p) => `the title says ${p.text} but the target's value is ${p.values}: was the value changed and the title not?`,
  ),
  W0310: C(
    'warning',
    'scheme points do not add up',
    (p) => `${p.what}“${p.name}”的${p.parts}合计 ${p.sum}分，与其 ${p.points}分 相差 ${p.diff}分`,
    (p) =>
      `the ${p.partsEn} of ${p.whatEn} "${p.name}" add up to ${p.sum} points, ${p.diff} from its ${p.points} points`,
  ),
  W0311: C(
    'warning',
    'deduction without a floor',
    (p) => `项目“${p.item}”每 ${p.per} 扣分，但没有写“最低”：得分可能低于 0分（如写“最低 0分”）`,
    (p) =>
      `item "${p.item}" deducts per ${p.perEn} without a floor: its score can fall below 0 points (e.g. floor 0 points)`,
  ),
  W0309: C(
    'warning',
    'role without holder in a court',
    (p) => `角色“${p.name}”按法院担任，但以下法院未指定担任人员：${p.courts}`,
    (p) => `role "${p.name}" is held per court, but these courts have no holder: ${p.courts}`,
  ),
  W0312: C(
    'warning',
    'people file overridden by the plan',
    (p) => `计划已写明角色“${p.role}”在${p.court}的担任人员，人员名单中的“${p.person}”未采用`,
    (p) => `the plan names the holder of role "${p.role}" in ${p.court}; "${p.person}" of the people file is not used`,
  ),
  W0313: C(
    'warning',
    'people file row not used',
    (p) => `人员名单的这一行未采用：${p.zh}`,
    (p) => `this row of the people file is not used: ${p.en}`,
  ),
} satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

/** The plugin host's codes (P + four digits), always naming the plugin: src/engine/plugins/diagnostics.ts makes them. */
export const PLUGIN_CODES = {
  P0001: {
    severity: 'error',
    title: 'malformed plugin manifest',
    zh: (p) => `插件 ${p.plugin} 的 plugin.json 有误：${p.path} ${p.zhWhy}`,
    en: (p) => `plugin ${p.plugin}: plugin.json is malformed: ${p.path} ${p.why}`,
  },
  P0002: {
    severity: 'error',
    title: 'plugin entry module missing',
    zh: (p) => `插件 ${p.plugin} 的入口模块无法加载：${p.entry}（${p.why}）`,
    en: (p) => `plugin ${p.plugin}: cannot load its entry module ${p.entry} (${p.why})`,
  },
  P0003: {
    severity: 'error',
    title: 'engine version mismatch',
    zh: (p) => `插件 ${p.plugin} 要求引擎版本 ${p.range}，当前为 ${p.version}，未加载`,
    en: (p) => `plugin ${p.plugin} needs engine ${p.range}, this is ${p.version}: not loaded`,
  },
  P0004: {
    severity: 'error',
    title: 'duplicate plugin id',
    zh: (p) => `插件 ID“${p.plugin}”重复：已由 ${p.other} 使用，未加载 ${p.location}`,
    en: (p) => `duplicate plugin id "${p.plugin}": already used by ${p.other}; ${p.location} not loaded`,
  },
  P0005: {
    severity: 'error',
    title: 'contribution conflict',
    zh: (p) => `插件 ${p.plugin} 的${p.pointZh}“${p.name}”与插件 ${p.other} 冲突，已忽略`,
    en: (p) => `plugin ${p.plugin}: ${p.point} "${p.name}" is already contributed by ${p.other}; ignored`,
  },
  P0006: {
    severity: 'error',
    title: 'plugin failed',
    zh: (p) => `插件 ${p.plugin} ${p.whenZh}时出错：${p.why}`,
    en: (p) => `plugin ${p.plugin} failed while ${p.when}: ${p.why}`,
  },
  P0007: {
    severity: 'error',
    title: 'plugin timed out',
    zh: (p) => `插件 ${p.plugin} ${p.whenZh}超时（${p.ms} 毫秒），已停止等待`,
    en: (p) => `plugin ${p.plugin} timed out while ${p.when} (${p.ms} ms); no longer waiting`,
  },
  P0008: {
    severity: 'error',
    title: 'wrong shape',
    zh: (p) => `插件 ${p.plugin} ${p.whenZh}返回的结果不合要求：${p.why}`,
    en: (p) => `plugin ${p.plugin} returned the wrong shape while ${p.when}: ${p.why}`,
  },
  P0009: {
    severity: 'error',
    title: 'contribution not implemented',
    zh: (p) => `插件 ${p.plugin} 声明了${p.pointZh}“${p.name}”，但激活后没有注册其实现`,
    en: (p) => `plugin ${p.plugin} declares ${p.point} "${p.name}" but did not register it when activated`,
  },
  P0010: {
    severity: 'error',
    title: 'invalid plugin settings',
    zh: (p) => `插件 ${p.plugin} 的设置有误：${p.path} ${p.zhWhy}`,
    en: (p) => `plugin ${p.plugin}: invalid settings: ${p.path} ${p.why}`,
  },
  P0011: {
    severity: 'error',
    title: 'invalid configuration',
    zh: (p) => `配置文件有误：${p.path} ${p.zhWhy}`,
    en: (p) => `invalid configuration: ${p.path} ${p.why}`,
  },
  P0012: {
    severity: 'error',
    title: 'plugin not found',
    zh: (p) => `找不到插件 ${p.plugin}：${p.why}`,
    en: (p) => `cannot find plugin ${p.plugin}: ${p.why}`,
  },
  P0013: {
    severity: 'error',
    title: 'undeclared registration',
    zh: (p) => `插件 ${p.plugin} 注册了未在 plugin.json 中声明的${p.pointZh}“${p.name}”，已忽略`,
    en: (p) => `plugin ${p.plugin} registers ${p.point} "${p.name}" that its plugin.json does not declare; ignored`,
  },
  P0014: {
    severity: 'error',
    title: 'unknown calendar',
    zh: (p) => `配置的日历“${p.name}”不存在${p.hint ? `，是否指“${p.hint}”？` : ''}；按周一至周五计算工作日`,
    en: (p) => `no calendar "${p.name}"${p.hint ? ` (did you mean "${p.hint}"?)` : ''}; working days are Monday–Friday`,
  },
  P0020: {
    severity: 'warning',
    title: 'folder not trusted',
    zh: (p) => `此文件夹未被信任，未加载其插件：${p.plugins}（只用内置插件；信任此文件夹后加载）`,
    en: (p) =>
      `this folder is not trusted: its plugins were not loaded: ${p.pluginsEn} (built-in plugins only; trust the folder to load them)`,
  },
} satisfies Record<string, CodeInfo>;

export type PluginCode = keyof typeof PLUGIN_CODES;

/** Data problems' codes, what each means. D00xx: files and formats; D01xx: records. */
export const DATA_CODES: Readonly<Record<string, string>> = {
  D0001: 'file or directory not found or unreadable, or not a regular file (folder, FIFO, device)',
  D0002: 'file too large for its format',
  D0003: 'file is not in its format (not JSON, not a list), or its JSON array is damaged between records',
  D0004: 'malformed JSON record (NDJSON line or array element)',
  D0005: 'unsupported file extension',
  D0006: 'CSV syntax error in a row',
  D0007: 'YAML syntax error, or a key repeated in a YAML record',
  D0008: 'CSV header missing a required column or empty',
  D0009: 'CSV column not understood (ignored)',
  D0010: 'CSV events cell item malformed',
  D0011: 'CSV value rewritten to the canonical form (e.g. 2018/3/5 → 2018-03-05)',
  D0012: 'CSV row with more cells than the header (extra cells ignored)',
  D0013: "line not valid in the file's encoding (编码错误)",
  D0014: 'record nested too deeply',
  D0015: 'line longer than the limit',
  D0101: 'required field missing or empty',
  D0102: 'field of the wrong type',
  D0103: 'malformed or impossible date',
  D0104: 'closed before filed',
  D0105: 'event dated after closed (other than 终本巡查, 恢复执行, 信访, 信访办结, 案款发放)',
  D0106: 'closure without closed',
  D0107: 'closed without closure',
  D0108: 'negative money',
  D0109: 'money with more than 2 decimals',
  D0110: 'money too large to hold exactly',
  D0111: 'value not among the allowed ones (case type, closure)',
  D0112: 'duplicate id',
  D0113: 'unknown field (ignored)',
  D0114: 'optional field missing, default used',
  D0115: 'one field given under two names (案号 and id)',
  D0116: 'control character or U+FFFD in a name (id, court, handler, team)',
  D0120: 'unknown event type (kept)',
  D0121: 'event dated before filed',
  D0122: 'money event without amount',
  D0123: "a mapped database's tag or event whose case key is no case's",
  D0130: 'staffing headcount implausible',
};

const EMITTED: Readonly<Record<string, CodeInfo>> = { ...CODES, ...PLUGIN_CODES };

/** A code's short title (SARIF's rule names), or null for a code this table does not know (a plugin's own). */
export function codeTitle(code: string): string | null {
  return EMITTED[code]?.title ?? DATA_CODES[code] ?? null;
}

export function diagnostic(code: Code, file: string, range: SourceRange, params: Params, fix?: Fix): Diagnostic {
  const info = CODES[code];
  const d: Diagnostic = {
    code,
    severity: info.severity,
    file,
    range,
    message: info.zh(params),
    messageEn: info.en(params),
  };
  if (fix) d.fix = fix;
  return d;
}
