// docs/language.md is the reference a clerk learns from, so it must be true: every ```plan example compiles
// without errors, every ```plan-error example reports the codes it names, the diagnostics table is the one
// generated from codes.ts, and every keyword, unit, case field and event type of the language is in it.
// `UPDATE_DOCS=1 npx vitest run test/language` rewrites the diagnostics table.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/check/compile.js';
import { CODES } from '../../src/engine/diagnostics/codes.js';
import { CASE_FIELDS, EVENT_FIELDS, EVENT_TYPES } from '../../src/engine/domain/vocabulary.js';
import { memoryHost, ROOT } from '../corpus/host.js';
import { HELP, renderDiagnosticTable, TABLE_END, TABLE_START } from './diagnostic-table.js';
import { GRAMMAR, grammarRules, literalsOf } from './grammar-text.js';

const DOC = join(ROOT, 'docs', 'language.md');
let doc = readFileSync(DOC, 'utf8');

interface Block {
  info: string;
  code: string;
  line: number;
}

function fencedBlocks(text: string): Block[] {
  const out: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    out.push({ info: `${open[1]}${open[2]}`.trim(), code: body.join('\n'), line: start + 1 });
  }
  return out;
}

/** The text of a section of the doc: from its `## N.` heading to the next `## `. */
function section(n: number): string {
  const start = doc.indexOf(`\n## ${n}.`);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

/** Every word written in backticks in a text. */
function backticked(text: string): Set<string> {
  const words = new Set<string>();
  for (const m of text.matchAll(/`([^`]+)`/g)) for (const w of m[1]!.split(/\s+/)) if (w) words.add(w);
  return words;
}

const blocks = fencedBlocks(doc);
const examples = blocks.filter((b) => b.info === 'plan');
const errorExamples = blocks.filter((b) => b.info.startsWith('plan-error'));

function compileExample(code: string): ReturnType<typeof compile> {
  return compile('example.plan', memoryHost({ 'example.plan': code }));
}

describe('the examples of docs/language.md', () => {
  it('has an example for every construct', () => {
    expect(examples.length).toBeGreaterThanOrEqual(25);
    const all = examples.map((b) => b.code).join('\n');
    for (const kw of [
      '导入',
      '方案',
      '法院',
      '人员',
      '领导小组',
      '角色',
      '部门',
      '阶段',
      '字段',
      '集合',
      '指标',
      '规则',
      '目标',
      '任务',
      '事实',
      '说明',
      '节点',
      '每月',
      '不定期',
      '检查',
      '力争',
      '每个法院',
      '其中',
      '有',
      '事件数',
      '首次',
      '之后有',
      '符合',
      '属于',
      '包含',
      '为空',
      '求和',
      '平均',
    ]) {
      expect(all, kw).toContain(kw);
    }
  });

  it.each(examples.map((b) => [b.line, b.code]))('```plan at line %i compiles without errors', (_line, code) => {
    const r = compileExample(code);
    expect(
      r.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1} ${d.code} ${d.message}`),
    ).toEqual([]);
  });

  it.each(errorExamples.map((b) => [b.line, b.info, b.code]))(
    '```plan-error at line %i reports what it says (%s)',
    (_line, info, code) => {
      const want = info.split(/\s+/).slice(1).sort();
      expect(want.length).toBeGreaterThan(0);
      const got = [
        ...new Set(
          compileExample(code)
            .diagnostics.filter((d) => d.severity === 'error')
            .map((d) => d.code),
        ),
      ].sort();
      expect(got).toEqual(want);
    },
  );
});

describe('the diagnostics table of docs/language.md', () => {
  it('explains every code of codes.ts', () => {
    expect(Object.keys(HELP).sort()).toEqual(Object.keys(CODES).sort());
  });

  it('is the table generated from codes.ts', () => {
    const table = renderDiagnosticTable();
    const start = doc.indexOf(TABLE_START),
      end = doc.indexOf(TABLE_END);
    expect(start, 'the table markers are in the doc').toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    if (process.env.UPDATE_DOCS === '1') {
      doc = doc.slice(0, start) + table + doc.slice(end + TABLE_END.length);
      writeFileSync(DOC, doc);
    }
    expect(doc.slice(doc.indexOf(TABLE_START), doc.indexOf(TABLE_END) + TABLE_END.length)).toBe(table);
  });

  it('lists every code of codes.ts with its severity', () => {
    for (const [code, info] of Object.entries(CODES)) {
      expect(doc, code).toMatch(new RegExp(`\\| ${code} \\| [^|]*${info.severity} \\|`));
    }
  });
});

describe('the keyword, unit and vocabulary tables of docs/language.md', () => {
  const rules = grammarRules();

  it('lists every keyword of the grammar in §9, Chinese and English', () => {
    // The keyword rules the grammar uses (a rule defined but never referenced is no keyword of the language).
    const used = (n: string): boolean => GRAMMAR.split(n).length > 2;
    const names = [...rules.keys()]
      .filter((n) => n.startsWith('KW_') && used(n))
      .concat([
        'PlanStringKey',
        'PlanDateKey',
        'CourtLevel',
        'GroupRole',
        'TypeName',
        'RuleCondKeyword',
        'RecurKeyword',
        'AggregateName',
        'BoolOrNull',
      ]);
    const words = backticked(section(9));
    const missing = names.flatMap((n) =>
      literalsOf(rules.get(n)!)
        .filter((w) => /^\p{L}+$/u.test(w) && !words.has(w))
        .map((w) => `${n}: ${w}`),
    );
    expect(missing).toEqual([]);
  });

  it('lists every unit of the grammar in §2', () => {
    const words = backticked(section(2));
    const missing = literalsOf(rules.get('Unit')!).filter(
      (u) => !words.has(u) && ![...words].some((w) => w.endsWith(u)),
    );
    expect(missing).toEqual([]);
  });

  it('lists every case field, event field and event type in §5', () => {
    const s = section(5);
    for (const f of [...CASE_FIELDS, ...EVENT_FIELDS]) {
      expect(s, f.zh).toContain(f.zh);
      expect(s, f.en).toContain(f.en);
    }
    for (const t of EVENT_TYPES) expect(s, t).toContain(`\`${t}\``);
  });
});
