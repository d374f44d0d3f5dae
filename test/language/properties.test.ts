// Properties of the compiler over inputs no one wrote: random plans built from the language's own pieces
// (statements with random names, dates, numbers and expressions) and random edits of real plans.
// Whatever the input: compile and parsePlan never throw; every diagnostic is well formed with its range
// inside the text and its line/column agreeing with its offset; the same input gives the same output.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../corpus/host.js';
import { compileChecked, ENTRY, expectDeterministic, parseChecked } from './invariants.js';

// ---------------------------------------------------------------- pieces of the language

const NAMES = [
  '张三',
  '吕宇',
  '分管执行工作院领导',
  '执行局',
  '结案率',
  '结案',
  '受理',
  '新收',
  '终本合格率',
  '终本条件',
  '宁波中院',
  'zhang',
  'office',
  'x',
  'a_b',
  '3日内总对总查控率',
  '7日内',
  '立案日期',
  '结案日期',
  '结案方式',
  '申请标的',
  '到位金额',
  '有财产',
  '标签',
  '日期',
  '类型',
  '承办人',
  '窗口起',
  '截至日',
  '终本',
  '首执',
  '执行完毕',
  '约谈',
  '移送公安',
  '信访',
  '其中',
  '且',
  '每年',
  '内',
  '案件',
  '事件',
  'Ω',
  '名·字',
  '_',
  '四.3',
];
const EVENT_TYPES = ['约谈', '移送公安', '纳入失信', '总对总查控', '信访', '信访办结', '未知事件', 'x'];
const UNITS = [
  '',
  '%',
  '‰',
  '件',
  '人',
  '次',
  '元',
  '万元',
  '亿元',
  '日',
  '天',
  '个月',
  '年',
  '个工作日',
  ' %',
  ' days',
  ' months',
  ' cases',
  ' yuan',
  'pct',
  '米',
];

const name = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom('甲', '乙', 'a', 'b', '_', '1', '·', '日', '件'),
      minLength: 1,
      maxLength: 6,
    }),
  },
);
const eventType = fc.constantFrom(...EVENT_TYPES);

const date = fc
  .tuple(
    fc.integer({ min: 1990, max: 2030 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 9 }),
  )
  .map(
    ([y, m, d, form]) =>
      [
        `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        `${y}-${m}-${d}`,
        `${y}-${String(m).padStart(2, '0')}`,
        `${y}年${m}月${d}日`,
        `${y}年${m}月${d}日前`,
        `${y}年${m}月${d}号`,
        `${y}年${m}月`,
        `${y}年${m}月底`,
        `${y}年`,
        `${y}年底`,
      ][form]!,
  );

const number = fc
  .tuple(fc.integer({ min: 0, max: 2000 }), fc.boolean(), fc.constantFrom(...UNITS))
  .map(([n, frac, unit]) => `${frac ? (n / 100).toFixed(2) : n}${unit}`);

const str = fc.oneof(
  fc.constantFrom('"说明"', '“全文”', '""', '"带\\"引号"', '"x"'),
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
);

const CMP = ['=', '!=', '≠', '<', '<=', '≤', '>', '>=', '≥'];

const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name,
    number,
    date,
    str,
    fc.constantFrom('真', '假', '空', 'true', 'null', '案件', 'cases', '窗口起', '截至日'),
    eventType.map((t) => `事件 ${t}`),
    fc.tuple(tie('expr'), fc.constantFrom(...CMP), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc
      .tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '×', '÷'), tie('expr'))
      .map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('expr'), fc.constantFrom('且', '或', 'and', 'or'), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('expr').map((a) => `非 ${a}`),
    tie('expr').map((a) => `-${a}`),
    tie('expr').map((a) => `(${a})`),
    tie('expr').map((a) => `计数(${a})`),
    fc.tuple(tie('expr'), tie('expr'), fc.constantFrom('求和', '平均', 'sum')).map(([a, b, f]) => `${f}(${a}, ${b})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `${a} 其中 ${b}`),
    fc
      .tuple(fc.constantFrom('有', '无'), eventType, fc.option(tie('expr')))
      .map(([h, t, p]) => `${h} ${t}${p ? ` 其中 ${p}` : ''}`),
    fc.tuple(eventType, fc.option(tie('expr'))).map(([t, p]) => `事件数(${t}${p ? ` 其中 ${p}` : ''})`),
    eventType.map((t) => `首次(${t})`),
    fc.tuple(eventType, fc.option(number)).map(([t, n]) => `之后有 ${t}${n ? ` 在 ${n} 内` : ''}`),
    name.map((r) => `符合 ${r}`),
    tie('expr').map((a) => `${a} 在 窗口`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, b, c]) => `${a} 在 ${b} 至 ${c}`),
    fc
      .tuple(tie('expr'), fc.array(tie('expr'), { minLength: 1, maxLength: 3 }))
      .map(([a, xs]) => `${a} 属于 (${xs.join(', ')})`),
    fc.tuple(tie('expr'), fc.boolean()).map(([a, not]) => `${a} ${not ? '不为空' : '为空'}`),
    fc.tuple(tie('expr'), name).map(([a, t]) => `${a} 包含 ${t}`),
  ),
}));

