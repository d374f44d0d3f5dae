// Plugins in the page: the workspace's plugin configurations loaded into the engine worker (functions,
// lints, importers, formats) and into the page (commands, views: plugins/configured.ts), reloaded when a
// configuration, manifest or plugin file changes; workspace trust (restricted mode's banner, trusting and
// revoking); the export commands of the open plan's report formats; and `context.workbench`, what a
// configured plugin sees of the page.
import type { Disposable as ApiDisposable, WorkbenchApi } from '../../engine/plugins/api.js';
import { governing } from '../../engine/plugins/governing.js';
import type { PluginsPayload, RestrictedConfigPayload, TrustPayload } from '../../workers/protocol.js';
import { serverWords, type Answer } from '../server-api.js';
import type { EngineClient } from '../engine-client.js';
import type { Registry } from '../registry.js';
import type { Store } from '../state.js';
import { ConfiguredPlugins } from '../plugins/configured.js';
import { both, currentLang, inBoth, pick, t } from '../i18n.js';
import { h, clear } from '../dom.js';
import { DisposableStore, timeout, toDisposable, type Disposable } from './lifecycle.js';
import type { NotificationService } from './notifications.js';

/** The contribution points a restricted plugin's manifest names, as the banner says them. */
const POINT_LABELS: Record<string, [string, string]> = {
  functions: ['函数', 'functions'],
  eventTypes: ['事件类型', 'event types'],
  lints: ['检查规则', 'lints'],
  formats: ['输出格式', 'report formats'],
  importers: ['数据导入器', 'importers'],
  calendars: ['日历', 'calendars'],
  commands: ['命令', 'commands'],
  views: ['视图', 'views'],
};

export interface PluginDeps {
  api: {
    plugins(): Promise<Answer<PluginsPayload>>;
    trust(): Promise<Answer<TrustPayload>>;
    setTrust(trusted: boolean): Promise<Answer<TrustPayload>>;
  };
  client: Pick<EngineClient, 'engine'>;
  notifications: Pick<NotificationService, 'notify'>;
  pipeline: {
    resume(): void;
    configurationChanged(): void;
    scheduleCheck(delay: number): void;
    reloadData(): void;
    setAsOf(date: string, immediate?: boolean): void;
  };
  showView(id: string): void;
  revealLine(file: string, line: number): Promise<void>;
}

export class PluginService implements Disposable {
  private configs: PluginsPayload['configs'] = [];
  /** Restricted mode: configurations of folders not trusted, their plugins described, none loaded. */
  private restricted: RestrictedConfigPayload[] = [];
  private trust: TrustPayload | null = null;
  /** Stamps of the configuration and manifest files the plugins were loaded from (a change reloads them). */
  private stamps = '';
  private readonly exportCommands = new DisposableStore();
  private readonly configured: ConfiguredPlugins;
  private readonly disposables = new DisposableStore();

  constructor(
    private readonly store: Store,
    private readonly registry: Registry,
    private readonly banner: HTMLElement,
    private readonly deps: PluginDeps,
  ) {
    this.configured = new ConfiguredPlugins(registry, this.workbenchApi(), (d) => {
      this.store.update({ pluginProblems: [...this.store.s.pluginProblems.slice(-99), d] });
      deps.notifications.notify({ zh: d.message, en: d.messageEn }, 'error', { cause: `plugin:${d.code}:${d.file}` });
    });
    this.disposables.add(this.exportCommands);
    this.disposables.add(
      toDisposable(() => {
        void this.configured.dispose();
      }),
    );
  }

  /** The plugin configurations the server sent (every one governing part of the workspace). */
  configurations(): PluginsPayload['configs'] {
    return this.configs;
  }

  /** How many configurations are restricted (their folders not trusted). */
  restrictedCount(): number {
    return this.restricted.length;
  }

  /** The configuration file that governs a plan (the deepest scope containing it), or null. */
  configOf(plan: string | null): string | null {
    return plan ? (governing(this.configs, plan)?.file ?? null) : null;
  }

  /** The files whose change means the plugins must be loaded again: configurations, manifests, their code. */
  private filesStamp(): string {
    const files = this.store.s.files;
    const pluginDirs = new Set(
      files.filter((f) => /(^|\/)plugin\.json$/.test(f.path)).map((f) => f.path.replace(/\/?plugin\.json$/, '')),
    );
    const inPlugin = (p: string): boolean => [...pluginDirs].some((d) => d === '' || p.startsWith(`${d}/`));
    return files
      .filter(
        (f) =>
          /(^|\/)luoshi\.config\.ya?ml$/.test(f.path) ||
          /(^|\/)plugin\.json$/.test(f.path) ||
          (/\.m?js$/.test(f.path) && inPlugin(f.path)),
      )
      .map((f) => `${f.path}@${f.stamp}`)
      .join('|');
  }

