// The documents courts live in, from the workbench: 导出公文 (.docx), 导出任务分解表 (.xlsx), 导出通报
// (.docx / .xlsx) for the open plan over the selected data and as-of date, and 导入任务分解表, which writes
// the imported plan next to the open one and opens it with its diagnostics. The server makes the files
// with the same code as `luoshi render`, `luoshi report` and `luoshi import` (src/harness/serve/documents.ts).
import type { WorkbenchPlugin, PluginContext } from '../registry.js';
import { both, pick } from '../i18n.js';
import { serverApi, serverWords } from '../server-api.js';
import { download } from '../table-export.js';

/** A document from the server, or its error said in a notice (null). */
async function fetchDocument(ctx: PluginContext, url: string, init?: RequestInit): Promise<Blob | null> {
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-store', ...init });
  } catch {
    // The browser's own words ("Failed to fetch") are not the reader's language; cleared when the server is back.
    ctx.workbench.notify(both('serverDown'), 'error', { cause: 'server' });
    return null;
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    ctx.workbench.notify(serverWords(body?.error ?? `HTTP ${res.status}`), 'error', { cause: `document:${url}` });
    return null;
  }
  return res.blob();
}

const stem = (path: string): string => path.replace(/^.*\//, '').replace(/\.[^.]+$/, '');

/** Picks a local file (the browser's file dialog). */
function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,.docx,.csv';
    input.onchange = () => resolve(input.files?.[0] ?? null);
    input.click();
  });
}

export const documentsPlugin: WorkbenchPlugin = {
  id: 'luoshi.documents',
  version: '1.0.0',
  activate(ctx) {
    const planDoc = async (kind: 'gongwen' | 'table', format: 'docx' | 'xlsx'): Promise<string | null> => {
      const entry = ctx.store.s.entry;
      if (!entry) {
        ctx.workbench.notify({ zh: '先打开一个计划', en: 'open a plan first' }, 'error');
        return null;
      }
      const blob = await fetchDocument(
        ctx,
        `api/document?path=${encodeURIComponent(entry)}&kind=${kind}&format=${format}`,
      );
      if (!blob) return null;
      const name = `${stem(entry)}${kind === 'table' ? '-任务分解表' : ''}.${format}`;
      download(name, blob);
      return name;
    };
    const bulletin = async (format: 'docx' | 'xlsx'): Promise<string | null> => {
      const { entry, dataSelection: sel, asOf } = ctx.store.s;
      if (!entry || !sel?.cases.length) {
        ctx.workbench.notify({ zh: '先打开计划并选择案件数据', en: 'open a plan and select case data first' }, 'error');
        return null;
      }
      const body = JSON.stringify({
        plan: entry,
        cases: sel.cases,
        progress: sel.progress,
        staffing: sel.staffing,
        asOf,
        format,
      });
      const blob = await fetchDocument(ctx, 'api/bulletin', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-luoshi': '1' },
        body,
      });
      if (!blob) return null;
      const name = `${stem(entry)}-通报-${asOf ?? ''}.${format}`;
      download(name, blob);
      return name;
    };
    ctx.registerCommand({
      id: 'luoshi.exportGongwen',
      title: { zh: '导出公文（.docx）', en: 'Export the official document (.docx)' },
      run: () => planDoc('gongwen', 'docx'),
    });
    ctx.registerCommand({
      id: 'luoshi.exportTaskTable',
      title: { zh: '导出任务分解表（.xlsx）', en: 'Export the task table (.xlsx)' },
      run: () => planDoc('table', 'xlsx'),
    });
    ctx.registerCommand({
      id: 'luoshi.exportBulletinDocx',
      title: { zh: '导出通报（.docx）', en: 'Export the bulletin (.docx)' },
      run: () => bulletin('docx'),
    });
    ctx.registerCommand({
      id: 'luoshi.exportBulletinXlsx',
      title: { zh: '导出通报（.xlsx）', en: 'Export the bulletin (.xlsx)' },
      run: () => bulletin('xlsx'),
    });
    ctx.registerCommand({
      id: 'luoshi.importTaskTable',
      title: { zh: '导入任务分解表（.xlsx/.docx/.csv）', en: 'Import a task table (.xlsx/.docx/.csv)' },
      // (name, bytes) from a test or another plugin; otherwise the file dialog.
      run: async (givenName?: unknown, givenBytes?: unknown) => {
        let name: string, bytes: ArrayBuffer;
        if (typeof givenName === 'string' && givenBytes instanceof ArrayBuffer) {
          name = givenName;
          bytes = givenBytes;
        } else {
          const file = await pickFile();
          if (!file) return null;
          name = file.name;
          bytes = await file.arrayBuffer();
        }
        const res = await fetch(`api/import?name=${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'x-luoshi': '1', 'content-type': 'application/octet-stream' },
          body: bytes,
        });
        const got = (await res.json().catch(() => null)) as {
          plan: string;
          diagnostics: string[];
          tasks: number;
          pending: number;
          error?: string;
        } | null;
        if (!res.ok || !got) {
          ctx.workbench.notify(serverWords(got?.error ?? `HTTP ${res.status}`), 'error', { cause: 'import' });
          return null;
        }
        // Next to the open plan, under a name no file has yet.
        const folder = ctx.store.s.entry?.includes('/') ? ctx.store.s.entry.replace(/\/[^/]*$/, '/') : '';
        const taken = new Set(ctx.store.s.files.map((f) => f.path));
        let path = `${folder}${stem(name)}.plan`;
        for (let k = 2; taken.has(path); k++) path = `${folder}${stem(name)}-${k}.plan`;
        const saved = await serverApi.save(path, got.plan, null);
        if (!saved.ok) {
          ctx.workbench.notify(serverWords(saved.error), 'error', { cause: 'import' });
          return null;
        }
        // The engine learns of a new file only from the page: it gets the text before the plan is opened.
        await ctx.workbench.client.engine.updateFile(path, got.plan);
        await ctx.workbench.openFile(path);
        const head = {
          zh: `已导入 ${got.tasks} 项任务到 ${path}，${got.pending} 处待定`,
          en: `imported ${got.tasks} tasks into ${path}; ${got.pending} to settle`,
        };
        const lines = (h: string): string => [h, ...got.diagnostics].join('\n');
        ctx.workbench.notify({ zh: lines(head.zh), en: lines(head.en) }, got.pending ? 'info' : 'ok', {
          sticky: got.diagnostics.length > 0,
        });
        return { path, diagnostics: got.diagnostics };
      },
    });
  },
};
