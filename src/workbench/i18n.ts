// The interface's words, Chinese first (the default) and English. `t(key)` reads the current language;
// switching re-renders the views, and Monaco's own menus follow on the next page load.
import type { Lang } from '../engine/language/types.js';

export type { Lang };

const STRINGS = {
  appName: ['落实', 'luoshi'],
  appSubtitle: ['法院实施方案工作台', 'court plan workbench'],
  explorer: ['资源管理器', 'Explorer'],
  outline: ['大纲', 'Outline'],
  plans: ['计划', 'Plans'],
  tests: ['测试', 'Tests'],
  data: ['数据', 'Data'],
  docs: ['文档', 'Docs'],
  library: ['标准库', 'Library'],
  problems: ['问题', 'Problems'],
  tasks: ['任务与责任', 'Tasks & owners'],
  timeline: ['时间线', 'Timeline'],
  indicators: ['指标', 'Indicators'],
  cases: ['案件', 'Cases'],
  ranking: ['排名', 'Ranking'],
  dataView: ['数据', 'Data'],
  asOf: ['截至', 'As of'],
  play: ['播放', 'Play'],
  pause: ['暂停', 'Pause'],
  today: ['今天', 'Today'],
  commandPalette: ['命令面板', 'Command palette'],
  quickOpen: ['快速打开文件', 'Quick open'],
  typeCommand: ['输入命令名称…', 'Type a command…'],
  typeFile: ['输入文件名…', 'Type a file name…'],
  noResults: ['没有匹配项', 'No matches'],
  noProblems: ['没有发现问题', 'No problems'],
  errors: ['错误', 'errors'],
  warnings: ['警告', 'warnings'],
  evaluating: ['评估中…', 'evaluating…'],
  evaluated: ['已评估', 'evaluated'],
  checking: ['检查中…', 'checking…'],
  planHasErrors: ['计划有错误：显示的是上次评估结果', 'the plan has errors: showing the last evaluation'],
  noPlan: ['在资源管理器中打开一个计划文件（.plan）', 'Open a plan file (.plan) in the explorer'],
  noData: ['未加载数据', 'no data'],
  dataFor: ['数据', 'Data'],
  chooseData: ['选择数据文件…', 'Choose data…'],
  loadingData: ['加载数据…', 'loading data…'],
  serverDown: [
    '无法连接服务器：编辑内容保留在本地，恢复连接后可保存',
    'cannot reach the server: edits are kept locally; save when it is back',
  ],
  signedOut: [
    '未登录：请打开 luoshi serve 启动时打印的网址（含 ?token=…）',
    'not signed in: open the URL printed by `luoshi serve` (the one with ?token=…)',
  ],
  saved: ['已保存', 'saved'],
  saveFailed: ['保存失败', 'save failed'],
  conflictTitle: ['文件已在磁盘上被修改', 'The file changed on disk'],
  conflictBody: [
    '打开之后，磁盘上的文件已被其他程序修改。',
    'Since you opened it, another program changed the file on disk.',
  ],
  overwrite: ['覆盖磁盘上的文件', 'Overwrite the file on disk'],
  useDisk: ['放弃我的修改，使用磁盘版本', 'Discard my edits, use the disk version'],
  compare: ['比较', 'Compare'],
  cancel: ['取消', 'Cancel'],
  close: ['关闭', 'Close'],
  unsaved: ['未保存', 'unsaved'],
  restored: ['已恢复未保存的编辑', 'unsaved edits restored'],
  readOnly: ['只读', 'read-only'],
  owner: ['责任人', 'Owner'],
  task: ['任务', 'Task'],
  status: ['状态', 'Status'],
  due: ['期限', 'Due'],
  filter: ['筛选…', 'Filter…'],
  all: ['全部', 'All'],
  late: ['逾期', 'Late'],
  atRisk: ['有风险', 'At risk'],
  done: ['已完成', 'Done'],
  open: ['未完成', 'Open'],
  lead: ['牵头', 'lead'],
  coOwner: ['协办', 'co-owner'],
  department: ['部门', 'Department'],
  departments: ['责任部门', 'Departments'],
  milestones: ['节点', 'Milestones'],
  phases: ['阶段', 'Phases'],
  court: ['法院', 'Court'],
  value: ['数值', 'Value'],
  target: ['目标', 'Target'],
  overall: ['整体', 'Overall'],
  rank: ['名次', 'Rank'],
  numerator: ['分子', 'Numerator'],
  basis: ['依据', 'Basis'],
  denominator: ['分母', 'Denominator'],
  showCases: ['查看案件', 'Show cases'],
  onlyMissing: ['只看未计入分子的案件', 'Only cases not in the numerator'],
  noCases: [
    '在指标、排名或任务视图中点击一个数字，查看其背后的案件',
    'Click a number in the indicators, ranking or tasks view to see the cases behind it',
  ],
  events: ['事件', 'Events'],
  caseId: ['案号', 'Case'],
  filed: ['立案', 'Filed'],
  closed: ['结案', 'Closed'],
  closure: ['结案方式', 'Closure'],
  claimed: ['申请标的', 'Claimed'],
  recovered: ['到位金额', 'Recovered'],
  handler: ['承办人', 'Handler'],
  inNum: ['计入分子', 'in numerator'],
  inDen: ['计入分母', 'in denominator'],
  failedConditions: ['不满足的条件', 'Failed conditions'],
  more: ['更多', 'more'],
  showing: ['显示', 'showing'],
  of: ['共', 'of'],
  replaying: ['回放中…', 'replaying…'],
  series: ['回放序列', 'Replayed series'],
  threshold: ['目标线', 'Target line'],
  deadline: ['截止', 'Deadline'],
  noSeries: ['尚无回放结果', 'no replay yet'],
  rejected: ['拒收', 'rejected'],
  read: ['读取', 'read'],
  accepted: ['接受', 'accepted'],
  dataProblems: ['数据问题', 'Data problems'],
  field: ['字段', 'Field'],
  line: ['行', 'Line'],
  file: ['文件', 'File'],
  message: ['说明', 'Message'],
  code: ['代码', 'Code'],
  unassigned: ['（未指定担任人员）', '(no holder)'],
  rules: ['逐案规则', 'Per-case rules'],
  failed: ['不合格', 'failed'],
  checked: ['检查', 'checked'],
  language: ['English', '中文'],
  generate: ['生成示例数据', 'Generate example data'],
  format: ['格式化文档', 'Format document'],
  save: ['保存', 'Save'],
  saveAll: ['全部保存', 'Save all'],
  reload: ['重新加载工作区', 'Reload workspace'],
  toggleLang: ['切换语言（中文/English）', 'Switch language (中文/English)'],
  togglePlay: ['播放/暂停 截至日', 'Play/pause the as-of date'],
  gotoDef: ['转到定义', 'Go to definition'],
  showView: ['显示视图', 'Show view'],
  copyReport: ['复制通报（Markdown）', 'Copy report (Markdown)'],
  copied: ['已复制到剪贴板', 'copied to the clipboard'],
  timeToEval: ['首次评估', 'first evaluation'],
  ms: ['毫秒', 'ms'],
  cannotFormat: ['无法格式化', 'cannot format'],
  dirtyClose: ['有未保存的修改', 'unsaved changes'],
  changedOnDisk: ['磁盘上的文件已更改', 'changed on disk'],
  step: ['步长', 'Step'],
  week: ['周', 'week'],
  month: ['月', 'month'],
  day: ['日', 'day'],
  people: ['人员', 'People'],
  roles: ['角色', 'Roles'],
  matrix: ['责任矩阵', 'Responsibility matrix'],
  list: ['任务清单', 'Task list'],
  noReport: ['尚无评估结果', 'no evaluation yet'],
  summary: ['概况', 'Summary'],
  lagging: ['落后', 'lagging'],
  restrictedTitle: ['受限模式：此文件夹的插件未运行', "Restricted mode: this folder's plugins are not running"],
  restrictedBody: [
    'luoshi.config.yaml 列出了下列插件。插件是可以访问本机的代码：只有信任此文件夹后才会加载。在此之前只用内置插件，调用插件函数的计划会报错。',
    'luoshi.config.yaml lists the plugins below. A plugin is code with access to this machine: it is loaded only once you trust this folder. Until then only the built-in plugins are used, and plans that call plugin functions report errors.',
  ],
  trustFolder: ['信任此文件夹', 'Trust this folder'],
  revokeTrust: ['不再信任此文件夹', 'Do not trust this folder'],
  showTrust: ['显示此文件夹的信任状态', "Show this folder's trust state"],
  trusted: ['已信任此文件夹：插件已加载', 'This folder is trusted: its plugins are loaded'],
  untrusted: ['已不再信任此文件夹：插件已停用', 'This folder is no longer trusted: its plugins are deactivated'],
  trustFailed: ['无法更改信任状态', 'cannot change the trust state'],
  trustStateTrusted: ['此文件夹已被信任，插件可以运行', 'This folder is trusted: its plugins may run'],
  trustStateSession: ['（仅本次运行：luoshi serve --trust）', ' (this run only: luoshi serve --trust)'],
  trustStateUntrusted: [
    '此文件夹未被信任：受限模式，插件不运行',
    'This folder is not trusted: restricted mode, no plugins run',
  ],
  trustStateNoPlugins: [
    '服务以 --no-plugins 启动：不运行任何插件',
    'The server was started with --no-plugins: no plugins run',
  ],
  trustStore: ['信任记录', 'trust store'],
} as const satisfies Record<string, readonly [string, string]>;

