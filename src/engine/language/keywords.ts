// The plan language's words as the editor needs them (completion, hover, highlighting), each with its
// Chinese and English spelling and a one-line explanation. The grammar (grammar/plan.peggy) is the
// authority; test/workers/engine.test.ts checks that every word here is one of its words and that every
// snippet parses.

export interface Keyword {
  zh: string;
  /** English spelling(s); the first is the one offered. */
  en: string;
  /** Other Chinese spellings the grammar accepts (分管领导 for 责任人). */
  alt?: string[];
  doc: string;
  docEn: string;
  /** A snippet to insert instead of the bare word (Monaco snippet syntax), with `$LANG` words. */
  snippet?: { zh: string; en: string };
}

const K = (zh: string, en: string, doc: string, docEn: string, extra: Partial<Keyword> = {}): Keyword => ({
  zh,
  en,
  doc,
  docEn,
  ...extra,
});

export const TOP_KEYWORDS: readonly Keyword[] = [
  K(
    '导入',
    'import',
    '导入另一个计划文件（路径相对于本文件）',
    'import another plan file (path relative to this one)',
    { snippet: { zh: '导入 "${1:std/indicators.plan}"', en: 'import "${1:std/indicators.plan}"' } },
  ),
  K('使用', 'use', '使用标准库（std）', 'use the standard library (std)', {
    snippet: { zh: '使用 ${1:std}', en: 'use ${1:std}' },
  }),
  K(
    '方案',
    'plan',
    '方案：标题、文号、发布、期间、约束的法院',
    'the plan header: title, number, dates, period, courts',
    {
      snippet: {
        zh: '方案 ${1:名称} {\n  标题 "${2}"\n  期间 ${3:2018-01-01} 至 ${4:2018-12-31}\n  法院 ${5}\n  使用 std\n}',
        en: 'plan ${1:name} {\n  title "${2}"\n  period ${3:2018-01-01} to ${4:2018-12-31}\n  court ${5}\n  use std\n}',
      },
    },
  ),
  K('法院', 'court', '声明法院：简称 = "全称" 层级 上级 法院', 'a court: name = "full name" level parent court', {
    snippet: {
      zh: '法院 ${1:简称} = "${2:全称}" ${3|基层,中院,高院|}',
      en: 'court ${1:name} = "${2:full name}" ${3|basic,intermediate,high|}',
    },
  }),
  K('人员', 'person', '声明人员（可带职务）', 'a person (with a title)', {
    snippet: { zh: '人员 ${1:姓名} "${2:职务}"', en: 'person ${1:name} "${2:title}"' },
  }),
  K('领导小组', 'group', '领导小组：组长、副组长、成员', 'a leading group: leader, deputies, members', {
    alt: ['小组'],
  }),
  K('角色', 'role', '角色，绑定到担任的人员', 'a role, bound to the people who hold it', {
    snippet: { zh: '角色 ${1:分管执行工作院领导} = ${2}', en: 'role ${1:name} = ${2}' },
  }),
  K('部门', 'department', '声明部门', 'departments'),
  K('阶段', 'phase', '阶段：名称 起 至 止', 'a phase: name from to to', {
    snippet: {
      zh: '阶段 ${1:名称} ${2:2018-01-01} 至 ${3:2018-03-31}',
      en: 'phase ${1:name} ${2:2018-01-01} to ${3:2018-03-31}',
    },
  }),
  K('字段', 'field', '派生字段：对每个案件计算的值', 'a derived per-case field'),
  K('集合', 'set', '命名的案件或事件集合', 'a named set of cases or events'),
  K('指标', 'indicator', '指标：由案件和事件计算的数值', 'an indicator computed from cases and events', {
    snippet: {
      zh: '指标 ${1:名称} "${2:标题}" (${3:%}) = 计数(${4:结案}) / 计数(${5:受理})',
      en: 'indicator ${1:name} "${2:title}" (${3:%}) = count(${4}) / count(${5})',
    },
  }),
  K('规则', 'rule', '逐案规则：适用范围与条件', 'a per-case rule: what it applies to and its conditions'),
  K(
    '目标',
    'target',
    '目标：指标 比较 值 [力争] [范围] [截至]',
    'a target: indicator op value [stretch] [scope] [by]',
    {
      snippet: {
        zh: '目标 ${1:名称} : ${2:指标} >= ${3:90%} 每个法院 截至 ${4:2018-12-31}',
        en: 'target ${1:name} : ${2:indicator} >= ${3:90%} each court by ${4:2018-12-31}',
      },
    },
  ),
  K('任务', 'task', '任务：编号、标题、责任人、完成时间、节点', 'a task: number, title, owners, deadline, milestones', {
    snippet: {
      zh: '任务 ${1:一.1} "${2:标题}" {\n  责任人 ${3}\n  完成 ${4:2018-12-31}\n}',
      en: 'task ${1:1.1} "${2:title}" {\n  owner ${3}\n  due ${4:2018-12-31}\n}',
    },
  }),
  K('事实', 'fact', '记录的结构性事实（不检查）', 'a structural fact, recorded and not checked'),
  K('说明', 'note', '说明文字', 'a note'),
  K(
    '考核',
    'scoring',
    '考核方案：分组、项目及其计分规则，按法院（承办人、团队）计总分并排名',
    'a scoring scheme: groups and items with their rules, a total per court (handler, team) and a ranking',
    {
      snippet: {
        zh: '考核 ${1:名称} "${2:标题}" 100分 每个法院 {\n  分组 "${3:常规指标}" 100分 {\n    项目 ${4:结案} 100分 : ${5:结案率} >= ${6:85%} 满分\n  }\n}',
        en: 'scoring ${1:name} "${2:title}" 100 points each court {\n  section "${3:regular}" 100 points {\n    item ${4:closing} 100 points : ${5:结案率} >= ${6:85%} full\n  }\n}',
      },
    },
  ),
];

