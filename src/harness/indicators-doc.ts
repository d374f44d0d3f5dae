// docs/indicators.md, generated from the standard library (policies/std): every indicator with its title,
// definition in words (the indicator's description string), formula as written, unit and the window
// bounds it depends on; then the sets, fields and rules the formulas use. `npm run docs:indicators`
// writes the file (scripts/docs-indicators.js); test/docs/indicators-doc.test.ts checks it is current.
import { basename } from 'node:path';
import { compile } from '../engine/check/compile.js';
import type { IRExpr, IRIndicator, PlanIR } from '../engine/ir/types.js';
import type { Program, Range, Statement } from '../engine/syntax/ast.js';
import { parsePlan } from '../engine/syntax/parse.js';
import { listPlanFiles, nodeHost, PACKAGE_ROOT, readText, STD_DIR, displayPath } from './host.js';

export const INDICATORS_DOC = 'docs/indicators.md';

interface StdFile {
  path: string;
  source: string;
  program: Program;
}

/** The text of a node as written, with the indentation of continuation lines removed. */
function written(source: string, [start, end]: Range): string {
  return source
    .slice(start, end)
    .split('\n')
    .map((l, k) => (k === 0 ? l : l.trim()))
    .join('\n')
    .trim();
}

type WindowWhich = 'start' | 'end' | 'asOf';

/** The window bounds an (inlined) IR expression refers to, and whether it reads staffing data. */
function windowUse(expr: unknown): { bounds: Set<WindowWhich>; staffing: boolean } {
  const bounds = new Set<WindowWhich>();
  let staffing = false;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.op === 'window' && typeof o.which === 'string') bounds.add(o.which as WindowWhich);
    if (o.op === 'inWindow') {
      bounds.add('start');
      bounds.add('end');
    }
    if (o.domain === 'staffing') staffing = true;
    for (const k of Object.keys(o)) walk(o[k]);
  };
  walk(expr);
  return { bounds, staffing };
}

const BOUND_TEXT: Record<WindowWhich, string> = { start: '窗口起', end: '窗口止', asOf: '截至日' };
const BOUND_EN: Record<WindowWhich, string> = { start: 'window start', end: 'window end', asOf: 'as-of date' };

