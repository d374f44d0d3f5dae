// The workbench: layout, the editor and its files, the pipeline edit → check → evaluate → replay (all in
// the engine worker), the as-of date, saving, and the contribution registry every view and command goes
// through. The page's thread only moves data between the worker, the editor and the views.
import * as monaco from 'monaco-editor/editor';
import type { Diagnostic } from '../engine/diagnostics/diagnostic.js';
import type { CasesRequest, DataSelection, ProgressMessage } from '../workers/protocol.js';
import { EngineClient } from './engine-client.js';
import { serverApi } from './server-api.js';
import { createStore, type Buffer, type Notice, type Store } from './state.js';
import { Registry, matchesKeybinding, type ViewInstance, type WorkbenchPlugin } from './registry.js';
import { UnsavedStore } from './persist.js';
import { dataBanner, pickData, rememberData, rememberedData } from './data-pick.js';
import { LANGUAGE_ID, LENS_VIEWPORT_LINES, registerPlanLanguage, setMarkers } from './editor/plan-language.js';
import { currentLang, pick, setLang, t, type Lang } from './i18n.js';
import { sourceText } from '../engine/report/render.js';
import { h, clear, append } from './dom.js';
import { Palette } from './palette.js';
import { builtinPlugins } from './plugins/builtin.js';
import { addDaysIso, daysBetween } from './dates.js';
import { nextPlayDate } from './play.js';
import { ConfiguredPlugins } from './plugins/configured.js';
import { governing } from '../engine/plugins/governing.js';
import type { Disposable as ApiDisposable, WorkbenchApi } from '../engine/plugins/api.js';
import type { PluginsPayload, RestrictedConfigPayload, TrustPayload } from '../workers/protocol.js';

const POLL_MS = 3000;
/**
 * A request the engine keeps waiting this long without a word (answer or progress) means it is stuck
 * (default 30 s; `localStorage['luoshi.engineSilentMs']` changes it).
 */
const ENGINE_SILENT_MS = Number(localStorage.getItem('luoshi.engineSilentMs')) || 30_000;
/** Files longer than this open without folding, minimap and sticky scroll. */
const BIG_FILE_LINES = 20_000;

export class Workbench {
  readonly store: Store;
  readonly registry: Registry;
  readonly client: EngineClient;
  editor!: monaco.editor.IStandaloneCodeEditor;
  private readonly models = new Map<string, monaco.editor.ITextModel>();
  private readonly viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();
  /** Model version each file's diagnostics were computed for. */
  private readonly checkedVersion = new Map<string, number>();
  private unsaved!: UnsavedStore;
  private readonly lensEmitter = new monaco.Emitter<void>();
  private syncTimer: ReturnType<typeof setTimeout> | null = null;
  /** An IME composition is under way (pinyin being typed). */
  private composing = false;
  /** The check an edit asked for during a composition, run when it ends. */
  private afterComposition: (() => void) | null = null;
  private evalTimer: ReturnType<typeof setTimeout> | null = null;
  private replayTimer: ReturnType<typeof setTimeout> | null = null;
  private playTimer: ReturnType<typeof setTimeout> | null = null;
  private noticeId = 0;
  /** The plugins luoshi.config.yaml lists: their commands and views (the worker runs the rest). */
  private configured!: ConfiguredPlugins;
  /** Stamps of the configuration and manifest files the plugins were loaded from (a change reloads them). */
  private pluginStamps = '';
  private exportCommands: ApiDisposable[] = [];
  /** Evaluation waits after the engine was restarted because it was stuck, until the plan or its plugins change. */
  private evaluationPaused = false;
  private stuckNotice: number | null = null;
  private statusKey = '';
  private pluginConfigs: PluginsPayload['configs'] = [];
  /** Restricted mode: configurations of folders not trusted, their plugins described, none loaded. */
  private restricted: RestrictedConfigPayload[] = [];
  private trustState: TrustPayload | null = null;
  palette!: Palette;
  private loadedSelection = '';
  private applyingRemote = false;
  readonly el: Record<'root' | 'titlebar' | 'banner' | 'sidebar' | 'editorHost' | 'tabs' | 'panel' | 'panelTabs' | 'panelBody' | 'status' | 'notices' | 'asof', HTMLElement>;

  constructor(root: HTMLElement) {
    this.store = createStore(currentLang());
    this.registry = new Registry(this.store, () => this);
    this.client = new EngineClient((m) => this.onProgress(m), (msg) => this.notify(`${pick('引擎错误', 'engine error')}: ${msg}`, 'error'));
    this.el = layout(root);
  }

  // ---------------------------------------------------------------- start

  async start(): Promise<void> {
    this.createEditor();
    this.palette = new Palette(this);
    for (const p of builtinPlugins()) this.registry.activate(p);
    this.configured = new ConfiguredPlugins(this.registry, this.api(), (d) => {
      this.store.update({ pluginProblems: [...this.store.s.pluginProblems.slice(-99), d] });
      this.notify(pick(d.message, d.messageEn), 'error');
    });
    this.installKeybindings();
    this.renderChrome();
    this.store.subscribe((changed) => this.onState(changed));
    // Commands live in the palette and keybindings (read when used): only views need the layout redone.
    this.registry.onChange((what) => { if (what === 'views') { this.renderPanelTabs(); this.mountViews(); } });
    this.renderPanelTabs();
    this.mountViews();
    await this.loadWorkspace();
    setInterval(() => { void this.poll(); }, POLL_MS);
    setInterval(() => this.watchEngine(), 2000);
    window.addEventListener('beforeunload', () => this.unsaved?.flush());
  }

  private createEditor(): void {
    const client = this.client;
    registerPlanLanguage({
      // Read at each use: restarting the engine replaces it.
      get engine() { return client.engine; },
      pathOf: (m) => this.pathOfModel(m),
      ensureModel: async (path) => (await this.ensureBuffer(path)) ? this.modelFor(path).uri : null,
      diagnosticsOf: (path) => ({
        diagnostics: (this.store.s.check?.diagnostics ?? []).filter((d) => d.file === path),
        version: this.checkedVersion.get(path) ?? null,
      }),
      onLensesChanged: (l) => { this.lensEmitter.event(l); },
      onFormatRefused: (why) => this.notify(`${t('cannotFormat')}: ${why}`, 'error'),
      visibleLines: (m) => {
        if (this.editor.getModel() !== m) return null;
        const rs = this.editor.getVisibleRanges();
        return rs.length ? [rs[0]!.startLineNumber, rs[rs.length - 1]!.endLineNumber] : null;
      },
    });
    this.editor = monaco.editor.create(this.el.editorHost, {
      theme: 'luoshi-light', automaticLayout: true, fontSize: 14, lineHeight: 22, minimap: { enabled: true, renderCharacters: false },
      fontFamily: '"Sarasa Mono SC", "Noto Sans Mono CJK SC", "Source Han Mono", Menlo, Consolas, monospace',
      wordWrap: 'off', renderWhitespace: 'none', codeLens: true, fixedOverflowWidgets: true, scrollBeyondLastLine: false,
      unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
      quickSuggestions: { other: true, comments: false, strings: false }, suggestOnTriggerCharacters: true, tabSize: 2,
    });
    // Monaco binds Format Document to Shift+Alt+F on Windows and macOS but to Ctrl+Shift+I on Linux (as
    // VS Code does); the palette shows Shift+Alt+F, so it formats on every platform.
    monaco.editor.addKeybindingRule({ keybinding: monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF, command: 'editor.action.formatDocument', when: 'editorTextFocus && !editorReadonly' });
    // Typing pinyin: the composition's letters are not text yet; the check waits for the characters.
    this.editor.onDidCompositionStart(() => { this.composing = true; });
    this.editor.onDidCompositionEnd(() => {
      this.composing = false;
      const pending = this.afterComposition;
      this.afterComposition = null;
      pending?.();
    });
    // Lenses of a huge file follow the viewport (see MAX_LENSES).
    let lensScroll: ReturnType<typeof setTimeout> | null = null;
    this.editor.onDidScrollChange(() => {
      const m = this.editor.getModel();
      if (!m || m.getLineCount() <= LENS_VIEWPORT_LINES) return;
      if (lensScroll) clearTimeout(lensScroll);
      lensScroll = setTimeout(() => this.lensEmitter.fire(), 250);
    });
    monaco.editor.registerCommand('luoshi.lens', (_a, item: { target?: string; task?: string }) => {
      if (item.target) void this.registry.executeCommand('luoshi.view.show', 'indicators', { target: item.target });
      else void this.registry.executeCommand('luoshi.view.show', 'tasks');
    });
    monaco.editor.registerEditorOpener({
      openCodeEditor: (_source, resource, selection) => {
        const path = this.pathOfUri(resource);
        if (!path) return false;
        void this.openFile(path, selection && 'startLineNumber' in selection ? selection : selection ? { startLineNumber: selection.lineNumber, startColumn: selection.column, endLineNumber: selection.lineNumber, endColumn: selection.column } : undefined);
        return true;
      },
    });
  }