  /** Whether a plugin file changed since the plugins were loaded. */
  changed(): boolean {
    return this.filesStamp() !== this.stamps;
  }

  /** Loads the workspace's plugin configuration into the worker (engine contributions) and the page (commands, views). */
  async load(resume = true): Promise<void> {
    const { api, notifications, client, pipeline } = this.deps;
    if (resume) pipeline.resume();
    this.stamps = this.filesStamp();
    const r = await api.plugins();
    if (!r.ok) {
      const w = serverWords(r.error);
      notifications.notify(
        inBoth((_t, pk) => `${pk('无法读取插件配置', 'cannot read the plugin configuration')}: ${pk(w.zh, w.en)}`),
        'error',
        { cause: 'plugins' },
      );
      return;
    }
    // Entry URLs are the server's (/plugins/N/…): absolute, for the worker and for import().
    const payload: PluginsPayload = {
      configs: r.value.configs.map((c) => ({
        ...c,
        plugins: c.plugins.map((p) => ({
          ...p,
          entry: p.entry === null ? null : new URL(p.entry, location.href).href,
        })),
      })),
    };
    this.configs = payload.configs;
    this.restricted = r.value.restricted ?? [];
    const trust = await api.trust();
    this.trust = trust.ok ? trust.value : null;
    this.renderBanner();
    // A changed `data:` applies to the plan in view unless the user picked its data or generated some.
    pipeline.configurationChanged();
    // Before loading: what the page reports while loading them stays listed.
    this.store.update({ pluginProblems: [] });
    const [w] = await Promise.all([client.engine.setPlugins(payload), this.configured.configure(payload)]);
    if (!w.ok)
      notifications.notify(
        { zh: w.diagnostics.map((d) => d.message).join('；'), en: w.diagnostics.map((d) => d.messageEn).join('; ') },
        'error',
        { cause: 'plugins' },
      );
    void this.refreshExports();
  }

  /** Restricted mode's banner: the plugins not loaded, what they contribute, and 信任此文件夹. */
  renderBanner(): void {
    const el = this.banner;
    clear(el);
    const plugins = this.restricted.flatMap((c) => c.plugins.map((p) => ({ ...p, file: c.file })));
    const show = plugins.length > 0 && !this.trust?.noPlugins;
    el.classList.toggle('restricted', show);
    if (!show) return;
    const label = (point: string): string => {
      const l = POINT_LABELS[point];
      return l ? pick(l[0], l[1]) : point;
    };
    const points = (c: Record<string, string[]>): string =>
      Object.entries(c)
        .map(([point, names]) => `${label(point)}${pick('：', ': ')}${names.join(pick('、', ', '))}`)
        .join(pick('；', '; '));
    el.append(
      h(
        'div.banner-text',
        h('strong', t('restrictedTitle')),
        ' ',
        h('span', t('restrictedBody')),
        h(
          'ul.banner-plugins',
          ...plugins.map((p) =>
            h(
              'li',
              { 'data-testid': 'restricted-plugin', 'data-plugin': p.id ?? p.label },
              h('span.mono', p.id ?? p.label),
              p.name ? ` ${p.name}` : '',
              h('span.muted', ` (${p.file})`),
              Object.keys(p.contributes).length ? h('div.banner-points', points(p.contributes)) : null,
            ),
          ),
        ),
      ),
      h(
        'button.title-btn.trust-btn',
        {
          'data-testid': 'trust-folder',
          onclick: () => {
            void this.setTrust(true);
          },
        },
        t('trustFolder'),
      ),
    );
  }

  /** Trusts (or revokes) the served folders, then loads their plugins again — no page reload. */
  async setTrust(trusted: boolean): Promise<void> {
    const r = await this.deps.api.setTrust(trusted);
    if (!r.ok) {
      const w = serverWords(r.error);
      this.deps.notifications.notify(
        inBoth((tr, pk) => `${tr('trustFailed')}: ${pk(w.zh, w.en)}`),
        'error',
        { cause: 'trust' },
      );
      return;
    }
    this.trust = r.value;
    await this.load();
    this.deps.pipeline.scheduleCheck(0);
    // Data read with the built-in importers before is read again with the folder's.
    this.deps.pipeline.reloadData();
    this.deps.notifications.notify(both(trusted ? 'trusted' : 'untrusted'), trusted ? 'ok' : 'info', {
      cause: 'trust',
    });
  }

