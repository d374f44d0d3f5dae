// The HTTP server behind `luoshi serve`: the built workbench (dist/workbench) and a small JSON API over
// the workspace. Binds 127.0.0.1 only. Every request passes the checks of ./session.ts first: its Host
// must be this address (DNS rebinding), a page of another origin is refused, and the API and plugin files
// need the session cookie. Writes also need the `X-Luoshi` header and a JSON content type (which a
// cross-origin page cannot send without a preflight this server never grants). No request can take the
// server down: every handler's throw or rejection becomes a 4xx/5xx answer with a message.
//
//   GET  /?token=T                   trades the token `serve` printed for the session cookie, then → /
//   GET  /api/workspace              the folder's files (path, kind, size, stamp), its roots, the libraries
//   GET  /api/bundle                 the text of every plan file, of the people files the configurations
//                                    name, and of the standard library, with etags
//   GET  /api/file?path=P            one file's text, etag and encoding (&head=N: its first N bytes, a preview)
//   PUT  /api/file?path=P            save {text, etag, force?}: 200 {etag} · 409 {disk} when it changed on disk
//   GET  /api/data?cases=P&progress=P&staffing=P[&plan=P]    the loaded data set (application/octet-stream);
//                                    with plan=, read with the importers of that plan's plugin configuration
//   GET  /api/plugins                every plugin configuration of the workspace (PluginsPayload; the plugins
//                                    of folders not trusted only described, in `restricted`)
//   GET  /api/trust                  whether each served folder is trusted (TrustPayload)
//   POST /api/trust                  {trusted: bool}: trust or revoke the served folders (remembered)
//   GET  /api/database               the configured database source (DatabaseInfo), or {source: null}
//   POST /api/database/refresh       re-reads the database source: 200 DatabaseInfo · 502 {error}
//   GET  /api/data?source=database   the database source's data set (as /api/data)
//   GET  /api/ping                   {ok}
//   GET  /api/document, POST /api/bulletin, POST /api/import   documents (see documents.ts)
//   GET  /plugins/N/vSTAMP/PATH      a file of plugin folder N (the entry modules /api/plugins names; the
//                                    stamp changes with the folder's files, so edited code is imported anew)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { extname, join } from 'node:path';
import { PACKAGE_ROOT } from '../host.js';
import { UsageError } from '../io.js';
import { DataService } from './data.js';
import { DATABASE_SELECTION, DatabaseService, type DatabaseSourceOptions } from './database.js';
import { DocumentService } from './documents.js';
import type { Produced } from '../documents/produce.js';
import { PluginService } from './plugins.js';
import { newToken, sameToken, Session } from './session.js';
import { appFiles } from './static.js';
import { Workspace, WorkspaceError } from './workspace.js';
import { TrustService } from './trust.js';
import { PluginHangError } from '../plugins/watchdog.js';
import type { TrustPayload } from '../../workers/protocol.js';

export const HOST = '127.0.0.1';
const MAX_BODY = 32 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

export interface ServeOptions {
  dirs: string[];
  port: number;
  /** Where the built app is (default: the package's dist/workbench). */
  appDir?: string;
  /** The session token (default: a new random one; a fixed one is for tests). */
  token?: string;
  log?: (line: string) => void;
  /** `--trust`: the served folders are trusted for this run (their plugins run without asking). */
  trust?: boolean;
  /** `--no-plugins`: no folder's plugins run, trusted or not. */
  noPlugins?: boolean;
  /** Where trust is remembered (default: trust.json in the user's configuration directory). */
  trustFile?: string;
  /** A court's database as the data source (luoshi.config.yaml's database.url), read read-only. */
  database?: DatabaseSourceOptions;
}

