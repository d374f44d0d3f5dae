// `luoshi lsp --stdio` driven over JSON-RPC as an editor drives it, and the same requests asked of the
// workbench's engine worker (src/workers/engine.ts): both adapters of one language service must agree.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineService } from '../../src/workers/engine.js';
import { generateCases } from '../../src/engine/generate/index.js';
import { STD_DIR, stdFiles } from '../corpus/host.js';
import { TestClient, uriOf } from './client.js';

const PEOPLE = '人员 张三 "执行局局长"\n人员 王五 "副局长"\n';
const MAIN = `导入 "people.plan"

方案 示例方案 {
  标题 "示例"
  期间 2018-01-01 至 2018-12-31
  使用 std
}

法院 示例中院 = "示例市中级人民法院" 中院

目标 结案目标 : 结案率 >= 90% 每个法院 截至 2018-12-31

任务 1.1 "清理积案" {
  责任人 张三
  完成 2018-06-30
}

任务 1.2 "建立制度" {
  责任人 张叁
  完成 2018-13-40
}
`;
const UNFORMATTED = '人员   赵六   "科员"\n任务 2.1 "整改" {\n责任人 赵六\n    完成 2018-05-01\n}\n';

interface P {
  line: number;
  character: number;
}
interface R {
  start: P;
  end: P;
}
const at = (line: number, character: number): P => ({ line, character });
const offsetOf = (text: string, p: P): number =>
  text
    .split('\n')
    .slice(0, p.line)
    .reduce((n, l) => n + l.length + 1, 0) + p.character;

let dir: string;
let client: TestClient;
const file = (name: string): string => join(dir, name);
const doc = (name: string): { textDocument: { uri: string } } => ({ textDocument: { uri: uriOf(file(name)) } });
/** A server path as the worker names it: relative to the workspace, std/… for the library. */
const short = (uriOrPath: string): string => {
  const p = uriOrPath.startsWith('file:') ? fileURLToPath(uriOrPath) : uriOrPath;
  return p.startsWith(STD_DIR) ? `std/${relative(STD_DIR, p)}` : relative(dir, p);
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-lsp-'));
  writeFileSync(file('people.plan'), PEOPLE);
  writeFileSync(file('main.plan'), MAIN);
  writeFileSync(file('tidy.plan'), UNFORMATTED);
  const rows = [...generateCases({ preset: 'ningbo', cases: 300, seed: 3, from: '2018-01-01', to: '2018-12-31' })].map(
    (r) => JSON.stringify(r),
  );
  writeFileSync(file('cases.ndjson'), [...rows.slice(0, 150), '{"case_id": 17}', ...rows.slice(150)].join('\n') + '\n');
  client = new TestClient();
  const init = await client.request<{ capabilities: Record<string, unknown>; serverInfo: { name: string } }>(
    'initialize',
    {
      processId: process.pid,
      rootUri: uriOf(dir),
      workspaceFolders: [{ uri: uriOf(dir), name: 'w' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { codeLens: { refreshSupport: true } } },
      initializationOptions: { lang: 'zh' },
    },
  );
  expect(init.serverInfo.name).toBe('luoshi');
  expect(Object.keys(init.capabilities)).toEqual(
    expect.arrayContaining([
      'completionProvider',
      'hoverProvider',
      'renameProvider',
      'semanticTokensProvider',
      'codeLensProvider',
      'foldingRangeProvider',
    ]),
  );
  await client.notify('initialized', {});
  await client.open(file('main.plan'), MAIN);
}, 60_000);