  /**
   * Keybindings of registered commands, caught before Monaco sees the key (capture phase), so Ctrl+S,
   * Ctrl+P and Ctrl+Shift+P work wherever the focus is. Editor actions (F12, Shift+Alt+F) are left to
   * Monaco while the editor has the focus.
   */
  private installKeybindings(): void {
    window.addEventListener('keydown', (e) => {
      if (!e.ctrlKey && !e.metaKey && !e.altKey && !/^F\d+$/.test(e.key)) return;
      for (const c of this.registry.commands.values()) {
        if (!c.keybinding || !matchesKeybinding(c.keybinding, e)) continue;
        if (c.id.startsWith('editor.') && this.editor.hasTextFocus()) return;
        e.preventDefault();
        e.stopPropagation();
        void this.registry.executeCommand(c.id).catch((err: unknown) => this.notify(String((err as Error).message ?? err), 'error'));
        return;
      }
    }, true);
  }

  // ---------------------------------------------------------------- workspace and files

  private workspaceId(): string {
    return this.store.s.roots.map((r) => r.dir).join('|') || location.host;
  }

  async loadWorkspace(): Promise<void> {
    const [ws, bundle] = await Promise.all([serverApi.workspace(), serverApi.bundle()]);
    if (!ws.ok || !bundle.ok) {
      if ((!ws.ok && ws.status === 401) || (!bundle.ok && bundle.status === 401)) return this.signedOut();
      this.store.update({ server: 'down' });
      // The browser's own words for a network failure ("Failed to fetch") are not the reader's language: say the status only.
      const bad = !ws.ok ? ws : !bundle.ok ? bundle : null;
      this.notify(bad && bad.status > 0 ? `${t('serverDown')}（${pick('状态码', 'status')} ${bad.status}）` : t('serverDown'), 'error', true);
      return;
    }
    this.store.update({ server: 'ok', roots: ws.value.roots, files: ws.value.files, libraries: ws.value.libraries });
    this.unsaved = new UnsavedStore(this.workspaceId());
    const buffers = this.store.s.buffers;
    for (const [path, f] of Object.entries(bundle.value.files)) {
      buffers.set(path, { path, text: f.text, savedText: f.text, etag: f.etag, stamp: f.stamp, readOnly: false, changedOnDisk: false });
    }
    for (const [path, text] of Object.entries(bundle.value.library)) {
      if (!buffers.has(path)) buffers.set(path, { path, text, savedText: text, etag: null, stamp: null, readOnly: true, changedOnDisk: false });
    }
    for (const p of bundle.value.problems) this.notify(`${p.path}: ${p.error}`, 'error');
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
    if (restored) this.notify(`${t('restored')} (${restored})`, 'info');
    const files: Record<string, string> = {};
    for (const b of buffers.values()) files[b.path] = b.text;
    await this.client.engine.setFiles(files, ws.value.libraries);
    await this.loadPlugins();
    this.store.touch('buffers');
    const last = localStorage.getItem(`luoshi.active.${this.workspaceId()}`);
    const plans = ws.value.files.filter((f) => f.kind === 'plan' && !f.path.startsWith('std/') && !f.path.includes('/std/'));
    const guesses = plans.map((p) => ({ p, g: pickData(p.path, ws.value.files, this.pluginConfigs, rememberedData(p.path)).selection }));
    const withData = (guesses.find((x) => x.g.cases.length > 0 && x.g.progress.length > 0) ?? guesses.find((x) => x.g.cases.length > 0))?.p;
    const first = (last && buffers.has(last) ? last : null) ?? withData?.path ?? plans[0]?.path ?? null;
    if (first) await this.openFile(first);
    for (const path of Object.keys(this.unsaved.all())) if (buffers.has(path) && path !== first) this.addTab(path);
  }

  /** The server wants its session cookie: say how to get it (once). */
  private signedOut(): void {
    if (this.store.s.server === 'signed-out') return;
    this.store.update({ server: 'signed-out' });
    this.notify(t('signedOut'), 'error', true);
  }

  private async poll(): Promise<void> {
    const ws = await serverApi.workspace();
    if (!ws.ok) {
      if (ws.status === 401) return this.signedOut();
      if (this.store.s.server !== 'down') {
        this.store.update({ server: 'down' });
        this.notify(t('serverDown'), 'error', true);
      }
      return;
    }
    if (this.store.s.server !== 'ok') {
      this.store.update({ server: 'ok', notices: this.store.s.notices.filter((n) => !n.sticky) });
      this.notify(pick('已重新连接服务器', 'reconnected to the server'), 'ok');
    }
    const before = new Map(this.store.s.files.map((f) => [f.path, f.stamp]));
    const changedList = ws.value.files.length !== before.size || ws.value.files.some((f) => before.get(f.path) !== f.stamp);
    if (!changedList) return;
    this.store.update({ files: ws.value.files });
    if (this.pluginFilesStamp() !== this.pluginStamps) { await this.loadPlugins(); this.scheduleCheck(0); }
    // Files changed on disk: clean buffers follow the disk; dirty ones are marked.
    for (const f of ws.value.files) {
      const b = this.store.s.buffers.get(f.path);
      if (!b || b.readOnly || b.stamp === f.stamp) continue;
      const r = await serverApi.read(f.path);
      if (!r.ok || r.value.etag === b.etag) { if (r.ok) b.stamp = r.value.stamp; continue; }
      if (b.text === b.savedText) {
        b.text = b.savedText = r.value.text;
        b.etag = r.value.etag; b.stamp = r.value.stamp;
        const m = this.models.get(f.path);
        if (m) { this.applyingRemote = true; m.setValue(r.value.text); this.applyingRemote = false; }
        void this.client.engine.updateFile(f.path, r.value.text);
        this.scheduleCheck(0);
      } else {
        b.changedOnDisk = true;
      }
      this.store.touch('buffers');
    }
    for (const f of ws.value.files) {
      if (f.kind === 'plan' && !this.store.s.buffers.has(f.path)) {
        const r = await serverApi.read(f.path);
        if (r.ok) {
          this.store.s.buffers.set(f.path, { path: f.path, text: r.value.text, savedText: r.value.text, etag: r.value.etag, stamp: r.value.stamp, readOnly: false, changedOnDisk: false });
          void this.client.engine.updateFile(f.path, r.value.text);
        }
      }
    }
    const sel = this.store.s.dataSelection;
    if (sel && [...sel.cases, ...sel.progress, ...sel.staffing].some((p) => before.get(p) !== ws.value.files.find((f) => f.path === p)?.stamp)) {
      this.loadedSelection = '';
      void this.loadData();
    }
  }

