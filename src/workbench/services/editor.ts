// The editor: Monaco with the plan language, one model per open file (its view state kept when another
// file is shown), the tabs above it, diagnostics as markers, and the code lenses' refresh. What an edit
// means — the buffer, the check it asks for — is the others' business: the editor says so through
// `EditorDeps`.
import * as monaco from 'monaco-editor/editor';
import type { CheckSummary } from '../../workers/protocol.js';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import type { Buffer, Store } from '../state.js';
import type { Engine } from '../engine-client.js';
import { LANGUAGE_ID, LENS_VIEWPORT_LINES, registerPlanLanguage, setMarkers } from '../editor/plan-language.js';
import { both, t } from '../i18n.js';
import { h, clear } from '../dom.js';
import { Debouncer, DisposableStore, toDisposable, type Disposable } from './lifecycle.js';

/** Files longer than this open without folding, minimap and sticky scroll. */
const BIG_FILE_LINES = 20_000;

export interface EditorDeps {
  /** The engine worker (read at each use: a restart replaces it). */
  readonly engine: Engine;
  ensureBuffer(path: string): Promise<Buffer | null>;
  /** The text of a writable file's model changed (by the user, not by `setText`). */
  edited(path: string, model: monaco.editor.ITextModel): void;
  /** An input method started (true) or finished (false) composing. */
  composing(on: boolean): void;
  /** A writable plan became the file in view. */
  planOpened(path: string): void;
  executeCommand(id: string, ...args: unknown[]): Promise<unknown>;
  notify(text: { zh: string; en: string } | string, kind: 'info' | 'error' | 'ok', opts?: { cause?: string }): number;
}

export class EditorService implements Disposable {
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  private readonly models = new Map<string, monaco.editor.ITextModel>();
  private readonly viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();
  /** Model version each file's diagnostics were computed for. */
  private readonly checkedVersion = new Map<string, number>();
  private readonly lensEmitter = new monaco.Emitter<void>();
  private readonly lensScroll = new Debouncer();
  private applyingRemote = false;
  private readonly disposables = new DisposableStore();