function windowText(expr: IRExpr): string {
  const { bounds, staffing } = windowUse(expr);
  const order: WindowWhich[] = ['start', 'end', 'asOf'];
  const used = order.filter((w) => bounds.has(w));
  const parts = used.map((w) => `${BOUND_TEXT[w]} / ${BOUND_EN[w]}`);
  if (staffing) parts.push('截至日前最近一次人员数据 / the latest staffing on or before the as-of date');
  return parts.length ? parts.join('；') : '不限窗口 / not limited by the window';
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function readStd(): StdFile[] {
  return listPlanFiles(STD_DIR).map((abs) => {
    const path = displayPath(PACKAGE_ROOT, abs);
    const source = readText(abs) ?? '';
    return { path, source, program: parsePlan(path, source).program };
  });
}

function statements(files: StdFile[]): Array<{ file: StdFile; node: Statement }> {
  const out: Array<{ file: StdFile; node: Statement }> = [];
  for (const file of files)
    for (const item of file.program.items) if (item.kind !== 'Error') out.push({ file, node: item });
  return out;
}

const lineOf = (source: string, offset: number): number => source.slice(0, offset).split('\n').length;

/** The Markdown of docs/indicators.md. Throws when std does not compile or an indicator has no description. */
export function indicatorsDoc(): string {
  const files = readStd();
  const entry = files.find((f) => basename(f.path) === 'indicators.plan');
  if (!entry) throw new Error(`${STD_DIR}: no indicators.plan`);
  const result = compile(entry.path, nodeHost(PACKAGE_ROOT));
  if (result.errorCount > 0) throw new Error(`${entry.path}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  const ir: PlanIR = result.ir;
  const byName = new Map<string, IRIndicator>(ir.indicators.map((i) => [i.name, i]));
  const stmts = statements(files);

  const out: string[] = [];
  out.push('# 标准指标 / Standard indicators', '');
  out.push(
    `<!-- 由 \`npm run docs:indicators\` 从 policies/std 生成，请勿手改。 Generated from policies/std by \`npm run docs:indicators\`; do not edit by hand. -->`,
    '',
  );
  out.push(
    '标准指标库（`std`）的每个指标：名称、标题、文字定义、公式（按计划语言原文）、单位，以及它用到的窗口边界。',
    '方案中以同名“指标/集合/字段”重新定义即采用本院口径（方案中的定义优先于本库）。',
    '',
    'Every indicator of the standard library (`std`): name, title, definition in words, formula as written in the plan',
    'language, unit, and the window bounds it uses. A plan that defines an indicator, set or field of the same name',
    'uses its own definition instead.',
    '',
    '窗口 W = [窗口起, 窗口止]，窗口止 = min(截至日, 统计期间终点)；窗口由使用指标的目标决定（方案期间或“每年”）。',
    '截至日之后的一切均不可见：立案晚于截至日的案件不存在，结案晚于截至日的案件视为未结，晚于截至日的事件视为未发生。',
    '截至日早于窗口起时窗口为空，受理、旧存等各项计数均为 0（旧存须至窗口起仍未结，此时尚无从知道）。',
    '',
    'The window W = [window start, window end], window end = min(as-of date, end of the period); the target that',
    "uses an indicator decides the period (the plan's period, or 每年 / yearly). Nothing after the as-of date is",
    'visible: a case filed later does not exist, a case closed later is open, a later event has not happened.',
    'Before the window begins (as-of date < window start) the window is empty and every count is 0, 受理 and 旧存',
    'included: a case is 旧存 only if it is still open at the window start, which cannot be known yet.',
    '',
  );

  const indicators = stmts.filter((s) => s.node.kind === 'Indicator');
  out.push('| 指标 / indicator | 标题 / title | 单位 / unit |', '|---|---|---|');
  for (const { node } of indicators) {
    if (node.kind !== 'Indicator') continue;
    const ind = byName.get(node.name.text);
    out.push(
      `| [${cell(node.name.text)}](#${anchor(node.name.text)}) | ${cell(ind?.title ?? '')} | ${cell(ind?.unit ?? '')} |`,
    );
  }
  out.push('');

  out.push('## 指标 / Indicators', '');
  for (const { file, node } of indicators) {
    if (node.kind !== 'Indicator') continue;
    const ind = byName.get(node.name.text);
    if (!ind) throw new Error(`${file.path}: indicator ${node.name.text} is not in the compiled library`);
    if (!ind.description)
      throw new Error(
        `${file.path}:${lineOf(file.source, node.range[0])}: indicator ${ind.name} has no description (its definition in words)`,
      );
    out.push(`### ${ind.name}`, '');
    if (ind.title) out.push(`**${ind.title}**`, '');
    out.push(ind.description, '');
    out.push('```', written(file.source, node.expr.range), '```', '');
    out.push(`- 单位 / unit: ${ind.unit}`);
    out.push(`- 窗口 / window: ${windowText(ind.expr)}`);
    out.push(`- 来源 / source: \`${file.path}:${lineOf(file.source, node.range[0])}\``, '');
  }

  out.push('## 集合与字段 / Sets and fields', '');
  out.push('指标公式中用到的集合与字段（原文）。 The sets and fields the formulas use, as written.', '');
  const defs = stmts.filter((s) => s.node.kind === 'SetDecl' || s.node.kind === 'Field');
  out.push('| 名称 / name | 定义 / definition | 来源 / source |', '|---|---|---|');
  for (const { file, node } of defs) {
    if (node.kind !== 'SetDecl' && node.kind !== 'Field') continue;
    const title = node.kind === 'SetDecl' && node.title ? `${node.name.text} — ${node.title.value}` : node.name.text;
    const typed = node.kind === 'Field' && node.type ? `${written(file.source, node.type.range)} ` : '';
    out.push(
      `| ${cell(`${node.kind === 'Field' ? '字段' : '集合'} ${title}`)} | \`${cell(typed + written(file.source, node.expr.range))}\` | \`${file.path}:${lineOf(file.source, node.range[0])}\` |`,
    );
  }
  out.push('');

  const rules = stmts.filter((s) => s.node.kind === 'Rule');
  if (rules.length) {
    out.push('## 规则 / Rules', '');
    for (const { file, node } of rules) {
      if (node.kind !== 'Rule') continue;
      out.push(
        `### ${node.name.text}`,
        '',
        `来源 / source: \`${file.path}:${lineOf(file.source, node.range[0])}\``,
        '',
      );
      out.push('```', file.source.slice(node.range[0], node.range[1]).trim(), '```', '');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

/** GitHub's heading anchor for a heading made of one name (lower-cased; CJK and digits kept). */
function anchor(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- ]/gu, '')
    .replace(/ /g, '-');
}
