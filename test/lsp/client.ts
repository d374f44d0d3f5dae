// A language client for tests: spawns `node bin/luoshi.js lsp --stdio` (the built CLI) and talks JSON-RPC
// to it over its stdin/stdout, collecting the diagnostics it publishes.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { ROOT } from '../corpus/host.js';

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Array<{
    code: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    message: string;
    severity: number;
  }>;
}

export class TestClient {
  readonly child: ChildProcess;
  readonly rpc: MessageConnection;
  readonly published = new Map<string, PublishedDiagnostics[]>();
  /** Work-done progress the server reported (begin, report, end). */
  readonly progress: Array<{ kind: string; title?: string }> = [];
  private readonly waiters: Array<() => void> = [];
  stderr = '';

  /** `command`: the script Node runs (default the CLI, `lsp --stdio`; the VS Code extension's bundled server). */
  constructor(command: string[] = [join(ROOT, 'bin', 'luoshi.js'), 'lsp', '--stdio']) {
    this.child = spawn(process.execPath, command, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (b: Buffer) => {
      this.stderr += b.toString();
    });
    this.rpc = createMessageConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.rpc.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      const list = this.published.get(p.uri) ?? [];
      list.push(p);
      this.published.set(p.uri, list);
      for (const w of this.waiters.splice(0)) w();
    });
    this.rpc.onRequest('window/workDoneProgress/create', () => null);
    this.rpc.onRequest('workspace/codeLens/refresh', () => null);
    this.rpc.onNotification('$/progress', (p: { value: { kind: string; title?: string } }) => {
      this.progress.push(p.value);
    });
    this.rpc.onNotification('window/logMessage', () => {});
    this.rpc.listen();
  }

  /** The next diagnostics published for `uri` that satisfy `ok`. */
  async diagnostics(
    uri: string,
    ok: (p: PublishedDiagnostics) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<PublishedDiagnostics> {
    const t0 = Date.now();
    for (;;) {
      const hit = (this.published.get(uri) ?? []).find(ok);
      if (hit) return hit;
      if (Date.now() - t0 > timeoutMs) throw new Error(`no diagnostics for ${uri} (stderr: ${this.stderr})`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 500);
      });
    }
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.rpc.sendRequest(method, params) as Promise<T>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.rpc.sendNotification(method, params);
  }

  open(path: string, text: string): Promise<void> {
    return this.notify('textDocument/didOpen', {
      textDocument: { uri: uriOf(path), languageId: 'luoshi', version: 1, text },
    });
  }

  /** shutdown, exit; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((r) => this.child.on('exit', (code) => r(code)));
    await this.request('shutdown', null);
    await this.notify('exit', null);
    const code = await exited;
    this.rpc.dispose();
    return code;
  }
}

export const uriOf = (p: string): string => pathToFileURL(p).href;