  constructor(
    host: HTMLElement,
    private readonly tabsEl: HTMLElement,
    private readonly store: Store,
    private readonly deps: EditorDeps,
  ) {
    const d = this.disposables;
    for (const x of registerPlanLanguage({
      get engine() {
        return deps.engine;
      },
      pathOf: (m) => this.pathOfModel(m),
      ensureModel: async (path) => ((await deps.ensureBuffer(path)) ? this.modelFor(path).uri : null),
      diagnosticsOf: (path) => ({
        diagnostics: (this.store.s.check?.diagnostics ?? []).filter((x) => x.file === path),
        version: this.checkedVersion.get(path) ?? null,
      }),
      onLensesChanged: (l) => {
        d.add(this.lensEmitter.event(l));
      },
      onFormatRefused: (why) => {
        const w = both('cannotFormat');
        deps.notify({ zh: `${w.zh}：${why}`, en: `${w.en}: ${why}` }, 'error', { cause: 'format' });
      },
      visibleLines: (m) => {
        if (this.editor.getModel() !== m) return null;
        const rs = this.editor.getVisibleRanges();
        const first = rs[0],
          last = rs[rs.length - 1];
        return first && last ? [first.startLineNumber, last.endLineNumber] : null;
      },
    }))
      d.add(x);
    this.editor = d.add(
      monaco.editor.create(host, {
        theme: 'luoshi-light',
        automaticLayout: true,
        fontSize: 14,
        lineHeight: 22,
        minimap: { enabled: true, renderCharacters: false },
        fontFamily: '"Sarasa Mono SC", "Noto Sans Mono CJK SC", "Source Han Mono", Menlo, Consolas, monospace',
        wordWrap: 'off',
        renderWhitespace: 'none',
        codeLens: true,
        fixedOverflowWidgets: true,
        scrollBeyondLastLine: false,
        unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
        quickSuggestions: { other: true, comments: false, strings: false },
        suggestOnTriggerCharacters: true,
        tabSize: 2,
      }),
    );
    // Monaco binds Format Document to Shift+Alt+F on Windows and macOS but to Ctrl+Shift+I on Linux (as
    // VS Code does); the palette shows Shift+Alt+F, so it formats on every platform.
    d.add(
      monaco.editor.addKeybindingRule({
        keybinding: monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF,
        command: 'editor.action.formatDocument',
        when: 'editorTextFocus && !editorReadonly',
      }),
    );
    // Typing pinyin: the composition's letters are not text yet; the check waits for the characters.
    d.add(this.editor.onDidCompositionStart(() => deps.composing(true)));
    d.add(this.editor.onDidCompositionEnd(() => deps.composing(false)));
    // Lenses of a huge file follow the viewport (see MAX_LENSES).
    d.add(this.lensScroll);
    d.add(
      this.editor.onDidScrollChange(() => {
        const m = this.editor.getModel();
        if (!m || m.getLineCount() <= LENS_VIEWPORT_LINES) return;
        this.lensScroll.schedule(() => this.lensEmitter.fire(), 250);
      }),
    );
    d.add(
      monaco.editor.registerCommand('luoshi.lens', (_a, item: { target?: string; task?: string }) => {
        if (item.target) void deps.executeCommand('luoshi.view.show', 'indicators', { target: item.target });
        else void deps.executeCommand('luoshi.view.show', 'tasks');
      }),
    );
    d.add(
      monaco.editor.registerEditorOpener({
        openCodeEditor: (_source, resource, selection) => {
          const path = this.pathOfUri(resource);
          if (!path) return false;
          void this.openFile(
            path,
            selection && 'startLineNumber' in selection
              ? selection
              : selection
                ? {
                    startLineNumber: selection.lineNumber,
                    startColumn: selection.column,
                    endLineNumber: selection.lineNumber,
                    endColumn: selection.column,
                  }
                : undefined,
          );
          return true;
        },
      }),
    );
    d.add(
      toDisposable(
        store.subscribe((changed) => {
          if (['openTabs', 'active', 'buffers', 'lang'].some((k) => changed.has(k as never))) this.renderTabs();
        }),
      ),
    );
    d.add(
      toDisposable(() => {
        for (const m of this.models.values()) m.dispose();
        this.models.clear();
      }),
    );
    d.add(this.lensEmitter);
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
    const have = this.models.get(path);
    if (have) return have;
    const b = this.store.s.buffers.get(path);
    const lang = path.endsWith('.plan')
      ? LANGUAGE_ID
      : /\.(json|ndjson|jsonl)$/.test(path)
        ? 'json'
        : /\.ya?ml$/.test(path)
          ? 'yaml'
          : 'plaintext';
    const m = monaco.editor.createModel(b?.text ?? '', lang, this.uriOf(path));
    m.onDidChangeContent(() => {
      if (!this.applyingRemote) this.deps.edited(path, m);
    });
    this.models.set(path, m);
    setMarkers(
      m,
      (this.store.s.check?.diagnostics ?? []).filter((d) => d.file === path),
    );
    return m;
  }

  /** The text of a file's model, if it has one (the editor's is newer than the buffer's while typing). */
  modelText(path: string): string | null {
    return this.models.get(path)?.getValue() ?? null;
  }

  /** Replaces a model's text from outside (the disk changed, a conflict resolved): not an edit. */
  setText(path: string, text: string): void {
    const m = this.models.get(path);
    if (!m) return;
    this.applyingRemote = true;
    try {
      m.setValue(text);
    } finally {
      this.applyingRemote = false;
    }
  }

  addTab(path: string): void {
    if (!this.store.s.openTabs.includes(path)) this.store.update({ openTabs: [...this.store.s.openTabs, path] });
  }

