// The workspace's plugins for `luoshi serve`: every luoshi.config.yaml that governs part of the workspace
// (GET /api/plugins, read by the workbench's worker, src/workers/plugins.ts), the files of the plugin
// folders they list (GET /plugins/N/…, the browser imports a plugin's entry from there), and the data
// importers of a plan's configuration for the loaders (GET /api/data?plan=…). A plan is governed by the
// nearest configuration at or above its folder, as `luoshi check` finds it.
//
// Workspace trust (docs/security.md): the plugins of a folder the user has not trusted are never imported,
// run or served. /api/plugins then lists them in `restricted` with what their plugin.json says they
// contribute (read as data), its configuration carries no plugins, /plugins/N/ refuses, and data is read
// with the built-in importers (a P0020 warning names the importer that was not used).
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, posix, relative, sep } from 'node:path';
import { CONFIG_FILE_NAMES, governing, parseConfig } from '../../engine/plugins/config.js';
import { pluginDiagnostic } from '../../engine/plugins/diagnostics.js';
import { globMatch } from '../../engine/plugins/host.js';
import type {
  DataProblemRow,
  PlanDataRule,
  PluginConfigPayload,
  PluginFolderPayload,
  PluginsPayload,
  RestrictedConfigPayload,
  RestrictedPluginPayload,
} from '../../workers/protocol.js';
import { joinPath, type DataRule } from '../../engine/data/plan-data.js';
import type { DataImporters } from '../loaders/index.js';
import { dataImporters } from '../plugins/importers.js';
import {
  createHarnessHost,
  findConfig,
  locatePlugin,
  openPluginSession,
  pluginLabel,
  readPluginFolder,
  type PluginSession,
} from '../plugins/session.js';
import { PluginHangError } from '../plugins/watchdog.js';
import { WorkspaceError, type Root, type Workspace } from './workspace.js';

/** A configuration file and the part of the workspace it governs. */
export interface GoverningConfig {
  /** Its absolute path. */
  abs: string;
  /** As shown: its workspace path, or (above the workspace) its path from the root folder. */
  file: string;
  /** The workspace folder it governs ('' = the whole workspace). */
  scope: string;
  /** The root folder it lies in or above (paths outside the workspace are shown from there). */
  root: Root;
}