export interface Running {
  server: Server;
  /** The URL to open: the server's address with `?token=…`. */
  url: string;
  /** The server's address (`http://127.0.0.1:PORT`), without the token. */
  origin: string;
  token: string;
  /** The `Cookie` header a signed-in browser sends (for tests and scripts). */
  cookie: string;
  workspace: Workspace;
  /** The served folders' trust state (docs/security.md, Workspace trust). */
  trust(): TrustPayload;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function plain(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const text = `${message}\n`;
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const TOO_LARGE = `请求过大（上限 ${MAX_BODY / 1024 / 1024} MiB） / request body too large (the limit is ${MAX_BODY / 1024 / 1024} MiB)`;

/** The request's body. Past the limit it is refused and the rest discarded (not the connection: the 413
 * must still reach the client). */
function readBytes(req: IncomingMessage): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return Promise.reject(new WorkspaceError(413, TOO_LARGE));
  return new Promise((ok, fail) => {
    let chunks: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      if (n > MAX_BODY) return;
      n += c.length;
      if (n <= MAX_BODY) chunks.push(c);
      else {
        chunks = [];
        fail(new WorkspaceError(413, TOO_LARGE));
      }
    });
    req.on('end', () => {
      if (n > MAX_BODY) return;
      ok(Buffer.concat(chunks));
    });
    req.on('error', fail);
  });
}

/** The request's body as UTF-8 text (400 when it is not). */
async function readBody(req: IncomingMessage): Promise<string> {
  const bytes = await readBytes(req);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new WorkspaceError(400, '请求内容不是 UTF-8 / the request body is not UTF-8');
  }
}

/** `head=N`: a whole number of bytes, at most 1 MiB. */
function headBytes(raw: string): number {
  const n = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || !Number.isSafeInteger(n))
    throw new WorkspaceError(
      400,
      `head 应为字节数 / head must be a number of bytes, not ${JSON.stringify(raw.slice(0, 40))}`,
    );
  return Math.min(1 << 20, n);
}