afterAll(() => {
  client?.child.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('luoshi lsp --stdio', () => {
  it("publishes the compiler's diagnostics with codes and ranges", async () => {
    const p = await client.diagnostics(uriOf(file('main.plan')), (x) => x.diagnostics.length > 0);
    expect(p.diagnostics.map((d) => [d.code, d.range, d.severity])).toEqual([
      ['E0201', { start: at(18, 6), end: at(18, 8) }, 1],
      ['E0101', { start: at(19, 5), end: at(19, 15) }, 1],
    ]);
    expect(p.diagnostics[0]!.message).toBe('未定义的人员/角色“张叁”，是否指“张三”？');
  });

  it('completes an owner with the people and roles declared (in an imported file too)', async () => {
    const r = await client.request<{ items: Array<{ label: string; kind: number; textEdit: { range: R } }> }>(
      'textDocument/completion',
      { ...doc('main.plan'), position: at(18, 6) },
    );
    expect(r.items.map((i) => i.label).sort()).toEqual(['张三', '王五']);
    expect(r.items[0]!.textEdit.range).toEqual({ start: at(18, 6), end: at(18, 6) });
  });

  it('hovers an indicator with its definition from std', async () => {
    const h = await client.request<{ contents: { kind: string; value: string }; range: R }>('textDocument/hover', {
      ...doc('main.plan'),
      position: at(10, 11),
    });
    expect(h.range).toEqual({ start: at(10, 10), end: at(10, 13) });
    expect(h.contents.value).toContain('**结案率** · 指标 · 结案率（执结率）');
    expect(h.contents.value).toContain('指标 结案率 "结案率（执结率）" 又称 执结率 (%) = 计数(结案) / 计数(受理)');
    expect(h.contents.value).toContain('结案目标 >= 90%');
    expect(h.contents.value).toMatch(/\*std\/indicators\.plan\*$/);
  });

  it('goes to a definition in std', async () => {
    const l = await client.request<{ uri: string; range: R }>('textDocument/definition', {
      ...doc('main.plan'),
      position: at(10, 11),
    });
    expect(short(l.uri)).toBe('std/indicators.plan');
    // The name in its declaration, wherever std has it: `指标 结案率 …`.
    const line = readFileSync(join(STD_DIR, 'indicators.plan'), 'utf8')
      .split('\n')
      .findIndex((x) => x.startsWith('指标 结案率 '));
    expect(line).toBeGreaterThan(0);
    expect(l.range).toEqual({ start: at(line, 3), end: at(line, 6) });
  });

  it("finds a person's references and renames them across files", async () => {
    const refs = await client.request<Array<{ uri: string; range: R }>>('textDocument/references', {
      ...doc('main.plan'),
      position: at(13, 7),
      context: { includeDeclaration: true },
    });
    expect(refs.map((l) => [short(l.uri), l.range.start])).toEqual([
      ['main.plan', at(13, 6)],
      ['people.plan', at(0, 3)],
    ]);
    const prep = await client.request<R>('textDocument/prepareRename', { ...doc('main.plan'), position: at(13, 7) });
    expect(prep).toEqual({ start: at(13, 6), end: at(13, 8) });
    const edit = await client.request<{ changes: Record<string, Array<{ range: R; newText: string }>> }>(
      'textDocument/rename',
      { ...doc('main.plan'), position: at(13, 7), newName: '张三丰' },
    );
    expect(Object.fromEntries(Object.entries(edit.changes).map(([u, es]) => [short(u), es]))).toEqual({
      'main.plan': [{ range: { start: at(13, 6), end: at(13, 8) }, newText: '张三丰' }],
      'people.plan': [{ range: { start: at(0, 3), end: at(0, 5) }, newText: '张三丰' }],
    });
    await expect(
      client.request('textDocument/rename', { ...doc('main.plan'), position: at(13, 7), newName: '王五' }),
    ).rejects.toThrow('“王五”已在');
    await expect(
      client.request('textDocument/rename', { ...doc('main.plan'), position: at(10, 11), newName: '结案比' }),
    ).rejects.toThrow('不能重命名');
  });

  it("offers the compiler's fix as a quick fix", async () => {
    const p = await client.diagnostics(uriOf(file('main.plan')), (x) => x.diagnostics.length > 0);
    const actions = await client.request<
      Array<{ title: string; kind: string; edit: { changes: Record<string, Array<{ range: R; newText: string }>> } }>
    >('textDocument/codeAction', {
      ...doc('main.plan'),
      range: p.diagnostics[0]!.range,
      context: { diagnostics: [p.diagnostics[0]] },
    });
    expect(actions.map((a) => [a.title, a.kind, a.edit.changes[uriOf(file('main.plan'))]])).toEqual([
      ['改为“张三”', 'quickfix', [{ range: { start: at(18, 6), end: at(18, 8) }, newText: '张三' }]],
    ]);
  });

  it('formats a document', async () => {
    await client.open(file('tidy.plan'), UNFORMATTED);
    const edits = await client.request<Array<{ range: R; newText: string }>>('textDocument/formatting', {
      ...doc('tidy.plan'),
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(edits).toEqual([
      {
        range: { start: at(0, 0), end: at(5, 0) },
        newText: '人员 赵六 "科员"\n\n任务 2.1 "整改" {\n  责任人 赵六\n  完成 2018-05-01\n}\n',
      },
    ]);
  });

  it('outlines, folds and highlights', async () => {
    const symbols = await client.request<Array<{ name: string; kind: number }>>(
      'textDocument/documentSymbol',
      doc('main.plan'),
    );
    expect(symbols.map((s) => s.name)).toEqual(['示例方案', '示例中院', '结案目标', '1.1', '1.2']);
    const folds = await client.request<Array<{ startLine: number; endLine: number }>>(
      'textDocument/foldingRange',
      doc('main.plan'),
    );
    expect(folds.map((f) => [f.startLine, f.endLine])).toEqual([
      [2, 5],
      [12, 14],
      [17, 19],
    ]);
    const tokens = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', doc('main.plan'));
    // 导入 (keyword, 2 long) then "people.plan" (a string, 13 long) on line 0.
    expect(tokens.data.slice(0, 10)).toEqual([0, 0, 2, 0, 0, 0, 3, 13, 1, 0]);
  });

  it('the worker and the server answer the same requests alike (before data is attached)', async () => {
    const svc = new EngineService({ fetch: async () => new Response(new Uint8Array()), now: () => performance.now() });
    const files: Record<string, string> = { 'main.plan': MAIN, 'people.plan': PEOPLE };
    for (const [k, v] of stdFiles()) files[k] = v;
    svc.setFiles(files, { std: [...stdFiles().keys()] });
    await svc.check(1, 'main.plan');
    const zero = (s: { start: { line: number; column: number }; end: { line: number; column: number } }): R => ({
      start: at(s.start.line - 1, s.start.column - 1),
      end: at(s.end.line - 1, s.end.column - 1),
    });
    const table: Array<{ what: string; pos: P; worker: () => unknown; server: () => Promise<unknown> }> = [
      {
        what: 'completion of an owner',
        pos: at(18, 6),
        worker: () =>
          svc.complete('main.plan', MAIN, offsetOf(MAIN, at(18, 6)), 'zh').items.map((i) => [i.label, i.detail]),
        server: async () =>
          (
            await client.request<{ items: Array<{ label: string; detail: string }> }>('textDocument/completion', {
              ...doc('main.plan'),
              position: at(18, 6),
            })
          ).items.map((i) => [i.label, i.detail]),
      },
      {
        what: 'completion of a top-level keyword',
        pos: at(7, 0),
        worker: () => svc.complete('main.plan', MAIN, offsetOf(MAIN, at(7, 0)), 'zh').items.map((i) => i.label),
        server: async () =>
          (
            await client.request<{ items: Array<{ label: string }> }>('textDocument/completion', {
              ...doc('main.plan'),
              position: at(7, 0),
            })
          ).items.map((i) => i.label),
      },
      {
        what: 'hover of a person',
        pos: at(13, 7),
        worker: () => svc.hover('main.plan', MAIN, offsetOf(MAIN, at(13, 7)), 'zh')?.markdown.join('\n\n'),
        server: async () =>
          (
            await client.request<{ contents: { value: string } }>('textDocument/hover', {
              ...doc('main.plan'),
              position: at(13, 7),
            })
          ).contents.value,
      },
      {
        what: 'definition',
        pos: at(13, 7),
        worker: () => {
          const d = svc.definition('main.plan', MAIN, offsetOf(MAIN, at(13, 7)))!;
          return [d.file, zero(d.range)];
        },
        server: async () => {
          const l = await client.request<{ uri: string; range: R }>('textDocument/definition', {
            ...doc('main.plan'),
            position: at(13, 7),
          });
          return [short(l.uri), l.range];
        },
      },
      {
        what: 'references',
        pos: at(13, 7),
        worker: () => svc.references('main.plan', MAIN, offsetOf(MAIN, at(13, 7))).map((l) => [l.file, zero(l.range)]),
        server: async () =>
          (
            await client.request<Array<{ uri: string; range: R }>>('textDocument/references', {
              ...doc('main.plan'),
              position: at(13, 7),
              context: { includeDeclaration: true },
            })
          ).map((l) => [short(l.uri), l.range]),
      },
      {
        what: 'rename',
        pos: at(13, 7),
        worker: () => {
          const r = svc.rename('main.plan', MAIN, offsetOf(MAIN, at(13, 7)), '张三丰');
          return r.ok ? Object.entries(r.value).map(([f, es]) => [f, es.map((e) => [zero(e.range), e.text])]) : r;
        },
        server: async () =>
          Object.entries(
            (
              await client.request<{ changes: Record<string, Array<{ range: R; newText: string }>> }>(
                'textDocument/rename',
                { ...doc('main.plan'), position: at(13, 7), newName: '张三丰' },
              )
            ).changes,
          ).map(([u, es]) => [short(u), es.map((e) => [e.range, e.newText])]),
      },
      {
        what: 'outline',
        pos: at(0, 0),
        worker: () => svc.outline('main.plan', MAIN).map((o) => [o.name, o.kind, zero(o.selection)]),
        server: async () =>
          (
            await client.request<Array<{ name: string; selectionRange: R; detail?: string }>>(
              'textDocument/documentSymbol',
              doc('main.plan'),
            )
          ).map((o, i) => [o.name, svc.outline('main.plan', MAIN)[i]!.kind, o.selectionRange]),
      },
      {
        what: 'formatting',
        pos: at(0, 0),
        worker: () => {
          const r = svc.format(UNFORMATTED);
          return r.ok ? r.value.text : null;
        },
        server: async () =>
          (
            await client.request<Array<{ newText: string }>>('textDocument/formatting', {
              ...doc('tidy.plan'),
              options: { tabSize: 2, insertSpaces: true },
            })
          )[0]!.newText,
      },
    ];
    for (const row of table) {
      const w = row.worker();
      expect(w, row.what).toBeTruthy();
      expect(await row.server(), row.what).toEqual(w);
    }
  });

  it('attaches data: rejected records are counted and named, hover and lenses show live values', async () => {
    const r = await client.request<{
      read: number;
      accepted: number;
      rejected: number;
      problems: Array<{ file: string; line: number }>;
      evaluated: string[];
    }>('luoshi/attachData', { cases: ['cases.ndjson'], asOf: '2018-12-31' });
    expect([r.read, r.accepted, r.rejected]).toEqual([301, 300, 1]);
    expect([...new Set(r.problems.map((x) => `${x.file}:${x.line}`))]).toEqual(['cases.ndjson:151']);
    expect(r.evaluated.map(short)).toEqual(['tidy.plan']);
    // Reading the data and evaluating were reported as work-done progress.
    expect(client.progress.filter((x) => x.kind === 'begin').map((x) => x.title)).toEqual([
      '落实：读取数据',
      '落实：评估',
    ]);
    expect(client.progress.filter((x) => x.kind === 'end').length).toBe(2);
    // main.plan has errors: not evaluated; fix them in the editor and save.
    const fixed = MAIN.replace('张叁', '张三').replace('2018-13-40', '2018-10-31');
    await client.notify('textDocument/didChange', {
      textDocument: { uri: uriOf(file('main.plan')), version: 2 },
      contentChanges: [{ text: fixed }],
    });
    await client.notify('textDocument/didSave', doc('main.plan'));
    await client.diagnostics(uriOf(file('main.plan')), (x) => x.version === 2);
    let lenses: Array<{ range: R; command: { title: string } }> = [];
    for (let i = 0; i < 40 && lenses.length === 0; i++) {
      lenses = await client.request('textDocument/codeLens', doc('main.plan'));
      if (!lenses.length) await new Promise((res) => setTimeout(res, 250));
    }
    expect(lenses.map((l) => l.range.start.line)).toEqual([10, 12, 17]);
    expect(lenses[0]!.command.title).toMatch(/截至 2018-12-31$/);
    const h = await client.request<{ contents: { value: string } }>('textDocument/hover', {
      ...doc('main.plan'),
      position: at(10, 11),
    });
    expect(h.contents.value).toMatch(/截至 2018-12-31：\*\*\d+(\.\d+)?%\*\* \(\d+ \/ 300\)/);
  });

  it('refuses data that is not there, saying where', async () => {
    await expect(client.request('luoshi/attachData', { cases: ['nowhere/'] })).rejects.toThrow(/nowhere/);
  });

  it('shuts down and exits with 0', async () => {
    expect(await client.stop()).toBe(0);
  });
});
