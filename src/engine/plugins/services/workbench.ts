// The workbench's contributions: commands (run under the watchdog) and views.
import type { CommandDecl, CommandHandler, ViewDecl, ViewProvider } from '../api.js';
import { titleOf } from '../points.js';
import { errorText } from '../timeout.js';
import type { CommandInfo, HostCore, ViewInfo } from './core.js';

export function commands(core: HostCore): CommandInfo[] {
  return core.live<CommandDecl, CommandHandler>('commands').map((e) => ({
    id: e.key,
    title: titleOf(e.decl.title, e.key),
    keybinding: e.decl.keybinding ?? null,
    category: e.decl.category ?? null,
    palette: e.decl.palette !== false,
    plugin: e.plugin,
  }));
}

export function views(core: HostCore): ViewInfo[] {
  return core
    .live<ViewDecl, ViewProvider>('views')
    .map((e) => ({
      id: e.key,
      title: titleOf(e.decl.title, e.key),
      location: e.decl.location ?? 'panel',
      order: e.decl.order ?? 100,
      icon: e.decl.icon ?? null,
      plugin: e.plugin,
    }))
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
}

/** Runs a command (activating its plugin); rejects with the reported problem's message. */
export async function executeCommand(core: HostCore, id: string, ...args: unknown[]): Promise<unknown> {
  const e = await core.implOf<CommandDecl, CommandHandler>('commands', id);
  const rec = e ? core.record(e.plugin) : undefined;
  if (!e || !rec) throw new Error(`no such command: ${id}`);
  if (rec.state !== 'active' || !e.impl) throw new Error(`command ${id}: plugin ${rec.id} is not active`);
  const impl = e.impl;
  const r = await core.guard(
    rec,
    `command ${id}`,
    `执行命令 ${id} `,
    () => impl(...args),
    rec.builtin ? Infinity : core.callTimeoutMs,
  );
  if (r.ok) return r.value;
  if (r.timedOut) core.trouble(rec, 'P0007', 'command', { ms: core.callTimeoutMs });
  else core.trouble(rec, 'P0006', 'command', { why: `${id}: ${errorText(r.error)}` });
  throw new Error(core.lastDiagnostic().messageEn);
}

/** A view's provider (activating its plugin), or undefined when it has none. */
export async function resolveView(core: HostCore, id: string): Promise<ViewProvider | undefined> {
  const e = await core.implOf<ViewDecl, ViewProvider>('views', id);
  const rec = e ? core.record(e.plugin) : undefined;
  return rec?.state === 'active' ? e?.impl : undefined;
}
