// The workspace and its files: the folder's listing and the plans' texts from `luoshi serve`, buffers
// (what the page holds of each file), unsaved edits kept across reloads, the 3-second poll that follows
// the disk (clean buffers follow it, edited ones are marked), saving with its etag, and conflicts.
import type { Buffer, Store } from '../state.js';
import { serverWords, type Answer, type Bundle, type FileText, type Saved, type WorkspaceInfo } from '../server-api.js';
import type { PluginsPayload } from '../../workers/protocol.js';
import { UnsavedStore } from '../persist.js';
import { pickData, rememberedData } from '../data-pick.js';
import { both, inBoth, pick } from '../i18n.js';
import { CAUSE, type NotificationService } from './notifications.js';
import { DisposableStore, interval, listen, type Disposable } from './lifecycle.js';

export const POLL_MS = 3000;

/** The server calls the workspace makes (src/workbench/server-api.ts; a fake one in the tests). */
export interface WorkspaceApi {
  workspace(): Promise<Answer<WorkspaceInfo>>;
  bundle(): Promise<Answer<Bundle>>;
  read(path: string): Promise<Answer<FileText>>;
  head(path: string, bytes: number): Promise<Answer<{ text: string; size: number; encoding: string }>>;
  save(path: string, text: string, etag: string | null, force?: boolean): Promise<Answer<Saved>>;
}

export interface WorkspaceDeps {
  api: WorkspaceApi;
  /** The engine worker (read at each use). */
  engine(): {
    setFiles(files: Record<string, string>, libraries: Record<string, string[]>): Promise<unknown>;
    updateFile(path: string, text: string | null): Promise<unknown>;
  };
  notifications: Pick<NotificationService, 'notify' | 'clearCause'>;
  editor: {
    modelText(path: string): string | null;
    setText(path: string, text: string): void;
    openFile(path: string): Promise<void>;
    addTab(path: string): void;
  };
  plugins: { load(): Promise<void>; changed(): boolean; configs(): PluginsPayload['configs'] };
  pipeline: { scheduleCheck(delay: number): void; reloadData(): void };
  /** A save met a newer file on disk: ask the user (overwrite, take the disk's, compare). */
  conflict(path: string, disk: { text: string; etag: string } | null): void;
}

export class WorkspaceService implements Disposable {
  private unsaved: UnsavedStore | null = null;
  private readonly disposables = new DisposableStore();

  constructor(
    private readonly store: Store,
    private readonly deps: WorkspaceDeps,
  ) {}

  /** Loads the workspace, then follows the disk every POLL_MS. */
  async start(): Promise<void> {
    this.disposables.add(listen(window, 'beforeunload', () => this.unsaved?.flush()));
    await this.load();
    this.disposables.add(
      interval(() => {
        void this.poll();
      }, POLL_MS),
    );
  }

  /** Names the workspace in the browser's storage (unsaved edits, the last plan open). */
  workspaceId(): string {
    return this.store.s.roots.map((r) => r.dir).join('|') || location.host;
  }

