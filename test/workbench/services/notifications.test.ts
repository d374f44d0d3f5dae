// @vitest-environment happy-dom
// Notices (src/workbench/services/notifications.ts): one per cause, information goes by itself, errors
// stay until dismissed, the corner never holds more than a few, and each is drawn in the language of the
// moment — switching never leaves one in the other language.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CAUSE, INFO_MS, MAX_NOTICES, NotificationService } from '../../../src/workbench/services/notifications.js';
import { setLang } from '../../../src/workbench/i18n.js';
import { serverWords } from '../../../src/workbench/server-api.js';
import { frame, store } from './fakes.js';

const texts = (el: HTMLElement): string[] => [...el.querySelectorAll('.notice span')].map((s) => s.textContent ?? '');

describe('notifications', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setLang('zh');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps one notice per cause: a new one replaces the old', () => {
    const s = store();
    const n = new NotificationService(s);
    n.notify('保存失败：a.plan', 'error', { cause: 'save:a.plan' });
    n.notify('保存失败：a.plan（再次）', 'error', { cause: 'save:a.plan' });
    n.notify('已保存：b.plan', 'ok', { cause: 'save:b.plan' });
    expect(s.s.notices.map((x) => x.text)).toEqual(['保存失败：a.plan（再次）', '已保存：b.plan']);
    // The same words without a cause are one notice too.
    n.notify('数据问题', 'error');
    n.notify('数据问题', 'error');
    expect(s.s.notices.filter((x) => x.text === '数据问题')).toHaveLength(1);
    n.dispose();
  });

  it('takes information away after a few seconds and leaves errors until dismissed', () => {
    const s = store();
    const n = new NotificationService(s);
    n.notify('已保存', 'ok');
    const err = n.notify('无法连接服务器', 'error', { cause: CAUSE.server });
    vi.advanceTimersByTime(INFO_MS - 1);
    expect(s.s.notices.map((x) => x.kind)).toEqual(['ok', 'error']);
    vi.advanceTimersByTime(1);
    expect(s.s.notices.map((x) => x.kind)).toEqual(['error']);
    vi.advanceTimersByTime(60_000);
    expect(s.s.notices.map((x) => x.id)).toEqual([err]);
    n.dismiss(err);
    expect(s.s.notices).toEqual([]);
    expect(n.pendingTimers).toBe(0);
    n.dispose();
  });

  it('holds at most MAX_NOTICES, dropping the oldest information first', () => {
    const s = store();
    const n = new NotificationService(s);
    expect(MAX_NOTICES).toBe(4);
    n.notify('错误一', 'error');
    n.notify('信息一', 'info');
    n.notify('错误二', 'error');
    n.notify('错误三', 'error');
    n.notify('错误四', 'error');
    // Five asked for: the information went first.
    expect(s.s.notices.map((x) => x.text)).toEqual(['错误一', '错误二', '错误三', '错误四']);
    n.notify('错误五', 'error');
    // Errors only: the oldest went.
    expect(s.s.notices.map((x) => x.text)).toEqual(['错误二', '错误三', '错误四', '错误五']);
    expect(n.pendingTimers).toBe(0);
    n.dispose();
  });

  it('clears a cause and its sub-causes (the server back clears what its outage caused)', () => {
    const s = store();
    const n = new NotificationService(s);
    n.notify({ zh: '无法连接服务器', en: 'cannot reach the server' }, 'error', { cause: CAUSE.server });
    n.notify(
      { zh: '保存失败：a.plan — 无法连接服务器', en: 'save failed: a.plan — cannot reach the server' },
      'error',
      { cause: `${CAUSE.server}:save:a.plan` },
    );
    n.notify('a.plan: 语法错误', 'error', { cause: 'read:a.plan' });
    n.clearCause(CAUSE.server);
    expect(s.s.notices.map((x) => x.cause)).toEqual(['read:a.plan']);
    n.dispose();
  });

  it('draws each notice in the language of the moment, errors as alerts, with a close button', () => {
    const s = store();
    const n = new NotificationService(s);
    const el = document.createElement('div');
    n.attach(el);
    n.notify({ zh: '引擎已重启', en: 'engine restarted' }, 'info');
    n.notify({ zh: '无法连接服务器', en: 'cannot reach the server' }, 'error', { cause: CAUSE.server });
    frame();
    expect(texts(el)).toEqual(['引擎已重启', '无法连接服务器']);
    expect(el.querySelector('[data-testid=notice-error]')?.getAttribute('role')).toBe('alert');
    setLang('en');
    s.update({ lang: 'en' });
    frame();
    expect(texts(el)).toEqual(['engine restarted', 'cannot reach the server']);
    expect(texts(el).join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
    (el.querySelector('[data-testid=notice-error] .notice-close') as HTMLButtonElement).click();
    frame();
    expect(texts(el)).toEqual(['engine restarted']);
    n.dispose();
    setLang('zh');
  });
});

describe("the server's messages in a notice", () => {
  it('are split into their two languages, a detail after the English kept in the Chinese', () => {
    expect(serverWords('路径不在工作区内 / path outside the workspace: ../a.plan')).toEqual({
      zh: '路径不在工作区内：../a.plan',
      en: 'path outside the workspace: ../a.plan',
    });
    expect(serverWords('缺少 X-Luoshi 请求头 / missing X-Luoshi header')).toEqual({
      zh: '缺少 X-Luoshi 请求头',
      en: 'missing X-Luoshi header',
    });
    expect(serverWords('计划有错误 / the plan has errors\n没有这个文件 / no such file: b.plan')).toEqual({
      zh: '计划有错误\n没有这个文件：b.plan',
      en: 'the plan has errors\nno such file: b.plan',
    });
    // Not in that form: shown as it is, in both.
    expect(serverWords('HTTP 502')).toEqual({ zh: 'HTTP 502', en: 'HTTP 502' });
  });
});