/** `rel` (from path.relative) leads out of its base folder, or is the folder itself. */
const outside = (rel: string): boolean => rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`);
const slashed = (p: string): string => p.split(sep).join('/');
const stampOf = (abs: string): string => {
  const st = statSync(abs);
  return `${st.mtimeMs}-${st.size}`;
};

/** The latest change in a plugin folder (its files, node_modules and dot-folders aside), base 36. */
function folderStamp(dir: string): string {
  let latest = 0,
    seen = 0;
  const walk = (d: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules' || ++seen > 2000) continue;
      const abs = join(d, name);
      try {
        const st = statSync(abs);
        if (st.isDirectory()) {
          if (depth < 6) walk(abs, depth + 1);
        } else if (st.mtimeMs > latest) latest = st.mtimeMs;
      } catch {
        /* vanished meanwhile */
      }
    }
  };
  walk(dir, 0);
  return Math.floor(latest).toString(36);
}

/** A session that can no longer run plugin code: its worker was stopped, or it never opened. */
async function spent(session: Promise<PluginSession | null>): Promise<boolean> {
  try {
    return (await session)?.stopped() ?? false;
  } catch {
    return true;
  }
}

export class PluginService {
  /** Plugin folders by real path → N of `/plugins/N/`; numbers are never reused while the server runs. */
  private readonly numbers = new Map<string, number>();
  private readonly folders: string[] = [];
  /** One session per configuration file, replaced (and the old one disposed) when the file changes. */
  private readonly sessions = new Map<string, { stamp: string; session: Promise<PluginSession | null> }>();
  private builtin: DataImporters | null = null;
  /** The served folders each plugin folder was listed for (N → roots): /plugins/N/ serves it while one is trusted. */
  private readonly listedFor = new Map<number, Set<Root>>();

  /** `trusted`: may this served folder's plugins run (default: no folder's may). */
  constructor(
    private readonly ws: Workspace,
    private readonly log: (line: string) => void = () => {},
    private readonly trusted: (root: Root) => boolean = () => false,
  ) {}

  /** The configuration's folder is trusted: its plugins may run. */
  isTrusted(config: GoverningConfig): boolean {
    return this.trusted(config.root);
  }

  /** Every configuration governing part of the workspace, by scope (a folder before the folders inside it). */
  configs(): GoverningConfig[] {
    const ws = this.ws;
    const rootOf = (path: string): Root =>
      ws.roots.length === 1 ? ws.roots[0]! : ws.roots.find((r) => r.name === path.split('/')[0])!;
    const rank = (path: string): number => (CONFIG_FILE_NAMES as readonly string[]).indexOf(basename(path));
    // luoshi.config.yaml before .yml in the same folder, as findConfig() prefers it.
    const found = ws
      .list()
      .filter((f) => rank(f.path) >= 0)
      .sort((a, b) => rank(a.path) - rank(b.path));
    const byScope = new Map<string, GoverningConfig>();
    for (const f of found) {
      const scope = f.path.includes('/') ? posix.dirname(f.path) : '';
      if (byScope.has(scope)) continue;
      byScope.set(scope, { abs: ws.resolve(f.path), file: f.path, scope, root: rootOf(f.path) });
    }
    // A root without its own configuration is governed by its workspace root's (as for the CLI; never above).
    for (const root of ws.roots) {
      if (byScope.has(root.name)) continue;
      const abs = findConfig(root.dir);
      if (abs === null) continue;
      const rel = relative(root.dir, abs);
      byScope.set(root.name, { abs, file: isAbsolute(rel) ? abs : slashed(rel), scope: root.name, root });
    }
    return [...byScope.values()].sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0));
  }

  /** The configuration governing a workspace path: the longest scope containing it, or null. */
  governing(path: string, configs = this.configs()): GoverningConfig | null {
    return governing(configs, path);
  }

  /** GET /api/plugins: read afresh on every request (configurations and plugins change on disk). */
  payload(): PluginsPayload {
    // A plugin several configurations list is stamped once.
    const stamps = new Map<string, string>();
    const stamp = (dir: string): string => stamps.get(dir) ?? stamps.set(dir, folderStamp(dir)).get(dir)!;
    const configs: PluginConfigPayload[] = [];
    const restricted: RestrictedConfigPayload[] = [];
    for (const c of this.configs()) {
      if (this.isTrusted(c)) {
        configs.push(this.describe(c, stamp));
        continue;
      }
      const r = this.describeRestricted(c);
      restricted.push(r.restricted);
      configs.push(r.config);
    }
    return { configs, restricted };
  }

  /** The configuration's text and its plugins' folders, or the P0011 diagnostic saying why not. */
  private readConfig(c: GoverningConfig): {
    refs: Array<{ label: string; dir: string; settings: unknown }>;
    calendar: string | null;
    data?: PlanDataRule[];
    diagnostics: PluginConfigPayload['diagnostics'];
  } {
    let text: string;
    try {
      text = readFileSync(c.abs, 'utf8');
    } catch (e) {
      const why = (e as Error).message;
      return {
        refs: [],
        calendar: null,
        diagnostics: [pluginDiagnostic('P0011', c.file, { path: c.file, why, zhWhy: `无法读取：${why}` })],
      };
    }
    const { config, diagnostics } = parseConfig(text, c.file);
    const refs: Array<{ label: string; dir: string; settings: unknown }> = [];
    for (const ref of config.plugins) {
      if (!ref.enabled) continue;
      const where = locatePlugin(ref, dirname(c.abs), c.file);
      if ('diagnostic' in where) diagnostics.push(where.diagnostic);
      else refs.push({ label: pluginLabel(ref), dir: where.dir, settings: ref.settings ?? null });
    }
    // `data:` rules are data, not code: the page gets them whether or not the folder is trusted.
    const data = config.data?.map((r) => this.rerooted(r, dirname(c.abs)));
    return { refs, calendar: config.calendar ?? null, diagnostics, ...(data ? { data } : {}) };
  }

  /**
   * A configuration of a folder not trusted: its plugins and what their manifests say they contribute
   * (plugin.json read as data, nothing imported), and the configuration as the page's worker gets it —
   * no plugins, no calendar (a plugin's), a P0020 warning naming what was not loaded.
   */
  private describeRestricted(c: GoverningConfig): { restricted: RestrictedConfigPayload; config: PluginConfigPayload } {
    const show = (abs: string): string => this.show(abs, c.root);
    const { refs, diagnostics, data } = this.readConfig(c);
    const plugins: RestrictedPluginPayload[] = [];
    for (const ref of refs) {
      const folder = readPluginFolder(ref.dir, ref.label, show);
      const manifest =
        'diagnostic' in folder
          ? null
          : (folder.manifest as { id?: unknown; name?: unknown; contributes?: Record<string, unknown> } | null);
      plugins.push({
        label: ref.label,
        id: typeof manifest?.id === 'string' ? manifest.id : null,
        name: typeof manifest?.name === 'string' ? manifest.name : null,
        contributes: contributionsOf(manifest),
      });
    }
    if (plugins.length) {
      const names = plugins.map((p) => p.id ?? p.label);
      diagnostics.push(pluginDiagnostic('P0020', c.file, { plugins: names.join('、'), pluginsEn: names.join(', ') }));
    }
    return {
      restricted: { file: c.file, scope: c.scope, plugins },
      config: { file: c.file, scope: c.scope, calendar: null, plugins: [], diagnostics, ...(data ? { data } : {}) },
    };
  }

  /**
   * For data read under a configuration of a folder not trusted: a P0020 warning per importer of its
   * plugins that would have read one of `files` (workspace paths; by plugin.json's patterns), not used.
   */
  untrustedImporters(c: GoverningConfig, files: readonly string[]): DataProblemRow[] {
    const names = files.map((f) => posix.basename(f));
    const rows: DataProblemRow[] = [];
    for (const ref of this.readConfig(c).refs) {
      const folder = readPluginFolder(ref.dir, ref.label, (abs) => abs);
      if ('diagnostic' in folder) continue;
      const m = folder.manifest as { id?: unknown; contributes?: { importers?: unknown } } | null;
      const plugin = typeof m?.id === 'string' ? m.id : ref.label;
      const importers = Array.isArray(m?.contributes?.importers)
        ? (m.contributes.importers as Array<{ name?: unknown; patterns?: unknown }>)
        : [];
      for (const imp of importers) {
        const patterns = Array.isArray(imp?.patterns)
          ? imp.patterns.filter((x): x is string => typeof x === 'string')
          : [];
        const hit = names.find((n) => patterns.some((pat) => globMatch(pat, n)));
        if (typeof imp?.name !== 'string' || hit === undefined) continue;
        rows.push({
          file: c.file,
          line: 0,
          field: '',
          code: 'P0020',
          severity: 'warning',
          message: `此文件夹未被信任：未使用插件 ${plugin} 的数据导入器“${imp.name}”（它会读取 ${hit}），只用内置导入器读取数据（信任此文件夹后可用）`,
          messageEn: `this folder is not trusted: the importer "${imp.name}" of plugin ${plugin} (which would read ${hit}) was not used; the data was read with the built-in importers only (trust the folder to use it)`,
        });
      }
    }
    return rows;
  }

  private describe(c: GoverningConfig, stamp: (dir: string) => string): PluginConfigPayload {
    const show = (abs: string): string => this.show(abs, c.root);
    const { refs, calendar, diagnostics, data } = this.readConfig(c);
    const plugins: PluginFolderPayload[] = [];
    for (const { label, dir, settings } of refs) {
      const folder = readPluginFolder(dir, label, show);
      if ('diagnostic' in folder) {
        diagnostics.push(folder.diagnostic);
        continue;
      }
      const real = realpathSync(dir);
      let entry: string | null = null;
      if (folder.entryPath !== null) {
        // The browser can only import what /plugins/N/ serves: the entry must lie in the folder.
        const rel = relative(real, realpathSync(folder.entryPath));
        if (outside(rel)) {
          diagnostics.push(
            pluginDiagnostic('P0002', folder.manifestFile, {
              plugin: label,
              entry: show(folder.entryPath),
              why: '不在插件目录内 / outside the plugin folder',
            }),
          );
          continue;
        }
        // The folder's stamp in the path: the browser keeps an imported module per URL for the page's life,
        // so edited plugin code (the entry and what it imports relatively) gets new URLs.
        entry = `/plugins/${this.number(real, c.root)}/v${stamp(real)}/${rel.split(sep).map(encodeURIComponent).join('/')}`;
      }
      plugins.push({ label, manifest: folder.manifest, manifestFile: folder.manifestFile, entry, settings });
    }
    return { file: c.file, scope: c.scope, calendar, plugins, diagnostics, ...(data ? { data } : {}) };
  }

  /** A `data:` rule's patterns (relative to the configuration's folder) as workspace path globs. */
  private rerooted(rule: DataRule, configDir: string): PlanDataRule {
    const base = slashed(configDir);
    const inWorkspace = (pattern: string): string | null => {
      const abs = joinPath(base, slashed(pattern));
      for (const r of this.ws.roots) {
        const root = slashed(r.dir);
        if (abs.startsWith(`${root}/`)) return (r.name ? `${r.name}/` : '') + abs.slice(root.length + 1);
      }
      return null;
    };
    const map = (ps: string[]): string[] => ps.map(inWorkspace).filter((p): p is string => p !== null);
    return {
      plans: map(rule.plans),
      cases: map(rule.cases),
      progress: map(rule.progress),
      staffing: map(rule.staffing),
      ...(rule.people ? { people: map(rule.people) } : {}),
    };
  }

  /** The people files the configurations name (workspace paths): the bundle carries their text for compilation. */
  peopleFiles(): Set<string> {
    const out = new Set<string>();
    for (const c of this.configs())
      for (const r of this.readConfig(c).data ?? []) for (const p of r.people ?? []) out.add(p);
    return out;
  }

  private number(real: string, root: Root): number {
    let n = this.numbers.get(real);
    if (n === undefined) {
      n = this.folders.push(real) - 1;
      this.numbers.set(real, n);
    }
    const roots = this.listedFor.get(n) ?? this.listedFor.set(n, new Set()).get(n)!;
    roots.add(root);
    return n;
  }

  /** A path for messages: its workspace path, else its path from `root`'s folder (or absolute). */
  private show(abs: string, root: Root): string {
    for (const r of this.ws.roots) {
      const rel = relative(r.dir, abs);
      if (rel === '') return r.name || '.';
      if (!outside(rel)) return r.name ? `${r.name}/${slashed(rel)}` : slashed(rel);
    }
    const rel = relative(root.dir, abs);
    return isAbsolute(rel) ? abs : slashed(rel);
  }

  /**
   * The file to serve for `/plugins/N/PATH` (PATH decoded): an existing file inside plugin folder N after
   * following symbolic links. WorkspaceError 403 for a path that leads out of it, 404 for what is not there.
   */
  file(n: number, path: string): string {
    // A page that outlived a server restart may ask before listing the plugins again.
    if (this.folders[n] === undefined) this.payload();
    const dir = this.folders[n];
    if (dir === undefined) throw new WorkspaceError(404, `没有这个插件目录 / no such plugin folder: ${n}`);
    // Trust is asked at every request: revoked, the folder's code is no longer served.
    if (![...(this.listedFor.get(n) ?? [])].some((r) => this.trusted(r))) {
      throw new WorkspaceError(
        403,
        `此文件夹未被信任，不提供其插件代码 / this folder is not trusted: its plugin code is not served`,
      );
    }
    const parts = path.split('/');
    if (
      path.includes('\0') ||
      path.includes('\\') ||
      /^[a-zA-Z]:/.test(path) ||
      parts.some((p) => p === '' || p === '.' || p === '..')
    ) {
      throw new WorkspaceError(403, `路径不在插件目录内 / path outside the plugin folder: ${path}`);
    }
    let real: string;
    try {
      real = realpathSync(join(dir, ...parts));
    } catch {
      throw new WorkspaceError(404, `没有这个文件 / no such file: ${path}`);
    }
    if (outside(relative(dir, real)))
      throw new WorkspaceError(403, `路径指向插件目录之外 / path leads outside the plugin folder: ${path}`);
    if (!statSync(real).isFile()) throw new WorkspaceError(404, `没有这个文件 / no such file: ${path}`);
    return real;
  }

  /** The data importers for a plan (a workspace path): its configuration's, or the built-in ones. */
  importersFor(planPath: string): Promise<DataImporters> {
    return this.importers(this.governing(planPath));
  }

  /** The data importers of a configuration (null: the built-in ones); its session is kept while the file is unchanged. */
  async importers(config: GoverningConfig | null): Promise<DataImporters> {
    const builtin = (): DataImporters => (this.builtin ??= dataImporters(createHarnessHost()));
    if (config === null || !this.isTrusted(config)) return builtin();
    let stamp: string;
    try {
      stamp = stampOf(config.abs);
    } catch {
      return builtin();
    }
    let cached = this.sessions.get(config.abs);
    // A session whose plugins' worker was stopped (a call that never returned) is replaced by a fresh one.
    if (cached && (await spent(cached.session)) && this.sessions.get(config.abs) === cached) {
      this.sessions.delete(config.abs);
      void this.close(cached.session);
    }
    cached = this.sessions.get(config.abs);
    if (cached?.stamp !== stamp) {
      if (cached) void this.close(cached.session);
      cached = { stamp, session: this.open(config) };
      this.sessions.set(config.abs, cached);
    }
    return (await cached.session)?.importers() ?? builtin();
  }

  /** A session for the configuration; its problems are logged (the workbench shows them from /api/plugins). */
  private async open(config: GoverningConfig): Promise<PluginSession | null> {
    try {
      const session = await openPluginSession({ cwd: config.root.dir, configPath: config.abs });
      for (const d of session.takeDiagnostics()) this.log(`plugins ${config.file}: ${d.code} ${d.messageEn}`);
      return session;
    } catch (e) {
      this.log(`plugins ${config.file}: ${(e as Error).message}`);
      // A plugin that never returned while activating: this request says so; the next one starts afresh.
      if (e instanceof PluginHangError) throw e;
      return null;
    }
  }

  private async close(session: Promise<PluginSession | null>): Promise<void> {
    try {
      await (await session)?.dispose();
    } catch {
      /* a plugin failing to deactivate: nothing to tell */
    }
  }

  /** Disposes every session (the server is closing). */
  async dispose(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((c) => this.close(c.session)));
  }
}

/** What a manifest says a plugin contributes: the names per contribution point (read as data). */
function contributionsOf(manifest: { contributes?: Record<string, unknown> } | null): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const contributes = manifest?.contributes;
  if (!contributes || typeof contributes !== 'object') return out;
  for (const [point, list] of Object.entries(contributes)) {
    if (!Array.isArray(list)) continue;
    const names = list
      .map((e: unknown) => {
        const o = e as { name?: unknown; id?: unknown } | null;
        return typeof o?.name === 'string' ? o.name : typeof o?.id === 'string' ? o.id : null;
      })
      .filter((n): n is string => n !== null);
    if (names.length) out[point] = names;
  }
  return out;
}
