// The language service's plain data → LSP's types (the service counts as LSP does: 0-based lines,
// UTF-16 characters), and file paths ↔ URIs.
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  SymbolKind,
  type CompletionItem as LspCompletionItem,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol as LspSymbol,
  type Range as LspRange,
} from 'vscode-languageserver/node';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import type {
  CompletionItem,
  CompletionKind,
  DocumentSymbol,
  Lang,
  SemanticToken,
  SemanticTokenType,
  SymbolKindName,
} from '../../engine/language/types.js';

export const pathOf = (uri: string): string | null => (uri.startsWith('file:') ? fileURLToPath(uri) : null);
export const uriOf = (path: string): string => pathToFileURL(path).href;

export function lspDiagnostic(d: Diagnostic, lang: Lang): LspDiagnostic {
  return {
    range: {
      start: { line: d.range.start.line, character: d.range.start.column },
      end: { line: d.range.end.line, character: d.range.end.column },
    },
    severity:
      d.severity === 'error'
        ? DiagnosticSeverity.Error
        : d.severity === 'warning'
          ? DiagnosticSeverity.Warning
          : DiagnosticSeverity.Information,
    code: d.code,
    source: 'luoshi',
    message: lang === 'zh' ? d.message : d.messageEn,
  };
}

const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  person: CompletionItemKind.Variable,
  role: CompletionItemKind.Interface,
  department: CompletionItemKind.Folder,
  indicator: CompletionItemKind.Function,
  eventType: CompletionItemKind.Event,
  field: CompletionItemKind.Field,
  set: CompletionItemKind.Variable,
  court: CompletionItemKind.Module,
  rule: CompletionItemKind.Method,
  target: CompletionItemKind.Constant,
  phase: CompletionItemKind.Enum,
  function: CompletionItemKind.Function,
  unit: CompletionItemKind.Unit,
  group: CompletionItemKind.Class,
  snippet: CompletionItemKind.Snippet,
};

export function lspCompletion(i: CompletionItem, range: LspRange): LspCompletionItem {
  return {
    label: i.label,
    kind: COMPLETION_KINDS[i.kind],
    detail: i.detail,
    textEdit: { range, newText: i.insertText ?? i.label },
    ...(i.snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
    ...(i.sortText ? { sortText: i.sortText } : {}),
    ...(i.documentation ? { documentation: { kind: 'markdown', value: i.documentation } } : {}),
  };
}

const SYMBOL_KINDS: Record<SymbolKindName, SymbolKind> = {
  plan: SymbolKind.Namespace,
  court: SymbolKind.Module,
  person: SymbolKind.Object,
  role: SymbolKind.Interface,
  department: SymbolKind.Package,
  group: SymbolKind.Class,
  phase: SymbolKind.Enum,
  field: SymbolKind.Field,
  set: SymbolKind.Variable,
  indicator: SymbolKind.Function,
  rule: SymbolKind.Method,
  target: SymbolKind.Constant,
  task: SymbolKind.Event,
  milestone: SymbolKind.Key,
  fact: SymbolKind.Property,
};

export function lspSymbol(s: DocumentSymbol): LspSymbol {
  return {
    name: s.name,
    ...(s.detail ? { detail: s.detail } : {}),
    kind: SYMBOL_KINDS[s.kind],
    range: s.range,
    selectionRange: s.selection,
    children: s.children.map(lspSymbol),
  };
}

/** The semantic token types the server announces (standard LSP names, so every theme colours them). */
export const TOKEN_LEGEND = [
  'keyword',
  'string',
  'comment',
  'number',
  'operator',
  'enumMember',
  'property',
  'variable',
  'function',
  'method',
  'class',
  'interface',
  'namespace',
  'enum',
  'type',
  'event',
  'parameter',
] as const;

const TOKEN_TYPE: Record<SemanticTokenType, (typeof TOKEN_LEGEND)[number]> = {
  keyword: 'keyword',
  string: 'string',
  comment: 'comment',
  number: 'number',
  date: 'number',
  operator: 'operator',
  eventType: 'enumMember',
  field: 'property',
  plan: 'namespace',
  court: 'namespace',
  person: 'parameter',
  role: 'interface',
  department: 'namespace',
  group: 'class',
  phase: 'enum',
  set: 'variable',
  indicator: 'function',
  rule: 'method',
  target: 'type',
  task: 'event',
  milestone: 'event',
  fact: 'property',
};

/** LSP's relative encoding: five integers per token (line delta, start delta, length, type, modifiers). */
export function encodeTokens(tokens: readonly SemanticToken[]): number[] {
  const out: number[] = [];
  let line = 0,
    ch = 0;
  for (const t of tokens) {
    const dl = t.line - line;
    out.push(dl, dl === 0 ? t.character - ch : t.character, t.length, TOKEN_LEGEND.indexOf(TOKEN_TYPE[t.type]), 0);
    line = t.line;
    ch = t.character;
  }
  return out;
}
