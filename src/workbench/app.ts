// The workbench: its services wired together. Each service is a small class with one job
// (src/workbench/services/*) that owns its timers and listeners as disposables; views and plugins see
// only `WorkbenchServices` (src/workbench/registry.ts). The page's thread only moves data between the
// engine worker, the editor and the views.
import type { Diagnostic } from '../engine/diagnostics/diagnostic.js';
import type { CasesRequest, DataSelection } from '../workers/protocol.js';
import { EngineClient } from './engine-client.js';
import { serverApi, serverWords, type DatabaseSourceInfo } from './server-api.js';
import { createStore, type Store, type Words } from './state.js';
import { Registry, type WorkbenchPlugin, type WorkbenchServices } from './registry.js';
import { currentLang, inBoth, setLang, type Lang } from './i18n.js';
import { Palette } from './palette.js';
import { builtinPlugins } from './plugins/builtin.js';
import { coreCommands } from './plugins/core-commands.js';
import { DisposableStore, toDisposable, type Disposable } from './services/lifecycle.js';
import { CAUSE, NotificationService, type NotifyOptions } from './services/notifications.js';
import { Layout } from './services/layout.js';
import { EditorService } from './services/editor.js';
import { WorkspaceService } from './services/workspace.js';
import { EvaluationPipeline } from './services/pipeline.js';
import { Player } from './services/player.js';
import { EngineWatchdog } from './services/watchdog.js';
import { PluginService } from './services/plugin-service.js';
import { ViewHost } from './services/views.js';
import { StatusBar } from './services/status-bar.js';
import { TitleBar } from './services/title-bar.js';
import { installKeybindings } from './services/keybindings.js';
import { conflictDialog } from './services/conflict-dialog.js';

export class Workbench implements Disposable {
  readonly store: Store;
  readonly registry: Registry;
  readonly client: EngineClient;
  readonly layout: Layout;
  readonly notifications: NotificationService;
  readonly editorService: EditorService;
  readonly workspace: WorkspaceService;
  readonly pipeline: EvaluationPipeline;
  readonly player: Player;
  readonly plugins: PluginService;
  readonly views: ViewHost;
  readonly palette: Palette;
  /** What views and plugins see of the workbench. */
  readonly services: WorkbenchServices;
  private readonly disposables = new DisposableStore();

