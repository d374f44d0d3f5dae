// `luoshi lsp --stdio`: the plan language's server for any editor with an LSP client (docs/editors.md).
import { parseArgs } from 'node:util';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { serveLanguage } from '../lsp/server.js';
import { EXIT_OK, UsageError, type CliIO } from '../io.js';

export const LSP_HELP = `luoshi lsp --stdio

  The language server for the plan language (LSP over standard input and output): diagnostics,
  completion, hover, definition, references, rename, outline, formatting, quick fixes, code lenses,
  semantic highlighting and folding. Editors start it; see docs/editors.md.

  initializationOptions: { "trusted": true }   load luoshi.config.yaml's plugins (default: built-ins only)
                         { "lang": "en" }       messages in English (default zh)
                         { "data": { "cases": ["data/"], "asOf": "2018-12-31" } }   live values
  request luoshi/attachData { cases, progress?, staffing?, asOf? }   attach data later

  --stdio    talk LSP over stdin/stdout (the only transport)`;

export async function lspCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { stdio: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(LSP_HELP + '\n');
    return EXIT_OK;
  }
  if (!values.stdio)
    throw new UsageError(
      '请用 --stdio（编辑器通过标准输入输出与语言服务器通信） / use --stdio (editors talk to the server over stdin/stdout)',
    );
  startStdioServer();
  // The connection ends the process on `exit` (0 after `shutdown`, 1 without); until then it keeps it alive.
  return new Promise<number>(() => {});
}

/** The server over this process's stdin/stdout (also the entry of the bundle in the VS Code extension). */
export function startStdioServer(): void {
  serveLanguage(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
}
