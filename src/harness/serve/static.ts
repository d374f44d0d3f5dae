// The built workbench (dist/workbench), served by sirv. Files are looked up on each request (sirv's dev
// mode), so a rebuild while the server runs is picked up; hashed files under assets/ are cached for good,
// index.html is asked again each time (no-cache, answered 304 when unchanged). Each file goes compressed
// as the browser accepts it: the build writes NAME.br and NAME.gz beside it (vite.config.ts).
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';

const NOT_BUILT =
  '工作台尚未构建：请先运行 npm run build:workbench\nthe workbench is not built: run npm run build:workbench\n';

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** A handler for GET/HEAD of the app's files; `pathname` is the request's path, still percent-encoded. */
export function appFiles(appDir: string): (req: IncomingMessage, res: ServerResponse, pathname: string) => void {
  const files = sirv(appDir, {
    dev: true,
    etag: true,
    brotli: true,
    gzip: true,
    setHeaders: (res, pathname) => {
      res.setHeader(
        'cache-control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      res.setHeader('x-content-type-options', 'nosniff');
      // Never inside another site's frame (where it would hold the cookie and could be clicked through).
      res.setHeader('x-frame-options', 'DENY');
      res.setHeader('content-security-policy', "frame-ancestors 'none'");
    },
  });
  return (req, res, pathname) => {
    if (!existsSync(join(appDir, 'index.html'))) return text(res, 503, NOT_BUILT);
    let path: string;
    try {
      path = decodeURIComponent(pathname);
    } catch {
      return text(res, 400, `路径编码有误 / malformed path: ${pathname.slice(0, 200)}\n`);
    }
    // Hidden files and folders are never served (sirv's dev mode would); nor `..`, backslashes or NUL.
    if (path.split('/').some((p) => p.startsWith('.')) || path.includes('\\') || path.includes('\0')) {
      return text(res, 404, `没有这个文件 / no such file: ${pathname.slice(0, 200)}\n`);
    }
    // The app never asks for byte ranges, and sirv throws on some malformed ones (bytes=9-1).
    delete req.headers.range;
    files(req, res, () => text(res, 404, `没有这个文件 / no such file: ${pathname.slice(0, 200)}\n`));
  };
}
