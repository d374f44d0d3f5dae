// The plan language over LSP: the engine's language service (src/engine/language/) on the documents the
// editor has open and the files on disk, as `luoshi check` reads them (imports relative to the file, std
// from this package). Plugins' functions, event types and lints are used only when the client says the
// workspace is trusted (initializationOptions.trusted); otherwise built-ins only.
import {
  CodeActionKind,
  CompletionTriggerKind,
  ResponseError,
  ErrorCodes,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import { LanguageService } from '../../engine/language/service.js';
import type { Lang } from '../../engine/language/types.js';
import { DocumentWorkspace } from '../../engine/language/workspace.js';
import { CONFIG_FILE_NAMES } from '../../engine/plugins/config.js';
import { relative, sep } from 'node:path';
import { displayPath, listPlanFiles, nodeHost, STD_DIR } from '../host.js';
import { openPluginSession, type PluginSession } from '../plugins/session.js';
import { VERSION } from '../version.js';
import { encodeTokens, lspCompletion, lspDiagnostic, lspSymbol, pathOf, TOKEN_LEGEND, uriOf } from './convert.js';
import {
  DataError,
  evaluateLive,
  loadLiveData,
  type AttachDataParams,
  type AttachDataResult,
  type LiveData,
} from './live-data.js';

/** initializationOptions the server understands. */
export interface LuoshiInitOptions {
  /** The workspace is trusted: load luoshi.config.yaml's plugins (their code runs). Default false. */
  trusted?: boolean;
  /** Message language, zh (default) or en. */
  lang?: Lang;
  /** Data to attach at start (as `luoshi/attachData`). */
  data?: AttachDataParams;
}

export const ATTACH_DATA = 'luoshi/attachData';
/** At most this many workspace plans are compiled as entries (references and rename look through them). */
const MAX_WORKSPACE_PLANS = 2000;
const PUBLISH_DELAY_MS = 150;

export function serveLanguage(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let root: string = process.cwd();
  let lang: Lang = 'zh';
  let trusted = false;
  let session: PluginSession | null = null;
  let data: LiveData | null = null;
  let pendingData: AttachDataParams | null = null;
  let progressSupported = false;
  let lensRefresh = false;
  // Files are named by absolute path (a document's URI gives one); imports resolve from the importing file.
  const ws = new DocumentWorkspace(
    nodeHost(root, (p) => p),
    () => session?.compileOptions() ?? {},
    (p) => (p.startsWith(STD_DIR + sep) ? `std/${relative(STD_DIR, p).split(sep).join('/')}` : displayPath(root, p)),
  );
  const service = new LanguageService(ws);
  const bilingual = (zh: string, en: string): string => (lang === 'zh' ? zh : en);
  // Diagnostics wait for the plugins (a trusted folder's functions): published earlier, they would be wrong.
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const openSession = async (): Promise<void> => {
    await session?.dispose();
    session = null;
    try {
      session = await openPluginSession({ cwd: root, from: [root], noConfig: !trusted });
    } catch (e) {
      connection.window.showErrorMessage(
        bilingual(
          `插件配置无法使用：${(e as Error).message}`,
          `the plugin configuration cannot be used: ${(e as Error).message}`,
        ),
      );
      session = await openPluginSession({ cwd: root, noConfig: true });
    }
    for (const d of session.takeDiagnostics())
      connection.console.warn(
        `${d.file}:${d.range.start.line + 1}:${d.range.start.column + 1}: ${d.code} ${bilingual(d.message, d.messageEn)}`,
      );
    ws.invalidate(() => session?.compileOptions() ?? {});
  };

  connection.onInitialize((params): InitializeResult => {
    const opts = (params.initializationOptions ?? {}) as LuoshiInitOptions;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? null;
    root = (folder && pathOf(folder)) ?? process.cwd();
    lang = opts.lang === 'en' ? 'en' : 'zh';
    trusted = opts.trusted === true;
    pendingData = opts.data ?? null;
    progressSupported = params.capabilities.window?.workDoneProgress === true;
    lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    return {
      serverInfo: { name: 'luoshi', version: VERSION },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: [' ', ',', '，', '、', '(', '（', ':', '：', '=', '|'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_LEGEND], tokenModifiers: [] }, full: true },
      },
    };
  });

  connection.onInitialized(async () => {
    await openSession();
    const plans = listPlanFiles(root).filter((f) => !f.startsWith(STD_DIR));
    if (plans.length > MAX_WORKSPACE_PLANS)
      connection.console.warn(
        bilingual(
          `工作区有 ${plans.length} 个计划文件，只索引前 ${MAX_WORKSPACE_PLANS} 个`,
          `the workspace has ${plans.length} plan files; only the first ${MAX_WORKSPACE_PLANS} are indexed`,
        ),
      );
    ws.addEntries(plans.slice(0, MAX_WORKSPACE_PLANS));
    markReady();
    if (pendingData) {
      try {
        await attach(pendingData);
      } catch (e) {
        connection.window.showErrorMessage(errorText(e));
      }
    }
    schedulePublish();
  });

  const errorText = (e: unknown): string => (e instanceof DataError ? bilingual(e.zh, e.en) : (e as Error).message);

  // ---------------------------------------------------------------- diagnostics

  let timer: NodeJS.Timeout | null = null;
  const schedulePublish = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void publishAll();
    }, PUBLISH_DELAY_MS);
  };

  /** The diagnostics of an open file: the compiler's, and (trusted, no errors) the plugins' lints. */
  const diagnosticsOf = async (path: string): Promise<Diagnostic[]> => {
    const own = service.diagnostics(path);
    const c = ws.compilationOf(path);
    if (!trusted || !session || !c || c.result.errorCount > 0 || c.entry !== path) return own;
    const lint = (await session.lint(c.result, path)).filter((d) => d.file === path);
    return [...own, ...lint];
  };

  const publishAll = async (): Promise<void> => {
    await ready;
    for (const doc of documents.all()) {
      const path = pathOf(doc.uri);
      if (!path) continue;
      const diagnostics = (await diagnosticsOf(path)).map((d) => lspDiagnostic(d, lang));
      await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    }
  };

  documents.onDidChangeContent((e) => {
    const path = pathOf(e.document.uri);
    if (!path) return;
    ws.setDocument(path, e.document.getText());
    schedulePublish();
  });
  documents.onDidClose((e) => {
    const path = pathOf(e.document.uri);
    if (path) ws.setDocument(path, null);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    schedulePublish();
  });
  documents.onDidSave(() => {
    if (data) void evaluateOpen();
  });

  connection.onDidChangeWatchedFiles(async (e) => {
    if (e.changes.some((c) => CONFIG_FILE_NAMES.some((n) => c.uri.endsWith(`/${n}`)))) await openSession();
    else ws.invalidate();
    schedulePublish();
  });

  // ---------------------------------------------------------------- requests over one document

  const docAt = (uri: string): { doc: TextDocument; path: string; text: string } | null => {
    const doc = documents.get(uri);
    const path = pathOf(uri);
    return doc && path ? { doc, path, text: doc.getText() } : null;
  };

  connection.onCompletion((p) => {
    const d = docAt(p.textDocument.uri);
    if (!d) return null;
    const auto = p.context?.triggerKind === CompletionTriggerKind.TriggerCharacter;
    const r = service.complete(d.path, d.text, d.doc.offsetAt(p.position), lang, auto);
    const range = { start: r.from, end: p.position };
    return { isIncomplete: false, items: r.items.map((i) => lspCompletion(i, range)) };
  });

  connection.onHover((p) => {
    const d = docAt(p.textDocument.uri);
    const h = d && service.hover(d.path, d.text, d.doc.offsetAt(p.position), lang);
    return h ? { contents: { kind: 'markdown', value: h.markdown.join('\n\n') }, range: h.range } : null;
  });

  connection.onDefinition((p) => {
    const d = docAt(p.textDocument.uri);
    const l = d && service.definition(d.path, d.text, d.doc.offsetAt(p.position));
    return l ? { uri: uriOf(l.file), range: l.range } : null;
  });

  connection.onReferences((p) => {
    const d = docAt(p.textDocument.uri);
    if (!d) return [];
    return service
      .references(d.path, d.text, d.doc.offsetAt(p.position), p.context.includeDeclaration)
      .map((l) => ({ uri: uriOf(l.file), range: l.range }));
  });

  connection.onPrepareRename((p) => {
    const d = docAt(p.textDocument.uri);
    return (d && service.prepareRename(d.path, d.text, d.doc.offsetAt(p.position))) ?? null;
  });

  connection.onRenameRequest((p) => {
    const d = docAt(p.textDocument.uri);
    if (!d) return null;
    const r = service.rename(d.path, d.text, d.doc.offsetAt(p.position), p.newName);
    if (!r.ok) throw new ResponseError(ErrorCodes.InvalidRequest, `${r.message} / ${r.messageEn}`);
    const changes: Record<string, LspTextEdit[]> = {};
    for (const [file, edits] of Object.entries(r.edits))
      changes[uriOf(file)] = edits.map((e) => ({ range: e.range, newText: e.text }));
    return { changes } satisfies WorkspaceEdit;
  });

  connection.onDocumentSymbol((p) => {
    const d = docAt(p.textDocument.uri);
    return d ? service.symbols(d.path, d.text).map(lspSymbol) : [];
  });

  connection.onDocumentFormatting((p) => {
    const d = docAt(p.textDocument.uri);
    if (!d) return [];
    const r = service.format(d.text);
    if (!r.ok) {
      void connection.window.showWarningMessage(`无法格式化 / cannot format: ${r.reason}`);
      return [];
    }
    if (r.text === d.text) return [];
    return [{ range: { start: { line: 0, character: 0 }, end: d.doc.positionAt(d.text.length) }, newText: r.text }];
  });

  connection.onCodeAction((p) => {
    const d = docAt(p.textDocument.uri);
    if (!d) return [];
    const actions = service.codeActions(
      service.diagnostics(d.path),
      d.text,
      d.doc.offsetAt(p.range.start),
      d.doc.offsetAt(p.range.end),
    );
    return actions.map((a) => ({
      title: lang === 'zh' ? a.title : a.titleEn,
      kind: CodeActionKind.QuickFix,
      isPreferred: true,
      diagnostics: p.context.diagnostics.filter(
        (x) =>
          x.code === a.code &&
          x.range.start.line === a.diagnostic.start.line &&
          x.range.start.character === a.diagnostic.start.character,
      ),
      edit: { changes: { [p.textDocument.uri]: a.edits.map((e) => ({ range: e.range, newText: e.text })) } },
    }));
  });

  connection.onCodeLens((p) => {
    const d = docAt(p.textDocument.uri);
    if (!d) return [];
    return service.codeLenses(d.path, lang).map((l) => ({
      range: { start: { line: l.line, character: 0 }, end: { line: l.line, character: 0 } },
      command: { title: l.title, command: '' },
    }));
  });

  connection.onFoldingRanges((p) => {
    const d = docAt(p.textDocument.uri);
    return d ? service.folding(d.text) : [];
  });

  connection.languages.semanticTokens.on((p) => {
    const d = docAt(p.textDocument.uri);
    return { data: d ? encodeTokens(service.semanticTokens(d.path, d.text)) : [] };
  });

  // ---------------------------------------------------------------- live values

  /** Evaluates every open plan over the attached data (with work-done progress when the client shows it). */
  const evaluateOpen = async (): Promise<string[]> => {
    if (!data || !session) return [];
    const paths = documents
      .all()
      .map((d) => pathOf(d.uri))
      .filter((p): p is string => p !== null);
    const progress = progressSupported ? await connection.window.createWorkDoneProgress() : null;
    progress?.begin(bilingual('落实：评估', 'luoshi: evaluating'), 0, undefined, false);
    const done: string[] = [];
    for (const [k, path] of paths.entries()) {
      progress?.report(Math.round((k / Math.max(1, paths.length)) * 100), path);
      const c = ws.compileEntry(path);
      try {
        const report = await evaluateLive(c.result, data, session);
        ws.setReport(path, report);
        if (report) done.push(path);
      } catch (e) {
        ws.setReport(path, null);
        connection.console.warn(`${path}: ${errorText(e)}`);
      }
    }
    progress?.done();
    if (lensRefresh) void connection.sendRequest('workspace/codeLens/refresh');
    return done;
  };

  const attach = async (p: AttachDataParams): Promise<AttachDataResult & { evaluated: string[] }> => {
    if (!session) await openSession();
    const progress = progressSupported ? await connection.window.createWorkDoneProgress() : null;
    progress?.begin(bilingual('落实：读取数据', 'luoshi: reading data'), undefined, p.cases?.join(', '), false);
    try {
      data = await loadLiveData(p, root, session!);
    } finally {
      progress?.done();
    }
    ws.setEventTypes(data.summary.eventTypes);
    ws.invalidate();
    const s = data.summary;
    if (s.rejected > 0)
      connection.console.warn(
        bilingual(`数据：读取 ${s.read} 条，拒绝 ${s.rejected} 条`, `data: ${s.read} read, ${s.rejected} rejected`),
      );
    for (const x of s.problems)
      connection.console.warn(`${x.file}:${x.line}: ${x.code} [${x.field}] ${bilingual(x.message, x.messageEn)}`);
    const evaluated = await evaluateOpen();
    schedulePublish();
    return { ...s, evaluated };
  };

  connection.onRequest(ATTACH_DATA, async (p: AttachDataParams) => {
    try {
      return await attach(p);
    } catch (e) {
      throw new ResponseError(ErrorCodes.InvalidParams, errorText(e));
    }
  });

  connection.onShutdown(async () => {
    await session?.dispose();
    session = null;
  });

  documents.listen(connection);
  connection.listen();
}
