// Data importers contributed by plugins: which one reads a file, its implementation, its troubles.
import type { Importer, ImporterDecl, RecordKind, Settings } from '../api.js';
import { titleOf } from '../points.js';
import type { HostCore, ImporterInfo } from './core.js';

export function importers(core: HostCore): ImporterInfo[] {
  return core.live<ImporterDecl, Importer>('importers').map((e) => ({
    name: e.key,
    title: titleOf(e.decl.title, e.key),
    patterns: e.decl.patterns,
    kinds: e.decl.kinds ?? ['cases'],
    plugin: e.plugin,
  }));
}

/** The importer for a file name: the most specific matching pattern wins (then the first added). */
export function importerFor(core: HostCore, fileName: string, kind: RecordKind): ImporterInfo | null {
  const base = fileName.split(/[/\\]/).pop() ?? fileName;
  let best: ImporterInfo | null = null,
    bestScore = -1;
  for (const imp of importers(core)) {
    if (!imp.kinds.includes(kind)) continue;
    for (const p of imp.patterns) {
      if (!globMatch(p, base)) continue;
      const score = p.replace(/[*?]/g, '').length;
      if (score > bestScore) {
        best = imp;
        bestScore = score;
      }
    }
  }
  return best;
}

/** The importer's implementation (activating its plugin), and whether it is built in; null if it failed. */
export async function importer(
  core: HostCore,
  name: string,
): Promise<{ importer: Importer; plugin: string; builtin: boolean; settings: Settings; timeoutMs: number } | null> {
  const e = await core.implOf<ImporterDecl, Importer>('importers', name);
  const rec = e ? core.record(e.plugin) : undefined;
  if (!e || !rec || rec.state !== 'active' || !e.impl) return null;
  return {
    importer: e.impl,
    plugin: rec.id,
    builtin: rec.builtin,
    settings: rec.settings,
    timeoutMs: rec.builtin ? Infinity : core.callTimeoutMs,
  };
}

/** Reports a problem of an importer while it runs (the loader calls this). */
export function reportImporter(core: HostCore, pluginId: string, code: 'P0006' | 'P0007' | 'P0008', why: string): void {
  const rec = core.record(pluginId);
  if (rec) core.trouble(rec, code, 'import', code === 'P0007' ? { ms: core.callTimeoutMs } : { why });
}

/** `*` any run of characters, `?` one; case-insensitive; the whole name. */
export function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'iu',
  );
  return re.test(name);
}