  async openFile(path: string, selection?: monaco.IRange): Promise<void> {
    const b = await this.deps.ensureBuffer(path);
    if (!b) return;
    const prev = this.store.s.active;
    if (prev && prev !== path) this.viewStates.set(prev, this.editor.saveViewState());
    const m = this.modelFor(path);
    // A huge file: no folding, minimap or sticky scroll (each walks the whole text on the page's thread).
    // Set before the model is attached, so none of them starts on it.
    const big = m.getLineCount() > BIG_FILE_LINES;
    this.editor.updateOptions({
      readOnly: b.readOnly,
      folding: !big,
      minimap: { enabled: !big, renderCharacters: false },
      stickyScroll: { enabled: !big },
      occurrencesHighlight: big ? 'off' : 'singleFile',
      bracketPairColorization: { enabled: !big },
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
    if (path.endsWith('.plan') && !b.readOnly && this.store.s.entry !== path) this.deps.planOpened(path);
  }

  closeTab(path: string): void {
    const tabs = this.store.s.openTabs.filter((p) => p !== path);
    this.store.update({ openTabs: tabs });
    if (this.store.s.active !== path) return;
    const next = tabs[tabs.length - 1];
    if (next) void this.openFile(next);
    else {
      this.editor.setModel(null);
      this.store.update({ active: null });
    }
  }

  revealDiagnostic(d: Diagnostic): void {
    void this.openFile(d.file, {
      startLineNumber: d.range.start.line + 1,
      startColumn: d.range.start.column + 1,
      endLineNumber: d.range.end.line + 1,
      endColumn: d.range.end.column + 1,
    });
  }

  async revealLine(file: string, line: number): Promise<void> {
    await this.openFile(file, { startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: 1 });
  }

  /** Each open model's version now (a check's markers apply only to the text they were computed from). */
  versions(): Map<string, number> {
    return new Map([...this.models].map(([p, m]) => [p, m.getVersionId()]));
  }

  /** Puts a check's diagnostics on the models still at the versions it was computed from. */
  applyCheck(check: CheckSummary, versions: ReadonlyMap<string, number>, entry: string): void {
    for (const [p, m] of this.models) {
      // An edit since then brings its own check.
      if (versions.get(p) !== m.getVersionId()) continue;
      if (!check.files.includes(p) && p !== entry) continue;
      setMarkers(
        m,
        check.diagnostics.filter((d) => d.file === p),
      );
      this.checkedVersion.set(p, m.getVersionId());
      if (m === this.editor.getModel()) document.body.dataset.checkedVersion = String(m.getVersionId());
    }
  }

  /** Markers again in the language of the moment, and the lenses. */
  relabel(): void {
    for (const [p, m] of this.models)
      setMarkers(
        m,
        (this.store.s.check?.diagnostics ?? []).filter((d) => d.file === p),
      );
    this.refreshLenses();
  }

  refreshLenses(): void {
    this.lensEmitter.fire();
  }

  runAction(id: string): void {
    if (id === 'editor.action.quickOutline') this.editor.focus();
    void this.editor.getAction(id)?.run();
  }

  hasTextFocus(): boolean {
    return this.editor.hasTextFocus();
  }

  /** The disk's text beside the buffer's, in a diff editor (its code fetched when first asked for). */
  async compare(path: string, diskText: string): Promise<void> {
    const { createDiffEditor } = await import('../editor/diff-editor.js');
    const host = h('div.diff-host');
    const overlay = h(
      'div.modal-overlay',
      h(
        'div.modal.wide',
        h('h2', `${t('compare')}: ${path}`),
        host,
        h(
          'div.modal-actions',
          h(
            'button',
            {
              onclick: () => {
                overlay.remove();
                diff.dispose();
                original.dispose();
              },
            },
            t('close'),
          ),
        ),
      ),
    );
    document.body.append(overlay);
    const original = monaco.editor.createModel(diskText, LANGUAGE_ID);
    const diff = createDiffEditor(host, { readOnly: true, automaticLayout: true });
    diff.setModel({ original, modified: this.modelFor(path) });
  }

  private renderTabs(): void {
    clear(this.tabsEl);
    for (const p of this.store.s.openTabs) {
      const b = this.store.s.buffers.get(p);
      const dirty = !!b && b.text !== b.savedText;
      const name = p.split('/').pop() ?? p;
      this.tabsEl.append(
        h(
          'div',
          {
            class: `tab${p === this.store.s.active ? ' active' : ''}${dirty ? ' dirty' : ''}`,
            title: p,
            'data-path': p,
            onclick: () => {
              void this.openFile(p);
            },
          },
          h('span.tab-name', name),
          b?.readOnly ? h('span.tab-ro', t('readOnly')) : null,
          b?.changedOnDisk ? h('span.tab-warn', '⚠') : null,
          h(
            'span.tab-close',
            {
              title: t('close'),
              onclick: (e: Event) => {
                e.stopPropagation();
                this.closeTab(p);
              },
            },
            dirty ? '●' : '×',
          ),
        ),
      );
    }
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