export const PLAN_KEYWORDS: readonly Keyword[] = [
  K('标题', 'title', '方案标题', "the plan's title"),
  K('文号', 'docno', '文号', 'document number'),
  K('发布机关', 'issuer', '发布机关', 'issuer'),
  K('依据', 'implements', '所依据的上级文件（可多条）', 'what the plan implements (repeatable)'),
  K('类型', 'kind', '文件类型（实施方案、工作方案…）', 'kind of document'),
  K('发布', 'issued', '发布日期', 'date issued'),
  K('施行', 'effective', '施行日期', 'date effective'),
  K('期间', 'period', '方案期间：起 至 止', "the plan's period: from to to", {
    snippet: { zh: '期间 ${1:2018-01-01} 至 ${2:2018-12-31}', en: 'period ${1:2018-01-01} to ${2:2018-12-31}' },
  }),
  K('法院', 'court', '方案约束的法院', 'the courts the plan binds'),
  K('使用', 'use', '使用标准库', 'use a library'),
  K('说明', 'note', '说明文字', 'a note'),
];

export const GROUP_KEYWORDS: readonly Keyword[] = [
  K('组长', 'leader', '组长', 'leader'),
  K('副组长', 'deputy', '副组长', 'deputy leader'),
  K('成员', 'member', '成员', 'member'),
  K('主任', 'director', '主任', 'director'),
  K('说明', 'note', '说明文字', 'a note'),
];

export const RULE_KEYWORDS: readonly Keyword[] = [
  K('适用', 'applies', '规则适用的案件', 'which cases the rule applies to'),
  K('条件', 'condition', '必须满足的条件（不满足即不合格）', 'a condition every case must meet'),
  K('提示', 'advisory', '提示性条件（不满足只提示）', 'an advisory condition (a warning only)'),
  K('说明', 'note', '说明文字', 'a note'),
];

export const TASK_KEYWORDS: readonly Keyword[] = [
  K('原文', 'text', '原文表述', 'the original wording'),
  K(
    '责任人',
    'owner',
    '责任人：第一位为牵头，其余为协办（人员或角色）',
    'owners: the first leads, the rest co-own (people or roles)',
    { alt: ['分管领导'] },
  ),
  K('责任部门', 'departments', '责任部门', 'responsible departments'),
  K('共同负责', 'jointly', '写在责任人之后：共同负责，不分牵头', 'after the owners: they share the duty, none leads'),
  K('完成', 'due', '完成时间（日期或“持续”）', 'deadline (a date or "ongoing")', { alt: ['期限'] }),
  K('节点', 'milestone', '节点：交付内容 完成 日期 [当 条件]', 'a milestone: deliverable due date [when condition]', {
    snippet: {
      zh: '节点 "${1:交付内容}" 完成 ${2:2018-06-30}',
      en: 'milestone "${1:deliverable}" due ${2:2018-06-30}',
    },
  }),
  K('不定期', 'irregular', '不定期事项（只记录）', 'an irregular duty (recorded only)'),
  K(
    '每周',
    'weekly',
    '每周一次的事项（每周五：每周五到期）',
    'a weekly duty (每周五 / weekly on friday: due each Friday)',
    { alt: ['每周一', '每周二', '每周三', '每周四', '每周五', '每周六', '每周日'] },
  ),
  K('每月', 'monthly', '每月一次的事项', 'a monthly duty'),
  K('每季度', 'quarterly', '每季度一次的事项', 'a quarterly duty'),
  K('每半年', 'halfyearly', '每半年一次的事项', 'a half-yearly duty'),
  K('每年', 'yearly', '每年一次的事项', 'a yearly duty'),
  K(
    '定期',
    'periodic',
    '定期事项：原文未写周期（只记录）',
    'a periodic duty whose period the original leaves unstated (recorded only)',
  ),
  K('目标', 'target', '任务关联的目标（名称或内联定义）', 'a target of the task (by name or inline)'),
  K('检查', 'check', '关联的逐案规则', 'a per-case rule the task checks'),
  K('阶段', 'phase', '任务所属阶段', "the task's phase"),
  K('说明', 'note', '说明文字', 'a note'),
];