/** A made document: its bytes, its media type, and a download name. */
function sendDocument(res: ServerResponse, d: Produced): void {
  const body = typeof d.bytes === 'string' ? Buffer.from(d.bytes, 'utf8') : Buffer.from(d.bytes);
  res.writeHead(200, {
    'content-type': d.mediaType,
    'content-length': body.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

export async function startServer(opts: ServeOptions): Promise<Running> {
  const ws = new Workspace(opts.dirs);
  const log = opts.log ?? (() => {});
  const trust = new TrustService(ws, opts);
  const plugins = new PluginService(ws, log, (root) => trust.allows(root));
  const data = new DataService(ws, plugins);
  const database = opts.database ? new DatabaseService(opts.database, log) : null;
  const app = appFiles(opts.appDir ?? join(PACKAGE_ROOT, 'dist', 'workbench'));
  // Documents need the plan's configuration; its plugins run only for a trusted folder, as everywhere.
  const documents = new DocumentService(ws, (path) => {
    const root = ws.roots.length === 1 ? ws.roots[0] : ws.roots.find((r) => r.name === path.split('/')[0]);
    return root !== undefined && trust.allows(root);
  });
  const libs = ws.libraryFiles();
  const token = opts.token ?? newToken();
  // Made once listening (the port is known then); no request arrives before.
  let session: Session | null = null;

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const path = url.searchParams.get('path') ?? '';
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /api/ping':
        return json(res, 200, { ok: true });
      case 'GET /api/workspace':
        return json(res, 200, {
          roots: ws.roots.map((r) => ({ name: r.name, dir: r.dir })),
          files: ws.list(),
          libraries: { std: Object.keys(libs) },
        });
      case 'GET /api/bundle': {
        const files: Record<string, { text: string; etag: string; stamp: string }> = {};
        const problems: Array<{ path: string; error: string }> = [];
        const people = plugins.peopleFiles(); // compiled with the plans that name them (docs/data.md)
        for (const f of ws.list()) {
          if (f.kind !== 'plan' && !people.has(f.path)) continue;
          try {
            files[f.path] = await ws.read(f.path);
          } catch (e) {
            problems.push({ path: f.path, error: (e as Error).message });
          }
        }
        const library: Record<string, string> = {};
        for (const [k, abs] of Object.entries(libs)) library[k] = await readFile(abs, 'utf8');
        return json(res, 200, { files, library, problems });
      }
      case 'GET /api/file': {
        const head = url.searchParams.get('head');
        if (head !== null) return json(res, 200, await ws.head(path, headBytes(head)));
        if (path in libs && !ws.list().some((f) => f.path === path)) {
          const text = await readFile(libs[path]!, 'utf8');
          return json(res, 200, { text, etag: null, stamp: null, readOnly: true, encoding: 'utf-8' });
        }
        return json(res, 200, await ws.read(path));
      }
      case 'PUT /api/file': {
        if (req.headers['x-luoshi'] !== '1')
          return json(res, 403, { error: '缺少 X-Luoshi 请求头 / missing X-Luoshi header' });
        if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
          return json(res, 415, { error: '请求内容应为 application/json / the body must be application/json' });
        }
        let body: { text?: unknown; etag?: unknown; force?: unknown } | null;
        try {
          body = JSON.parse(await readBody(req)) as typeof body;
        } catch (e) {
          if (e instanceof WorkspaceError) throw e;
          return json(res, 400, { error: '请求不是 JSON / body is not JSON' });
        }
        if (typeof body !== 'object' || body === null || typeof body.text !== 'string')
          return json(res, 400, { error: '缺少 text / missing text' });
        const etag = typeof body.etag === 'string' ? body.etag : null;
        const saved = await ws.save(path, body.text, etag, body.force === true);
        log(`saved ${path}`);
        return json(res, 200, saved);
      }
      case 'GET /api/data': {
        const sel = {
          cases: url.searchParams.getAll('cases'),
          progress: url.searchParams.getAll('progress'),
          staffing: url.searchParams.getAll('staffing'),
        };
        const plan = url.searchParams.get('plan') ?? undefined;
        const t0 = Date.now();
        const fromDb = url.searchParams.get('source') === 'database' || sel.cases[0] === DATABASE_SELECTION;
        if (fromDb && !database)
          return json(res, 404, { error: '未配置数据库数据源 / no database source is configured (database.url)' });
        const { chunks, bytes } = fromDb ? await database!.payload() : await data.payload(sel, plan);
        log(`data ${sel.cases.join(',') || '(none)'}: ${(bytes / 1e6).toFixed(1)} MB in ${Date.now() - t0} ms`);
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': bytes,
          'cache-control': 'no-store',
        });
        for (const c of chunks) {
          if (res.destroyed) return;
          // Each wait removes both its listeners (a large data set waits many times).
          if (!res.write(c)) {
            await new Promise<void>((r) => {
              const go = (): void => {
                res.off('drain', go);
                res.off('close', go);
                r();
              };
              res.once('drain', go);
              res.once('close', go);
            });
          }
        }
        res.end();
        return;
      }
      case 'GET /api/database':
        return json(res, 200, database ? database.info() : { source: null });
      case 'POST /api/database/refresh': {
        if (req.headers['x-luoshi'] !== '1')
          return json(res, 403, { error: '缺少 X-Luoshi 请求头 / missing X-Luoshi header' });
        if (!database)
          return json(res, 404, { error: '未配置数据库数据源 / no database source is configured (database.url)' });
        const info = await database.refresh();
        return json(res, info.error ? 502 : 200, info);
      }
      case 'GET /api/plugins':
        return json(res, 200, plugins.payload());
      case 'GET /api/trust':
        return json(res, 200, trust.payload());
      case 'POST /api/trust': {
        if (req.headers['x-luoshi'] !== '1')
          return json(res, 403, { error: '缺少 X-Luoshi 请求头 / missing X-Luoshi header' });
        if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
          return json(res, 415, { error: '请求内容应为 application/json / the body must be application/json' });
        }
        let body: { trusted?: unknown } | null;
        try {
          body = JSON.parse(await readBody(req)) as typeof body;
        } catch (e) {
          if (e instanceof WorkspaceError) throw e;
          return json(res, 400, { error: '请求不是 JSON / body is not JSON' });
        }
        if (typeof body !== 'object' || body === null || typeof body.trusted !== 'boolean')
          return json(res, 400, { error: '缺少 trusted（true 或 false） / missing trusted (true or false)' });
        const state = trust.set(body.trusted);
        log(`${body.trusted ? 'trusted' : 'no longer trusted'}: ${ws.roots.map((r) => r.dir).join(', ')}`);
        return json(res, 200, state);
      }
      case 'GET /api/document':
        return sendDocument(
          res,
          await documents.plan(
            path,
            url.searchParams.get('kind') ?? 'gongwen',
            url.searchParams.get('format') ?? 'docx',
          ),
        );
      case 'POST /api/bulletin': {
        if (req.headers['x-luoshi'] !== '1')
          return json(res, 403, { error: '缺少 X-Luoshi 请求头 / missing X-Luoshi header' });
        if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
          return json(res, 415, { error: '请求内容应为 application/json / the body must be application/json' });
        }
        let body: Record<string, unknown> | null;
        try {
          body = JSON.parse(await readBody(req)) as Record<string, unknown> | null;
        } catch (e) {
          if (e instanceof WorkspaceError) throw e;
          return json(res, 400, { error: '请求不是 JSON / body is not JSON' });
        }
        if (typeof body !== 'object' || body === null)
          return json(res, 400, { error: '请求应为 JSON 对象 / the body must be a JSON object' });
        return sendDocument(res, await documents.bulletin(body));
      }
      case 'POST /api/import': {
        if (req.headers['x-luoshi'] !== '1')
          return json(res, 403, { error: '缺少 X-Luoshi 请求头 / missing X-Luoshi header' });
        return json(
          res,
          200,
          await documents.importTable(
            url.searchParams.get('name') ?? 'table.xlsx',
            new Uint8Array(await readBytes(req)),
          ),
        );
      }
      default: {
        const known = [
          '/api/ping',
          '/api/workspace',
          '/api/bundle',
          '/api/file',
          '/api/data',
          '/api/plugins',
          '/api/trust',
          '/api/document',
          '/api/bulletin',
          '/api/import',
          '/api/database',
          '/api/database/refresh',
        ].includes(url.pathname);
        if (known)
          return json(res, 405, {
            error: `不支持此方法 / method not allowed: ${String(req.method).slice(0, 20)} ${url.pathname}`,
          });
        return json(res, 404, {
          error: `没有这个接口 / no such endpoint: ${String(req.method).slice(0, 20)} ${url.pathname.slice(0, 200)}`,
        });
      }
    }
  };

  // `raw`: the request's path as sent. URL parsing would already have resolved `..` and `%2e%2e`, turning
  // an escape attempt into some other path; here it is seen, and refused.
  const servePlugin = async (res: ServerResponse, raw: string): Promise<void> => {
    // /plugins/N/vSTAMP/PATH (the stamp only makes URLs change with the code; see PluginService).
    const m = /^\/plugins\/(\d{1,9})\/(?:v[0-9a-z]{1,16}\/)?(.*)$/s.exec(raw);
    if (!m) throw new WorkspaceError(404, `没有这个文件 / no such file: ${raw.slice(0, 200)}`);
    let rel: string;
    try {
      rel = decodeURIComponent(m[2]!);
    } catch {
      throw new WorkspaceError(400, `路径编码有误 / malformed path: ${raw.slice(0, 200)}`);
    }
    if (rel.split('/').some((p) => p.startsWith('.')))
      throw new WorkspaceError(403, `隐藏文件不可访问 / hidden files are not served: ${rel.slice(0, 200)}`);
    const file = plugins.file(Number(m[1]), rel);
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  };

  /** `/?token=T`: a right token becomes the cookie and leaves the address bar; a wrong one is told so. */
  const signIn = (res: ServerResponse, url: URL, given: string, s: Session): void => {
    if (!sameToken(given, token)) {
      plain(
        res,
        401,
        "网址中的令牌不对（服务器可能已重启）：请打开 luoshi serve 最近一次打印的网址 / the token in this URL is not this server's (it may have restarted): open the URL `luoshi serve` printed last",
      );
      return;
    }
    url.searchParams.delete('token');
    const to = `${url.pathname}${url.search}`;
    res.writeHead(303, {
      location: to.startsWith('/') && !to.startsWith('//') ? to : '/',
      'set-cookie': s.cookie(),
      'cache-control': 'no-store',
      'content-length': 0,
    });
    res.end();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = req.url ?? '/';
    if (!raw.startsWith('/'))
      throw new WorkspaceError(400, `请求地址有误 / malformed request target: ${raw.slice(0, 200)}`);
    const rawPath = raw.split('?')[0]!;
    let url: URL;
    try {
      url = new URL(`http://${HOST}${raw}`);
    } catch {
      throw new WorkspaceError(400, `请求地址有误 / malformed request target: ${raw.slice(0, 200)}`);
    }
    const isApi = url.pathname.startsWith('/api/') || rawPath.startsWith('/api/');
    const isPlugin = url.pathname.startsWith('/plugins/') || rawPath.startsWith('/plugins/');
    if (session === null) throw new WorkspaceError(503, '服务器尚未就绪 / the server is not ready yet');
    const refused = session.refusal(req, isApi || isPlugin);
    if (refused)
      return isApi
        ? json(res, refused.status, { error: refused.message })
        : plain(res, refused.status, refused.message);
    if (isApi) return api(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return plain(res, 405, `不支持此方法 / method not allowed: ${String(req.method).slice(0, 20)}`, {
        allow: 'GET, HEAD',
      });
    }
    if (isPlugin) return servePlugin(res, rawPath);
    const given = url.searchParams.get('token');
    if (given !== null) return signIn(res, url, given, session);
    app(req, res, rawPath);
  };

  const fail = (req: IncomingMessage, res: ServerResponse, e: unknown): void => {
    const isApi = (req.url ?? '').startsWith('/api/');
    let status = 500,
      message: string;
    let extra: Record<string, unknown> = {};
    if (e instanceof WorkspaceError) {
      status = e.status;
      message = e.message;
      const disk = (e as WorkspaceError & { disk?: unknown }).disk;
      if (disk !== undefined) extra = { disk };
    } else if (e instanceof PluginHangError) {
      // A plugin's code did not return within its limit (P0007): the folder's code, not the request, failed.
      status = 504;
      message = e.message;
    } else if (e instanceof UsageError) {
      status = 400;
      message = e.message;
    } else {
      log(`error: ${(e as Error)?.stack ?? String(e)}`);
      message = `内部错误 / internal error: ${(e as Error)?.message ?? String(e)}`;
    }
    try {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // A body not read (a refusal before reading it) is let go, so the answer still reaches the client.
      if (!req.complete) {
        res.setHeader('connection', 'close');
        req.resume();
      }
      if (isApi) json(res, status, { error: message, ...extra });
      else plain(res, status, message);
    } catch {
      res.destroy(); // the connection is gone or broken: nobody is left to answer
    }
  };

  const server = createServer((req, res) => {
    req.on('error', () => {
      /* a client that went away: nothing to answer */
    });
    res.on('error', () => {
      /* idem */
    });
    try {
      handle(req, res).catch((e: unknown) => fail(req, res, e));
    } catch (e) {
      fail(req, res, e);
    }
  });
  // What never reaches the handler: requests Node's parser refuses (a malformed request line or header,
  // headers too large), CONNECT, and protocol upgrades. Each gets an answer, then the connection closes.
  const refuseRaw = (socket: Duplex, status: number, reason: string, message: string): void => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const text = `${message}\n`;
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
  };
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if ((socket as { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    } // an answer already under way
    if (err.code === 'HPE_HEADER_OVERFLOW')
      refuseRaw(socket, 431, 'Request Header Fields Too Large', '请求头过大 / request headers too large');
    else
      refuseRaw(socket, 400, 'Bad Request', `请求格式有误 / malformed request (${String(err.code ?? 'bad request')})`);
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) =>
    refuseRaw(socket, 405, 'Method Not Allowed', '不支持此方法 / method not allowed: CONNECT'),
  );
  server.on('upgrade', (_req: IncomingMessage, socket: Duplex) =>
    refuseRaw(socket, 400, 'Bad Request', '不支持协议升级 / protocol upgrades are not supported'),
  );

  await new Promise<void>((ok, failed) => {
    server.once('error', failed);
    server.listen(opts.port, HOST, () => {
      server.off('error', failed);
      ok();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  session = new Session(token, HOST, port);
  const origin = `http://${HOST}:${port}`;
  return {
    server,
    url: `${origin}/?token=${token}`,
    origin,
    token,
    cookie: `${session.cookieName}=${token}`,
    workspace: ws,
    trust: () => trust.payload(),
    close: async () => {
      await new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      });
      await plugins.dispose();
    },
  };
}