  /** Makes sure a file's text is loaded (plans come with the bundle; other files on demand). */
  async ensureBuffer(path: string): Promise<Buffer | null> {
    const have = this.store.s.buffers.get(path);
    if (have) return have;
    const f = this.store.s.files.find((x) => x.path === path);
    const big = f && f.kind !== 'plan' && f.size > 2_000_000;
    const r = big ? await serverApi.head(path, 256 * 1024) : await serverApi.read(path);
    if (!r.ok) { this.notify(`${path}: ${r.error}`, 'error'); return null; }
    const text = 'etag' in r.value ? r.value.text : `${r.value.text}\n… (${pick('仅预览前 256 KB', 'preview of the first 256 KB')})`;
    const etag = 'etag' in r.value ? r.value.etag : null;
    const stamp = 'stamp' in r.value ? r.value.stamp : null;
    const b: Buffer = { path, text, savedText: text, etag, stamp, readOnly: !path.endsWith('.plan') || etag === null, changedOnDisk: false };
    this.store.s.buffers.set(path, b);
    return b;
  }

  private uriOf(path: string): monaco.Uri {
    return monaco.Uri.from({ scheme: 'luoshi', path: `/${path}` });
  }

  private pathOfUri(uri: monaco.Uri): string | null {
    return uri.scheme === 'luoshi' ? decodeURIComponent(uri.path.slice(1)) : null;
  }

  pathOfModel(m: monaco.editor.ITextModel): string | null {
    return this.pathOfUri(m.uri);
  }

  modelFor(path: string): monaco.editor.ITextModel {
    let m = this.models.get(path);
    if (m) return m;
    const b = this.store.s.buffers.get(path)!;
    const lang = path.endsWith('.plan') ? LANGUAGE_ID : /\.(json|ndjson|jsonl)$/.test(path) ? 'json' : /\.ya?ml$/.test(path) ? 'yaml' : 'plaintext';
    m = monaco.editor.createModel(b.text, lang, this.uriOf(path));
    m.onDidChangeContent(() => this.onEdit(path, m!));
    this.models.set(path, m);
    const diags = (this.store.s.check?.diagnostics ?? []).filter((d) => d.file === path);
    setMarkers(m, diags);
    return m;
  }

  addTab(path: string): void {
    if (!this.store.s.openTabs.includes(path)) this.store.update({ openTabs: [...this.store.s.openTabs, path] });
  }

  async openFile(path: string, selection?: monaco.IRange): Promise<void> {
    const b = await this.ensureBuffer(path);
    if (!b) return;
    const prev = this.store.s.active;
    if (prev && prev !== path) this.viewStates.set(prev, this.editor.saveViewState());
    const m = this.modelFor(path);
    // A huge file: no folding, minimap or sticky scroll (each walks the whole text on the page's thread).
    // Set before the model is attached, so none of them starts on it.
    const big = m.getLineCount() > BIG_FILE_LINES;
    this.editor.updateOptions({
      readOnly: b.readOnly, folding: !big, minimap: { enabled: !big, renderCharacters: false }, stickyScroll: { enabled: !big },
      occurrencesHighlight: big ? 'off' : 'singleFile', bracketPairColorization: { enabled: !big },
    });
    if (this.editor.getModel() !== m) {
      this.editor.setModel(m);
      const vs = this.viewStates.get(path);
      if (vs) this.editor.restoreViewState(vs);
    }
    this.addTab(path);
    this.store.update({ active: path });
    if (selection) {
      this.editor.setSelection(selection);
      this.editor.revealRangeInCenter(selection);
    }
    this.editor.focus();
    const isPlan = path.endsWith('.plan') && !b.readOnly;
    if (isPlan && this.store.s.entry !== path) {
      localStorage.setItem(`luoshi.active.${this.workspaceId()}`, path);
      this.setEntry(path);
    }
  }

  closeTab(path: string): void {
    const tabs = this.store.s.openTabs.filter((p) => p !== path);
    this.store.update({ openTabs: tabs });
    if (this.store.s.active === path) {
      const next = tabs[tabs.length - 1];
      if (next) void this.openFile(next);
      else { this.editor.setModel(null); this.store.update({ active: null }); }
    }
  }

  private onEdit(path: string, m: monaco.editor.ITextModel): void {
    if (this.applyingRemote) return;
    this.evaluationPaused = false;
    const b = this.store.s.buffers.get(path);
    if (!b || b.readOnly) return;
    // The text is read when typing pauses: a huge file's getValue() is megabytes per keystroke.
    const big = m.getValueLength() > 200_000;
    const sync = (): void => {
      b.text = m.getValue();
      this.unsaved.set(path, b.text === b.savedText ? null : { text: b.text, etag: b.etag, at: Date.now() });
      this.store.touch('buffers');
    };
    if (!big) sync();
    else if (b.text === b.savedText) { b.text = `${b.savedText}\u0000`; this.store.touch('buffers'); } // dirty until synced
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = setTimeout(() => {
      this.syncTimer = null;
      const push = (): void => {
        if (big) sync();
        void this.client.engine.updateFile(path, b.text);
        void this.runCheck();
      };
      if (this.composing) this.afterComposition = () => { if (!big) sync(); push(); };
      else push();
    }, big ? 700 : 250);
    this.store.update({ reportStale: true });
  }

  // ---------------------------------------------------------------- plugins

  /** The files whose change means the plugins must be loaded again: configurations, manifests, their code. */
  private pluginFilesStamp(): string {
    const files = this.store.s.files;
    const pluginDirs = new Set(files.filter((f) => /(^|\/)plugin\.json$/.test(f.path)).map((f) => f.path.replace(/\/?plugin\.json$/, '')));
    const inPlugin = (p: string): boolean => [...pluginDirs].some((d) => d === '' || p.startsWith(`${d}/`));
    return files.filter((f) => /(^|\/)luoshi\.config\.ya?ml$/.test(f.path) || /(^|\/)plugin\.json$/.test(f.path) || (/\.m?js$/.test(f.path) && inPlugin(f.path)))
      .map((f) => `${f.path}@${f.stamp}`).join('|');
  }

  /** Loads the workspace's plugin configuration into the worker (engine contributions) and the page (commands, views). */
  async loadPlugins(resume = true): Promise<void> {
    if (resume) this.evaluationPaused = false;
    this.pluginStamps = this.pluginFilesStamp();
    const r = await serverApi.plugins();
    if (!r.ok) { this.notify(`${pick('无法读取插件配置', 'cannot read the plugin configuration')}: ${r.error}`, 'error'); return; }
    // Entry URLs are the server's (/plugins/N/…): absolute, for the worker and for import().
    const payload: PluginsPayload = {
      configs: r.value.configs.map((c) => ({ ...c, plugins: c.plugins.map((p) => ({ ...p, entry: p.entry === null ? null : new URL(p.entry, location.href).href })) })),
    };
    this.pluginConfigs = payload.configs;
    this.restricted = r.value.restricted ?? [];
    const trust = await serverApi.trust();
    this.trustState = trust.ok ? trust.value : null;
    this.renderTrustBanner();
    // A changed `data:` applies to the plan in view unless the user picked its data or generated some.
    const { entry, dataOrigin } = this.store.s;
    if (entry && (dataOrigin === 'configured' || dataOrigin === 'guessed' || dataOrigin === 'none')) {
      const choice = pickData(entry, this.store.s.files, this.pluginConfigs, rememberedData(entry));
      if (JSON.stringify(choice.selection) !== JSON.stringify(this.store.s.dataSelection)) {
        this.store.update({ dataSelection: choice.selection, dataOrigin: choice.origin });
        void this.loadData();
      }
    }
    // Before loading: what the page reports while loading them stays listed.
    this.store.update({ pluginProblems: [] });
    const [w] = await Promise.all([this.client.engine.setPlugins(payload), this.configured.configure(payload)]);
    if (!w.ok) this.notify(w.diagnostics.map((d) => pick(d.message, d.messageEn)).join('; '), 'error');
    void this.refreshExportCommands();
  }

