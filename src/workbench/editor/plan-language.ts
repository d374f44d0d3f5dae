// The plan language in Monaco: highlighting (a Monarch tokenizer over the same words the grammar knows),
// brackets and comments, and the language services — every one of which asks the engine worker, so the
// page's thread only moves results into the editor.
import * as monaco from 'monaco-editor/editor';
import { EVENT_TYPES, CASE_FIELDS } from '../../engine/domain/vocabulary.js';
import { allKeywordSpellings } from '../../engine/language/keywords.js';
import type { CompletionKind, OutlineItem, SymbolKindName } from '../../workers/protocol.js';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import type { Engine } from '../engine-client.js';
import { currentLang } from '../i18n.js';

export const LANGUAGE_ID = 'luoshi-plan';

/** In a file longer than this, only the code lenses near the viewport are asked for. */
export const LENS_VIEWPORT_LINES = 5000;

export interface LanguageHost {
  engine: Engine;
  /** The workspace path of a model (null for models that are not plan files). */
  pathOf(model: monaco.editor.ITextModel): string | null;
  /** Makes sure a file's model exists (for definitions in other files); returns its URI. */
  ensureModel(path: string): Promise<monaco.Uri | null>;
  /** The diagnostics of a file from the last check, and the model version they were computed for. */
  diagnosticsOf(path: string): { diagnostics: Diagnostic[]; version: number | null };
  /** Registers the callback to run when code lenses may have changed (a new evaluation). */
  onLensesChanged(listener: () => void): void;
  /** The lines shown in the editor for a model (null when it is not shown). */
  visibleLines(model: monaco.editor.ITextModel): [number, number] | null;
  /** The formatter refused (syntax errors): say why. */
  onFormatRefused?(why: string): void;
}

const rangeOf = (s: {
  start: { line: number; column: number };
  end: { line: number; column: number };
}): monaco.IRange => ({
  startLineNumber: s.start.line,
  startColumn: s.start.column,
  endLineNumber: s.end.line,
  endColumn: s.end.column,
});

const COMPLETION_KINDS: Record<CompletionKind, monaco.languages.CompletionItemKind> = {
  keyword: monaco.languages.CompletionItemKind.Keyword,
  person: monaco.languages.CompletionItemKind.User,
  role: monaco.languages.CompletionItemKind.Interface,
  department: monaco.languages.CompletionItemKind.Folder,
  indicator: monaco.languages.CompletionItemKind.Function,
  eventType: monaco.languages.CompletionItemKind.Event,
  field: monaco.languages.CompletionItemKind.Field,
  set: monaco.languages.CompletionItemKind.Variable,
  court: monaco.languages.CompletionItemKind.Module,
  rule: monaco.languages.CompletionItemKind.Method,
  target: monaco.languages.CompletionItemKind.Constant,
  phase: monaco.languages.CompletionItemKind.Enum,
  function: monaco.languages.CompletionItemKind.Function,
  unit: monaco.languages.CompletionItemKind.Unit,
  group: monaco.languages.CompletionItemKind.Class,
  snippet: monaco.languages.CompletionItemKind.Snippet,
};

const SYMBOL_KINDS: Record<SymbolKindName, monaco.languages.SymbolKind> = {
  plan: monaco.languages.SymbolKind.Namespace,
  court: monaco.languages.SymbolKind.Module,
  person: monaco.languages.SymbolKind.Object,
  role: monaco.languages.SymbolKind.Interface,
  department: monaco.languages.SymbolKind.Package,
  group: monaco.languages.SymbolKind.Class,
  phase: monaco.languages.SymbolKind.Enum,
  field: monaco.languages.SymbolKind.Field,
  set: monaco.languages.SymbolKind.Variable,
  indicator: monaco.languages.SymbolKind.Function,
  rule: monaco.languages.SymbolKind.Method,
  target: monaco.languages.SymbolKind.Constant,
  task: monaco.languages.SymbolKind.Event,
  milestone: monaco.languages.SymbolKind.Key,
  fact: monaco.languages.SymbolKind.Property,
};