  /** Says whether the served folders are trusted, and where that is remembered. */
  async showTrust(): Promise<TrustPayload | null> {
    const r = await this.deps.api.trust();
    if (!r.ok) {
      const w = serverWords(r.error);
      this.deps.notifications.notify(
        inBoth((tr, pk) => `${tr('trustFailed')}: ${pk(w.zh, w.en)}`),
        'error',
        { cause: 'trust' },
      );
      return null;
    }
    const s = r.value;
    this.deps.notifications.notify(
      inBoth((tr) => {
        const state = s.noPlugins
          ? tr('trustStateNoPlugins')
          : s.trusted
            ? `${tr('trustStateTrusted')}${s.folders.every((f) => f.session) ? tr('trustStateSession') : ''}`
            : tr('trustStateUntrusted');
        return `${state} — ${s.folders.map((f) => f.dir).join(', ')} · ${tr('trustStore')}: ${s.store}`;
      }),
      'info',
      { cause: 'trust' },
    );
    return s;
  }

  /** One palette command per report format the open plan can be exported in (built-in and plugins'). */
  async refreshExports(): Promise<void> {
    const entry = this.store.s.entry;
    this.exportCommands.clear();
    if (!entry) return;
    const formats = await this.deps.client.engine.reportFormats(entry);
    if (entry !== this.store.s.entry) return;
    this.exportCommands.clear();
    for (const f of formats) {
      this.exportCommands.add(
        this.registry.registerCommand({
          id: `luoshi.export.${f.name}`,
          title: { zh: `导出报告：${f.title.zh}`, en: `Export report: ${f.title.en}` },
          run: () => this.exportReport(f.name),
        }),
      );
    }
  }

  /** Renders the plan's current report in `format` (in the worker) and downloads it. */
  async exportReport(format: string): Promise<string | null> {
    const entry = this.store.s.entry;
    if (!entry) return null;
    const r = await this.deps.client.engine.renderReport(entry, format, currentLang());
    if (!r.ok) {
      this.deps.notifications.notify(
        { zh: r.diagnostics.map((d) => d.message).join('；'), en: r.diagnostics.map((d) => d.messageEn).join('; ') },
        'error',
        { cause: 'export' },
      );
      return null;
    }
    const name = `${this.store.s.report?.plan.name ?? entry.replace(/^.*\//, '').replace(/\.plan$/, '')}-${this.store.s.report?.asOf ?? ''}${r.value.extension ?? '.txt'}`;
    const url = URL.createObjectURL(
      new Blob([r.value.text], { type: r.value.mediaType ?? 'text/plain;charset=utf-8' }),
    );
    const a = h('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    const revoke: Disposable = this.disposables.add(
      timeout(() => {
        URL.revokeObjectURL(url);
        this.disposables.delete(revoke);
      }, 10_000),
    );
    return r.value.text;
  }

  /** What a plugin running in the page sees of the workbench (`context.workbench`). */
  private workbenchApi(): WorkbenchApi {
    const { notifications, pipeline } = this.deps;
    return {
      lang: () => currentLang(),
      notify: (text, kind = 'info') => {
        notifications.notify(String(text), kind);
      },
      state: () => ({ entry: this.store.s.entry, asOf: this.store.s.asOf, report: this.store.s.report }),
      onDidChange: (listener): ApiDisposable => {
        const off = this.store.subscribe((changed) => {
          if ((['report', 'asOf', 'entry', 'lang'] as const).some((k) => changed.has(k))) {
            try {
              listener();
            } catch (e) {
              notifications.notify(
                inBoth((_t, pk) => `${pk('插件出错', 'a plugin failed')}: ${(e as Error).message}`),
                'error',
                { cause: 'plugin-listener' },
              );
            }
          }
        });
        // Held until the plugin disposes it (or the page's plugins go away).
        const held = this.disposables.add(toDisposable(off));
        return {
          dispose: () => {
            held.dispose();
            this.disposables.delete(held);
          },
        };
      },
      setAsOf: (date) => pipeline.setAsOf(String(date), true),
      showView: (id) => this.deps.showView(String(id)),
      openFile: async (path, line) => {
        await this.deps.revealLine(String(path), typeof line === 'number' ? line : 1);
      },
      executeCommand: (id, ...args) => this.registry.executeCommand(id, ...args),
      render: async (format) => {
        const entry = this.store.s.entry;
        if (!entry) return null;
        const r = await this.deps.client.engine.renderReport(entry, format, currentLang());
        return r.ok ? r.value.text : null;
      },
    };
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