  constructor(root: HTMLElement) {
    const d = this.disposables;
    this.store = createStore(currentLang());
    const store = this.store;
    this.notifications = d.add(new NotificationService(store));
    const notifications = this.notifications;
    const notify = (text: Words, kind: 'info' | 'error' | 'ok', opts?: NotifyOptions): number =>
      notifications.notify(text, kind, opts);
    this.layout = d.add(new Layout(root));
    const el = this.layout.el;
    notifications.attach(el.notices);
    this.client = new EngineClient(
      (m) => this.pipeline.progress(m),
      (msg) =>
        notify(
          inBoth((_t, pick) => `${pick('引擎错误', 'engine error')}: ${msg}`),
          'error',
          { cause: CAUSE.engine },
        ),
    );
    const client = this.client;
    this.services = {
      client,
      notify,
      openFile: (path) => this.editorService.openFile(path),
      revealLine: (file, line) => this.editorService.revealLine(file, line),
      revealDiagnostic: (x) => this.editorService.revealDiagnostic(x),
      showView: (id) => this.showView(id),
      setAsOf: (date, immediate) => this.pipeline.setAsOf(date, immediate),
      selectData: (sel) => this.pipeline.selectData(sel),
      generateData: (cases, preset, seed) => this.pipeline.generateData(cases, preset, seed),
      showCases: (q) => this.pipeline.showCases(q),
      executeCommand: (id, ...args) => this.registry.executeCommand(id, ...args),
    };
    this.registry = new Registry(store, () => this.services);
    this.editorService = d.add(
      new EditorService(el.editorHost, el.tabs, store, {
        get engine() {
          return client.engine;
        },
        ensureBuffer: (path) => this.workspace.ensureBuffer(path),
        edited: (path, model) => this.pipeline.edited(path, model),
        composing: (on) => this.pipeline.composing(on),
        planOpened: (path) => this.pipeline.setEntry(path),
        executeCommand: (id, ...args) => this.registry.executeCommand(id, ...args),
        notify,
      }),
    );
    const editor = this.editorService;
    this.pipeline = d.add(
      new EvaluationPipeline(store, {
        client,
        notifications,
        editor,
        workspace: {
          recordText: (path, text) => this.workspace.recordText(path, text),
          rememberActive: (path) => this.workspace.rememberActive(path),
        },
        plugins: {
          configs: () => this.plugins.configurations(),
          configOf: (plan) => this.plugins.configOf(plan),
          restrictedCount: () => this.plugins.restrictedCount(),
          refreshExports: () => {
            void this.plugins.refreshExports();
          },
        },
        dataUrl: (sel, plan) => serverApi.dataUrl(sel, plan),
      }),
    );
    const pipeline = this.pipeline;
    this.player = d.add(new Player(store, pipeline));
    this.plugins = d.add(
      new PluginService(store, this.registry, el.banner, {
        api: serverApi,
        client,
        notifications,
        pipeline: {
          resume: () => pipeline.resume(),
          configurationChanged: () => pipeline.configurationChanged(),
          scheduleCheck: (ms) => pipeline.scheduleCheck(ms),
          reloadData: () => pipeline.reloadData(),
          setAsOf: (date, immediate) => pipeline.setAsOf(date, immediate),
        },
        showView: (id) => this.showView(id),
        revealLine: (file, line) => editor.revealLine(file, line),
      }),
    );
    this.workspace = d.add(
      new WorkspaceService(store, {
        api: serverApi,
        engine: () => client.engine,
        notifications,
        editor,
        plugins: {
          load: () => this.plugins.load(),
          changed: () => this.plugins.changed(),
          configs: () => this.plugins.configurations(),
        },
        pipeline,
        conflict: (path, disk) => {
          conflictDialog(path, {
            overwrite: () => {
              void this.workspace.save(path, true);
            },
            ...(disk
              ? {
                  useDisk: () => this.workspace.useDisk(path, disk),
                  compare: () => void editor.compare(path, disk.text),
                }
              : {}),
          });
        },
      }),
    );
    this.palette = new Palette({
      store,
      registry: this.registry,
      openFile: (path) => editor.openFile(path),
      failed: (m) => notify(m, 'error', { cause: 'command' }),
    });
    this.views = d.add(new ViewHost(store, this.registry, el, this.services));
    const toggleLanguage = (): void => this.setLanguage(currentLang() === 'zh' ? 'en' : 'zh');
    d.add(new StatusBar(el.status, store, { toggleLanguage, cancelReplay: () => pipeline.cancelReplay() }));
    d.add(
      new TitleBar(el, store, {
        openPalette: () => this.palette.open('commands'),
        toggleLanguage,
        setAsOf: (date, immediate) => pipeline.setAsOf(date, immediate),
        setStep: (step) => pipeline.setStep(step),
        togglePlay: () => this.player.toggle(),
      }),
    ).render();
    d.add(
      new EngineWatchdog(store, client, notifications, () => {
        void this.restartEngine();
      }),
    );
    d.add(
      installKeybindings(
        this.registry,
        () => editor.hasTextFocus(),
        (m) => notify(m, 'error', { cause: 'command' }),
      ),
    );
    const core = coreCommands({
      save: (path) => this.workspace.save(path),
      saveAll: () => this.workspace.saveAll(),
      openPalette: (mode) => this.palette.open(mode),
      runEditorAction: (id) => editor.runAction(id),
      setLanguage: (l) => this.setLanguage(l),
      togglePlay: () => this.player.toggle(),
      generateData: (n) => pipeline.generateData(n),
      runReplay: () => pipeline.runReplay(),
      setTrust: (trusted) => this.plugins.setTrust(trusted),
      showTrust: () => this.plugins.showTrust(),
      refreshDatabase: () => this.refreshDatabase(),
    });
    for (const p of builtinPlugins(core)) this.registry.activate(p);
    // Disposed first: every plugin's contributions go while the services they use are still there.
    d.add(
      toDisposable(() => {
        for (const id of this.registry.pluginIds().reverse()) this.registry.deactivate(id);
      }),
    );
  }

  async start(): Promise<void> {
    this.views.refresh();
    // A database source configured for the server is the plans' data (unless the user picks files).
    const db = await serverApi.database();
    if (db.ok && db.value.source !== null) this.store.update({ database: db.value as DatabaseSourceInfo });
    await this.workspace.start();
  }