  // ---------------------------------------------------------------- workspace trust

  /** Restricted mode's banner: the plugins not loaded, what they contribute, and 信任此文件夹. */
  private renderTrustBanner(): void {
    const el = this.el.banner;
    clear(el);
    const plugins = this.restricted.flatMap((c) => c.plugins.map((p) => ({ ...p, file: c.file })));
    const show = plugins.length > 0 && !this.trustState?.noPlugins;
    el.classList.toggle('restricted', show);
    if (!show) return;
    const points = (c: Record<string, string[]>): string => Object.entries(c)
      .map(([point, names]) => `${POINT_LABELS[point] ? pick(POINT_LABELS[point]![0], POINT_LABELS[point]![1]) : point}${pick('：', ': ')}${names.join(pick('、', ', '))}`)
      .join(pick('；', '; '));
    el.append(
      h('div.banner-text',
        h('strong', t('restrictedTitle')), ' ', h('span', t('restrictedBody')),
        h('ul.banner-plugins', ...plugins.map((p) => h('li', { 'data-testid': 'restricted-plugin', 'data-plugin': p.id ?? p.label },
          h('span.mono', p.id ?? p.label), p.name ? ` ${p.name}` : '', h('span.muted', ` (${p.file})`),
          Object.keys(p.contributes).length ? h('div.banner-points', points(p.contributes)) : null)))),
      h('button.title-btn.trust-btn', { 'data-testid': 'trust-folder', onclick: () => { void this.setTrust(true); } }, t('trustFolder')),
    );
  }

  /** Trusts (or revokes) the served folders, then loads their plugins again — no page reload. */
  async setTrust(trusted: boolean): Promise<void> {
    const r = await serverApi.setTrust(trusted);
    if (!r.ok) { this.notify(`${t('trustFailed')}: ${r.error}`, 'error'); return; }
    this.trustState = r.value;
    await this.loadPlugins();
    this.scheduleCheck(0);
    // Data read with the built-in importers before is read again with the folder's.
    void this.loadData();
    this.notify(t(trusted ? 'trusted' : 'untrusted'), trusted ? 'ok' : 'info');
  }

  /** Says whether the served folders are trusted, and where that is remembered. */
  async showTrust(): Promise<TrustPayload | null> {
    const r = await serverApi.trust();
    if (!r.ok) { this.notify(`${t('trustFailed')}: ${r.error}`, 'error'); return null; }
    const s = r.value;
    const state = s.noPlugins ? t('trustStateNoPlugins') : s.trusted ? `${t('trustStateTrusted')}${s.folders.every((f) => f.session) ? t('trustStateSession') : ''}` : t('trustStateUntrusted');
    this.notify(`${state} — ${s.folders.map((f) => f.dir).join(', ')} · ${t('trustStore')}: ${s.store}`, 'info');
    return s;
  }

  /** The configuration file that governs a plan (the deepest scope containing it), or null. */
  private configOf(plan: string | null): string | null {
    return plan ? governing(this.pluginConfigs, plan)?.file ?? null : null;
  }

  /** One palette command per report format the open plan can be exported in (built-in and plugins'). */
  private async refreshExportCommands(): Promise<void> {
    const entry = this.store.s.entry;
    for (const d of this.exportCommands.splice(0)) d.dispose();
    if (!entry) return;
    const formats = await this.client.engine.reportFormats(entry);
    if (entry !== this.store.s.entry) return;
    for (const d of this.exportCommands.splice(0)) d.dispose();
    for (const f of formats) {
      this.exportCommands.push(this.registry.registerCommand({
        id: `luoshi.export.${f.name}`, title: { zh: `导出报告：${f.title.zh}`, en: `Export report: ${f.title.en}` },
        run: () => this.exportReport(f.name),
      }));
    }
  }

