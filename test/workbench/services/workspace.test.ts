// @vitest-environment happy-dom
// The workspace (src/workbench/services/workspace.ts) against a fake server: loading, saving with the
// etag, a conflict (409) handed to the dialog with the disk's text, a server that went away (one notice,
// in the workbench's language, and the save's failure with it) and came back (what the outage caused
// cleared, one word that it is back), and the poll following a clean file on disk.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POLL_MS, WorkspaceService, type WorkspaceApi } from '../../../src/workbench/services/workspace.js';
import { NotificationService } from '../../../src/workbench/services/notifications.js';
import { setLang, words } from '../../../src/workbench/i18n.js';
import type { Answer, Saved } from '../../../src/workbench/server-api.js';
import type { FileEntry, Store } from '../../../src/workbench/state.js';
import { down, frame, ok, settle, store } from './fakes.js';

const FILES: FileEntry[] = [{ path: 'a.plan', kind: 'plan', size: 10, stamp: 's1' }];

function server() {
  let up = true;
  let disk = { text: '计划 甲', etag: 'e1', stamp: 's1' };
  let files = FILES;
  let writes = 0;
  const saves: Array<{ path: string; text: string; etag: string | null; force: boolean }> = [];
  const api: WorkspaceApi = {
    workspace: async () => (up ? ok({ roots: [{ name: 'ws', dir: 'ws' }], files, libraries: { std: [] } }) : down()),
    bundle: async () => (up ? ok({ files: { 'a.plan': disk }, library: {}, problems: [] }) : down()),
    read: async () => (up ? ok({ ...disk }) : down()),
    head: async () => down(),
    save: async (path, text, etag, force = false): Promise<Answer<Saved>> => {
      if (!up) return down();
      saves.push({ path, text, etag, force });
      if (etag !== disk.etag && !force)
        return { ok: false, status: 409, error: 'conflict', body: { disk: { text: disk.text, etag: disk.etag } } };
      disk = { text, etag: `e${saves.length + 1}`, stamp: `s${saves.length + 1}` };
      files = [{ ...FILES[0]!, stamp: disk.stamp }];
      return ok({ etag: disk.etag, stamp: disk.stamp });
    },
  };
  return {
    api,
    saves,
    setUp(v: boolean) {
      up = v;
    },
    /** Someone else writes the file. */
    write(text: string) {
      writes++;
      disk = { text, etag: writes === 1 ? 'other' : `other${writes}`, stamp: `w${writes}` };
      files = [{ ...FILES[0]!, stamp: disk.stamp }];
    },
  };
}

function workspace(s: Store, srv: ReturnType<typeof server>) {
  const notifications = new NotificationService(s);
  const conflict = vi.fn();
  const setText = vi.fn();
  const engine = { setFiles: vi.fn(async () => {}), updateFile: vi.fn(async () => {}) };
  const ws = new WorkspaceService(s, {
    api: srv.api,
    engine: () => engine,
    notifications,
    editor: {
      modelText: () => null,
      setText,
      openFile: async (p) => {
        s.update({ active: p });
      },
      addTab: vi.fn(),
    },
    plugins: { load: async () => {}, changed: () => false, configs: () => [] },
    pipeline: { scheduleCheck: vi.fn(), reloadData: vi.fn() },
    conflict,
  });
  return { ws, notifications, conflict, setText, engine };
}

const noticeTexts = (s: Store): string[] => s.s.notices.map((n) => words(n.text));

