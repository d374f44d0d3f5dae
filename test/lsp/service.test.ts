// The engine's language service on its own (no server, no worker): the lexical scan, semantic tokens,
// folding, references and rename's refusals, over a workspace held in memory.
import { describe, expect, it } from 'vitest';
import { DocumentWorkspace } from '../../src/engine/language/workspace.js';
import { LanguageService } from '../../src/engine/language/service.js';
import { isName, occurrences, scan } from '../../src/engine/language/tokens.js';
import { memoryHost, stdFiles } from '../corpus/host.js';

const PEOPLE = '人员 张三 "局长", 李四\n';
const MAIN = `导入 "people.plan"
/* 两行
   注释 */
任务 一.1 "清理" {
  责任人 张三、李四 // 张三 in a comment is not a use
  原文 "张三说"
  完成 2018年6月底
}
`;

function service(): { ws: DocumentWorkspace; svc: LanguageService } {
  const files = new Map<string, string>([['people.plan', PEOPLE], ['main.plan', MAIN], ...stdFiles()]);
  const ws = new DocumentWorkspace(memoryHost(files));
  ws.addEntries(['main.plan']);
  return { ws, svc: new LanguageService(ws) };
}

describe('the lexical scan', () => {
  it('keeps strings, comments, dates and task numbers whole', () => {
    const text = '任务 一.1 "清理 积案" { 完成 2018年6月底 } // 注 释\n目标 t : 率 >= 90%';
    expect(scan(text).map((t) => [t.kind, text.slice(t.start, t.end)])).toEqual([
      ['ident', '任务'],
      ['ident', '一.1'],
      ['string', '"清理 积案"'],
      ['punct', '{'],
      ['ident', '完成'],
      ['date', '2018年6月底'],
      ['punct', '}'],
      ['comment', '// 注 释'],
      ['ident', '目标'],
      ['ident', 't'],
      ['punct', ':'],
      ['ident', '率'],
      ['punct', '>'],
      ['punct', '='],
      ['number', '90%'],
    ]);
  });

  it("finds a name's uses outside strings and comments, whole words only", () => {
    expect(occurrences(MAIN, '张三').map(([a]) => MAIN.slice(a - 4, a + 2))).toEqual(['责任人 张三']);
    expect(occurrences('张三丰 张三', '张三')).toEqual([[4, 6]]);
  });

  it('knows a name from what is not one', () => {
    expect([isName('张三丰'), isName('a_b·c'), isName('张 三'), isName('1a'), isName('"x"'), isName('')]).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('the language service', () => {
  it('highlights keywords, declared names by kind, strings, comments and dates', () => {
    const { svc } = service();
    const toks = svc.semanticTokens('main.plan', MAIN).map((t) => [t.line, t.character, t.length, t.type]);
    expect(toks.slice(0, 4)).toEqual([
      [0, 0, 2, 'keyword'],
      [0, 3, 13, 'string'],
      [1, 0, 5, 'comment'],
      [2, 0, 8, 'comment'],
    ]);
    expect(toks).toContainEqual([4, 6, 2, 'person']);
    expect(toks).toContainEqual([6, 5, 8, 'date']);
  });

  it('folds blocks and multi-line comments', () => {
    expect(service().svc.folding(MAIN)).toEqual([
      { startLine: 1, endLine: 2, kind: 'comment' },
      { startLine: 3, endLine: 6 },
    ]);
  });

  it('finds references across files and refuses renames that would break the plan', () => {
    const { svc } = service();
    const at = MAIN.indexOf('张三');
    expect(svc.references('main.plan', MAIN, at, false).map((l) => [l.file, l.range.start])).toEqual([
      ['main.plan', { line: 4, character: 6 }],
    ]);
    expect(svc.references('main.plan', MAIN, at, true).map((l) => l.file)).toEqual(['main.plan', 'people.plan']);
    const refuse = (name: string): string => {
      const r = svc.rename('main.plan', MAIN, at, name);
      return r.ok ? 'ok' : r.messageEn;
    };
    expect(refuse('李四')).toBe('"李四" is already declared in people.plan');
    expect(refuse('张 三')).toBe('"张 三" is not a valid name');
    expect(refuse('任务')).toBe('"任务" is a keyword');
    expect(refuse('张三丰')).toBe('ok');
    expect(svc.prepareRename('main.plan', MAIN, MAIN.indexOf('责任人'))).toBeNull();
  });

  it('answers for a file no compilation has yet, and follows an edited document', () => {
    const { ws, svc } = service();
    expect(svc.diagnostics('main.plan')).toEqual([]);
    ws.setDocument('main.plan', MAIN.replace('责任人 张三', '责任人 张叁'));
    expect(svc.diagnostics('main.plan').map((d) => [d.code, d.range.start.line])).toEqual([['E0201', 4]]);
    expect(svc.symbols('people.plan', PEOPLE).map((s) => s.name)).toEqual(['张三', '李四']);
  });
});