  async load(): Promise<void> {
    const { api, notifications } = this.deps;
    const [ws, bundle] = await Promise.all([api.workspace(), api.bundle()]);
    if (!ws.ok || !bundle.ok) {
      if ((!ws.ok && ws.status === 401) || (!bundle.ok && bundle.status === 401)) return this.signedOut();
      this.store.update({ server: 'down' });
      // The browser's own words for a network failure ("Failed to fetch") are not the reader's language: say the status only.
      const bad = !ws.ok ? ws : !bundle.ok ? bundle : null;
      notifications.notify(
        bad && bad.status > 0
          ? inBoth((t, pick) => `${t('serverDown')}（${pick('状态码', 'status')} ${bad.status}）`)
          : both('serverDown'),
        'error',
        { cause: CAUSE.server },
      );
      return;
    }
    this.store.update({ server: 'ok', roots: ws.value.roots, files: ws.value.files, libraries: ws.value.libraries });
    this.unsaved = new UnsavedStore(this.workspaceId());
    const buffers = this.store.s.buffers;
    for (const [path, f] of Object.entries(bundle.value.files)) {
      buffers.set(path, {
        path,
        text: f.text,
        savedText: f.text,
        etag: f.etag,
        stamp: f.stamp,
        readOnly: false,
        changedOnDisk: false,
      });
    }
    for (const [path, text] of Object.entries(bundle.value.library)) {
      if (!buffers.has(path))
        buffers.set(path, {
          path,
          text,
          savedText: text,
          etag: null,
          stamp: null,
          readOnly: true,
          changedOnDisk: false,
        });
    }
    for (const p of bundle.value.problems) {
      const w = serverWords(p.error);
      notifications.notify({ zh: `${p.path}：${w.zh}`, en: `${p.path}: ${w.en}` }, 'error', {
        cause: `read:${p.path}`,
      });
    }
    // Unsaved edits from before the reload: kept on top of what is on disk.
    let restored = 0;
    for (const [path, u] of Object.entries(this.unsaved.all())) {
      const b = buffers.get(path);
      if (!b || b.readOnly) continue;
      if (b.text !== u.text) {
        b.text = u.text;
        if (u.etag !== b.etag) b.changedOnDisk = true;
        restored++;
      }
    }
    if (restored)
      notifications.notify(
        inBoth((t) => `${t('restored')} (${restored})`),
        'info',
      );
    const files: Record<string, string> = {};
    for (const b of buffers.values()) files[b.path] = b.text;
    await this.deps.engine().setFiles(files, ws.value.libraries);
    await this.deps.plugins.load();
    this.store.touch('buffers');
    const last = localStorage.getItem(`luoshi.active.${this.workspaceId()}`);
    const plans = ws.value.files.filter(
      (f) => f.kind === 'plan' && !f.path.startsWith('std/') && !f.path.includes('/std/'),
    );
    const configs = this.deps.plugins.configs();
    const guesses = plans.map((p) => ({
      p,
      g: pickData(p.path, ws.value.files, configs, rememberedData(p.path), this.store.s.database !== null).selection,
    }));
    const withData = (
      guesses.find((x) => x.g.cases.length > 0 && x.g.progress.length > 0) ?? guesses.find((x) => x.g.cases.length > 0)
    )?.p;
    const first = (last && buffers.has(last) ? last : null) ?? withData?.path ?? plans[0]?.path ?? null;
    if (first) await this.deps.editor.openFile(first);
    for (const path of Object.keys(this.unsaved.all()))
      if (buffers.has(path) && path !== first) this.deps.editor.addTab(path);
  }

  /** Remembers the plan in view for the next visit. */
  rememberActive(path: string): void {
    localStorage.setItem(`luoshi.active.${this.workspaceId()}`, path);
  }

  /** The server wants its session cookie: say how to get it (once). */
  private signedOut(): void {
    if (this.store.s.server === 'signed-out') return;
    this.store.update({ server: 'signed-out' });
    this.deps.notifications.notify(both('signedOut'), 'error', { cause: `${CAUSE.server}:signed-out` });
  }

  async poll(): Promise<void> {
    const { api, notifications } = this.deps;
    const ws = await api.workspace();
    if (!ws.ok) {
      if (ws.status === 401) return this.signedOut();
      if (this.store.s.server !== 'down') {
        this.store.update({ server: 'down' });
        notifications.notify(both('serverDown'), 'error', { cause: CAUSE.server });
      }
      return;
    }
    if (this.store.s.server !== 'ok') {
      // What the outage caused goes with it; one word that it is back, in its place.
      notifications.clearCause(CAUSE.server);
      this.store.update({ server: 'ok' });
      notifications.notify({ zh: '已重新连接服务器', en: 'reconnected to the server' }, 'ok', { cause: CAUSE.server });
    }
    const before = new Map(this.store.s.files.map((f) => [f.path, f.stamp]));
    const changedList =
      ws.value.files.length !== before.size || ws.value.files.some((f) => before.get(f.path) !== f.stamp);
    if (!changedList) return;
    this.store.update({ files: ws.value.files });
    if (this.deps.plugins.changed()) {
      await this.deps.plugins.load();
      this.deps.pipeline.scheduleCheck(0);
    }
    // Files changed on disk: clean buffers follow the disk; dirty ones are marked.
    for (const f of ws.value.files) {
      const b = this.store.s.buffers.get(f.path);
      if (!b || b.readOnly || b.stamp === f.stamp) continue;
      const r = await api.read(f.path);
      if (!r.ok || r.value.etag === b.etag) {
        if (r.ok) b.stamp = r.value.stamp;
        continue;
      }
      if (b.text === b.savedText) {
        b.text = b.savedText = r.value.text;
        b.etag = r.value.etag;
        b.stamp = r.value.stamp;
        this.deps.editor.setText(f.path, r.value.text);
        void this.deps.engine().updateFile(f.path, r.value.text);
        this.deps.pipeline.scheduleCheck(0);
      } else {
        b.changedOnDisk = true;
      }
      this.store.touch('buffers');
    }
    for (const f of ws.value.files) {
      if (f.kind === 'plan' && !this.store.s.buffers.has(f.path)) {
        const r = await api.read(f.path);
        if (r.ok) {
          this.store.s.buffers.set(f.path, {
            path: f.path,
            text: r.value.text,
            savedText: r.value.text,
            etag: r.value.etag,
            stamp: r.value.stamp,
            readOnly: false,
            changedOnDisk: false,
          });
          void this.deps.engine().updateFile(f.path, r.value.text);
        }
      }
    }
    const sel = this.store.s.dataSelection;
    if (
      sel &&
      [...sel.cases, ...sel.progress, ...sel.staffing].some(
        (p) => before.get(p) !== ws.value.files.find((f) => f.path === p)?.stamp,
      )
    ) {
      this.deps.pipeline.reloadData();
    }
  }

