// @vitest-environment happy-dom
// Where views live (src/workbench/services/views.ts): sidebar sections that fold (the outline in reach
// whatever the explorer holds), panel tabs, a configured plugin's views only for the plans its
// configuration governs (plugins/configured.ts through the registry's one PluginContext), and nothing
// left mounted after disposal. Also: the standard library listed once (library.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Registry, type ViewContribution, type WorkbenchServices } from '../../../src/workbench/registry.js';
import { ViewHost } from '../../../src/workbench/services/views.js';
import { ConfiguredPlugins } from '../../../src/workbench/plugins/configured.js';
import { libraryOnly } from '../../../src/workbench/library.js';
import { explorerView } from '../../../src/workbench/views/explorer.js';
import { setLang } from '../../../src/workbench/i18n.js';
import type { PluginsPayload } from '../../../src/workers/protocol.js';
import { frame, settle, store } from './fakes.js';

function view(id: string, location: 'panel' | 'sidebar', order: number, log: string[]): ViewContribution {
  return {
    id,
    title: { zh: id, en: id },
    location,
    order,
    render: (host) => {
      host.textContent = id;
      return {
        update: (changed) => {
          log.push(`${id}:${[...changed].sort().join(',')}`);
        },
        dispose: () => {
          log.push(`${id}:disposed`);
        },
      };
    },
  };
}

function host() {
  const s = store();
  const registry = new Registry(s, () => ({}) as WorkbenchServices);
  const el = {
    sidebar: document.createElement('aside'),
    panelTabs: document.createElement('div'),
    panelBody: document.createElement('div'),
  };
  const views = new ViewHost(s, registry, el, {} as WorkbenchServices);
  return { s, registry, el, views };
}

const tabs = (el: HTMLElement): string[] =>
  [...el.querySelectorAll('.panel-tab')].map((b) => (b as HTMLElement).dataset.tab ?? '');

