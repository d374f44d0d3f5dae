// The command line and workspace trust: the configuration is looked up from the plan's folder to its
// workspace root only (the nearest folder with luoshi.config.yaml or .git), and --no-plugins loads none of
// the plugins a configuration lists — it says which, and their code never runs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/harness/cli.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { findConfig, workspaceRoot } from '../../src/harness/workspace-root.js';
import { MARKER_PLAN, markerRan, writeMarkerPlugin } from './fixture.js';

async function luoshi(args: string[], cwd: string) {
  let out = '',
    err = '';
  const code = await main(args, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    cwd,
    isTTY: false,
  });
  return { code, out, err };
}

const DATA = join(PACKAGE_ROOT, 'examples', 'data', 'fujin-2011.ndjson');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-trust-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the configuration is looked up to the workspace root only', () => {
  /** outer/luoshi.config.yaml lists the plugin; the plan is in outer/repo/src. */
  const setup = (): string => {
    writeMarkerPlugin(join(dir, 'outer', 'plugin'));
    writeFileSync(join(dir, 'outer', 'luoshi.config.yaml'), 'plugins:\n  - ./plugin\n');
    mkdirSync(join(dir, 'outer', 'repo', 'src'), { recursive: true });
    writeFileSync(join(dir, 'outer', 'repo', 'src', 'a.plan'), MARKER_PLAN);
    return join(dir, 'outer', 'repo', 'src', 'a.plan');
  };

  it('a configuration above the repository (.git) is not used', async () => {
    const plan = setup();
    // Without a .git the outer configuration governs, and the plan compiles with its function.
    expect(workspaceRoot(plan)).toBe(join(dir, 'outer'));
    expect((await luoshi(['check', plan], dir)).code).toBe(0);
    mkdirSync(join(dir, 'outer', 'repo', '.git'));
    expect(workspaceRoot(plan)).toBe(join(dir, 'outer', 'repo'));
    expect(findConfig(plan)).toBeNull();
    const r = await luoshi(['check', plan, '--data', DATA], dir);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain('E0201: 未定义的函数“加倍”');
    expect(markerRan(join(dir, 'outer', 'plugin'))).toBe(false);
  });

  it('a .git file (a git worktree) marks the root too', async () => {
    const plan = setup();
    writeFileSync(join(dir, 'outer', 'repo', '.git'), 'gitdir: elsewhere\n');
    expect(workspaceRoot(plan)).toBe(join(dir, 'outer', 'repo'));
    expect((await luoshi(['check', plan], dir)).out).toContain('E0201');
  });

  it('the nearest configuration is the root: one further up is not used', async () => {
    const plan = setup();
    writeFileSync(join(dir, 'outer', 'repo', 'luoshi.config.yaml'), 'plugins: []\n');
    expect(findConfig(plan)).toBe(join(dir, 'outer', 'repo', 'luoshi.config.yaml'));
    const r = await luoshi(['check', plan, '--data', DATA], dir);
    expect(r.out + r.err).toContain('E0201: 未定义的函数“加倍”');
    expect(markerRan(join(dir, 'outer', 'plugin'))).toBe(false);
  });

  it('a folder with no marker above it is its own workspace', () => {
    mkdirSync(join(dir, 'x', 'y'), { recursive: true });
    writeFileSync(join(dir, 'x', 'y', 'p.plan'), '');
    // tmpdir() itself may lie in a repository on some machine: only assert when it does not.
    if (findConfig(dir) === null && workspaceRoot(dir) === dir) {
      expect(workspaceRoot(join(dir, 'x', 'y', 'p.plan'))).toBe(join(dir, 'x', 'y'));
      expect(workspaceRoot(join(dir, 'x'))).toBe(join(dir, 'x'));
    }
  });
});

describe('--no-plugins', () => {
  const plugin = (): string => join(dir, 'plugin');
  beforeEach(() => {
    writeMarkerPlugin(plugin());
    writeFileSync(join(dir, 'luoshi.config.yaml'), 'plugins:\n  - ./plugin\n');
    writeFileSync(join(dir, 'a.plan'), MARKER_PLAN);
    writeFileSync(join(dir, 'b.plan'), MARKER_PLAN.replace('> 0', '> 1'));
  });
  const NOTE =
    '注意：--no-plugins，未加载 luoshi.config.yaml 列出的插件：./plugin（只用内置插件） / note: --no-plugins: the plugins luoshi.config.yaml lists were not loaded: ./plugin (built-in plugins only)\n';

  it('check: built-in plugins only, says which were not loaded, runs none of their code', async () => {
    const r = await luoshi(['check', 'a.plan', '--data', DATA, '--no-plugins'], dir);
    expect(r.err.slice(0, NOTE.length)).toBe(NOTE);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain('E0201: 未定义的函数“加倍”');
    expect(markerRan(plugin())).toBe(false);
    // The same command with the plugins runs their code (what the marker detects).
    const withPlugins = await luoshi(['check', 'a.plan', '--data', DATA, '--format', 'json'], dir);
    expect(withPlugins.err).toBe('');
    expect(markerRan(plugin())).toBe(true);
  });

  it('replay', async () => {
    const r = await luoshi(
      ['replay', 'a.plan', '--data', DATA, '--from', '2011-01-31', '--to', '2011-03-31', '--no-plugins'],
      dir,
    );
    expect(r.err.slice(0, NOTE.length)).toBe(NOTE);
    expect(r.err).toContain('E0201');
    expect(r.code).toBe(2);
    expect(markerRan(plugin())).toBe(false);
  });

  it('diff', async () => {
    const r = await luoshi(['diff', 'a.plan', 'b.plan', '--data', DATA, '--no-plugins'], dir);
    expect(r.err.slice(0, NOTE.length)).toBe(NOTE);
    expect(r.err).toContain('E0201');
    expect(r.code).toBe(2);
    expect(markerRan(plugin())).toBe(false);
  });

  it('test', async () => {
    writeFileSync(
      join(dir, 'a.test.yaml'),
      'plan: a.plan\nasOf: 2011-12-31\nfixtures:\n  - name: 甲\n    defaults: { court: 富锦法院, handler: 甲 }\n    cases:\n      - { id: F1, filed: 2011-02-01, closed: 2011-06-01, closure: 执行完毕, claimed: 1000, recovered: 1000, events: [执行通知@2011-02-02] }\ntests:\n  - { indicator: 加倍数, equals: 1 }\n',
    );
    const r = await luoshi(['test', 'a.test.yaml', '--no-plugins'], dir);
    expect(r.err.slice(0, NOTE.length)).toBe(NOTE);
    expect(r.code).toBe(2);
    expect(markerRan(plugin())).toBe(false);
    const ok = await luoshi(['test', 'a.test.yaml'], dir);
    expect(ok.code).toBe(0);
    expect(markerRan(plugin())).toBe(true);
  });

  it('says nothing when the configuration lists no plugins', async () => {
    writeFileSync(join(dir, 'luoshi.config.yaml'), 'plugins: []\n');
    const r = await luoshi(['check', 'a.plan', '--no-plugins'], dir);
    expect(r.err).toBe('');
  });
});
