// The workbench's files go compressed as the browser accepts them (the build writes NAME.br and NAME.gz
// beside each file: vite.config.ts), hashed assets cached for good, index.html asked again each time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../../src/harness/serve/server.js';

let dir: string, app: string, srv: Running;
const SCRIPT = `export const words = ${JSON.stringify('落实 '.repeat(2000))};\n`;
const PAGE = `<!doctype html><title>落实</title>${'<p>工作台</p>'.repeat(200)}`;

/** Writes a file with its .br and .gz beside it, as the build does. */
function withCompressed(path: string, text: string): void {
  writeFileSync(path, text);
  writeFileSync(`${path}.br`, brotliCompressSync(Buffer.from(text)));
  writeFileSync(`${path}.gz`, gzipSync(Buffer.from(text), { level: 9 }));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-zip-ws-'));
  app = mkdtempSync(join(tmpdir(), 'luoshi-zip-app-'));
  withCompressed(join(app, 'index.html'), PAGE);
  mkdirSync(join(app, 'assets'));
  withCompressed(join(app, 'assets', 'app-1234abcd.js'), SCRIPT);
  writeFileSync(join(app, 'assets', 'small-1234abcd.js'), 'export {};\n'); // too small to compress: sent as it is
  srv = await startServer({ dirs: [dir], port: 0, appDir: app });
});

afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(app, { recursive: true, force: true });
});

function get(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = request(`${srv.origin}${path}`, { headers: { cookie: srv.cookie, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('compressed responses', () => {
  it('sends brotli to a browser that accepts it, with the length of what is sent', async () => {
    const r = await get('/assets/app-1234abcd.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/^text\/javascript/);
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 10);
    expect(brotliDecompressSync(r.body).toString('utf8')).toBe(SCRIPT);
  });

  it('sends gzip when only gzip is accepted, and the file itself when nothing is', async () => {
    const gz = await get('/assets/app-1234abcd.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(SCRIPT);
    const plain = await get('/assets/app-1234abcd.js', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(SCRIPT);
  });

  it('sends a file with no compressed copy as it is', async () => {
    const r = await get('/assets/small-1234abcd.js', { 'accept-encoding': 'br, gzip' });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.toString('utf8')).toBe('export {};\n');
  });

  it('compresses the page too; a hashed asset is cached for good, the page is asked again (304 when unchanged)', async () => {
    const page = await get('/', { 'accept-encoding': 'br' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(page.body).toString('utf8')).toBe(PAGE);
    expect(page.headers['cache-control']).toBe('no-cache');
    const etag = String(page.headers.etag);
    expect(etag).not.toBe('undefined');
    const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    const asset = await get('/assets/app-1234abcd.js', { 'accept-encoding': 'br' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