describe('the view host', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setLang('zh');
    localStorage.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('folds a sidebar section: the other keeps the room, the folded one is not updated, and unfolding draws it in full', () => {
    const { s, registry, el, views } = host();
    const log: string[] = [];
    registry.activate({
      id: 'side',
      activate: (ctx) => {
        ctx.registerView(view('explorer', 'sidebar', 0, log));
        ctx.registerView(view('outline', 'sidebar', 10, log));
      },
    });
    views.refresh();
    expect(
      [...el.sidebar.querySelectorAll('.side-section')].map((x) => [
        (x as HTMLElement).dataset.section,
        x.classList.contains('open'),
      ]),
    ).toEqual([
      ['explorer', true],
      ['outline', true],
    ]);
    (el.sidebar.querySelector('[data-testid=side-title-explorer]') as HTMLButtonElement).click();
    expect(el.sidebar.querySelector('[data-section=explorer]')?.classList.contains('open')).toBe(false);
    expect(el.sidebar.querySelector('[data-testid=side-title-explorer]')?.getAttribute('aria-expanded')).toBe('false');
    expect(JSON.parse(localStorage.getItem('luoshi.sideCollapsed') ?? '[]')).toEqual(['explorer']);
    log.length = 0;
    s.update({ files: [] });
    frame();
    expect(log).toEqual(['outline:files']);
    views.showView('explorer');
    expect(el.sidebar.querySelector('[data-section=explorer]')?.classList.contains('open')).toBe(true);
    expect(log).toEqual(['outline:files', 'explorer:*']);
    views.dispose();
  });

  it('shows a view with `when` only while it holds, and moves the panel off a tab that went away', () => {
    const { s, registry, el, views } = host();
    const log: string[] = [];
    registry.activate({
      id: 'p',
      activate: (ctx) => {
        ctx.registerView(view('tasks', 'panel', 10, log));
        ctx.registerView({
          ...view('fujin.assessment', 'panel', 1000, log),
          when: (st) => st.entry === 'fujin/kpi.plan',
        });
      },
    });
    views.refresh();
    expect(tabs(el.panelTabs)).toEqual(['tasks']);
    s.update({ entry: 'fujin/kpi.plan', panelView: 'fujin.assessment' });
    frame();
    expect(tabs(el.panelTabs)).toEqual(['tasks', 'fujin.assessment']);
    expect(el.panelBody.querySelector('[data-view="fujin.assessment"]')).not.toBeNull();
    s.update({ entry: 'policies/ningbo-2018.plan' });
    frame();
    expect(tabs(el.panelTabs)).toEqual(['tasks']);
    expect(el.panelBody.querySelector('[data-view="fujin.assessment"]')).toBeNull();
    expect(log).toContain('fujin.assessment:disposed');
    expect(s.s.panelView).toBe('tasks');
    // Asked for anyway (its command, a keybinding): not shown, and the caller learns why.
    expect(views.showView('fujin.assessment')).toBe('disabled');
    expect(views.showView('no.such.view')).toBe('unknown');
    expect(views.showView('tasks')).toBe('shown');
    frame();
    expect(s.s.panelView).toBe('tasks');
    expect(tabs(el.panelTabs)).toEqual(['tasks']);
    views.dispose();
  });

  it('keeps the panel on its view while the views register one by one', () => {
    const { s, registry, el, views } = host();
    const log: string[] = [];
    expect(s.s.panelView).toBe('tasks');
    registry.activate({
      id: 'p',
      activate: (ctx) => {
        ctx.registerView(view('problems', 'panel', 0, log));
        ctx.registerView(view('tasks', 'panel', 10, log));
      },
    });
    views.refresh();
    frame();
    expect(s.s.panelView).toBe('tasks');
    expect(el.panelTabs.querySelector('.panel-tab.active')?.getAttribute('data-tab')).toBe('tasks');
    views.dispose();
  });

  it('disposing unmounts every view and stops following the state', () => {
    const { s, registry, el, views } = host();
    const log: string[] = [];
    registry.activate({
      id: 'p',
      activate: (ctx) => {
        ctx.registerView(view('tasks', 'panel', 10, log));
        ctx.registerView(view('explorer', 'sidebar', 0, log));
      },
    });
    views.refresh();
    expect(views.mountedCount).toBe(2);
    views.dispose();
    expect(views.mountedCount).toBe(0);
    expect(log.filter((x) => x.endsWith('disposed')).sort()).toEqual(['explorer:disposed', 'tasks:disposed']);
    expect(el.sidebar.children).toHaveLength(0);
    log.length = 0;
    s.update({ files: [] });
    frame();
    registry.activate({
      id: 'late',
      activate: (ctx) => {
        ctx.registerView(view('late', 'panel', 20, log));
      },
    });
    expect(log).toEqual([]);
    expect(el.panelBody.querySelector('[data-view=late]')).toBeNull();
  });
});

describe('configured plugins in the registry', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setLang('zh');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const payload: PluginsPayload = {
    configs: [
      { file: 'policies/luoshi.config.yaml', scope: 'policies', calendar: null, plugins: [], diagnostics: [] },
      {
        file: 'examples/plugins/fujin-kpi/luoshi.config.yaml',
        scope: 'examples/plugins/fujin-kpi',
        calendar: null,
        diagnostics: [],
        plugins: [
          {
            label: '.',
            manifestFile: 'examples/plugins/fujin-kpi/plugin.json',
            entry: 'kpi.js',
            settings: {},
            manifest: {
              id: 'fujin.kpi',
              name: '富锦考核',
              version: '1.0.0',
              engines: { luoshi: '>=0.1.0' },
              main: 'index.js',
              contributes: {
                commands: [{ id: 'fujin.show', title: '显示执行干警考核表' }],
                views: [{ id: 'fujin.assessment', title: { zh: '干警考核', en: 'Officers' } }],
              },
            },
          },
        ] as never,
      },
    ],
  };

  it("registers a configured plugin's contributions through one PluginContext, its views only for the plans it governs", async () => {
    const s = store();
    const registry = new Registry(s, () => ({}) as WorkbenchServices);
    const module = {
      activate: (ctx: {
        views: { register(id: string, p: unknown): unknown };
        commands: { register(id: string, h: () => unknown): unknown };
      }) => {
        ctx.views.register('fujin.assessment', {
          render: (el: HTMLElement) => {
            el.textContent = '考核表';
          },
        });
        ctx.commands.register('fujin.show', () => 'shown');
      },
    };
    const configured = new ConfiguredPlugins(registry, {} as never, vi.fn(), async () => module as never);
    await configured.configure(payload);
    expect(registry.pluginIds()).toEqual(['config:fujin.kpi']);
    expect(configured.governs('fujin.kpi', 'examples/plugins/fujin-kpi/kpi.plan')).toBe(true);
    expect(configured.governs('fujin.kpi', 'policies/ningbo-2018.plan')).toBe(false);
    const v = registry.views.get('fujin.assessment')!;
    expect(v.when?.({ ...s.s, entry: 'examples/plugins/fujin-kpi/kpi.plan' })).toBe(true);
    expect(v.when?.({ ...s.s, entry: 'policies/ningbo-2018.plan' })).toBe(false);
    expect(await registry.executeCommand('fujin.show')).toBe('shown');
    // Configured again (a file changed): the old contributions went with their plugin.
    await configured.configure({ configs: [] });
    await settle();
    expect(registry.pluginIds()).toEqual([]);
    expect(registry.views.has('fujin.assessment')).toBe(false);
    expect(registry.commands.has('fujin.show')).toBe(false);
  });
});