  /** Renders the plan's current report in `format` (in the worker) and downloads it. */
  async exportReport(format: string): Promise<string | null> {
    const entry = this.store.s.entry;
    if (!entry) return null;
    const r = await this.client.engine.renderReport(entry, format, currentLang());
    if (!r.ok) { this.notify(r.diagnostics.map((d) => pick(d.message, d.messageEn)).join('; '), 'error'); return null; }
    const name = `${(this.store.s.report?.plan.name ?? entry.replace(/^.*\//, '').replace(/\.plan$/, ''))}-${this.store.s.report?.asOf ?? ''}${r.value.extension ?? '.txt'}`;
    const url = URL.createObjectURL(new Blob([r.value.text], { type: r.value.mediaType ?? 'text/plain;charset=utf-8' }));
    const a = h('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return r.value.text;
  }

  /** What a plugin running in the page sees of the workbench (`context.workbench`). */
  private api(): WorkbenchApi {
    return {
      lang: () => currentLang(),
      notify: (text, kind = 'info') => this.notify(String(text), kind),
      state: () => ({ entry: this.store.s.entry, asOf: this.store.s.asOf, report: this.store.s.report }),
      onDidChange: (listener) => {
        const off = this.store.subscribe((changed) => {
          if ((['report', 'asOf', 'entry', 'lang'] as const).some((k) => changed.has(k))) {
            try { listener(); } catch (e) { this.notify(`${pick('插件出错', 'a plugin failed')}: ${(e as Error).message}`, 'error'); }
          }
        });
        return { dispose: () => { off(); } };
      },
      setAsOf: (date) => this.setAsOf(String(date), true),
      showView: (id) => this.showView(String(id)),
      openFile: async (path, line) => { await this.revealLine(String(path), typeof line === 'number' ? line : 1); },
      executeCommand: (id, ...args) => this.registry.executeCommand(id, ...args),
      render: async (format) => {
        const entry = this.store.s.entry;
        if (!entry) return null;
        const r = await this.client.engine.renderReport(entry, format, currentLang());
        return r.ok ? r.value.text : null;
      },
    };
  }

  // ---------------------------------------------------------------- saving

  async save(path = this.store.s.active, force = false): Promise<boolean> {
    if (!path) return false;
    const b = this.store.s.buffers.get(path);
    if (!b || b.readOnly) return false;
    const m = this.models.get(path);
    if (m) b.text = m.getValue();
    const text = b.text;
    const r = await serverApi.save(path, text, b.etag, force);
    if (r.ok) {
      b.savedText = text;
      b.etag = r.value.etag;
      b.stamp = r.value.stamp;
      b.changedOnDisk = false;
      this.unsaved.set(path, b.text === b.savedText ? null : { text: b.text, etag: b.etag, at: Date.now() });
      this.unsaved.flush();
      this.store.touch('buffers', 'files');
      this.notify(`${t('saved')}: ${path}`, 'ok');
      return true;
    }
    if (r.status === 409) {
      const disk = (r.body as { disk?: { text: string; etag: string } | null } | undefined)?.disk ?? null;
      b.changedOnDisk = true;
      this.store.touch('buffers');
      this.conflictDialog(path, disk);
      return false;
    }
    if (r.status === 0) this.store.update({ server: 'down' });
    this.notify(`${t('saveFailed')}: ${path} — ${r.status === 0 ? t('serverDown') : r.error}`, 'error');
    return false;
  }

  private conflictDialog(path: string, disk: { text: string; etag: string } | null): void {
    const b = this.store.s.buffers.get(path)!;
    const close = (): void => overlay.remove();
    const overlay = h('div.modal-overlay', { 'data-testid': 'conflict-dialog' },
      h('div.modal',
        h('h2', t('conflictTitle')),
        h('p', t('conflictBody')),
        h('p.mono', path),
        h('div.modal-actions',
          h('button.primary', { onclick: () => { close(); void this.save(path, true); } }, t('overwrite')),
          disk ? h('button', { onclick: () => {
            close();
            b.text = b.savedText = disk.text; b.etag = disk.etag; b.changedOnDisk = false;
            const m = this.models.get(path);
            if (m) { this.applyingRemote = true; m.setValue(disk.text); this.applyingRemote = false; }
            this.unsaved.set(path, null);
            void this.client.engine.updateFile(path, disk.text);
            this.scheduleCheck(0);
            this.store.touch('buffers');
          } }, t('useDisk')) : null,
          disk ? h('button', { onclick: () => { close(); this.compare(path, disk.text); } }, t('compare')) : null,
          h('button', { onclick: close }, t('cancel')))));
    document.body.append(overlay);
  }

  private compare(path: string, diskText: string): void {
    const host = h('div.diff-host');
    const overlay = h('div.modal-overlay', h('div.modal.wide', h('h2', `${t('compare')}: ${path}`), host,
      h('div.modal-actions', h('button', { onclick: () => { overlay.remove(); diff.dispose(); original.dispose(); } }, t('close')))));
    document.body.append(overlay);
    const original = monaco.editor.createModel(diskText, LANGUAGE_ID);
    const diff = monaco.editor.createDiffEditor(host, { readOnly: true, automaticLayout: true, theme: 'luoshi-light' });
    diff.setModel({ original, modified: this.modelFor(path) });
  }

  // ---------------------------------------------------------------- the pipeline

  setEntry(path: string): void {
    const files = this.store.s.files;
    const choice = pickData(path, files, this.pluginConfigs, rememberedData(path));
    this.evaluationPaused = false;
    this.store.update({ entry: path, dataSelection: choice.selection, dataOrigin: choice.origin, report: null, replay: null, check: null, cases: null, casesQuery: null, evalErrors: [] });
    void this.runCheck().then(() => this.loadData());
    void this.refreshExportCommands();
  }

  selectData(sel: DataSelection): void {
    const entry = this.store.s.entry;
    if (entry) rememberData(entry, sel);
    this.store.update({ dataSelection: sel, dataOrigin: 'chosen' });
    void this.loadData();
  }

  scheduleCheck(delay: number): void {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = setTimeout(() => { this.syncTimer = null; void this.runCheck(); }, delay);
  }

  private busy(op: 'check' | 'load' | 'evaluate' | 'replay' | 'cases', on: boolean | ProgressMessage): void {
    const busy = { ...this.store.s.busy };
    if (on === false) delete busy[op]; else busy[op] = on;
    this.store.update({ busy });
  }

  async runCheck(): Promise<void> {
    const entry = this.store.s.entry;
    if (!entry) return;
    const versions = new Map([...this.models].map(([p, m]) => [p, m.getVersionId()]));
    this.busy('check', true);
    const r = await this.client.request('check', (seq) => this.client.engine.check(seq, entry));
    this.busy('check', false);
    if (!r || this.store.s.entry !== entry) return;
    if (!r.ok) { this.store.update({ evalErrors: r.diagnostics }); return; }
    const check = r.value;
    for (const [p, m] of this.models) {
      // Markers only for the text they were computed from: an edit since then brings its own check.
      if (versions.get(p) !== m.getVersionId()) continue;
      if (!check.files.includes(p) && p !== entry) continue;
      setMarkers(m, check.diagnostics.filter((d) => d.file === p));
      this.checkedVersion.set(p, m.getVersionId());
      if (m === this.editor.getModel()) document.body.dataset.checkedVersion = String(m.getVersionId());
    }
    const period = check.ir.plan.period;
    const range = period ?? this.store.s.range ?? this.dataRange();
    const patch: Partial<typeof this.store.s> = { check };
    // A new range object would rebuild the as-of controls: a slider being used would lose its focus.
    const moved = !sameRange(range, this.store.s.range);
    if (moved) patch.range = range;
    const asOf = this.store.s.asOf;
    if (range && (!asOf || asOf < range.from || asOf > range.to || moved)) patch.asOf = range.to;
    this.store.update(patch);
    if (check.blocked) {
      this.store.update({ reportStale: this.store.s.report !== null, evalErrors: check.diagnostics.filter((d) => d.severity === 'error') });
      return;
    }
    this.store.update({ evalErrors: [] });
    await this.runEvaluate();
    this.scheduleReplay(400);
  }

  private dataRange(): { from: string; to: string } | null {
    const f = this.store.s.data?.filed;
    return f ? { from: f.from, to: f.to } : null;
  }

  async loadData(): Promise<void> {
    const sel = this.store.s.dataSelection;
    if (!sel) return;
    // The same files read with another configuration's importers are another data set.
    const key = JSON.stringify([sel, this.configOf(this.store.s.entry), this.restricted.length]);
    if (key === this.loadedSelection) return;
    this.loadedSelection = key;
    if (sel.cases.length === 0 && sel.progress.length === 0) {
      this.client.cancel('load');
      await this.client.engine.clearData();
      this.store.update({ data: null, dataError: null });
      await this.runEvaluate();
      this.scheduleReplay(200);
      return;
    }
    this.busy('load', { op: 'load', fraction: null, text: t('loadingData'), textEn: t('loadingData') });
    const r = await this.client.request('load', (seq) => this.client.engine.loadData(seq, serverApi.dataUrl(sel, this.store.s.entry)));
    this.busy('load', false);
    if (!r) return;
    if (!r.ok) {
      const d = r.diagnostics[0];
      this.loadedSelection = '';
      this.store.update({ dataError: d ? pick(d.message, d.messageEn) : 'error' });
      this.notify(`${t('loadingData')} ${d ? pick(d.message, d.messageEn) : ''}`, 'error');
      return;
    }
    this.store.update({ data: r.value, dataError: null });
    if (r.value.rejected > 0) this.notify(`${t('dataProblems')}: ${r.value.rejected} ${t('rejected')} / ${r.value.read} ${t('read')}`, 'error');
    await this.runEvaluate();
    this.scheduleReplay(100);
  }

  async generateData(cases: number, preset = 'ningbo', seed = 1): Promise<void> {
    this.loadedSelection = `gen:${preset}:${cases}:${seed}`;
    this.busy('load', { op: 'generate', fraction: 0, text: t('generate'), textEn: t('generate') });
    const r = await this.client.request('load', (seq) => this.client.engine.generateData(seq, { preset, cases, seed, from: '2016-01-01', to: '2018-12-31' }));
    this.busy('load', false);
    if (!r) return;
    if (!r.ok) { this.notify(r.diagnostics.map((d) => pick(d.message, d.messageEn)).join('; '), 'error'); return; }
    this.store.update({ data: r.value, dataError: null, dataSelection: { cases: [], progress: [], staffing: [] }, dataOrigin: 'generated' });
    await this.runEvaluate();
    this.scheduleReplay(100);
  }

  async runEvaluate(): Promise<void> {
    const { entry, asOf, check } = this.store.s;
    if (!entry || !asOf || !check || check.blocked || this.evaluationPaused) return;
    this.busy('evaluate', true);
    const r = await this.client.request('evaluate', (seq) => this.client.engine.evaluate(seq, { entry, asOf }));
    this.busy('evaluate', false);
    if (!r || this.store.s.entry !== entry) return;
    if (!r.ok) { this.store.update({ evalErrors: r.diagnostics, reportStale: true }); return; }
    const stale = this.store.s.buffers.get(entry)?.text !== undefined && this.syncTimer !== null;
    this.store.update({ report: r.value.report, reportStale: stale, evalErrors: [], tasksTotal: r.value.tasksTotal });
    if (this.store.s.firstEvaluatedAt === null && this.store.s.data !== null) {
      this.store.update({ firstEvaluatedAt: performance.now() });
      document.body.dataset.firstEvaluated = String(Math.round(performance.now()));
    }
    document.body.dataset.evaluatedAsOf = r.value.report.asOf;
    this.lensEmitter.fire();
    const q = this.store.s.casesQuery;
    if (q && q.asOf !== asOf) void this.showCases({ ...q, asOf });
  }

  private scheduleReplay(delay: number): void {
    if (this.replayTimer) clearTimeout(this.replayTimer);
    this.replayTimer = setTimeout(() => { this.replayTimer = null; void this.runReplay(); }, delay);
  }

  async runReplay(): Promise<void> {
    const { entry, range, step, check } = this.store.s;
    if (!entry || !range || !check || check.blocked || this.evaluationPaused) return;
    this.busy('replay', true);
    const r = await this.client.request('replay', (seq) => this.client.engine.replay(seq, { entry, from: range.from, to: range.to, step }));
    this.busy('replay', false);
    if (!r || this.store.s.entry !== entry) return;
    if (r.ok) this.store.update({ replay: r.value.replay });
  }

  setAsOf(date: string, immediate = false): void {
    if (date === this.store.s.asOf) return;
    this.store.update({ asOf: date });
    if (this.evalTimer) clearTimeout(this.evalTimer);
    this.evalTimer = setTimeout(() => { this.evalTimer = null; void this.runEvaluate(); }, immediate ? 0 : 40);
  }

  togglePlay(): void {
    if (this.store.s.playing) { this.stopPlay(); return; }
    const { range, asOf } = this.store.s;
    if (!range) return;
    if (!asOf || asOf >= range.to) this.setAsOf(range.from, true);
    this.store.update({ playing: true });
    const tick = async (): Promise<void> => {
      if (!this.store.s.playing) return;
      const { range: rg, asOf: cur } = this.store.s;
      if (!rg || !cur) { this.stopPlay(); return; }
      const next = nextPlayDate(this.store.s) ?? rg.to;
      const t0 = performance.now();
      this.store.update({ asOf: next > rg.to ? rg.to : next });
      await this.runEvaluate();
      if (next >= rg.to) { this.stopPlay(); return; }
      this.playTimer = setTimeout(() => { void tick(); }, Math.max(0, 350 - (performance.now() - t0)));
    };
    this.playTimer = setTimeout(() => { void tick(); }, 100);
  }

  stopPlay(): void {
    if (this.playTimer) clearTimeout(this.playTimer);
    this.playTimer = null;
    this.store.update({ playing: false });
  }

  setStep(step: 'day' | 'week' | 'month'): void {
    this.store.update({ step });
    this.scheduleReplay(0);
  }

  async showCases(q: CasesRequest): Promise<void> {
    this.store.update({ casesQuery: q, casesError: null });
    this.busy('cases', true);
    const r = await this.client.request('cases', (seq) => this.client.engine.cases(seq, q));
    this.busy('cases', false);
    if (!r) return;
    if (r.ok) this.store.update({ cases: r.value, casesError: null });
    else this.store.update({ cases: null, casesError: r.diagnostics.map((d) => pick(d.message, d.messageEn)).join('; ') });
  }

  revealDiagnostic(d: Diagnostic): void {
    void this.openFile(d.file, { startLineNumber: d.range.start.line + 1, startColumn: d.range.start.column + 1, endLineNumber: d.range.end.line + 1, endColumn: d.range.end.column + 1 });
  }

  async revealLine(file: string, line: number): Promise<void> {
    await this.openFile(file, { startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: 1 });
  }

  showView(id: string): void {
    const v = this.registry.views.get(id);
    if (!v) return;
    if (v.location === 'panel') this.store.update({ panelView: id });
    const el = document.querySelector(`[data-view="${id}"]`);
    el?.scrollIntoView({ block: 'nearest' });
  }

  setLanguage(l: Lang): void {
    setLang(l);
    this.store.update({ lang: l });
    for (const [p, m] of this.models) setMarkers(m, (this.store.s.check?.diagnostics ?? []).filter((d) => d.file === p));
    this.lensEmitter.fire();
    this.renderChrome();
    this.renderPanelTabs();
    this.remountViews();
    // Monaco reads its own words (context menu, find widget) once, when it loads.
    this.unsaved?.flush();
    this.notify(pick('编辑器自带的菜单在重新加载页面后改为中文（未保存的修改会保留）', "the editor's own menus switch to English when the page is reloaded (unsaved edits are kept)"), 'info', false,
      { label: pick('重新加载', 'Reload'), run: () => { this.unsaved?.flush(); location.reload(); } });
  }

  notify(text: string, kind: Notice['kind'], sticky = false, action?: Notice['action']): number {
    const n: Notice = { id: ++this.noticeId, text, kind, sticky, ...(action ? { action } : {}) };
    this.store.update({ notices: [...this.store.s.notices.slice(-4), n] });
    if (!sticky) setTimeout(() => this.store.update({ notices: this.store.s.notices.filter((x) => x.id !== n.id) }), kind === 'error' ? 8000 : 3500);
    return n.id;
  }

  private dropNotice(id: number | null): void {
    if (id !== null) this.store.update({ notices: this.store.s.notices.filter((x) => x.id !== id) });
  }

  // ---------------------------------------------------------------- a stuck engine

  /** Says so when the engine has kept a request waiting too long (a plugin's function that never returns). */
  private watchEngine(): void {
    const silent = this.client.silentFor();
    if (silent < ENGINE_SILENT_MS) { if (silent === 0) { this.dropNotice(this.stuckNotice); this.stuckNotice = null; } return; }
    if (this.stuckNotice !== null) return;
    const calls = this.store.s.check?.calls ?? [];
    const fns = calls.map((c) => `${c.fn}（${c.plugin}）`).join('、');
    const fnsEn = calls.map((c) => `${c.fn} (${c.plugin})`).join(', ');
    const secs = Math.round(silent / 1000);
    this.stuckNotice = this.notify(pick(
      `引擎 ${secs} 秒无响应${calls.length ? `：计划调用的插件函数可能陷入死循环——${fns}` : ''}。页面仍可使用；重启引擎后暂停计算，修改计划或插件后继续。`,
      `the engine has not answered for ${secs} s${calls.length ? `: a plugin function the plan calls may never return — ${fnsEn}` : ''}. The page still works; restarting the engine pauses evaluation until the plan or its plugins change.`,
    ), 'error', true, { label: pick('重启引擎', 'Restart the engine'), run: () => { void this.restartEngine(); } });
  }

  /** A new engine worker with the files, plugins and data the old one had; evaluation paused if plugins may be the cause. */
  async restartEngine(): Promise<void> {
    this.dropNotice(this.stuckNotice);
    this.stuckNotice = null;
    this.client.restart();
    this.evaluationPaused = (this.store.s.check?.calls.length ?? 0) > 0;
    this.store.update({ busy: {} });
    const files: Record<string, string> = {};
    for (const b of this.store.s.buffers.values()) files[b.path] = b.text;
    await this.client.engine.setFiles(files, this.store.s.libraries);
    await this.loadPlugins(false);
    const gen = this.loadedSelection.startsWith('gen:') ? this.loadedSelection.split(':') : null;
    this.loadedSelection = '';
    await this.runCheck();
    if (gen) await this.generateData(Number(gen[2]), gen[1], Number(gen[3]));
    else await this.loadData();
    this.notify(this.evaluationPaused ? pick('引擎已重启；计算已暂停，修改计划或插件后继续', 'engine restarted; evaluation is paused until the plan or its plugins change') : pick('引擎已重启', 'engine restarted'), 'info');
  }

  private onProgress(m: ProgressMessage): void {
    const op = m.op === 'generate' ? 'load' : m.op;
    if (this.store.s.busy[op] !== undefined) this.busy(op, m);
  }

  formatDocument(): void {
    void this.editor.getAction('editor.action.formatDocument')?.run();
  }

  // ---------------------------------------------------------------- views and chrome

  private readonly mounted = new Map<string, { host: HTMLElement; instance: ViewInstance }>();

  private mountViews(): void {
    for (const [id, m] of this.mounted) {
      if (!this.registry.views.has(id)) {
        m.instance.dispose?.();
        ((m.host as HTMLElement & { section?: HTMLElement }).section ?? m.host).remove();
        this.mounted.delete(id);
      }
    }
    const shown = new Set([...this.mounted.keys()].filter((id) => this.visible(id)));
    const views = [...this.registry.views.values()].sort((a, b) => a.order - b.order);
    for (const v of views) {
      if (this.mounted.has(v.id)) continue;
      const host = h('div.view', { 'data-view': v.id });
      if (v.location === 'sidebar') {
        const section = h('section.side-section', h('div.side-title', pick(v.title.zh, v.title.en)), host);
        this.el.sidebar.append(section);
        (host as HTMLElement & { section?: HTMLElement }).section = section;
      } else {
        this.el.panelBody.append(host);
      }
      const instance = v.render(host, { store: this.store, workbench: this });
      this.mounted.set(v.id, { host, instance });
    }
    this.showPanel();
    // Views already showing keep what they show; new ones (and ones just brought into view) draw.
    for (const [id, m] of this.mounted) if (this.visible(id) && !shown.has(id)) m.instance.update(new Set(['*']));
  }

  private remountViews(): void {
    for (const [, m] of this.mounted) {
      m.instance.dispose?.();
      const section = (m.host as HTMLElement & { section?: HTMLElement }).section;
      (section ?? m.host).remove();
    }
    this.mounted.clear();
    this.mountViews();
  }

  private visible(id: string): boolean {
    const v = this.registry.views.get(id);
    return !!v && (v.location === 'sidebar' || this.store.s.panelView === id);
  }

  private showPanel(): void {
    for (const [id, m] of this.mounted) {
      const v = this.registry.views.get(id);
      if (v?.location === 'panel') m.host.hidden = this.store.s.panelView !== id;
    }
  }

  private renderPanelTabs(): void {
    clear(this.el.panelTabs);
    const views = [...this.registry.views.values()].filter((v) => v.location === 'panel').sort((a, b) => a.order - b.order);
    for (const v of views) {
      const count = v.id === 'problems' ? (this.store.s.check?.errorCount ?? 0) + (this.store.s.check?.warningCount ?? 0) : 0;
      this.el.panelTabs.append(h('button.panel-tab', {
        'data-tab': v.id, class: `panel-tab${this.store.s.panelView === v.id ? ' active' : ''}`,
        onclick: () => this.store.update({ panelView: v.id }),
      }, pick(v.title.zh, v.title.en), count ? h('span.badge', String(count)) : null));
    }
  }

  private onState(changed: ReadonlySet<string>): void {
    if (changed.has('panelView')) { this.showPanel(); this.renderPanelTabs(); }
    else if (changed.has('check')) this.renderPanelTabs();
    if (['openTabs', 'active', 'buffers'].some((k) => changed.has(k))) this.renderTabs();
    if (['range', 'playing', 'step', 'lang'].some((k) => changed.has(k))) this.renderAsOf();
    else if (changed.has('asOf')) this.syncAsOf();
    this.renderStatus();
    this.renderNotices();
    for (const [id, m] of this.mounted) {
      if (!this.visible(id)) continue;
      // A view that just became visible has missed every change while hidden: it renders in full.
      const v = this.registry.views.get(id);
      const all = changed.has('panelView') && v?.location === 'panel' ? new Set([...changed, '*']) : changed;
      try { m.instance.update(all); } catch (e) { console.error(e); }
    }
  }

  private renderChrome(): void {
    clear(this.el.titlebar);
    this.el.titlebar.append(
      h('div.brand', h('span.logo', '落实'), h('span.sub', t('appSubtitle'))),
      this.el.asof,
      h('div.spacer'),
      h('button.title-btn', { 'data-testid': 'open-palette', title: 'Ctrl+Shift+P', onclick: () => this.palette.open('commands') }, `⌘ ${t('commandPalette')}`),
      h('button.title-btn', { 'data-testid': 'lang-switch', onclick: () => this.setLanguage(currentLang() === 'zh' ? 'en' : 'zh') }, t('language')),
    );
    this.renderAsOf();
    this.renderStatus();
    this.renderTrustBanner();
  }

  private renderAsOf(): void {
    const { range, asOf, playing, step } = this.store.s;
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.testid;
    clear(this.el.asof);
    if (!range || !asOf) { this.el.asof.append(h('span.muted', t('noPlan'))); return; }
    const total = Math.max(1, daysBetween(range.from, range.to));
    const slider = h('input', { type: 'range', min: 0, max: total, step: 1, value: daysBetween(range.from, asOf), 'data-testid': 'asof-slider', 'aria-label': t('asOf') }) as HTMLInputElement;
    slider.addEventListener('input', () => this.setAsOf(addDaysIso(range.from, Number(slider.value))));
    const dateInput = h('input.asof-date', { type: 'date', min: range.from, max: range.to, value: asOf, 'data-testid': 'asof-date' }) as HTMLInputElement;
    dateInput.addEventListener('change', () => { if (dateInput.value) this.setAsOf(dateInput.value, true); });
    const stepSel = h('select.asof-step', { 'aria-label': t('step') },
      ...(['day', 'week', 'month'] as const).map((k) => h('option', { value: k, selected: step === k }, t(k))));
    stepSel.addEventListener('change', () => this.setStep(stepSel.value as 'day' | 'week' | 'month'));
    this.el.asof.append(
      h('button.play', { 'data-testid': 'play', title: `${playing ? t('pause') : t('play')} (Ctrl+Alt+P)`, onclick: () => this.togglePlay() }, playing ? '❚❚' : '▶'),
      h('span.asof-label', t('asOf')),
      h('span.range-end', range.from), slider, h('span.range-end', range.to),
      dateInput, stepSel,
    );
    if (focused === 'asof-slider') slider.focus();
    else if (focused === 'asof-date') dateInput.focus();
  }

  /** The as-of controls follow the date without being rebuilt (a slider being dragged must stay put). */
  private syncAsOf(): void {
    const { range, asOf } = this.store.s;
    if (!range || !asOf) { this.renderAsOf(); return; }
    const slider = this.el.asof.querySelector<HTMLInputElement>('[data-testid=asof-slider]');
    const date = this.el.asof.querySelector<HTMLInputElement>('[data-testid=asof-date]');
    if (!slider || !date) { this.renderAsOf(); return; }
    const v = String(daysBetween(range.from, asOf));
    if (slider.value !== v) slider.value = v;
    if (document.activeElement !== date && date.value !== asOf) date.value = asOf;
  }

  private renderTabs(): void {
    clear(this.el.tabs);
    for (const p of this.store.s.openTabs) {
      const b = this.store.s.buffers.get(p);
      const dirty = !!b && b.text !== b.savedText;
      const name = p.split('/').pop() ?? p;
      this.el.tabs.append(h('div', {
        class: `tab${p === this.store.s.active ? ' active' : ''}${dirty ? ' dirty' : ''}`, title: p, 'data-path': p,
        onclick: () => { void this.openFile(p); },
      }, h('span.tab-name', name), b?.readOnly ? h('span.tab-ro', t('readOnly')) : null, b?.changedOnDisk ? h('span.tab-warn', '⚠') : null,
      h('span.tab-close', { title: t('close'), onclick: (e: Event) => { e.stopPropagation(); this.closeTab(p); } }, dirty ? '●' : '×')));
    }
  }

  private renderStatus(): void {
    const s = this.store.s;
    const errors = s.check?.errorCount ?? 0, warnings = s.check?.warningCount ?? 0;
    const busy = Object.values(s.busy)[0];
    const busyText = busy === undefined ? null : busy === true ? (s.busy.evaluate ? t('evaluating') : s.busy.replay ? t('replaying') : s.busy.check ? t('checking') : '…') : pick(busy.text, busy.textEn) + (busy.fraction !== null ? ` ${Math.round(busy.fraction * 100)}%` : '');
    const data = s.data ? `${s.data.cases.toLocaleString('en-US')} ${pick('件案件', 'cases')}${s.data.rejected ? ` · ${s.data.rejected} ${t('rejected')}` : ''}` : s.dataError ? `⚠ ${s.dataError}` : t('noData');
    // Redrawn only when what it says changes (progress arrives ten times a second during a replay).
    const key = JSON.stringify([errors, warnings, busyText, data, s.data?.sources ?? null, s.dataOrigin, s.server, s.entry, s.report?.asOf ?? null, s.reportStale, currentLang()]);
    if (key === this.statusKey) return;
    this.statusKey = key;
    clear(this.el.status);
    const banner = dataBanner(s.dataOrigin);
    this.el.status.className = `statusbar${s.server === 'down' || s.server === 'signed-out' ? ' down' : ''}`;
    append(this.el.status, [
      h('button.status-item', { 'data-testid': 'status-problems', onclick: () => this.store.update({ panelView: 'problems' }) }, `⊗ ${errors}  ⚠ ${warnings}`),
      s.server === 'down' ? h('span.status-item.alert', { 'data-testid': 'server-down' }, `⚡ ${t('serverDown')}`) : null,
      s.server === 'signed-out' ? h('span.status-item.alert', { 'data-testid': 'signed-out' }, `⚠ ${t('signedOut')}`) : null,
      h('span.status-item', s.entry ? `▣ ${s.entry}` : t('noPlan')),
      // The files behind the figures, with their counts, on hover.
      h('button.status-item', { 'data-testid': 'status-data', title: (s.data?.sources ?? []).map((x) => sourceText(x, currentLang())).join('\n'), onclick: () => this.store.update({ panelView: 'data' }) }, `⛁ ${data}`),
      banner ? h('button.status-item.alert', { 'data-testid': 'data-banner', title: pick(banner.zh, banner.en), onclick: () => this.store.update({ panelView: 'data' }) }, `⚠ ${pick(banner.shortZh, banner.shortEn)}`) : null,
      h('div.spacer'),
      busyText ? h('span.status-item.busy', { 'data-testid': 'busy' }, `⟳ ${busyText}`) : s.report ? h('span.status-item', { 'data-testid': 'evaluated' }, `✓ ${t('evaluated')} · ${t('asOf')} ${s.report.asOf}${s.reportStale ? ' *' : ''}`) : null,
      h('button.status-item', { title: t('toggleLang'), onclick: () => this.setLanguage(currentLang() === 'zh' ? 'en' : 'zh') }, pick('中文', 'English')),
    ]);
  }

  private renderNotices(): void {
    clear(this.el.notices);
    for (const n of this.store.s.notices) {
      this.el.notices.append(h('div', { class: `notice ${n.kind}`, 'data-testid': `notice-${n.kind}` }, h('span', n.text),
        n.action ? h('button.notice-action', { 'data-testid': 'notice-action', onclick: () => n.action!.run() }, n.action.label) : null,
        h('button.notice-close', { onclick: () => this.store.update({ notices: this.store.s.notices.filter((x) => x.id !== n.id) }) }, '×')));
    }
  }

  /** Activates a page-only plugin (configured plugins come from luoshi.config.yaml: loadPlugins). */
  activatePlugin(p: WorkbenchPlugin): unknown {
    return this.registry.activate(p);
  }
}

/** The contribution points a restricted plugin's manifest names, as the banner says them. */
const POINT_LABELS: Record<string, [string, string]> = {
  functions: ['函数', 'functions'], eventTypes: ['事件类型', 'event types'], lints: ['检查规则', 'lints'], formats: ['输出格式', 'report formats'],
  importers: ['数据导入器', 'importers'], calendars: ['日历', 'calendars'], commands: ['命令', 'commands'], views: ['视图', 'views'],
};

function sameRange(a: { from: string; to: string } | null, b: { from: string; to: string } | null): boolean {
  return !!a && !!b && a.from === b.from && a.to === b.to;
}

function layout(root: HTMLElement): Workbench['el'] {
  const titlebar = h('header.titlebar');
  const banner = h('div.trust-banner', { 'data-testid': 'trust-banner', role: 'status' });
  const asof = h('div.asof', { 'data-testid': 'asof' });
  const sidebar = h('aside.sidebar');
  const tabs = h('div.tabs', { 'data-testid': 'tabs' });
  const editorHost = h('div.editor-host', { 'data-testid': 'editor' });
  const panelTabs = h('div.panel-tabs');
  const panelBody = h('div.panel-body');
  const panel = h('section.panel', panelTabs, panelBody);
  const splitter = h('div.splitter');
  const center = h('main.center', tabs, editorHost, splitter, panel);
  const status = h('footer.statusbar');
  const notices = h('div.notices');
  root.append(titlebar, banner, h('div.body', sidebar, center), status, notices);
  // The panel's height follows the splitter, remembered across reloads.
  const saved = Number(localStorage.getItem('luoshi.panelHeight')) || 0;
  const setHeight = (px: number): void => { center.style.setProperty('--panel-h', `${Math.max(120, Math.min(px, window.innerHeight - 200))}px`); };
  if (saved) setHeight(saved);
  splitter.addEventListener('pointerdown', (e) => {
    splitter.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent): void => { const r = center.getBoundingClientRect(); setHeight(r.bottom - ev.clientY); };
    const up = (): void => {
      splitter.removeEventListener('pointermove', move);
      localStorage.setItem('luoshi.panelHeight', String(panel.getBoundingClientRect().height));
    };
    splitter.addEventListener('pointermove', move);
    splitter.addEventListener('pointerup', up, { once: true });
  });
  return { root, titlebar, banner, sidebar, editorHost, tabs, panel, panelTabs, panelBody, status, notices, asof };
}
