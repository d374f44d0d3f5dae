// Report formats contributed by plugins (`--format`), rendered under the watchdog.
import type { FormatDecl, FormatInput, FormatOptions, FormatRenderer } from '../api.js';
import { titleOf } from '../points.js';
import { errorText } from '../timeout.js';
import type { FormatInfo, HostCore } from './core.js';

export function formats(core: HostCore, kind?: FormatDecl['kinds'][number]): FormatInfo[] {
  return core
    .live<FormatDecl, FormatRenderer>('formats')
    .filter((e) => !kind || e.decl.kinds.includes(kind))
    .map((e) => ({
      name: e.key,
      title: titleOf(e.decl.title, e.key),
      kinds: e.decl.kinds,
      extension: e.decl.extension ?? null,
      mediaType: e.decl.mediaType ?? null,
      plugin: e.plugin,
    }));
}

/** Renders with the format `name`: the text, or null when the plugin failed (reported). */
export async function render(
  core: HostCore,
  name: string,
  input: FormatInput,
  options: FormatOptions,
): Promise<string | null> {
  const e = await core.implOf<FormatDecl, FormatRenderer>('formats', name);
  const rec = e ? core.record(e.plugin) : undefined;
  if (!e || !rec) throw new Error(`no format ${name}`);
  if (rec.state !== 'active' || !e.impl) return null;
  const impl = e.impl;
  const r = await core.guard(
    rec,
    `format ${name}`,
    `以格式 ${name} 输出报告`,
    () => impl.render(input, options),
    rec.builtin ? Infinity : core.callTimeoutMs,
  );
  if (!r.ok) {
    if (r.timedOut) core.trouble(rec, 'P0007', 'format', { ms: core.callTimeoutMs });
    else core.trouble(rec, 'P0006', 'format', { why: `${name}: ${errorText(r.error)}` });
    return null;
  }
  if (typeof r.value !== 'string') {
    core.trouble(rec, 'P0008', 'format', { why: `${name}: render() 应返回文本 / render() must return a string` });
    return null;
  }
  return r.value;
}
