// @vitest-environment happy-dom
// The engine watchdog (src/workbench/services/watchdog.ts) and the status bar (status-bar.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineWatchdog, WATCH_MS } from '../../../src/workbench/services/watchdog.js';
import { NotificationService } from '../../../src/workbench/services/notifications.js';
import { StatusBar } from '../../../src/workbench/services/status-bar.js';
import { setLang, words } from '../../../src/workbench/i18n.js';
import { check, frame, store } from './fakes.js';

describe('the engine watchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setLang('zh');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says once that the engine is stuck, naming the plugin functions the plan calls, and offers a restart', () => {
    const s = store();
    s.update({ check: check({ calls: [{ fn: '永不返回', plugin: 'test.hang' }] }) });
    const notifications = new NotificationService(s);
    let silent = 0;
    const restart = vi.fn();
    const w = new EngineWatchdog(s, { silentFor: () => silent }, notifications, restart, 10_000);
    silent = 9_000;
    vi.advanceTimersByTime(WATCH_MS);
    expect(s.s.notices).toEqual([]);
    silent = 12_000;
    vi.advanceTimersByTime(WATCH_MS);
    silent = 14_000;
    vi.advanceTimersByTime(WATCH_MS);
    expect(s.s.notices).toHaveLength(1);
    const n = s.s.notices[0]!;
    expect(words(n.text)).toBe(
      '引擎 12 秒无响应：计划调用的插件函数可能陷入死循环——永不返回（test.hang）。页面仍可使用；重启引擎后暂停计算，修改计划或插件后继续。',
    );
    expect([n.kind, n.sticky, words(n.action!.label)]).toEqual(['error', true, '重启引擎']);
    n.action!.run();
    expect(restart).toHaveBeenCalledTimes(1);
    expect(s.s.notices).toEqual([]);
    w.dispose();
    notifications.dispose();
  });

  it('takes the notice away when the engine answers again', () => {
    const s = store();
    const notifications = new NotificationService(s);
    let silent = 40_000;
    const w = new EngineWatchdog(s, { silentFor: () => silent }, notifications, vi.fn(), 30_000);
    vi.advanceTimersByTime(WATCH_MS);
    expect(w.warning).toBe(true);
    expect(words(s.s.notices[0]!.text)).toBe(
      '引擎 40 秒无响应。页面仍可使用；重启引擎后暂停计算，修改计划或插件后继续。',
    );
    silent = 0;
    vi.advanceTimersByTime(WATCH_MS);
    expect(w.warning).toBe(false);
    expect(s.s.notices).toEqual([]);
    w.dispose();
    // Disposed: it looks no more.
    silent = 60_000;
    vi.advanceTimersByTime(WATCH_MS * 5);
    expect(s.s.notices).toEqual([]);
  });
});

describe('the status bar', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setLang('zh');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says the problems, the server, the plan, the data and the evaluation, and redraws only when that changes', () => {
    const s = store();
    const el = document.createElement('footer');
    const bar = new StatusBar(el, s, { toggleLanguage: vi.fn(), cancelReplay: vi.fn() });
    s.update({
      check: check({ errorCount: 2, warningCount: 3 }),
      entry: 'policies/ningbo-2018.plan',
      data: { cases: 12345, rejected: 4, read: 12349, sources: [] } as never,
      report: { asOf: '2018-06-30' } as never,
    });
    frame();
    const text = (id: string): string => el.querySelector(`[data-testid=${id}]`)?.textContent ?? '';
    expect(text('status-problems')).toBe('⊗ 2  ⚠ 3');
    expect(text('status-data')).toBe('⛁ 12,345 件案件 · 4 拒收');
    expect(text('evaluated')).toBe('✓ 已评估 · 截至 2018-06-30');
    expect(el.textContent).toContain('▣ policies/ningbo-2018.plan');
    expect(el.querySelector('[data-testid=server-down]')).toBeNull();
    const draws = bar.draws;
    // Progress that says nothing new, and state the bar does not show: no redraw.
    s.update({ focus: { target: 'x' } });
    frame();
    s.update({ panelView: 'tasks' });
    frame();
    expect(bar.draws).toBe(draws);
    s.update({
      server: 'down',
      busy: { replay: { op: 'replay', fraction: 0.5, text: '回放', textEn: 'replaying' } as never },
    });
    frame();
    expect(bar.draws).toBe(draws + 1);
    expect(text('server-down')).toBe('⚡ 无法连接服务器：编辑内容保留在本地，恢复连接后可保存');
    expect(text('busy')).toBe('⟳ 回放 50%✕');
    expect(el.className).toBe('statusbar down');
    (el.querySelector('[data-testid=status-problems]') as HTMLButtonElement).click();
    expect(s.s.panelView).toBe('problems');
    bar.dispose();
  });

  it('shows the progress of what runs as a bar, moving without a value while the fraction is unknown, and stops a replay', () => {
    const s = store();
    const el = document.createElement('footer');
    const cancelReplay = vi.fn();
    const bar = new StatusBar(el, s, { toggleLanguage: vi.fn(), cancelReplay });
    const progress = (): HTMLProgressElement | null => el.querySelector('[data-testid=busy-progress]');
    s.update({ busy: { evaluate: true } });
    frame();
    expect(el.querySelector('[data-testid=busy]')?.getAttribute('data-op')).toBe('evaluate');
    expect(progress()!.hasAttribute('value')).toBe(false);
    expect(el.querySelector('[data-testid=busy-cancel]')).toBeNull();
    s.update({ busy: { evaluate: { op: 'evaluate', fraction: 0.25, text: '评估', textEn: 'evaluating' } } });
    frame();
    expect([progress()!.value, progress()!.max]).toEqual([25, 100]);
    s.update({ busy: { replay: { op: 'replay', fraction: 0.734, text: '回放', textEn: 'replaying' } } });
    frame();
    expect(progress()!.value).toBe(73);
    (el.querySelector('[data-testid=busy-cancel]') as HTMLButtonElement).click();
    expect(cancelReplay).toHaveBeenCalledTimes(1);
    s.update({ busy: {} });
    frame();
    expect(progress()).toBeNull();
    bar.dispose();
  });
});