describe('the workspace', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setLang('zh');
    localStorage.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves with the etag it read, and the buffer is clean after', async () => {
    const s = store();
    const srv = server();
    const { ws, engine } = workspace(s, srv);
    await ws.load();
    expect(engine.setFiles).toHaveBeenCalledWith({ 'a.plan': '计划 甲' }, { std: [] });
    expect(s.s.active).toBe('a.plan');
    ws.recordText('a.plan', '计划 甲乙');
    expect(await ws.save('a.plan')).toBe(true);
    expect(srv.saves).toEqual([{ path: 'a.plan', text: '计划 甲乙', etag: 'e1', force: false }]);
    const b = s.s.buffers.get('a.plan')!;
    expect([b.savedText, b.etag, b.changedOnDisk]).toEqual(['计划 甲乙', 'e2', false]);
    expect(noticeTexts(s)).toEqual(['已保存: a.plan']);
    ws.dispose();
  });

  it("hands a conflict (409) to the dialog with the disk's text; taking the disk's version updates buffer, editor and engine", async () => {
    const s = store();
    const srv = server();
    const { ws, conflict, setText, engine } = workspace(s, srv);
    await ws.load();
    srv.write('计划 丙（别人改的）');
    ws.recordText('a.plan', '计划 甲乙');
    expect(await ws.save('a.plan')).toBe(false);
    expect(conflict).toHaveBeenCalledWith('a.plan', { text: '计划 丙（别人改的）', etag: 'other' });
    expect(s.s.buffers.get('a.plan')?.changedOnDisk).toBe(true);
    ws.useDisk('a.plan', { text: '计划 丙（别人改的）', etag: 'other' });
    const b = s.s.buffers.get('a.plan')!;
    expect([b.text, b.savedText, b.etag, b.changedOnDisk]).toEqual([
      '计划 丙（别人改的）',
      '计划 丙（别人改的）',
      'other',
      false,
    ]);
    expect(setText).toHaveBeenCalledWith('a.plan', '计划 丙（别人改的）');
    expect(engine.updateFile).toHaveBeenCalledWith('a.plan', '计划 丙（别人改的）');
    // Overwriting instead: a forced save.
    ws.recordText('a.plan', '计划 丁');
    expect(await ws.save('a.plan', true)).toBe(true);
    expect(srv.saves.at(-1)).toEqual({ path: 'a.plan', text: '计划 丁', etag: 'other', force: true });
    ws.dispose();
  });

  it('a server gone away: one notice per cause, no browser words; back again: they are replaced by one word that it is back, in one language', async () => {
    const s = store();
    const srv = server();
    const { ws } = workspace(s, srv);
    await ws.start();
    srv.setUp(false);
    vi.advanceTimersByTime(POLL_MS);
    await settle();
    ws.recordText('a.plan', '计划 离线');
    expect(await ws.save('a.plan')).toBe(false);
    vi.advanceTimersByTime(POLL_MS * 3);
    await settle();
    expect(s.s.server).toBe('down');
    expect(noticeTexts(s)).toEqual([
      '无法连接服务器：编辑内容保留在本地，恢复连接后可保存',
      '保存失败: a.plan — 无法连接服务器：编辑内容保留在本地，恢复连接后可保存',
    ]);
    expect(noticeTexts(s).join('')).not.toMatch(/Failed to fetch/);
    // Switched to English while it was down: the same notices, in English only.
    setLang('en');
    expect(noticeTexts(s).join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
    srv.setUp(true);
    vi.advanceTimersByTime(POLL_MS);
    await settle();
    frame();
    expect(s.s.server).toBe('ok');
    expect(s.s.notices.map((n) => [n.kind, words(n.text)])).toEqual([['ok', 'reconnected to the server']]);
    ws.dispose();
  });

  it("a save the server refuses says why in the workbench's language only", async () => {
    const s = store();
    const srv = server();
    srv.api.save = async () => ({ ok: false, status: 403, error: '缺少 X-Luoshi 请求头 / missing X-Luoshi header' });
    const { ws } = workspace(s, srv);
    await ws.load();
    ws.recordText('a.plan', '计划 甲乙');
    expect(await ws.save('a.plan')).toBe(false);
    expect(noticeTexts(s)).toEqual(['保存失败: a.plan — 缺少 X-Luoshi 请求头']);
    setLang('en');
    expect(noticeTexts(s)).toEqual(['save failed: a.plan — missing X-Luoshi header']);
    ws.dispose();
  });

  it('the poll follows a clean file changed on disk and marks an edited one', async () => {
    const s = store();
    const srv = server();
    const { ws, setText } = workspace(s, srv);
    await ws.start();
    srv.write('计划 乙');
    vi.advanceTimersByTime(POLL_MS);
    await settle();
    expect(s.s.buffers.get('a.plan')?.text).toBe('计划 乙');
    expect(setText).toHaveBeenCalledWith('a.plan', '计划 乙');
    expect(s.s.buffers.get('a.plan')?.changedOnDisk).toBe(false);
    ws.recordText('a.plan', '计划 乙（我改的）');
    srv.write('计划 丙');
    vi.advanceTimersByTime(POLL_MS);
    await settle();
    // Edited here: kept, and marked as changed on disk.
    const b = s.s.buffers.get('a.plan')!;
    expect([b.text, b.savedText, b.changedOnDisk]).toEqual(['计划 乙（我改的）', '计划 乙', true]);
    ws.dispose();
  });
});