export type Key = keyof typeof STRINGS;

let lang: Lang = (localStorage.getItem('luoshi.lang') as Lang | null) === 'en' ? 'en' : 'zh';

export function currentLang(): Lang {
  return lang;
}

export function setLang(l: Lang): void {
  lang = l;
  localStorage.setItem('luoshi.lang', l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}

export function t(key: Key): string {
  return STRINGS[key][lang === 'zh' ? 0 : 1];
}

/** A text given in both languages (plugins' titles, diagnostics). */
export function pick(zh: string, en: string): string {
  return lang === 'zh' ? zh : en;
}

const STATUS: Record<string, [string, string]> = {
  met: ['达标', 'met'],
  missed: ['未达标', 'missed'],
  'on track': ['进展正常', 'on track'],
  'at risk': ['有风险', 'at risk'],
  'not measurable': ['无法计算', 'not measurable'],
  'done on time': ['按时完成', 'done on time'],
  'done late': ['逾期完成', 'done late'],
  overdue: ['已逾期', 'overdue'],
  'due soon': ['即将到期', 'due soon'],
  pending: ['未到期', 'pending'],
  ongoing: ['持续推进', 'ongoing'],
};

export function statusLabel(s: string): string {
  const x = STATUS[s];
  return x ? x[lang === 'zh' ? 0 : 1] : s;
}

/** A CSS class for a status: good, warn, bad, none. */
export function statusClass(s: string): string {
  if (s === 'met' || s === 'on track' || s === 'done on time') return 'good';
  if (s === 'missed' || s === 'overdue') return 'bad';
  if (s === 'at risk' || s === 'due soon' || s === 'done late') return 'warn';
  if (s === 'ongoing') return 'info';
  return 'none';
}

/** Words given as one string or in both languages (a notice), in the current language. */
export function words(w: string | { zh: string; en: string }): string {
  return typeof w === 'string' ? w : pick(w.zh, w.en);
}

/** A word in both languages, for text drawn later in the language of that moment (a notice). */
export function both(key: Key): { zh: string; en: string } {
  return { zh: STRINGS[key][0], en: STRINGS[key][1] };
}

/**
 * Text made in both languages by one function given `t` and `pick` for each in turn, for a notice drawn
 * later in the language of that moment: `inBoth((t, pick) => `${t('saved')}${pick('：', ': ')}${path}`)`.
 */
export function inBoth(make: (tr: (key: Key) => string, pk: (zh: string, en: string) => string) => string): {
  zh: string;
  en: string;
} {
  return {
    zh: make(
      (k) => STRINGS[k][0],
      (zh) => zh,
    ),
    en: make(
      (k) => STRINGS[k][1],
      (_zh, en) => en,
    ),
  };
}
