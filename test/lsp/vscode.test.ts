// editors/vscode: the committed TextMate grammar and snippets are generated from the keyword table, and
// the offline .vsix builds, names its bundled server in its manifest, and that server and CLI run from it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { snippets, textMateGrammar } from '../../src/engine/language/textmate.js';
import { allKeywordSpellings } from '../../src/engine/language/keywords.js';
import { ROOT } from '../corpus/host.js';
import { TestClient, uriOf } from './client.js';

const EXT = join(ROOT, 'editors', 'vscode');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const temp: string[] = [];
afterAll(() => {
  for (const d of temp) rmSync(d, { recursive: true, force: true });
});

describe('editors/vscode grammar and snippets', () => {
  it('the committed files are what scripts/build-vscode-grammar.js writes now', () => {
    expect(readFileSync(join(EXT, 'syntaxes', 'luoshi.tmLanguage.json'), 'utf8')).toBe(
      JSON.stringify(textMateGrammar(), null, 2) + '\n',
    );
    expect(readFileSync(join(EXT, 'snippets', 'luoshi.json'), 'utf8')).toBe(JSON.stringify(snippets(), null, 2) + '\n');
  });

  it('highlights every keyword of the table as a whole word only', () => {
    const repo = textMateGrammar().repository as Record<string, { match: string }>;
    const re = new RegExp(repo.keywords!.match, 'gu');
    for (const k of allKeywordSpellings()) expect(`x ${k} y`.match(re), k).toEqual([k]);
    expect('责任人员'.match(re)).toBeNull();
    expect('  责任人 张三'.match(re)).toEqual(['责任人']);
  });
});

describe('the .vsix', () => {
  it('builds offline, names the bundled server, and its server and CLI run from the package', async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-vscode.js')], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 120_000,
    });
    const zip = unzipSync(readFileSync(join(ROOT, 'dist', `luoshi-${VERSION}.vsix`)));
    const manifest = JSON.parse(strFromU8(zip['extension/package.json']!)) as {
      version: string;
      main: string;
      luoshi: { server: string; cli: string };
      contributes: {
        languages: Array<{ id: string; extensions: string[] }>;
        grammars: Array<{ path: string }>;
        snippets: Array<{ path: string }>;
        commands: Array<{ command: string }>;
      };
    };
    expect(manifest.version).toBe(VERSION);
    expect(manifest.luoshi).toEqual({ server: './dist/lsp/server.js', cli: './dist/lsp/cli.js' });
    const inZip = (p: string): boolean => zip[`extension/${p.replace(/^\.\//, '')}`] !== undefined;
    for (const p of [
      manifest.main,
      manifest.luoshi.server,
      manifest.luoshi.cli,
      manifest.contributes.grammars[0]!.path,
      manifest.contributes.snippets[0]!.path,
      'dist/lsp/node-engine.js',
      'dist/lsp/plugin-session.js',
      'policies/std/indicators.plan',
    ])
      expect(inZip(p), p).toBe(true);
    expect(manifest.contributes.languages).toEqual([expect.objectContaining({ id: 'luoshi', extensions: ['.plan'] })]);
    expect(manifest.contributes.commands.map((c) => c.command)).toEqual([
      'luoshi.check',
      'luoshi.test',
      'luoshi.replay',
      'luoshi.render',
      'luoshi.attachData',
    ]);
    // The extension starts the server the manifest names.
    expect(strFromU8(zip['extension/out/extension.js']!)).toContain('packageJSON');
    // No dependencies are fetched at install: nothing under node_modules.
    expect(Object.keys(zip).filter((k) => k.includes('node_modules'))).toEqual([]);

    const dir = mkdtempSync(join(tmpdir(), 'luoshi-vsix-'));
    temp.push(dir);
    for (const [name, bytes] of Object.entries(zip)) {
      if (name.endsWith('/')) continue;
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), bytes);
    }
    const ext = join(dir, 'extension');
    // The bundled CLI: a plan with a misspelt owner fails its check (exit 1), naming the line.
    const work = join(dir, 'work');
    mkdirSync(work);
    const plan = '人员 张三\n任务 1 "清理" {\n  责任人 张叁\n  完成 2018-06-30\n}\n';
    writeFileSync(join(work, 'a.plan'), plan);
    const cli = spawnSync(process.execPath, [join(ext, 'dist', 'lsp', 'cli.js'), 'check', 'a.plan', '--lang', 'en'], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(cli.status).toBe(1);
    expect(cli.stdout + cli.stderr).toContain('a.plan:3:7: error E0201');

    // The bundled server: diagnostics, and definitions into the std it carries.
    const client = new TestClient([join(ext, 'dist', 'lsp', 'server.js'), '--stdio']);
    await client.request('initialize', { processId: process.pid, rootUri: uriOf(work), capabilities: {} });
    await client.notify('initialized', {});
    const main = '方案 p {\n  期间 2018-01-01 至 2018-12-31\n  使用 std\n}\n目标 t : 结案率 >= 90%\n';
    writeFileSync(join(work, 'b.plan'), main);
    await client.open(join(work, 'a.plan'), plan);
    await client.open(join(work, 'b.plan'), main);
    const d = await client.diagnostics(uriOf(join(work, 'a.plan')), (x) => x.diagnostics.length > 0);
    expect(d.diagnostics.map((x) => [x.code, x.range.start])).toEqual([
      ['W0305', { line: 0, character: 3 }],
      ['E0201', { line: 2, character: 6 }],
    ]);
    const def = await client.request<{ uri: string }>('textDocument/definition', {
      textDocument: { uri: uriOf(join(work, 'b.plan')) },
      position: { line: 4, character: 10 },
    });
    expect(fileURLToPath(def.uri)).toBe(join(ext, 'policies', 'std', 'indicators.plan'));
    expect(await client.stop()).toBe(0);
  }, 180_000);
});
