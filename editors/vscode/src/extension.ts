// The VS Code extension: starts the bundled language server (`luoshi lsp --stdio`, in dist/lsp/ of this
// extension, run by VS Code's own Node), and runs the bundled CLI for check/test/replay/render as tasks.
// Nothing is downloaded: the .vsix carries the server, the CLI and the standard library.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | null = null;

/** The bundled server and CLI, as the manifest names them (package.json's "luoshi"). */
const bundled = (context: vscode.ExtensionContext): { server: string; cli: string } => (context.extension.packageJSON as { luoshi: { server: string; cli: string } }).luoshi;

function initializationOptions(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration('luoshi');
  const data = cfg.get<string[]>('data') ?? [];
  const asOf = cfg.get<string>('asOf') ?? '';
  return {
    // Plugin code runs only in a trusted folder (docs/editors.md).
    trusted: vscode.workspace.isTrusted,
    lang: cfg.get<string>('lang') === 'en' ? 'en' : 'zh',
    ...(data.length ? { data: { cases: data, ...(asOf ? { asOf } : {}) } } : {}),
  };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(bundled(context).server);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'luoshi' }],
    initializationOptions: initializationOptions(),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.plan,luoshi.config.yaml}') },
  };
  client = new LanguageClient('luoshi', 'luoshi', serverOptions, clientOptions);
  await client.start();
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await client?.stop();
  client = null;
  await start(context);
}

/** Runs the bundled CLI on the active plan as a task (output in the terminal panel). */
function runCli(context: vscode.ExtensionContext, args: (file: string) => string[]): void {
  const file = vscode.window.activeTextEditor?.document.uri.fsPath;
  if (!file) { void vscode.window.showWarningMessage('没有打开的计划文件 / no plan file is open'); return; }
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  const cli = context.asAbsolutePath(bundled(context).cli);
  const exec = new vscode.ProcessExecution(process.execPath, [cli, ...args(file)], {
    // VS Code's own executable runs as Node: no Node installation needed.
    env: { ELECTRON_RUN_AS_NODE: '1' },
    ...(folder ? { cwd: folder.uri.fsPath } : {}),
  });
  const task = new vscode.Task({ type: 'luoshi', command: args(file)[0] }, folder ?? vscode.TaskScope.Workspace, `luoshi ${args(file)[0]}`, 'luoshi', exec);
  void vscode.tasks.executeTask(task);
}

function dataArgs(): string[] {
  const cfg = vscode.workspace.getConfiguration('luoshi');
  const asOf = cfg.get<string>('asOf') ?? '';
  return [...(cfg.get<string[]>('data') ?? []).flatMap((d) => ['--data', d]), ...(asOf ? ['--as-of', asOf] : []), '--lang', cfg.get<string>('lang') === 'en' ? 'en' : 'zh'];
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // In Restricted Mode the folder's configuration is still read (data, courts, limits: data), its plugins never run.
  const trustFlags = (): string[] => (vscode.workspace.isTrusted ? [] : ['--no-plugins']);
  context.subscriptions.push(
    vscode.commands.registerCommand('luoshi.check', () => runCli(context, (f) => ['check', f, ...trustFlags(), ...dataArgs()])),
    vscode.commands.registerCommand('luoshi.test', () => runCli(context, (f) => ['test', f, ...trustFlags()])),
    vscode.commands.registerCommand('luoshi.replay', async () => {
      const day = /^\d{4}-\d{2}-\d{2}$/;
      const ask = (prompt: string): Thenable<string | undefined> => vscode.window.showInputBox({ prompt, placeHolder: 'YYYY-MM-DD', validateInput: (v) => (day.test(v) ? null : 'YYYY-MM-DD') });
      const from = await ask('回放起始日 / replay from');
      const to = from && await ask('回放结束日 / replay to');
      if (from && to) runCli(context, (f) => ['replay', f, '--from', from, '--to', to, ...trustFlags(), ...dataArgs()]);
    }),
    vscode.commands.registerCommand('luoshi.render', () => runCli(context, (f) => ['check', f, ...trustFlags(), ...dataArgs(), '--format', 'md'])),
    vscode.commands.registerCommand('luoshi.attachData', async () => {
      const picked = await vscode.window.showOpenDialog({ canSelectMany: true, canSelectFolders: true, openLabel: '附加 / Attach' });
      if (!picked?.length || !client) return;
      const asOf = vscode.workspace.getConfiguration('luoshi').get<string>('asOf') ?? '';
      try {
        const r = await client.sendRequest<{ read: number; accepted: number; rejected: number }>('luoshi/attachData', { cases: picked.map((u) => u.fsPath), ...(asOf ? { asOf } : {}) });
        void vscode.window.showInformationMessage(`读取 ${r.read}，接受 ${r.accepted}，拒绝 ${r.rejected} / read ${r.read}, accepted ${r.accepted}, rejected ${r.rejected}`);
      } catch (e) {
        void vscode.window.showErrorMessage((e as Error).message);
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart(context)),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('luoshi')) void restart(context); }),
    { dispose: () => { void client?.stop(); } },
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = null;
}
