// The page's calls to `luoshi serve` (src/harness/serve/server.ts). Failures are values, never throws:
// a server that went away is something to show, not a crash.
import type { DatabaseSourceInfo, FileEntry } from '../workers/protocol.js';

export type { DatabaseSourceInfo };
import type { PluginsPayload, TrustPayload } from '../workers/protocol.js';

export type Answer<T> = { ok: true; value: T } | { ok: false; status: number; error: string; body?: unknown };

async function call<T>(url: string, init?: RequestInit): Promise<Answer<T>> {
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-store', ...init });
  } catch (e) {
    return { ok: false, status: 0, error: (e as Error).message || 'network error' };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const error = (body as { error?: string } | null)?.error ?? `HTTP ${res.status}`;
    return { ok: false, status: res.status, error, body };
  }
  return { ok: true, value: body as T };
}

export interface WorkspaceInfo {
  roots: Array<{ name: string; dir: string }>;
  files: FileEntry[];
  libraries: Record<string, string[]>;
}
export interface Bundle {
  files: Record<string, { text: string; etag: string; stamp: string }>;
  library: Record<string, string>;
  problems: Array<{ path: string; error: string }>;
}
/** `encoding`: the file's (a save writes it back in the same one). */
export interface FileText {
  text: string;
  etag: string | null;
  stamp: string | null;
  readOnly?: boolean;
  encoding?: string;
}
export interface Saved {
  etag: string;
  stamp: string;
}
export interface Conflict {
  error: string;
  disk: { text: string; etag: string } | null;
}

const q = (path: string): string => `path=${encodeURIComponent(path)}`;

export const serverApi = {
  ping: () => call<{ ok: boolean }>('api/ping'),
  workspace: () => call<WorkspaceInfo>('api/workspace'),
  bundle: () => call<Bundle>('api/bundle'),
  read: (path: string) => call<FileText>(`api/file?${q(path)}`),
  head: (path: string, bytes: number) =>
    call<{ text: string; size: number; encoding: string }>(`api/file?${q(path)}&head=${bytes}`),
  save: (path: string, text: string, etag: string | null, force = false) =>
    call<Saved>(`api/file?${q(path)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-luoshi': '1' },
      body: JSON.stringify({ text, etag, force }),
    }),
  plugins: () => call<PluginsPayload>('api/plugins'),
  /** The configured database source; `source` null when there is none. */
  database: () => call<DatabaseSourceInfo | { source: null }>('api/database'),
  /** Reads the database source again (the next data request gets the new data set). */
  refreshDatabase: () =>
    call<DatabaseSourceInfo>('api/database/refresh', { method: 'POST', headers: { 'x-luoshi': '1' } }),
  trust: () => call<TrustPayload>('api/trust'),
  /** Trusts or revokes the served folders (their plugins run only when trusted). */
  setTrust: (trusted: boolean) =>
    call<TrustPayload>('api/trust', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-luoshi': '1' },
      body: JSON.stringify({ trusted }),
    }),
  /** The URL the worker fetches a data set from (relative to the page). */
  dataUrl(sel: { cases: string[]; progress: string[]; staffing: string[] }, plan: string | null): string {
    const p = new URLSearchParams();
    // The plan's luoshi.config.yaml decides the importers (as in `luoshi check PLAN --data …`).
    if (plan) p.append('plan', plan);
    for (const c of sel.cases) p.append('cases', c);
    for (const c of sel.progress) p.append('progress', c);
    for (const c of sel.staffing) p.append('staffing', c);
    return new URL(`api/data?${p.toString()}`, location.href).href;
  },
};

/**
 * The server says its errors in both languages, one line each: "中文 / English[: detail]". Apart, so a
 * notice shows one language; a detail (a path) given after the English is kept in the Chinese too.
 */
export function serverWords(message: string): { zh: string; en: string } {
  const lines = message.split('\n').map((line) => {
    const i = line.indexOf(' / ');
    if (i < 0 || !/[\u4e00-\u9fff]/.test(line.slice(0, i))) return { zh: line, en: line };
    const zh = line.slice(0, i),
      en = line.slice(i + 3);
    const detail = /: (.+)$/.exec(en)?.[1];
    return { zh: detail && !zh.includes(detail) ? `${zh}：${detail}` : zh, en };
  });
  return { zh: lines.map((l) => l.zh).join('\n'), en: lines.map((l) => l.en).join('\n') };
}
