// Inputs no one writes on purpose but every editor sees: a huge plan, absurd nesting, binary garbage,
// every prefix of a real plan (what the compiler sees while a file is being typed or is cut off).
// The compiler must answer each with diagnostics, never a crash.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileChecked, parseChecked } from '../language/invariants.js';
import { generatePlan, rng } from './generate.js';
import { ROOT } from './host.js';

const seed = (name: string): string => readFileSync(join(ROOT, 'policies', name), 'utf8');

describe('a huge plan', () => {
  it('compiles 50,000 lines without a crash and without errors', () => {
    const text = generatePlan(50_000);
    expect(text.split('\n').length).toBeGreaterThanOrEqual(50_000);
    const t0 = performance.now();
    const r = compileChecked(text);
    const ms = performance.now() - t0;
    expect(r.errorCount).toBe(0);
    expect(r.ir.tasks.length).toBeGreaterThan(4_900);
    expect(ms).toBeLessThan(60_000);
  });

  it('reports every error of a huge plan with one error per 100 lines', () => {
    const lines = generatePlan(10_000).split('\n');
    for (let i = 50; i < lines.length; i += 100) if (lines[i]!.startsWith('  责任人')) lines[i] = '  责任人 张四';
    const r = compileChecked(lines.join('\n'));
    const e0201 = r.diagnostics.filter((d) => d.code === 'E0201');
    expect(e0201.length).toBe(lines.filter((l) => l === '  责任人 张四').length);
  });
});

describe('absurd nesting', () => {
  const deep = (open: string, inner: string, close: string, n: number): string =>
    `${open.repeat(n)}${inner}${close.repeat(n)}`;
  it.each([
    ['5,000 parentheses', `指标 甲 = ${deep('(', '计数(案件)', ')', 5000)}`],
    ['5,000 full-width parentheses', `指标 甲 = ${deep('（', '计数（案件）', '）', 5000)}`],
    ['5,000 unclosed parentheses', `指标 甲 = ${'('.repeat(5000)}1`],
    ['20,000 unary minus', `指标 甲 = ${'-'.repeat(20000)}计数(案件)`],
    ['5,000 非', `集合 甲 = 案件 其中 ${'非 '.repeat(5000)}有财产 = 真`],
    ['20,000 terms', `指标 甲 = ${Array(20000).fill('计数(案件)').join(' + ')}`],
    ['10,000 conditions', `集合 甲 = 案件 其中 ${Array(10000).fill('有财产 = 真').join(' 且 ')}`],
    ['5,000 nested where', `集合 甲 = 案件${' 其中 有财产 = 真'.repeat(5000)}`],
  ])('%s: E0006, the statements around it still compile', (_name, statement) => {
    const text = `人员 张三\n${statement}\n任务 1 "t" {\n  责任人 张三\n  完成 持续\n}\n`;
    const r = compileChecked(text);
    expect(r.diagnostics.map((d) => d.code)).toContain('E0006');
    expect(r.diagnostics.find((d) => d.code === 'E0006')!.range.start.line).toBe(1);
    expect(r.ir.tasks.map((t) => t.id)).toEqual(['1']);
    expect(r.diagnostics.filter((d) => d.range.start.line !== 1)).toEqual([]);
  });

  const chain = (n: number): { defs: string[]; use: string } => {
    const defs = ['字段 f0 日期 = 立案日期'];
    for (let i = 1; i < n; i++) defs.push(`字段 f${i} 日期 = f${i - 1} + 1日`);
    return { defs, use: `指标 x (件) = 计数(案件 其中 f${n - 1} <= 截至日)` };
  };

  it('a chain of 64 definitions each using the previous compiles, in either order', () => {
    const { defs, use } = chain(64);
    expect(compileChecked([...defs, use].join('\n')).errorCount).toBe(0);
    expect(compileChecked([use, ...defs.reverse()].join('\n')).errorCount).toBe(0);
  });

  it('a chain of 2,000 definitions: E0006 at the 65th, in either order (inlining would nest the IR 2,000 deep)', () => {
    const { defs, use } = chain(2000);
    const inOrder = compileChecked([...defs, use].join('\n'));
    // f64 = f63 + 1日 is where the limit is passed; nothing after it cascades.
    expect(inOrder.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['E0006', 64]]);
    // Declared last-first, the first use inlines the chain: it stops at the same depth.
    const reversed = compileChecked([use, ...defs.reverse()].join('\n'));
    expect(new Set(reversed.diagnostics.map((d) => d.code))).toEqual(new Set(['E0006']));
    expect(reversed.diagnostics[0]!.range.start.line).toBe(64);
  });
});

describe('binary garbage', () => {
  const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('random bytes, seed %i: no crash', (s) => {
    const r = rng(s);
    const bytes = new Uint8Array(1 + Math.floor(r() * 4000));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(r() * 256);
    const text = utf8.decode(bytes);
    const result = compileChecked(text);
    if (text.includes('\uFFFD') || text.includes('\0'))
      expect(result.diagnostics.map((d) => d.code)).toContain('E0004');
  });

  it('a real plan encoded as GBK-like bytes (every CJK character invalid): E0004, no crash', () => {
    const text = seed('xuzhou-2017.plan');
    const bytes = new TextEncoder().encode(text).map((b) => (b >= 0x80 ? b ^ 0x40 : b));
    const result = compileChecked(utf8.decode(bytes));
    expect(result.diagnostics.map((d) => d.code)).toContain('E0004');
  });

  it("random runs of the language's own punctuation and keywords", () => {
    const alphabet = [
      '{',
      '}',
      '（',
      '）',
      '(',
      ')',
      '"',
      '“',
      '”',
      ':',
      '=',
      ',',
      '、',
      ';',
      '\n',
      ' ',
      '任务',
      '目标',
      '指标',
      '其中',
      '且',
      '或',
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
      '\r',
    ];
    for (let s = 1; s <= 30; s++) {
      const r = rng(1000 + s);
      const parts: string[] = [];
      const n = Math.floor(r() * 400);
      for (let i = 0; i < n; i++) parts.push(alphabet[Math.floor(r() * alphabet.length)]!);
      compileChecked(parts.join(''));
    }
  });
});

describe('truncated plans', () => {
  // Every prefix is what the editor compiles while a plan is typed from the top, or what a cut-off file gives.
  it.each(['ningbo-2018.plan', 'xuzhou-2017.plan'])('200 prefixes of %s compile without throwing', (name) => {
    const text = seed(name);
    const r = rng(name.length);
    const cuts = new Set<number>([0, 1, text.length - 1, text.length]);
    while (cuts.size < 200) cuts.add(Math.floor(r() * text.length));
    for (const cut of [...cuts].sort((a, b) => a - b)) parseChecked(text.slice(0, cut));
    // The whole pipeline on a sample of them (binding and checking too).
    for (const cut of [...cuts].filter((_, i) => i % 5 === 0)) compileChecked(text.slice(0, cut));
  });

  it('every prefix of the standard library parses', () => {
    const text = readFileSync(join(ROOT, 'policies', 'std', 'indicators.plan'), 'utf8');
    for (let cut = 0; cut <= text.length; cut += 7) parseChecked(text.slice(0, cut));
  });
});
