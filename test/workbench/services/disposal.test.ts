// @vitest-environment happy-dom
// Disposal: every timer and listener a service starts is a disposable it holds, so after dispose() none is
// left — counted, not assumed: the fake clock's pending timers, the window's and elements' listeners added
// and removed, the store's subscribers.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotificationService } from '../../../src/workbench/services/notifications.js';
import { EvaluationPipeline } from '../../../src/workbench/services/pipeline.js';
import { Player } from '../../../src/workbench/services/player.js';
import { EngineWatchdog } from '../../../src/workbench/services/watchdog.js';
import { WorkspaceService } from '../../../src/workbench/services/workspace.js';
import { StatusBar } from '../../../src/workbench/services/status-bar.js';
import { TitleBar } from '../../../src/workbench/services/title-bar.js';
import { Layout } from '../../../src/workbench/services/layout.js';
import { ViewHost } from '../../../src/workbench/services/views.js';
import { installKeybindings } from '../../../src/workbench/services/keybindings.js';
import { Registry, type WorkbenchServices } from '../../../src/workbench/registry.js';
import type { Disposable } from '../../../src/workbench/services/lifecycle.js';
import { check, fakeClient, ok, settle, store } from './fakes.js';

/** Counts the window's listeners added and removed, by event type. */
function countListeners() {
  const live = new Map<string, number>();
  const addOriginal = window.addEventListener.bind(window);
  const removeOriginal = window.removeEventListener.bind(window);
  const add = vi
    .spyOn(window, 'addEventListener')
    .mockImplementation(
      (type: string, fn: EventListenerOrEventListenerObject, o?: boolean | AddEventListenerOptions) => {
        live.set(type, (live.get(type) ?? 0) + 1);
        addOriginal(type, fn, o);
      },
    );
  const remove = vi
    .spyOn(window, 'removeEventListener')
    .mockImplementation((type: string, fn: EventListenerOrEventListenerObject, o?: boolean | EventListenerOptions) => {
      live.set(type, (live.get(type) ?? 0) - 1);
      removeOriginal(type, fn, o);
    });
  return {
    window: () => [...live].filter(([, n]) => n !== 0).map(([k, n]) => [`window:${k}`, n] as const),
    restore: () => {
      add.mockRestore();
      remove.mockRestore();
    },
  };
}

describe('disposal', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('leaves no timer, window listener or store subscriber behind', async () => {
    const listeners = countListeners();
    const s = store();
    const subscribe = vi.spyOn(s, 'subscribe');
    const unsubscribed: number[] = [];
    subscribe.mockImplementation(function (this: typeof s, l) {
      const off = (Object.getPrototypeOf(s) as typeof s).subscribe.call(s, l);
      const i = subscribe.mock.calls.length;
      return () => {
        unsubscribed.push(i);
        return off();
      };
    });
    const root = document.createElement('div');
    const { client } = fakeClient();
    const all: Disposable[] = [];
    const layout = new Layout(root);
    all.push(layout);
    const notifications = new NotificationService(s);
    all.push(notifications);
    notifications.attach(layout.el.notices);
    const pipeline = new EvaluationPipeline(s, {
      client: client as never,
      notifications,
      editor: { versions: () => new Map(), applyCheck: vi.fn(), refreshLenses: vi.fn() },
      workspace: { recordText: vi.fn(), rememberActive: vi.fn() },
      plugins: { configs: () => [], configOf: () => null, restrictedCount: () => 0, refreshExports: vi.fn() },
      dataUrl: () => '',
    });
    all.push(pipeline);
    const player = new Player(s, pipeline);
    all.push(player);
    all.push(new EngineWatchdog(s, { silentFor: () => 0 }, notifications, vi.fn(), 1000));
    const workspace = new WorkspaceService(s, {
      api: {
        workspace: async () => ok({ roots: [], files: [], libraries: {} }),
        bundle: async () => ok({ files: {}, library: {}, problems: [] }),
        read: async () => ({ ok: false, status: 404, error: 'no' }),
        head: async () => ({ ok: false, status: 404, error: 'no' }),
        save: async () => ok({ etag: 'e', stamp: 's' }),
      },
      engine: () => ({ setFiles: async () => {}, updateFile: async () => {} }),
      notifications,
      editor: { modelText: () => null, setText: vi.fn(), openFile: async () => {}, addTab: vi.fn() },
      plugins: { load: async () => {}, changed: () => false, configs: () => [] },
      pipeline: { scheduleCheck: vi.fn(), reloadData: vi.fn() },
      conflict: vi.fn(),
    });
    all.push(workspace);
    all.push(new StatusBar(layout.el.status, s, { toggleLanguage: vi.fn(), cancelReplay: vi.fn() }));
    const title = new TitleBar(layout.el, s, {
      openPalette: vi.fn(),
      toggleLanguage: vi.fn(),
      setAsOf: vi.fn(),
      setStep: vi.fn(),
      togglePlay: vi.fn(),
    });
    all.push(title);
    title.render();
    const registry = new Registry(s, () => ({}) as WorkbenchServices);
    all.push(new ViewHost(s, registry, layout.el, {} as WorkbenchServices));
    all.push(installKeybindings(registry, () => false, vi.fn()));

    // Everything started: polling, watching, a notice on its way out, an edit, a slider move, play.
    await workspace.start();
    s.s.buffers.set('a.plan', {
      path: 'a.plan',
      text: '',
      savedText: '',
      etag: null,
      stamp: null,
      readOnly: false,
      changedOnDisk: false,
    });
    s.update({ entry: 'a.plan', check: check(), range: { from: '2018-01-01', to: '2018-12-31' }, asOf: '2018-01-01' });
    notifications.notify('已保存', 'ok');
    pipeline.edited('a.plan', { getValue: () => '计划', getValueLength: () => 2 });
    pipeline.setAsOf('2018-02-01');
    pipeline.scheduleReplay(1000);
    player.toggle();
    await settle();
    expect(vi.getTimerCount()).toBeGreaterThanOrEqual(7);
    expect(listeners.window().sort()).toEqual([
      ['window:beforeunload', 1],
      ['window:keydown', 1],
    ]);
    const subscribed = subscribe.mock.calls.length;
    expect(subscribed).toBeGreaterThanOrEqual(4);

    for (const d of all.reverse()) d.dispose();
    // The store's frame still pending is not a service's: run it, then nothing may be left.
    vi.advanceTimersByTime(20);
    expect(vi.getTimerCount()).toBe(0);
    expect(listeners.window()).toEqual([]);
    expect(unsubscribed).toHaveLength(subscribed);
    listeners.restore();
  });
});