function monarch(): monaco.languages.IMonarchLanguage {
  return {
    unicode: true,
    defaultToken: '',
    keywords: allKeywordSpellings(),
    eventTypes: [...EVENT_TYPES],
    fields: CASE_FIELDS.flatMap((f) => [f.zh, f.en]),
    tokenizer: {
      root: [
        [/\/\/.*$/, 'comment'],
        [/\/\*/, 'comment', '@comment'],
        [/"/, 'string', '@string'],
        [/“/, 'string', '@cjkstring'],
        [/\d{4}年\d{1,2}月\d{1,2}[日号]前?/, 'number.date'],
        [/\d{4}年\d{1,2}月[底末前]?/, 'number.date'],
        [/\d{4}-\d{1,2}(?:-\d{1,2})?(?![\p{L}\p{N}_])/u, 'number.date'],
        [/\d{4}年[底末前]?(?!\d)/, 'number.date'],
        [
          /\d+(?:\.\d+)?[ \t]*(?:%|％|‰|个工作日|工作日|个月|万元|亿元|元|件|人|日|天|次)(?![\p{L}\p{N}_])/u,
          'number.unit',
        ],
        [/\d+(?:,\d{3})*(?:\.\d+)?(?![\p{L}_])/u, 'number'],
        [
          /[\p{L}_][\p{L}\p{N}_·]*/u,
          { cases: { '@keywords': 'keyword', '@eventTypes': 'type', '@fields': 'variable', '@default': 'identifier' } },
        ],
        [/\d[\p{L}\p{N}_·]*/u, 'identifier'],
        [/[{}｛｝()（）]/, '@brackets'],
        [/>=|<=|!=|==|[<>=≥≤≠+\-*/×÷:：]/, 'operator'],
        [/[,，、;；|]/, 'delimiter'],
      ],
      comment: [
        [/[^*]+/, 'comment'],
        [/\*\//, 'comment', '@pop'],
        [/\*/, 'comment'],
      ],
      string: [
        [/[^"\\]+/, 'string'],
        [/\\./, 'string.escape'],
        [/"/, 'string', '@pop'],
      ],
      cjkstring: [
        [/[^”]+/, 'string'],
        [/”/, 'string', '@pop'],
      ],
    },
  } as monaco.languages.IMonarchLanguage;
}

export function registerPlanLanguage(host: LanguageHost): monaco.IDisposable[] {
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.plan'], aliases: ['Plan', '计划语言'] });
  const ds: monaco.IDisposable[] = [];
  ds.push(monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, monarch()));
  ds.push(
    monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
      comments: { lineComment: '//', blockComment: ['/*', '*/'] },
      brackets: [
        ['{', '}'],
        ['｛', '｝'],
        ['(', ')'],
        ['（', '）'],
      ],
      autoClosingPairs: [
        { open: '{', close: '}' },
        { open: '(', close: ')' },
        { open: '（', close: '）' },
        { open: '"', close: '"', notIn: ['string'] },
        { open: '“', close: '”' },
      ],
      surroundingPairs: [
        { open: '"', close: '"' },
        { open: '“', close: '”' },
        { open: '(', close: ')' },
      ],
      wordPattern: /[\p{L}\p{N}_·]+(?:\.[\p{L}\p{N}_·]+)*/u,
      indentationRules: { increaseIndentPattern: /[{｛][^}｝]*$/, decreaseIndentPattern: /^\s*[}｝]/ },
    }),
  );
  monaco.editor.defineTheme('luoshi-light', {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: '0000ff' },
      { token: 'string', foreground: 'a31515' },
      { token: 'comment', foreground: '008000' },
      { token: 'number', foreground: '098658' },
      { token: 'number.date', foreground: '795e26' },
      { token: 'number.unit', foreground: '098658' },
      { token: 'type', foreground: '267f99' },
      { token: 'variable', foreground: '001080' },
      { token: 'operator', foreground: '000000' },
    ],
    colors: { 'editor.background': '#ffffff', 'editorCodeLens.foreground': '#6a737d' },
  });

  const offsetAt = (model: monaco.editor.ITextModel, p: monaco.IPosition): number => model.getOffsetAt(p);

  ds.push(
    monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
      triggerCharacters: [' ', ',', '，', '、', '(', '（', ':', '：', '=', '|'],
      provideCompletionItems: async (model, position, context) => {
        const path = host.pathOf(model);
        if (!path) return { suggestions: [] };
        const auto = context.triggerKind === monaco.languages.CompletionTriggerKind.TriggerCharacter;
        const r = await host.engine.complete(path, model.getValue(), offsetAt(model, position), currentLang(), auto);
        const range: monaco.IRange = {
          startLineNumber: r.from.line,
          startColumn: r.from.column,
          endLineNumber: position.lineNumber,
          endColumn: position.column,
        };
        return {
          suggestions: r.items.map((i) => ({
            label: i.label,
            kind: COMPLETION_KINDS[i.kind],
            detail: i.detail,
            insertText: i.insertText ?? i.label,
            range,
            ...(i.snippet ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
            ...(i.sortText ? { sortText: i.sortText } : {}),
            ...(i.documentation ? { documentation: i.documentation } : {}),
          })),
        };
      },
    }),
  );

  ds.push(
    monaco.languages.registerHoverProvider(LANGUAGE_ID, {
      provideHover: async (model, position) => {
        const path = host.pathOf(model);
        if (!path) return null;
        const h = await host.engine.hover(path, model.getValue(), offsetAt(model, position), currentLang());
        return h ? { range: rangeOf(h.range), contents: h.markdown.map((value) => ({ value })) } : null;
      },
    }),
  );

  ds.push(
    monaco.languages.registerDefinitionProvider(LANGUAGE_ID, {
      provideDefinition: async (model, position) => {
        const path = host.pathOf(model);
        if (!path) return null;
        const d = await host.engine.definition(path, model.getValue(), offsetAt(model, position));
        if (!d) return null;
        const uri = await host.ensureModel(d.file);
        return uri ? { uri, range: rangeOf(d.range) } : null;
      },
    }),
  );

  ds.push(
    monaco.languages.registerReferenceProvider(LANGUAGE_ID, {
      provideReferences: async (model, position, context) => {
        const path = host.pathOf(model);
        if (!path) return [];
        const refs = await host.engine.references(
          path,
          model.getValue(),
          offsetAt(model, position),
          context.includeDeclaration,
        );
        const out: monaco.languages.Location[] = [];
        for (const r of refs) {
          const uri = await host.ensureModel(r.file);
          if (uri) out.push({ uri, range: rangeOf(r.range) });
        }
        return out;
      },
    }),
  );

  ds.push(
    monaco.languages.registerRenameProvider(LANGUAGE_ID, {
      provideRenameEdits: async (model, position, newName) => {
        const path = host.pathOf(model);
        if (!path) return { edits: [] };
        const r = await host.engine.rename(path, model.getValue(), offsetAt(model, position), newName);
        if (!r.ok) {
          const d = r.diagnostics[0];
          return { edits: [], rejectReason: d ? (currentLang() === 'zh' ? d.message : d.messageEn) : '' };
        }
        const edits: monaco.languages.IWorkspaceTextEdit[] = [];
        for (const [file, es] of Object.entries(r.value)) {
          const uri = await host.ensureModel(file);
          if (!uri) continue;
          for (const e of es)
            edits.push({ resource: uri, versionId: undefined, textEdit: { range: rangeOf(e.range), text: e.text } });
        }
        return { edits };
      },
    }),
  );

  const toSymbol = (o: OutlineItem): monaco.languages.DocumentSymbol => ({
    name: o.name,
    detail: o.detail,
    kind: SYMBOL_KINDS[o.kind],
    tags: [],
    range: rangeOf(o.range),
    selectionRange: rangeOf(o.selection),
    children: o.children.map(toSymbol),
  });
  ds.push(
    monaco.languages.registerDocumentSymbolProvider(LANGUAGE_ID, {
      displayName: 'luoshi',
      provideDocumentSymbols: async (model) => {
        const path = host.pathOf(model);
        if (!path) return [];
        return (await host.engine.outline(path, model.getValue())).map(toSymbol);
      },
    }),
  );

  ds.push(
    monaco.languages.registerDocumentFormattingEditProvider(LANGUAGE_ID, {
      displayName: 'luoshi fmt',
      provideDocumentFormattingEdits: async (model) => {
        const text = model.getValue();
        const r = await host.engine.format(text);
        if (!r.ok) {
          const d = r.diagnostics[0];
          const why = d ? (currentLang() === 'zh' ? d.message : d.messageEn) : '';
          host.onFormatRefused?.(why);
          return [];
        }
        if (r.value.text === text) return [];
        return [{ range: model.getFullModelRange(), text: r.value.text }];
      },
    }),
  );

  const lensChanged = new monaco.Emitter<monaco.languages.CodeLensProvider>();
  const lensProvider: monaco.languages.CodeLensProvider = {
    onDidChange: lensChanged.event,
    provideCodeLenses: async (model) => {
      const path = host.pathOf(model);
      if (!path) return { lenses: [], dispose: () => {} };
      // A huge plan has tens of thousands of targets and milestones: lenses near the viewport only (the
      // host asks again when it scrolls).
      const near = model.getLineCount() > LENS_VIEWPORT_LINES ? host.visibleLines(model) : null;
      const items = await host.engine.codeLenses(
        path,
        currentLang(),
        near ? [near[0] - 200, near[1] + 200] : undefined,
      );
      const lenses = items
        .filter((i) => i.line <= model.getLineCount())
        .map((i) => ({
          range: { startLineNumber: i.line, startColumn: 1, endLineNumber: i.line, endColumn: 1 },
          command: { id: 'luoshi.lens', title: i.title, arguments: [i] },
        }));
      return { lenses, dispose: () => {} };
    },
  };
  // A new evaluation changes every lens's text: onDidChange makes Monaco ask again and re-render the
  // lenses in the viewport (the others are re-rendered when scrolled to).
  host.onLensesChanged(() => lensChanged.fire(lensProvider));
  ds.push(monaco.languages.registerCodeLensProvider(LANGUAGE_ID, lensProvider));

  ds.push(
    monaco.languages.registerCodeActionProvider(
      LANGUAGE_ID,
      {
        provideCodeActions: (model, _range, context) => {
          const path = host.pathOf(model);
          if (!path) return { actions: [], dispose: () => {} };
          const { diagnostics, version } = host.diagnosticsOf(path);
          // Fixes are offsets into the text that was checked: offer them only for that very text.
          if (version !== model.getVersionId()) return { actions: [], dispose: () => {} };
          const actions: monaco.languages.CodeAction[] = [];
          for (const m of context.markers) {
            const d = diagnostics.find(
              (x) =>
                x.fix &&
                x.code === String(typeof m.code === 'object' ? m.code.value : m.code) &&
                x.range.start.line + 1 === m.startLineNumber &&
                x.range.start.column + 1 === m.startColumn,
            );
            if (!d?.fix) continue;
            actions.push({
              title: currentLang() === 'zh' ? d.fix.title : d.fix.titleEn,
              kind: 'quickfix',
              diagnostics: [m],
              isPreferred: true,
              edit: {
                edits: d.fix.edits.map((e) => {
                  const a = model.getPositionAt(e.range[0]),
                    b = model.getPositionAt(e.range[1]);
                  return {
                    resource: model.uri,
                    versionId: model.getVersionId(),
                    textEdit: {
                      range: {
                        startLineNumber: a.lineNumber,
                        startColumn: a.column,
                        endLineNumber: b.lineNumber,
                        endColumn: b.column,
                      },
                      text: e.text,
                    },
                  };
                }),
              },
            });
          }
          return { actions, dispose: () => {} };
        },
      },
      { providedCodeActionKinds: ['quickfix'] },
    ),
  );
  return ds;
}

/** Diagnostics → Monaco markers for one model. */
export function setMarkers(model: monaco.editor.ITextModel, diagnostics: readonly Diagnostic[]): void {
  const zh = currentLang() === 'zh';
  monaco.editor.setModelMarkers(
    model,
    'luoshi',
    diagnostics.map((d) => ({
      severity:
        d.severity === 'error'
          ? monaco.MarkerSeverity.Error
          : d.severity === 'warning'
            ? monaco.MarkerSeverity.Warning
            : monaco.MarkerSeverity.Info,
      message: zh ? d.message : d.messageEn,
      code: d.code,
      source: 'luoshi',
      startLineNumber: d.range.start.line + 1,
      startColumn: d.range.start.column + 1,
      endLineNumber: d.range.end.line + 1,
      // An empty range (end of file) still needs a visible squiggle.
      endColumn:
        d.range.end.line === d.range.start.line && d.range.end.column === d.range.start.column
          ? d.range.end.column + 2
          : d.range.end.column + 1,
    })),
  );
}
