// The HTTP server behind `luoshi serve`: the built workbench (dist/workbench) and a small JSON API over
// the workspace. Binds 127.0.0.1 only; refuses requests whose Host is not this address (DNS rebinding),
// and writes only with the `X-Luoshi` header (which a cross-origin page cannot send without a preflight
// this server never grants).
//
//   GET  /api/workspace              the folder's files (path, kind, size, stamp), its roots, the libraries
//   GET  /api/bundle                 the text of every plan file and of the standard library, with etags
//   GET  /api/file?path=P            one file's text and etag     (&head=N: its first N bytes, a preview)
//   PUT  /api/file?path=P            save {text, etag, force?}: 200 {etag} · 409 {disk} when it changed on disk
//   GET  /api/data?cases=P&progress=P&staffing=P[&plan=P]    the loaded data set (application/octet-stream);
//                                    with plan=, read with the importers of that plan's plugin configuration
//   GET  /api/plugins                every plugin configuration of the workspace (PluginsPayload)
//   GET  /api/ping                   {ok}
//   GET  /api/document, POST /api/bulletin, POST /api/import   documents (see documents.ts)
//   GET  /plugins/N/vSTAMP/PATH      a file of plugin folder N (the entry modules /api/plugins names; the
//                                    stamp changes with the folder's files, so edited code is imported anew)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { PACKAGE_ROOT } from '../host.js';
import { UsageError } from '../io.js';
import { DataService } from './data.js';
import { DocumentService } from './documents.js';
import type { Produced } from '../documents/produce.js';
import { PluginService } from './plugins.js';
import { Workspace, WorkspaceError } from './workspace.js';

export const HOST = '127.0.0.1';
const MAX_BODY = 32 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ttf': 'font/ttf', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ico': 'image/x-icon', '.map': 'application/json',
};

export interface ServeOptions {
  dirs: string[];
  port: number;
  /** Where the built app is (default: the package's dist/workbench). */
  appDir?: string;
  log?: (line: string) => void;
}