const targetStage = fc
  .tuple(
    fc.constantFrom('>=', '<=', '>', '<', '=', '≥'),
    number,
    fc.array(
      fc.oneof(
        number.map((n) => `力争 ${n}`),
        date.map((d) => `截至 ${d}`),
        fc.constantFrom('每个法院', '每个承办人', '每个团队', '整体', '每年', 'each court'),
        fc.tuple(date, date).map(([a, b]) => `期间 ${a} 至 ${b}`),
        expr.map((e) => `每个法院 其中 ${e}`),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([op, v, mods]) => [op, v, ...mods].join(' '));
const targetSpec = fc
  .tuple(name, fc.array(targetStage, { minLength: 1, maxLength: 3 }))
  .map(([ind, st]) => `${ind} ${st.join(', ')}`);

const taskEntry = fc.oneof(
  str.map((s) => `原文 ${s}`),
  fc.array(name, { minLength: 1, maxLength: 3 }).map((xs) => `责任人 ${xs.join(', ')}`),
  fc.array(name, { minLength: 1, maxLength: 3 }).map((xs) => `责任部门 ${xs.join('、')}`),
  date.map((d) => `完成 ${d}`),
  fc.constant('完成 持续'),
  fc
    .tuple(str, date, fc.option(expr), fc.option(name))
    .map(([s, d, c, o]) => `节点 ${s} 完成 ${d}${o ? ` 责任人 ${o}` : ''}${c ? ` 当 ${c} 每个法院` : ''}`),
  fc
    .tuple(fc.constantFrom('每月', '每季度', '每半年', '每年', '每年 元旦春节期间', '不定期'), str)
    .map(([k, s]) => `${k} ${s}`),
  name.map((n) => `目标 ${n}`),
  targetSpec.map((s) => `目标 ${s}`),
  fc.tuple(name, targetSpec).map(([n, s]) => `目标 ${n} : ${s}`),
  fc.tuple(name, fc.option(expr)).map(([r, a]) => `检查 ${r}${a ? ` 适用 ${a}` : ''}`),
  name.map((p) => `阶段 ${p}`),
  str.map((s) => `说明 ${s}`),
);

const statement = fc.oneof(
  fc
    .tuple(
      name,
      fc.array(
        fc.oneof(
          str.map((s) => `标题 ${s}`),
          date.map((d) => `发布 ${d}`),
          fc.tuple(date, date).map(([a, b]) => `期间 ${a} 至 ${b}`),
          fc.array(name, { minLength: 1, maxLength: 3 }).map((xs) => `法院 ${xs.join(', ')}`),
          fc.constantFrom('使用 std', '使用 other'),
          str.map((s) => `依据 ${s}`),
        ),
        { maxLength: 5 },
      ),
    )
    .map(([n, es]) => `方案 ${n} {\n  ${es.join('\n  ')}\n}`),
  fc
    .tuple(name, str, fc.constantFrom('', ' 基层', ' 中院', ' 高院'), fc.option(name))
    .map(([n, s, l, p]) => `法院 ${n} = ${s}${l}${p ? ` 上级 ${p}` : ''}`),
  fc
    .array(fc.tuple(name, fc.option(str)), { minLength: 1, maxLength: 3 })
    .map((xs) => `人员 ${xs.map(([n, t]) => (t ? `${n} ${t}` : n)).join(', ')}`),
  fc
    .tuple(name, fc.array(fc.tuple(fc.constantFrom('组长', '副组长', '成员', '主任'), name), { maxLength: 4 }))
    .map(([n, ms]) => `领导小组 ${n} {\n${ms.map(([r, m]) => `  ${r} ${m}`).join('\n')}\n}`),
  fc
    .tuple(name, fc.array(name, { maxLength: 2 }))
    .map(([n, hs]) => `角色 ${n}${hs.length ? ` = ${hs.join(', ')}` : ''}`),
  fc.array(name, { minLength: 1, maxLength: 3 }).map((xs) => `部门 ${xs.join(', ')}`),
  fc.tuple(name, date, date).map(([n, a, b]) => `阶段 ${n} ${a} 至 ${b}`),
  fc
    .tuple(name, fc.constantFrom('', ' 日期', ' 数值', ' 金额', ' 布尔', ' 文本'), expr)
    .map(([n, t, e]) => `字段 ${n}${t} = ${e}`),
  fc.tuple(name, expr).map(([n, e]) => `集合 ${n} = ${e}`),
  fc
    .tuple(name, fc.constantFrom('', ' (%)', ' (件)', ' (日)', ' (元)', ' (个月)'), expr)
    .map(([n, u, e]) => `指标 ${n}${u} = ${e}`),
  fc
    .tuple(name, fc.option(expr), fc.array(fc.tuple(fc.constantFrom('条件', '提示'), name, expr), { maxLength: 3 }))
    .map(
      ([n, a, cs]) =>
        `规则 ${n} {\n${a ? `  适用 ${a}\n` : ''}${cs.map(([k, c, e]) => `  ${k} ${c} : ${e}`).join('\n')}\n}`,
    ),
  fc.tuple(name, targetSpec).map(([n, s]) => `目标 ${n} : ${s}`),
  fc
    .tuple(name, str, fc.array(taskEntry, { maxLength: 6 }))
    .map(([id, t, es]) => `任务 ${id} ${t} {\n  ${es.join('\n  ')}\n}`),
  fc
    .tuple(name, fc.option(fc.oneof(number, date, str)), fc.option(name))
    .map(([n, v, c]) => `事实 ${n}${v ? ` ${v}` : ''}${c ? ` 法院 ${c}` : ''}`),
  str.map((s) => `说明 ${s}`),
  fc.constantFrom('// 注释', '/* 块注释 */', '导入 "lib.plan"', '导入 "main.plan"', '使用 std'),
);

const plan = fc
  .tuple(fc.array(statement, { maxLength: 12 }), fc.constantFrom('\n', '\n\n', '\r\n', '; ', '\n  '))
  .map(([ss, sep]) => ss.join(sep));

// ---------------------------------------------------------------- real plans and their edits

const SEEDS = readdirSync(join(ROOT, 'policies'))
  .filter((f) => f.endsWith('.plan'))
  .sort()
  .map((f) => readFileSync(join(ROOT, 'policies', f), 'utf8'));
const CORPUS_DIR = join(ROOT, 'test', 'corpus', 'cases');
const CORPUS = readdirSync(CORPUS_DIR)
  .filter((f) => f.endsWith('.plan') && !f.startsWith('nesting'))
  .sort()
  .map((f) => readFileSync(join(CORPUS_DIR, f), 'utf8'));
const REAL = [...SEEDS, ...CORPUS];

const EDIT_ALPHABET = [
  '{',
  '}',
  '｛',
  '(',
  ')',
  '（',
  '）',
  '"',
  '“',
  '”',
  ':',
  '：',
  '=',
  ',',
  '、',
  ';',
  '\n',
  '\r',
  ' ',
  '　',
  '\t',
  '\0',
  '\uFFFD',
  '\uFEFF',
  '任务',
  '目标',
  '指标',
  '其中',
  '且',
  '至',
  '2018-',
  '年',
  '月',
  '日',
  '%',
  '件',
  '责任人',
  '完成',
  '节点',
  '/*',
  '//',
  '\\',
  '0',
  '9',
  '-',
  '>=',
  '𠀀',
];

type Edit = { kind: 'insert' | 'delete' | 'replace'; at: number; len: number; text: string };
const edit = fc.record({
  kind: fc.constantFrom<Edit['kind']>('insert', 'delete', 'replace'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  len: fc.integer({ min: 1, max: 40 }),
  text: fc.oneof(fc.constantFrom(...EDIT_ALPHABET), fc.string({ maxLength: 3 })),
});

function applyEdits(text: string, edits: Edit[]): string {
  let t = text;
  for (const e of edits) {
    const at = Math.floor(e.at * t.length);
    if (e.kind === 'insert') t = t.slice(0, at) + e.text + t.slice(at);
    else if (e.kind === 'delete') t = t.slice(0, at) + t.slice(at + e.len);
    else t = t.slice(0, at) + e.text + t.slice(at + e.len);
  }
  return t;
}

const mutated = fc
  .tuple(fc.integer({ min: 0, max: REAL.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }))
  .map(([i, edits]) => applyEdits(REAL[i]!, edits));

// ---------------------------------------------------------------- properties

const RUNS = { numRuns: 150 };

describe('random plans', () => {
  it('compile never throws and every diagnostic is sound', () => {
    fc.assert(
      fc.property(plan, (text) => {
        compileChecked(text, { 'lib.plan': '人员 库中人\n' });
      }),
      RUNS,
    );
  });

  it('parsePlan never throws on any string, even lone surrogates and control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        parseChecked(text);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...EDIT_ALPHABET), maxLength: 60 }), (text) => {
        compileChecked(text);
      }),
      { numRuns: 200 },
    );
  });

  it('the same input gives the same diagnostics and IR', () => {
    fc.assert(fc.property(plan, expectDeterministic), { numRuns: 60 });
  });
});

describe('edits of real plans', () => {
  it('compile never throws and every diagnostic is sound', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        compileChecked(text);
      }),
      { numRuns: 120 },
    );
  });

  it('are deterministic', () => {
    fc.assert(fc.property(mutated, expectDeterministic), { numRuns: 30 });
  });

  it('an edit far from a diagnostic does not move it: a line added at the end keeps every position', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: REAL.length - 1 }), (i) => {
        const text = REAL[i]!.replace(/\s*$/, '');
        const before = compileChecked(text)
          .diagnostics.filter((d) => d.file === ENTRY)
          .map((d) => `${d.code}@${d.range.start.offset}`);
        const after = compileChecked(`${text}\n// 末尾的注释\n`)
          .diagnostics.filter((d) => d.file === ENTRY)
          .map((d) => `${d.code}@${d.range.start.offset}`);
        expect(after).toEqual(before);
      }),
      { numRuns: 20 },
    );
  });
});