describe('the explorer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setLang('zh');
    localStorage.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const paths = (host: HTMLElement): string[] =>
    [...host.querySelectorAll<HTMLElement>('.tree-row.file')].map((r) => r.dataset.path ?? '');

  it('lists the library once when the folder served holds it, and folds the folder and the library', () => {
    const s = store();
    s.update({
      roots: [{ name: 'policies', dir: 'work/policies' }],
      files: [
        { path: 'ningbo-2018.plan', kind: 'plan', size: 10, stamp: '1' },
        { path: 'std/indicators.plan', kind: 'plan', size: 10, stamp: '1' },
      ],
      libraries: { std: ['std/indicators.plan', 'std/rules.plan'] },
    });
    const host = document.createElement('div');
    const view = explorerView.render(host, { store: s, workbench: {} as WorkbenchServices });
    view.update(new Set(['*']));
    // std/indicators.plan is the folder's own file (its std/ folder first); std/rules.plan is only the library's.
    expect(paths(host)).toEqual(['std/indicators.plan', 'ningbo-2018.plan', 'std/rules.plan']);
    expect(paths(host).filter((p) => p === 'std/indicators.plan')).toHaveLength(1);
    (host.querySelector('[data-fold=":std"]') as HTMLElement).click();
    expect(paths(host)).toEqual(['std/indicators.plan', 'ningbo-2018.plan']);
    expect(host.querySelector('[data-fold=":std"]')?.getAttribute('aria-expanded')).toBe('false');
    (host.querySelector('[data-fold=":root"]') as HTMLElement).click();
    expect(paths(host)).toEqual([]);
    (host.querySelector('[data-fold=":root"]') as HTMLElement).click();
    (host.querySelector('[data-fold=":std"]') as HTMLElement).click();
    expect(paths(host)).toEqual(['std/indicators.plan', 'ningbo-2018.plan', 'std/rules.plan']);
  });
});

describe('the standard library', () => {
  it("is listed once: not again when the workspace holds it, at its path or as a folder's std/", () => {
    const text: Record<string, string> = {
      'std/indicators.plan': '指标库',
      'std/rules.plan': '规则库',
      'policies/std/indicators.plan': '指标库',
      'policies/std/rules.plan': '规则库（改过）',
    };
    const lib = ['std/indicators.plan', 'std/rules.plan'];
    // `luoshi serve policies`: the library's own folder is the workspace.
    expect(libraryOnly([{ path: 'std/indicators.plan' }, { path: 'std/rules.plan' }], lib, (p) => text[p])).toEqual([]);
    // `luoshi serve policies examples`: the same text under policies/std/ is not listed twice; a changed copy is another file.
    expect(
      libraryOnly([{ path: 'policies/std/indicators.plan' }, { path: 'policies/std/rules.plan' }], lib, (p) => text[p]),
    ).toEqual(['std/rules.plan']);
    // A folder without it: the library is listed.
    expect(libraryOnly([{ path: 'a.plan' }], lib, (p) => text[p])).toEqual(lib);
  });
});