export interface Running { server: Server; url: string; workspace: Workspace; close(): Promise<void> }

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of req) {
    n += (c as Buffer).length;
    if (n > MAX_BODY) throw new WorkspaceError(413, '请求过大 / request too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBytes(req)).toString('utf8');
}

/** A made document: its bytes, its media type, and a download name. */
function sendDocument(res: ServerResponse, d: Produced): void {
  const body = typeof d.bytes === 'string' ? Buffer.from(d.bytes, 'utf8') : Buffer.from(d.bytes);
  res.writeHead(200, { 'content-type': d.mediaType, 'content-length': body.length, 'cache-control': 'no-store' });
  res.end(body);
}

export async function startServer(opts: ServeOptions): Promise<Running> {
  const ws = new Workspace(opts.dirs);
  const log = opts.log ?? (() => {});
  const plugins = new PluginService(ws, log);
  const data = new DataService(ws, plugins);
  const documents = new DocumentService(ws);
  const appDir = opts.appDir ?? join(PACKAGE_ROOT, 'dist', 'workbench');
  const libs = ws.libraryFiles();
  let allowedHosts = new Set<string>();

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const path = url.searchParams.get('path') ?? '';
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /api/ping': return json(res, 200, { ok: true });
      case 'GET /api/workspace':
        return json(res, 200, {
          roots: ws.roots.map((r) => ({ name: r.name, dir: r.dir })),
          files: ws.list(),
          libraries: { std: Object.keys(libs) },
        });
      case 'GET /api/bundle': {
        const files: Record<string, { text: string; etag: string; stamp: string }> = {};
        const problems: Array<{ path: string; error: string }> = [];
        for (const f of ws.list()) {
          if (f.kind !== 'plan') continue;
          try { files[f.path] = ws.read(f.path); } catch (e) { problems.push({ path: f.path, error: (e as Error).message }); }
        }
        const library: Record<string, string> = {};
        for (const [k, abs] of Object.entries(libs)) library[k] = readFileSync(abs, 'utf8');
        return json(res, 200, { files, library, problems });
      }
      case 'GET /api/file': {
        const head = url.searchParams.get('head');
        if (head !== null) return json(res, 200, ws.head(path, Math.min(1 << 20, Math.max(0, Number(head) || 0))));
        if (path in libs && !ws.list().some((f) => f.path === path)) {
          const text = readFileSync(libs[path]!, 'utf8');
          return json(res, 200, { text, etag: null, stamp: null, readOnly: true });
        }
        return json(res, 200, ws.read(path));
      }
      case 'PUT /api/file': {
        if (req.headers['x-luoshi'] !== '1') return json(res, 403, { error: '缺少 X-Luoshi 请求头 / missing X-Luoshi header' });
        let body: { text?: unknown; etag?: unknown; force?: unknown };
        try { body = JSON.parse(await readBody(req)) as typeof body; } catch { return json(res, 400, { error: '请求不是 JSON / body is not JSON' }); }
        if (typeof body.text !== 'string') return json(res, 400, { error: '缺少 text / missing text' });
        const etag = typeof body.etag === 'string' ? body.etag : null;
        const saved = ws.save(path, body.text, etag, body.force === true);
        log(`saved ${path}`);
        return json(res, 200, saved);
      }
      case 'GET /api/data': {
        const sel = { cases: url.searchParams.getAll('cases'), progress: url.searchParams.getAll('progress'), staffing: url.searchParams.getAll('staffing') };
        const plan = url.searchParams.get('plan') ?? undefined;
        const t0 = Date.now();
        const { chunks, bytes } = await data.payload(sel, plan);
        log(`data ${sel.cases.join(',') || '(none)'}: ${(bytes / 1e6).toFixed(1)} MB in ${Date.now() - t0} ms`);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes, 'cache-control': 'no-store' });
        for (const c of chunks) if (!res.write(c)) await new Promise((r) => res.once('drain', r));
        res.end();
        return;
      }
      case 'GET /api/plugins': return json(res, 200, plugins.payload());
      case 'GET /api/document':
        return sendDocument(res, await documents.plan(path, url.searchParams.get('kind') ?? 'gongwen', url.searchParams.get('format') ?? 'docx'));
      case 'POST /api/bulletin': {
        if (req.headers['x-luoshi'] !== '1') return json(res, 403, { error: '缺少 X-Luoshi 请求头 / missing X-Luoshi header' });
        let body: Record<string, unknown>;
        try { body = JSON.parse(await readBody(req)) as Record<string, unknown>; } catch { return json(res, 400, { error: '请求不是 JSON / body is not JSON' }); }
        return sendDocument(res, await documents.bulletin(body));
      }
      case 'POST /api/import': {
        if (req.headers['x-luoshi'] !== '1') return json(res, 403, { error: '缺少 X-Luoshi 请求头 / missing X-Luoshi header' });
        return json(res, 200, await documents.importTable(url.searchParams.get('name') ?? 'table.xlsx', new Uint8Array(await readBytes(req))));
      }
      default:
        return json(res, 404, { error: `没有这个接口 / no such endpoint: ${req.method} ${url.pathname}` });
    }
  };

  const serveStatic = (res: ServerResponse, pathname: string): void => {
    const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    const file = join(appDir, rel === '' ? 'index.html' : rel);
    if (!file.startsWith(appDir + sep) && file !== appDir) { res.writeHead(403).end(); return; }
    let target = file;
    try { if (statSync(target).isDirectory()) target = join(target, 'index.html'); } catch { target = join(appDir, 'index.html'); }
    let body: Buffer;
    try { body = readFileSync(target); } catch {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('工作台尚未构建：请先运行 npm run build:workbench\nthe workbench is not built: run npm run build:workbench\n');
      return;
    }
    const immutable = target.includes(`${sep}assets${sep}`);
    res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
    res.end(body);
  };

  // `raw`: the request's path as sent. URL parsing would already have resolved `..` and `%2e%2e`, turning
  // an escape attempt into some other path; here it is seen, and refused.
  const servePlugin = (res: ServerResponse, raw: string): void => {
    // /plugins/N/vSTAMP/PATH (the stamp only makes URLs change with the code; see PluginService).
    const m = /^\/plugins\/(\d{1,9})\/(?:v[0-9a-z]{1,16}\/)?(.*)$/s.exec(raw);
    let file: string, body: Buffer;
    try {
      if (!m) throw new WorkspaceError(404, `没有这个文件 / no such file: ${raw}`);
      let rel: string;
      try { rel = decodeURIComponent(m[2]!); } catch { throw new WorkspaceError(400, `路径编码有误 / malformed path: ${raw}`); }
      file = plugins.file(Number(m[1]), rel);
      body = readFileSync(file);
    } catch (e) {
      const status = e instanceof WorkspaceError ? e.status : 500;
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${(e as Error).message}\n`);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    res.end(body);
  };

  const server = createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (!allowedHosts.has(host)) { res.writeHead(421, { 'content-type': 'text/plain' }).end('misdirected request'); return; }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const raw = (req.url ?? '/').split('?')[0]!;
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405).end(); return; }
      if (raw.startsWith('/plugins/') || url.pathname.startsWith('/plugins/')) servePlugin(res, raw);
      else serveStatic(res, url.pathname);
      return;
    }
    api(req, res, url).catch((e: unknown) => {
      if (e instanceof WorkspaceError) {
        const extra = (e as WorkspaceError & { disk?: unknown }).disk;
        json(res, e.status, { error: e.message, ...(extra !== undefined ? { disk: extra } : {}) });
      } else if (e instanceof UsageError) {
        json(res, 400, { error: e.message });
      } else {
        log(`error: ${(e as Error).stack ?? String(e)}`);
        if (!res.headersSent) json(res, 500, { error: `内部错误 / internal error: ${(e as Error).message}` });
        else res.destroy();
      }
    });
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, HOST, () => { server.off('error', fail); ok(); });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  allowedHosts = new Set([`${HOST}:${port}`, `localhost:${port}`]);
  return {
    server, url: `http://${HOST}:${port}/`, workspace: ws,
    close: async () => {
      await new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); });
      await plugins.dispose();
    },
  };
}