/** Words of a scoring scheme (考核): its entries, then its items' rules. */
export const SCHEME_KEYWORDS: readonly Keyword[] = [
  K(
    '分组',
    'section',
    '分组：名称 "标题" 分值 { 项目… }，小计不超过分值',
    'a group: name "title" points { items… }, its subtotal capped at its points',
  ),
  K(
    '加分项',
    'bonus',
    '加分项：在总分之外另加，不超过其分值',
    'bonus items, added on top of the total and capped at their points',
  ),
  K('项目', 'item', '计分项目：名称 "标题" 分值 : 规则', 'a scored item: name "title" points : rule'),
  K('保留', 'decimals', '得分保留的小数位数（默认 2 位）', 'digits every score is rounded to (default 2)'),
  K('说明', 'note', '说明文字', 'a note'),
  K('满分', 'full', '达到条件得满分', 'full points when the condition holds'),
  K('否则', 'else', '未达到条件时的得分（默认 0分）', 'the points when it does not (default 0)'),
  K('达成', 'meets', '目标达标（或进展正常）得满分', 'full points when a target is met (or on track)'),
  K('按比例', 'linear', '按比例：指标 从 低值 到 高值，其间按比例得分', 'in proportion: indicator from low to high'),
  K('从', 'from', '按比例计分的起点（得 0分的值）', 'where a linear score starts (0 points)'),
  K('越低越好', 'lowerbetter', '按比例计分时低值得满分', 'a linear score where the low value earns full points'),
  K(
    '扣分',
    'deduct',
    '按每单位扣分：扣分 来源 每 数量 分值',
    'a deduction per unit: deduct source per quantity points',
  ),
  K('加分', 'add', '按每单位加分：加分 来源 每 数量 分值', 'points per unit: add source per quantity points'),
  K('每', 'per', '每多少单位', 'per how many units'),
  K('逾期', 'late', '任务或节点的逾期天数', 'the days late of a task or deliverable'),
  K('低于', 'below', '低于某值的差额（如 每低1个百分点）', 'the distance below a value'),
  K('高于', 'above', '高于某值的差额', 'the distance above a value'),
  K('最低', 'floor', '扣分后的最低得分（如 不低于0分）', 'the lowest score a deduction leaves'),
  K('最多', 'cap', '最多扣（或加）多少分', 'the most a deduction takes (or a bonus gives)'),
];

export const TARGET_KEYWORDS: readonly Keyword[] = [
  K('力争', 'stretch', '力争值（须高于目标值）', 'a stretch value (beyond the target)'),
  K('截至', 'by', '截止日期', 'the deadline'),
  K('每个法院', 'each court', '按法院分别考核', 'per court'),
  K('每个承办人', 'each handler', '按承办人分别考核', 'per handler'),
  K('每个团队', 'each team', '按团队分别考核', 'per team'),
  K('整体', 'overall', '整体考核（默认）', 'overall (default)'),
  K('每年', 'yearly', '按自然年度计算', 'per calendar year'),
  K('期间', 'period', '按指定期间计算', 'over a given period'),
];

