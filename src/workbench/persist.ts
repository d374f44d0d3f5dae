// Unsaved edits survive a reload: each dirty buffer's text (and the etag it was based on) is kept in
// localStorage per workspace, written when typing pauses, dropped when the file is saved.

export interface Unsaved {
  text: string;
  etag: string | null;
  at: number;
}

export class UnsavedStore {
  private readonly key: string;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending = new Map<string, Unsaved | null>();
  /** Set when the browser refused (quota): shown once. */
  failed: string | null = null;

  constructor(workspaceId: string) {
    this.key = `luoshi.unsaved.${workspaceId}`;
  }

  all(): Record<string, Unsaved> {
    try {
      const v = localStorage.getItem(this.key);
      return v ? (JSON.parse(v) as Record<string, Unsaved>) : {};
    } catch {
      return {};
    }
  }

  /** Records a buffer's text (null: it is clean again). Written after a pause in typing. */
  set(path: string, value: Unsaved | null): void {
    this.pending.set(path, value);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), 400);
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.size === 0) return;
    const all = this.all();
    for (const [p, v] of this.pending) {
      if (v) all[p] = v;
      else delete all[p];
    }
    this.pending.clear();
    try {
      if (Object.keys(all).length === 0) localStorage.removeItem(this.key);
      else localStorage.setItem(this.key, JSON.stringify(all));
      this.failed = null;
    } catch (e) {
      this.failed = (e as Error).message;
    }
  }
}