  /** Reads the server's database source again; its failure is a notice, and the data in view stays. */
  async refreshDatabase(): Promise<void> {
    if (!this.store.s.database) {
      this.notifications.notify({ zh: '未配置数据库数据源', en: 'no database source is configured' }, 'error');
      return;
    }
    const r = await serverApi.refreshDatabase();
    if (!r.ok) {
      const body = r.body as DatabaseSourceInfo | undefined;
      if (body?.source) this.store.update({ database: body });
      const w = serverWords(r.error);
      this.notifications.notify(
        { zh: `数据库读取失败：${w.zh}`, en: `reading the database failed: ${w.en}` },
        'error',
        {
          cause: 'data',
        },
      );
      return;
    }
    this.store.update({ database: r.value });
    // The cases accepted; rows rejected (a case's own problems, orphan tags and steps) said beside them.
    const { accepted, rejected } = r.value;
    this.notifications.notify(
      {
        zh: `已重新读取数据库：${accepted ?? 0} 件案件${rejected ? `，拒收 ${rejected} 条记录` : ''}`,
        en: `database read again: ${accepted ?? 0} cases${rejected ? `, ${rejected} records rejected` : ''}`,
      },
      'ok',
    );
    if (this.store.s.dataOrigin === 'database') this.pipeline.reloadData();
  }

  // What tests, benchmarks and the console reach through `window.luoshi.workbench` (src/workbench/main.ts).
  get editor(): EditorService['editor'] {
    return this.editorService.editor;
  }
  notify(text: Words, kind: 'info' | 'error' | 'ok', opts?: NotifyOptions): number {
    return this.notifications.notify(text, kind, opts);
  }
  setEntry(path: string): void {
    this.pipeline.setEntry(path);
  }
  setAsOf(date: string, immediate = false): void {
    this.pipeline.setAsOf(date, immediate);
  }
  selectData(sel: DataSelection): void {
    this.pipeline.selectData(sel);
  }
  generateData(cases: number, preset?: string, seed?: number): Promise<void> {
    return this.pipeline.generateData(cases, preset, seed);
  }
  showCases(q: CasesRequest): Promise<void> {
    return this.pipeline.showCases(q);
  }
  revealDiagnostic(x: Diagnostic): void {
    this.editorService.revealDiagnostic(x);
  }
  /** Shows a view; one a plugin contributes for other plans says so instead. */
  showView(id: string): void {
    if (this.views.showView(id) !== 'disabled') return;
    const v = this.registry.views.get(id);
    const zh = v?.title.zh ?? id,
      en = v?.title.en ?? id;
    this.notify(
      {
        zh: `“${zh}”不适用于当前计划：提供它的插件不属于管辖此计划的配置`,
        en: `"${en}" does not apply to this plan: its plugin is not in the configuration governing the plan`,
      },
      'info',
      { cause: `view:${id}` },
    );
  }

  /** Activates a page-only plugin (configured plugins come from luoshi.config.yaml). */
  activatePlugin(p: WorkbenchPlugin): unknown {
    return this.registry.activate(p);
  }

  /** A new engine worker with the files, plugins and data the old one had; evaluation paused if plugins may be the cause. */
  async restartEngine(): Promise<void> {
    const { store, pipeline } = this;
    this.client.restart();
    pipeline.paused = (store.s.check?.calls.length ?? 0) > 0;
    store.update({ busy: {} });
    const files: Record<string, string> = {};
    for (const b of store.s.buffers.values()) files[b.path] = b.text;
    await this.client.engine.setFiles(files, store.s.libraries);
    await this.plugins.load(false);
    const gen = pipeline.generated();
    pipeline.forgetData();
    await pipeline.runCheck();
    if (gen) await pipeline.generateData(gen.cases, gen.preset, gen.seed);
    else await pipeline.loadData();
    this.notify(
      pipeline.paused
        ? {
            zh: '引擎已重启；计算已暂停，修改计划或插件后继续',
            en: 'engine restarted; evaluation is paused until the plan or its plugins change',
          }
        : { zh: '引擎已重启', en: 'engine restarted' },
      'info',
      { cause: CAUSE.engine },
    );
  }

  setLanguage(l: Lang): void {
    setLang(l);
    this.store.update({ lang: l });
    this.editorService.relabel();
    this.views.remount();
    // Monaco reads its own words (context menu, find widget) once, when it loads.
    this.workspace.flush();
    this.notify(
      {
        zh: '编辑器自带的菜单在重新加载页面后改为中文（未保存的修改会保留）',
        en: "the editor's own menus switch to English when the page is reloaded (unsaved edits are kept)",
      },
      'info',
      {
        cause: CAUSE.language,
        action: {
          label: { zh: '重新加载', en: 'Reload' },
          run: () => {
            this.workspace.flush();
            location.reload();
          },
        },
      },
    );
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
