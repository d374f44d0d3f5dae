// The plan language's editor services over text: the word at a position, what may be typed there
// (completion), what a name means (hover) and where it is declared (definition). Context comes from the
// text before the cursor (which block, which entry keyword, which word before), so completion works on
// a half-typed line that does not parse; names come from the last compilation.
import type { PlanIR } from '../ir/types.js';
import type { PlanReport } from '../report/model.js';
import { formatValue, statusText } from '../report/render.js';
import { targetBasis } from '../report/basis.js';
import { CASE_FIELDS, CASE_TYPES, CLOSURES, EVENT_FIELDS, EVENT_TYPES, STAFFING_FIELDS } from '../domain/vocabulary.js';
import { LineMap } from '../diagnostics/diagnostic.js';
import type { Decl } from './declarations.js';
import { rangeOf } from './declarations.js';
import {
  EXPR_KEYWORDS,
  GROUP_KEYWORDS,
  OTHER_KEYWORDS,
  PLAN_KEYWORDS,
  RULE_KEYWORDS,
  SCHEME_KEYWORDS,
  TARGET_KEYWORDS,
  TASK_KEYWORDS,
  TOP_KEYWORDS,
  UNITS,
  keywordInfo,
  type Keyword,
} from './keywords.js';
import type { Completion, CompletionItem, CompletionKind, Hover, Lang, SymbolKindName } from './types.js';

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const IDENT = /[\p{L}\p{N}_·]/u;

function identAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (isHigh(c) || isLow(c)) return true; // a character outside the BMP (rare CJK): part of a name
  return IDENT.test(text[i]!);
}

/** The name under (or just before) an offset: letters, digits, `_`, `·`, and `.` inside a task number. */
export function wordAt(text: string, offset: number): { word: string; start: number; end: number } | null {
  let s = offset,
    e = offset;
  const inner = (i: number): boolean =>
    identAt(text, i) || (text[i] === '.' && identAt(text, i - 1) && identAt(text, i + 1));
  while (s > 0 && inner(s - 1)) s--;
  while (e < text.length && inner(e)) e++;
  if (s === e) return null;
  return { word: text.slice(s, e), start: s, end: e };
}

// ---------------------------------------------------------------- context

type Block = 'top' | 'plan' | 'group' | 'rule' | 'task' | 'scheme';

interface Context {
  block: Block;
  /** Inside a string or a comment: nothing to complete. */
  inText: boolean;
  /** The words of the current line before the word being typed (strings kept as one token). */
  before: string[];
  /** Start of the word being typed. */
  from: number;
  prefix: string;
}

const BLOCK_OF: Record<string, Block> = {
  方案: 'plan',
  plan: 'plan',
  领导小组: 'group',
  小组: 'group',
  group: 'group',
  规则: 'rule',
  rule: 'rule',
  任务: 'task',
  task: 'task',
  考核: 'scheme',
  scoring: 'scheme',
  分组: 'scheme',
  section: 'scheme',
  加分项: 'scheme',
  bonus: 'scheme',
};