export const EXPR_KEYWORDS: readonly Keyword[] = [
  K('计数', 'count', '计数(集合)：集合中的案件或事件数', 'count(S): number of cases or events in S', {
    snippet: { zh: '计数(${1})', en: 'count(${1})' },
  }),
  K('求和', 'sum', '求和(集合, 值)', 'sum(S, value)', { snippet: { zh: '求和(${1}, ${2})', en: 'sum(${1}, ${2})' } }),
  K('平均', 'mean', '平均(集合, 值)', 'mean(S, value)', {
    snippet: { zh: '平均(${1}, ${2})', en: 'mean(${1}, ${2})' },
  }),
  K('其中', 'where', '筛选：集合 其中 条件', 'filter: S where P'),
  K('且', 'and', '并且', 'and'),
  K('或', 'or', '或者', 'or'),
  K('非', 'not', '非', 'not'),
  K('在', 'in', '在 窗口 / 在 日期 至 日期', 'in window / in date to date'),
  K('窗口', 'window', '评估窗口', 'the evaluation window'),
  K('属于', 'oneof', '属于 (a, b)', 'one of (a, b)'),
  K('为空', 'is null', '值为空', 'is null'),
  K('不为空', 'is not null', '值不为空', 'is not null'),
  K('包含', 'contains', '标签包含', 'tags contain'),
  K('案件', 'cases', '截至日可见的全部案件', 'all cases visible at the as-of date'),
  K('事件', 'events', '某些类型的全部事件', 'all events of some types'),
  K('事件数', 'eventcount', '事件数(类型)：本案此类事件的个数', 'eventcount(T): how many such events the case has', {
    snippet: { zh: '事件数(${1})', en: 'eventcount(${1})' },
  }),
  K('首次', 'first', '首次(类型)：本案首个此类事件的日期', "first(T): date of the case's first such event", {
    snippet: { zh: '首次(${1})', en: 'first(${1})' },
  }),
  K('有', 'has', '本案有此类事件', 'the case has such an event'),
  K('无', 'lacks', '本案无此类事件', 'the case has no such event'),
  K('之后有', 'followedby', '（事件中）之后有某类事件 [在 N 内]', '(events) followed by a type [within N]'),
  K('内', 'within', '在 N 内', 'within N'),
  K('符合', 'passes', '符合 规则', 'passes a rule'),
  K('至', 'to', '日期范围：起 至 止', 'a date range: from to to', { alt: ['到'] }),
  K('窗口起', 'window_start', '窗口开始日', "the window's first day"),
  K('窗口止', 'window_end', '窗口结束日', "the window's last day"),
  K('截至日', 'as_of', '截至日（as-of）', 'the as-of date'),
  K('人员配置', 'staffing', '各法院人员配置记录（最新一条）', "the courts' staffing records (latest)"),
  K('真', 'true', '真', 'true'),
  K('假', 'false', '假', 'false'),
  K('空', 'null', '空值', 'null'),
];

export const OTHER_KEYWORDS: readonly Keyword[] = [
  K('上级', 'parent', '上级法院', 'parent court'),
  K('别名', 'alias', '法院在案件数据中的其他名称', 'other names of the court in case data'),
  K('又称', 'aka', '指标或集合的其他名称（文件中的叫法）', 'other names of an indicator or set (as documents call it)'),
  K('高院', 'high', '高级人民法院', 'high court'),
  K('中院', 'intermediate', '中级人民法院', 'intermediate court'),
  K('基层', 'basic', '基层人民法院', 'basic court'),
  K('持续', 'ongoing', '持续推进（至方案期间结束）', "ongoing (through the plan's period)"),
  K('当', 'when', '节点完成的条件', 'the condition that completes a milestone'),
  K('日期', 'date', '类型：日期', 'type: date'),
  K('数值', 'number', '类型：数值', 'type: number'),
  K('金额', 'money', '类型：金额', 'type: money'),
  K('布尔', 'boolean', '类型：布尔', 'type: boolean'),
  K('文本', 'text', '类型：文本', 'type: text'),
];

/** Words that are keywords wherever they appear (for highlighting). */
export function allKeywordSpellings(): string[] {
  const out = new Set<string>();
  for (const list of [
    TOP_KEYWORDS,
    PLAN_KEYWORDS,
    GROUP_KEYWORDS,
    RULE_KEYWORDS,
    TASK_KEYWORDS,
    TARGET_KEYWORDS,
    EXPR_KEYWORDS,
    OTHER_KEYWORDS,
    SCHEME_KEYWORDS,
  ]) {
    for (const k of list) {
      out.add(k.zh);
      for (const a of k.alt ?? []) out.add(a);
      for (const e of k.en.split(' ')) out.add(e);
    }
  }
  return [...out];
}

/** The keyword entry for a spelling (Chinese or English), for hover. */
export function keywordInfo(word: string): Keyword | undefined {
  for (const list of [
    TOP_KEYWORDS,
    TASK_KEYWORDS,
    PLAN_KEYWORDS,
    GROUP_KEYWORDS,
    RULE_KEYWORDS,
    TARGET_KEYWORDS,
    EXPR_KEYWORDS,
    OTHER_KEYWORDS,
    SCHEME_KEYWORDS,
  ]) {
    const k = list.find((x) => x.zh === word || x.en === word || (x.alt ?? []).includes(word));
    if (k) return k;
  }
  return undefined;
}

/** Units a number may carry. */
export const UNITS: readonly string[] = [
  '%',
  '‰',
  '件',
  '人',
  '人次',
  '日',
  '天',
  '年',
  '次',
  '个月',
  '万元',
  '亿元',
  '元',
  '工作日',
  '个工作日',
];