  /** Makes sure a file's text is loaded (plans come with the bundle; other files on demand). */
  async ensureBuffer(path: string): Promise<Buffer | null> {
    const have = this.store.s.buffers.get(path);
    if (have) return have;
    const f = this.store.s.files.find((x) => x.path === path);
    const big = f && f.kind !== 'plan' && f.size > 2_000_000;
    const r = big ? await this.deps.api.head(path, 256 * 1024) : await this.deps.api.read(path);
    if (!r.ok) {
      const w = serverWords(r.error);
      this.deps.notifications.notify(
        inBoth((t, pk) => `${path}: ${r.status === 0 ? t('serverDown') : pk(w.zh, w.en)}`),
        'error',
        { cause: r.status === 0 ? `${CAUSE.server}:read:${path}` : `read:${path}` },
      );
      return null;
    }
    const text =
      'etag' in r.value
        ? r.value.text
        : `${r.value.text}\n… (${pick('仅预览前 256 KB', 'preview of the first 256 KB')})`;
    const etag = 'etag' in r.value ? r.value.etag : null;
    const stamp = 'stamp' in r.value ? r.value.stamp : null;
    const b: Buffer = {
      path,
      text,
      savedText: text,
      etag,
      stamp,
      readOnly: !path.endsWith('.plan') || etag === null,
      changedOnDisk: false,
    };
    this.store.s.buffers.set(path, b);
    return b;
  }

  /** A buffer's text as typed (the unsaved copy follows after a pause). */
  recordText(path: string, text: string): void {
    const b = this.store.s.buffers.get(path);
    if (!b) return;
    b.text = text;
    this.unsaved?.set(path, b.text === b.savedText ? null : { text: b.text, etag: b.etag, at: Date.now() });
    this.store.touch('buffers');
  }

  async save(path = this.store.s.active, force = false): Promise<boolean> {
    if (!path) return false;
    const b = this.store.s.buffers.get(path);
    if (!b || b.readOnly) return false;
    const text = this.deps.editor.modelText(path) ?? b.text;
    b.text = text;
    const r = await this.deps.api.save(path, text, b.etag, force);
    const { notifications } = this.deps;
    if (r.ok) {
      b.savedText = text;
      b.etag = r.value.etag;
      b.stamp = r.value.stamp;
      b.changedOnDisk = false;
      this.unsaved?.set(path, b.text === b.savedText ? null : { text: b.text, etag: b.etag, at: Date.now() });
      this.unsaved?.flush();
      this.store.touch('buffers', 'files');
      notifications.clearCause(`save:${path}`);
      notifications.notify(
        inBoth((t) => `${t('saved')}: ${path}`),
        'ok',
        { cause: `save:${path}` },
      );
      return true;
    }
    if (r.status === 409) {
      const disk = (r.body as { disk?: { text: string; etag: string } | null } | undefined)?.disk ?? null;
      b.changedOnDisk = true;
      this.store.touch('buffers');
      this.deps.conflict(path, disk);
      return false;
    }
    if (r.status === 0) this.store.update({ server: 'down' });
    const why = serverWords(r.error);
    notifications.notify(
      inBoth((t, pk) => `${t('saveFailed')}: ${path} — ${r.status === 0 ? t('serverDown') : pk(why.zh, why.en)}`),
      'error',
      { cause: r.status === 0 ? `${CAUSE.server}:save:${path}` : `save:${path}` },
    );
    return false;
  }

  async saveAll(): Promise<void> {
    for (const b of this.store.s.buffers.values()) if (!b.readOnly && b.text !== b.savedText) await this.save(b.path);
  }

  /** The conflict settled for the disk's text: the buffer and the editor take it. */
  useDisk(path: string, disk: { text: string; etag: string }): void {
    const b = this.store.s.buffers.get(path);
    if (!b) return;
    b.text = b.savedText = disk.text;
    b.etag = disk.etag;
    b.changedOnDisk = false;
    this.deps.editor.setText(path, disk.text);
    this.unsaved?.set(path, null);
    void this.deps.engine().updateFile(path, disk.text);
    this.deps.pipeline.scheduleCheck(0);
    this.store.touch('buffers');
  }

  /** Writes the unsaved edits now (before a reload). */
  flush(): void {
    this.unsaved?.flush();
  }

  dispose(): void {
    this.disposables.dispose();
    this.unsaved?.flush();
  }
}