/** The innermost open block before `offset`, skipping strings and comments. */
function openBlock(text: string, offset: number): Block {
  const stack: number[] = [];
  for (let i = 0; i < offset; i++) {
    const c = text[i]!;
    if (c === '"') {
      i++;
      while (i < offset && text[i] !== '"' && text[i] !== '\n') {
        if (text[i] === '\\') i++;
        i++;
      }
      continue;
    }
    if (c === '“') {
      while (i < offset && text[i] !== '”' && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < offset && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const j = text.indexOf('*/', i + 2);
      if (j < 0 || j >= offset) return blockAt(text, stack);
      i = j + 1;
      continue;
    }
    if (c === '{' || c === '｛') stack.push(i);
    else if ((c === '}' || c === '｝') && stack.length) stack.pop();
  }
  return blockAt(text, stack);
}

function blockAt(text: string, stack: number[]): Block {
  const at = stack[stack.length - 1];
  if (at === undefined) return 'top';
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const first = /^[\s\u3000]*([^\s\u3000{｛"“]+)/u.exec(text.slice(lineStart, at))?.[1] ?? '';
  return BLOCK_OF[first] ?? 'top';
}

/** Splits a line prefix into words: strings stay whole, punctuation stands alone. */
function tokens(s: string): string[] {
  const out: string[] = [];
  const re = /"(?:\\.|[^"\\])*"?|“[^”]*”?|\/\/.*$|[\p{L}\p{N}_·.%‰]+|>=|<=|!=|[^\s\u3000]/gu;
  for (const m of s.matchAll(re)) if (!m[0].startsWith('//')) out.push(m[0]);
  return out;
}

function contextAt(text: string, offset: number): Context {
  let from = offset;
  while (from > 0 && identAt(text, from - 1)) from--;
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const line = text.slice(lineStart, from);
  const inText = /^(?:[^"“/]|"(?:\\.|[^"\\])*"|“[^”]*”|\/(?![/*]))*(?:"(?:\\.|[^"\\])*|“[^”]*|\/\/.*|\/\*.*)$/u.test(
    line,
  );
  return { block: openBlock(text, lineStart), inText, before: tokens(line), from, prefix: text.slice(from, offset) };
}

// ---------------------------------------------------------------- completion

export interface LanguageState {
  index: ReadonlyMap<string, Decl>;
  ir: PlanIR | null;
  report: PlanReport | null;
  /** Texts of the files the index was built from (for definitions' source). */
  text(file: string): string | null;
  eventTypes: readonly string[];
  /** How a file is named to a person (the server's absolute paths shown from the workspace folder). */
  show?: (file: string) => string;
}

const kwItem = (k: Keyword, lang: Lang, kind: CompletionKind = 'keyword', rank = '1'): CompletionItem[] => {
  const zh = lang === 'zh';
  const doc = zh ? k.doc : k.docEn;
  const items: CompletionItem[] = [
    {
      label: k.zh,
      kind,
      detail: `${k.en} · ${doc}`,
      sortText: `${zh ? rank : '3'}${k.zh}`,
      ...(k.snippet ? { insertText: k.snippet.zh, snippet: true } : {}),
    },
    {
      label: k.en,
      kind,
      detail: `${k.zh} · ${doc}`,
      sortText: `${zh ? '3' : rank}${k.en}`,
      ...(k.snippet ? { insertText: k.snippet.en, snippet: true } : {}),
    },
  ];
  for (const a of k.alt ?? []) items.push({ label: a, kind, detail: `${k.zh} · ${doc}`, sortText: `4${a}` });
  return items;
};

const OWNER_WORDS = new Set(['责任人', '分管领导', 'owner']);
const DEPT_WORDS = new Set(['责任部门', 'departments']);
const MEMBER_WORDS = new Set(['组长', '副组长', '成员', '主任', 'leader', 'deputy', 'member', 'director']);
const EVENT_WORDS = new Set(['有', '无', '事件', '之后有', 'has', 'lacks', 'events', 'followedby']);
const EVENT_CALLS = new Set(['事件数', '首次', 'eventcount', 'first']);
const EXPR_STARTS = new Set([
  '指标',
  'indicator',
  '集合',
  'set',
  '字段',
  'field',
  '适用',
  'applies',
  '条件',
  'condition',
  '提示',
  'advisory',
  '当',
  'when',
  '检查',
  'check',
]);
const LIST_SEP = new Set([',', '，', '、']);

/** The last keyword of `words` that is one of `set`, with the words after it. */
function after(words: string[], set: ReadonlySet<string>): string[] | null {
  for (let i = words.length - 1; i >= 0; i--) if (set.has(words[i]!)) return words.slice(i + 1);
  return null;
}

/** After a list keyword: only names and separators follow (so the cursor is still in the list). */
function inList(rest: string[] | null): boolean {
  if (rest === null) return false;
  return (
    rest.every((w, i) => (i % 2 === 0 ? !LIST_SEP.has(w) : LIST_SEP.has(w))) &&
    (rest.length === 0 || LIST_SEP.has(rest[rest.length - 1]!))
  );
}

/**
 * What may be typed at `offset`. `auto`: asked because a trigger character was typed (a space, a comma):
 * only contexts that expect a name answer then, so typing prose does not pop up keyword lists.
 */
export function complete(state: LanguageState, text: string, offset: number, lang: Lang, auto = false): Completion {
  const ctx = contextAt(text, offset);
  if (ctx.inText) return result([], text, ctx);
  const zh = lang === 'zh';
  const items: CompletionItem[] = [];
  const names = (kinds: SymbolKindName[], rank = '0'): void => {
    for (const d of state.index.values()) {
      if (!kinds.includes(d.kind)) continue;
      items.push({
        label: d.name,
        kind: completionKind(d.kind),
        detail: `${kindName(d.kind, lang)}${d.title ? ` · ${d.title}` : ''}`,
        sortText: `${rank}${d.library ? '1' : '0'}${d.name}`,
      });
    }
  };
  const words = (list: readonly string[], kind: CompletionKind, detail: string, rank = '0'): void => {
    for (const w of list) items.push({ label: w, kind, detail, sortText: `${rank}${w}` });
  };
  const eventTypes = (): void =>
    words([...new Set([...EVENT_TYPES, ...state.eventTypes])], 'eventType', zh ? '事件类型' : 'event type');
  const fields = (rank = '0'): void => {
    for (const f of CASE_FIELDS) {
      items.push({
        label: zh ? f.zh : f.en,
        kind: 'field',
        detail: `${zh ? '案件字段' : 'case field'} · ${zh ? f.en : f.zh} (${f.type})`,
        sortText: `${rank}${f.zh}`,
      });
      items.push({
        label: zh ? f.en : f.zh,
        kind: 'field',
        detail: `${zh ? '案件字段' : 'case field'} · ${zh ? f.zh : f.en}`,
        sortText: `3${f.en}`,
      });
    }
    names(['field', 'set'], rank);
  };
  const expression = (): void => {
    fields();
    names(['indicator', 'rule'], '2');
    for (const k of EXPR_KEYWORDS)
      items.push(...kwItem(k, lang, EXPR_KEYWORDS.indexOf(k) < 3 ? 'function' : 'keyword', '1'));
  };
  const b = ctx.before;
  const first = b[0];
  const prev = b[b.length - 1];

  if (b.length === 0) {
    if (auto) return result(items, text, ctx);
    const list =
      ctx.block === 'plan'
        ? PLAN_KEYWORDS
        : ctx.block === 'group'
          ? GROUP_KEYWORDS
          : ctx.block === 'rule'
            ? RULE_KEYWORDS
            : ctx.block === 'task'
              ? TASK_KEYWORDS
              : ctx.block === 'scheme'
                ? SCHEME_KEYWORDS.slice(0, 5)
                : TOP_KEYWORDS;
    for (const k of list) items.push(...kwItem(k, lang));
    return result(items, text, ctx);
  }
  // Literal values after a comparison with a field of a closed vocabulary.
  if (prev && ['=', '!=', '≠', '(', '（', ','].includes(prev)) {
    const subject = b
      .slice(0, -1)
      .reverse()
      .find((w) => /\p{L}/u.test(w));
    if (subject === '结案方式' || subject === 'closure') {
      words([...CLOSURES, '终本'], 'keyword', zh ? '结案方式' : 'closure');
      return result(items, text, ctx);
    }
    if (subject === '类型' || subject === 'type') {
      const inEvent = b.some((w) => EVENT_WORDS.has(w) || EVENT_CALLS.has(w));
      if (inEvent) eventTypes();
      else words(CASE_TYPES, 'keyword', zh ? '案件类型' : 'case type');
      return result(items, text, ctx);
    }
  }
  // A score item's rule (`项目 结案 10分 : …`): indicators, targets and the rule words.
  if (ctx.block === 'scheme' && (first === '项目' || first === 'item') && (b.includes(':') || b.includes('：'))) {
    names(['indicator', 'target']);
    for (const k of SCHEME_KEYWORDS.slice(5)) items.push(...kwItem(k, lang));
    return result(items, text, ctx);
  }
  // Owners: people and roles (a milestone's owners too).
  const owners = after(b, OWNER_WORDS);
  if (inList(owners)) {
    names(['role', 'person']);
    return result(items, text, ctx);
  }
  if (inList(after(b, DEPT_WORDS))) {
    names(['department']);
    return result(items, text, ctx);
  }
  if (ctx.block === 'group' && first && MEMBER_WORDS.has(first) && inList(b.slice(1))) {
    names(['person']);
    return result(items, text, ctx);
  }
  if ((first === '角色' || first === 'role') && (b.includes('=') || b.includes('＝'))) {
    names(['person']);
    return result(items, text, ctx);
  }
  if (
    (first === '法院' || first === 'court') &&
    (ctx.block === 'plan' ? inList(b.slice(1)) : b.includes('上级') || b.includes('parent'))
  ) {
    names(['court']);
    return result(items, text, ctx);
  }
  if (ctx.block === 'task' && (first === '检查' || first === 'check') && b.length === 1) {
    names(['rule']);
    return result(items, text, ctx);
  }
  if (ctx.block === 'task' && (first === '阶段' || first === 'phase') && b.length === 1) {
    names(['phase']);
    return result(items, text, ctx);
  }
  // Event types: after 有/无/事件/之后有, inside 事件数(…)/首次(…), and after 、 or | in a type list.
  if (prev && (EVENT_WORDS.has(prev) || ((prev === '(' || prev === '（') && EVENT_CALLS.has(b[b.length - 2] ?? '')))) {
    eventTypes();
    return result(items, text, ctx);
  }
  if (prev === '、' || prev === '|') {
    const before = b[b.length - 2] ?? '';
    if ((EVENT_TYPES as readonly string[]).includes(before) || state.eventTypes.includes(before)) {
      eventTypes();
      return result(items, text, ctx);
    }
  }
  // After 其中 in an event context: event fields first.
  if (prev === '其中' || prev === 'where') {
    if (b.some((w) => EVENT_WORDS.has(w) || EVENT_CALLS.has(w))) {
      for (const f of EVENT_FIELDS)
        items.push({
          label: zh ? f.zh : f.en,
          kind: 'field',
          detail: `${zh ? '事件字段' : 'event field'} · ${zh ? f.en : f.zh}`,
          sortText: `0${f.zh}`,
        });
    }
    if (b.includes('人员配置') || b.includes('staffing')) {
      for (const f of STAFFING_FIELDS)
        items.push({
          label: zh ? f.zh : f.en,
          kind: 'field',
          detail: zh ? '人员配置字段' : 'staffing field',
          sortText: `0${f.zh}`,
        });
    }
    expression();
    return result(items, text, ctx);
  }
  // Targets: `目标 NAME : INDICATOR op VALUE modifiers`, in a task also `目标 NAME` (a link) or inline.
  if (first === '目标' || first === 'target') {
    const colon = b.findIndex((w) => w === ':' || w === '：');
    const spec = colon >= 0 ? b.slice(colon + 1) : ctx.block === 'task' ? b.slice(1) : null;
    if (spec && spec.length === 0) {
      names(['indicator']);
      if (ctx.block === 'task' && colon < 0) names(['target'], '1');
      return result(items, text, ctx);
    }
    if (spec && spec.length >= 2) {
      if (/\d$/.test(prev ?? '')) words(UNITS, 'unit', zh ? '单位' : 'unit', '0');
      for (const k of TARGET_KEYWORDS) items.push(...kwItem(k, lang));
      return result(items, text, ctx);
    }
    return result(items, text, ctx);
  }
  if (ctx.block === 'task' && (first === '节点' || first === 'milestone')) {
    const when = after(b, new Set(['当', 'when']));
    if (when !== null) {
      expression();
      names(['set'], '0');
      for (const k of TARGET_KEYWORDS.slice(2, 5)) items.push(...kwItem(k, lang));
      return result(items, text, ctx);
    }
    for (const k of [
      ...TASK_KEYWORDS.filter((k) => ['完成', '责任人'].includes(k.zh)),
      ...OTHER_KEYWORDS.filter((k) => ['当', '持续'].includes(k.zh)),
    ])
      items.push(...kwItem(k, lang));
    return result(items, text, ctx);
  }
  if (ctx.block === 'task' && (first === '完成' || first === '期限' || first === 'due') && b.length === 1) {
    items.push(...kwItem(OTHER_KEYWORDS.find((k) => k.zh === '持续')!, lang));
    return result(items, text, ctx);
  }
  if (first && (EXPR_STARTS.has(first) || b.includes('=') || b.includes(':') || b.includes('：'))) {
    if (auto && prev !== '(' && prev !== '（' && prev !== '=' && prev !== ',') return result(items, text, ctx);
    expression();
    return result(items, text, ctx);
  }
  // Anywhere else: every name, and every keyword.
  if (auto) return result(items, text, ctx);
  names(
    ['person', 'role', 'department', 'indicator', 'court', 'rule', 'target', 'phase', 'set', 'field', 'group'],
    '0',
  );
  for (const k of [...EXPR_KEYWORDS, ...TARGET_KEYWORDS, ...OTHER_KEYWORDS])
    items.push(...kwItem(k, lang, 'keyword', '2'));
  return result(items, text, ctx);
}

function result(items: CompletionItem[], text: string, ctx: Context): Completion {
  const lines = new LineMap(text.slice(0, ctx.from));
  const p = lines.position(ctx.from);
  // One item per label (a person named twice, a keyword in two lists).
  const seen = new Set<string>();
  const unique = items.filter((i) => !seen.has(i.label) && Boolean(seen.add(i.label)));
  return { items: unique, from: { line: p.line, character: p.column } };
}

const KIND_ZH: Record<SymbolKindName, [string, string]> = {
  plan: ['方案', 'plan'],
  court: ['法院', 'court'],
  person: ['人员', 'person'],
  role: ['角色', 'role'],
  department: ['部门', 'department'],
  group: ['小组', 'group'],
  phase: ['阶段', 'phase'],
  field: ['字段', 'field'],
  set: ['集合', 'set'],
  indicator: ['指标', 'indicator'],
  rule: ['规则', 'rule'],
  target: ['目标', 'target'],
  task: ['任务', 'task'],
  milestone: ['节点', 'milestone'],
  fact: ['事实', 'fact'],
};

export function kindName(k: SymbolKindName, lang: Lang): string {
  return KIND_ZH[k][lang === 'zh' ? 0 : 1];
}

function completionKind(k: SymbolKindName): CompletionKind {
  switch (k) {
    case 'person':
    case 'role':
    case 'department':
    case 'indicator':
    case 'court':
    case 'rule':
    case 'target':
    case 'phase':
    case 'set':
    case 'field':
    case 'group':
      return k;
    default:
      return 'keyword';
  }
}

// ---------------------------------------------------------------- hover

export function hover(state: LanguageState, text: string, offset: number, lang: Lang): Hover | null {
  const w = wordAt(text, offset);
  if (!w) return null;
  const lines = new LineMap(text);
  const range = rangeOf(lines, [w.start, w.end]);
  const md = describe(state, w.word, lang);
  return md ? { markdown: md, range } : null;
}

const esc = (s: string): string => s.replace(/[\\`*_{}[\]<>|]/g, (c) => `\\${c}`);

function describe(state: LanguageState, word: string, lang: Lang): string[] | null {
  const zh = lang === 'zh';
  const st = (s: string): string => statusText(s, lang);
  const d = state.index.get(word);
  const r = state.report;
  const ir = state.ir;
  if (d) {
    const head = `**${esc(d.name)}** · ${kindName(d.kind, lang)}${d.title ? ` · ${esc(d.title)}` : ''}`;
    const out = [head];
    const src = state.text(d.file);
    switch (d.kind) {
      case 'indicator': {
        if (src) out.push('```luoshi\n' + src.slice(d.range[0], d.range[1]).trim() + '\n```');
        const rep = r?.indicators.find((i) => i.name === d.name);
        if (rep && r) {
          const rows = Object.entries(rep.courts)
            .filter(([, f]) => f.value !== null)
            .slice(0, 12)
            .map(
              ([c, f]) =>
                `| ${esc(c)} | ${formatValue(f.value, rep.unit)} | ${num(f.numerator)}${f.denominator !== null ? ` / ${num(f.denominator)}` : ''} |`,
            );
          out.push(
            `${zh ? '截至' : 'as of'} ${r.asOf}：**${formatValue(rep.overall.value, rep.unit)}**${rep.overall.denominator !== null ? ` (${num(rep.overall.numerator)} / ${num(rep.overall.denominator)})` : ''}`,
          );
          if (rows.length)
            out.push(
              `| ${zh ? '法院' : 'court'} | ${zh ? '值' : 'value'} | ${zh ? '分子/分母' : 'num/den'} |\n|---|---|---|\n${rows.join('\n')}`,
            );
        }
        const targets = ir?.targets.filter((t) => t.indicator === d.name) ?? [];
        if (targets.length)
          out.push(
            `${zh ? '目标' : 'targets'}：${targets.map((t) => `${esc(t.id)} ${t.op} ${t.stages.map((s) => s.display).join(' → ')}`).join('；')}`,
          );
        break;
      }
      case 'person':
      case 'role': {
        if (d.kind === 'role') {
          const role = ir?.roles.find((x) => x.name === d.name);
          const held = role?.byCourt.length
            ? role.byCourt.map((c) => `${c.holders.map(esc).join('、')} @ ${esc(c.court)}`)
            : (role?.holders.map(esc) ?? []);
          out.push(
            held.length ? `${zh ? '担任' : 'held by'}：${held.join('、')}` : zh ? '⚠ 未指定担任人员' : '⚠ no holder',
          );
        }
        const tasks = ownedTasks(state, d.name, d.kind);
        if (tasks.length) {
          out.push(
            `${zh ? '负责的任务' : 'tasks'}（${tasks.length}）：\n\n${tasks
              .slice(0, 15)
              .map(
                (t) =>
                  `- ${t.lead ? (zh ? '牵头' : 'lead') : zh ? '协办' : 'co-owner'} **${esc(t.id)}** ${esc(t.title)}${t.status ? ` — ${st(t.status)}` : ''}${t.via ? ` (${zh ? '经' : 'via'} ${esc(t.via)})` : ''}`,
              )
              .join('\n')}`,
          );
        } else out.push(zh ? '没有负责的任务' : 'no tasks');
        break;
      }
      case 'target': {
        const t = r?.targets.find((x) => x.id === d.name);
        if (src) out.push('```luoshi\n' + src.slice(d.range[0], d.range[1]).trim() + '\n```');
        if (t && r) {
          const value = esc(targetBasis(t, r.asOf, lang));
          out.push(
            `${zh ? '截至' : 'as of'} ${r.asOf}：**${st(t.status)}** · ${value}${t.lagging.length ? ` · ${zh ? '落后' : 'lagging'}：${t.lagging.slice(0, 6).map(esc).join('、')}` : ''}`,
          );
        }
        break;
      }
      case 'task': {
        const t = r?.tasks.find((x) => x.id === d.name);
        const it = ir?.tasks.find((x) => x.id === d.name);
        if (it)
          out.push(
            `${zh ? '责任人' : 'owners'}：${it.owners.map((o) => esc(o.name)).join('、') || '—'} · ${zh ? '完成' : 'due'}：${it.dueText ?? it.due ?? '—'}`,
          );
        if (t)
          out.push(
            `${zh ? '状态' : 'status'}：**${st(t.status)}**${t.milestones.length ? `\n\n${t.milestones.map((m) => `- ${esc(m.text)} (${m.dueText}) — ${st(m.status)}`).join('\n')}` : ''}`,
          );
        break;
      }
      case 'court': {
        const c = ir?.courts.find((x) => x.name === d.name);
        const row = c && r?.courts.find((x) => x.court === c.fullName);
        if (row) out.push(row.targets.map((t) => `- ${esc(t.target)}：${st(t.status)}`).join('\n') || '');
        break;
      }
      case 'department': {
        const dep = r?.departments.find((x) => x.name === d.name);
        if (dep)
          out.push(`${zh ? '任务' : 'tasks'}：${dep.tasks.map((t) => `${esc(t.id)} ${st(t.status)}`).join('、')}`);
        break;
      }
      case 'rule': {
        if (src) out.push('```luoshi\n' + src.slice(d.range[0], d.range[1]).trim() + '\n```');
        const rr = r?.rules.find((x) => x.rule === d.name);
        if (rr)
          out.push(
            `${zh ? '检查' : 'checked'} ${num(rr.checked)}，${zh ? '不合格' : 'failed'} **${num(rr.failed)}**，${zh ? '提示' : 'warned'} ${num(rr.warned)}`,
          );
        break;
      }
      case 'set':
      case 'field':
      case 'phase':
      case 'fact':
      case 'group':
      case 'plan':
        if (src)
          out.push('```luoshi\n' + src.slice(d.range[0], Math.min(d.range[1], d.range[0] + 600)).trim() + '\n```');
        break;
      default:
        break;
    }
    out.push(`*${esc(state.show?.(d.file) ?? d.file)}*`);
    return out;
  }
  if ((EVENT_TYPES as readonly string[]).includes(word) || state.eventTypes.includes(word))
    return [`**${esc(word)}** · ${zh ? '事件类型' : 'event type'}`];
  const f = CASE_FIELDS.find((x) => x.zh === word || x.en === word);
  if (f) return [`**${f.zh}** / ${f.en} · ${zh ? '案件字段' : 'case field'} (${f.type})`];
  const k = keywordInfo(word);
  if (k) return [`**${k.zh}** / ${k.en}`, zh ? k.doc : k.docEn];
  return null;
}

function num(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(2);
}

interface OwnedTask {
  id: string;
  title: string;
  status: string | null;
  lead: boolean;
  via: string | null;
}

function ownedTasks(state: LanguageState, name: string, kind: 'person' | 'role'): OwnedTask[] {
  const ir = state.ir;
  if (!ir) return [];
  const out: OwnedTask[] = [];
  for (const t of ir.tasks) {
    const i = t.owners.findIndex((o) =>
      kind === 'role' ? o.name === name : o.name === name || o.holders.includes(name),
    );
    if (i < 0) continue;
    const o = t.owners[i]!;
    const status = state.report?.tasks.find((x) => x.id === t.id)?.status ?? null;
    out.push({
      id: t.id,
      title: t.title,
      status,
      lead: i === 0,
      via: kind === 'person' && o.kind === 'role' ? o.name : null,
    });
  }
  return out;
}

// ---------------------------------------------------------------- definition

export function definition(
  state: LanguageState,
  text: string,
  offset: number,
): { file: string; range: [number, number] } | null {
  const w = wordAt(text, offset);
  if (!w) return null;
  const d = state.index.get(w.word);
  return d ? { file: d.file, range: d.nameRange } : null;
}
