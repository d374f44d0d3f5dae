// A web page of another origin, in headless Chromium, against `luoshi serve`: the browser first opens the
// workbench with its token (so it holds the session cookie), then a page on a second local server tries to
// crash the server, read a file and write one. The server must go on answering, the page must learn
// nothing of the file, and nothing on disk may change.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../../src/harness/serve/server.js';
import { ROOT } from '../corpus/host.js';
import { call, portOf } from './http.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipped: no Chromium at ${CHROMIUM} (apt-get install chromium; CI installs it)`);

const SECRET = '说明 "SECRET-7f3a"\n';
let dir: string,
  profile: string,
  stubApp: string | null = null,
  srv: Running,
  attacker: Server,
  attackerPort: number;
/** What reached the luoshi server from other pages: [path, Sec-Fetch-Site, Origin, status]. */
const seen: Array<[string, string, string, number]> = [];

/** The attacker's page: every attempt, each result written to window.__results. */
function attackPage(target: string): string {
  return `<!doctype html><meta charset="utf-8"><title>attacker</title><body>
<img src="${target}/%ff"><img src="${target}/api/file?path=%ff"><img src="${target}/plugins/0/%ff"><img src="${target}/%c0%ae%c0%ae/etc/passwd">
<script src="${target}/api/file?path=secret.plan"></script>
<iframe name="sink" src="${target}/"></iframe>
<form id="f" method="POST" action="${target}/api/file?path=form.plan" enctype="text/plain" target="sink">
<input name='{"text":"pwned","etag":null,"force":true,"x":"' value='"}'></form>
<script>
const T = ${JSON.stringify(target)};
const results = {};
const attempt = async (name, f) => { try { results[name] = await f(); } catch (e) { results[name] = 'error: ' + e.name + ': ' + e.message; } };
(async () => {
  await attempt('read no-cors', async () => { const r = await fetch(T + '/api/file?path=secret.plan', { mode: 'no-cors', credentials: 'include' }); return r.type + ':' + r.status + ':' + (await r.text()); });
  await attempt('read cors', async () => { const r = await fetch(T + '/api/file?path=secret.plan', { credentials: 'include' }); return r.status + ':' + (await r.text()); });
  await attempt('read bundle cors', async () => { const r = await fetch(T + '/api/bundle', { credentials: 'include' }); return r.status + ':' + (await r.text()); });
  await attempt('read localhost', async () => { const r = await fetch(T.replace('127.0.0.1', 'localhost') + '/api/file?path=secret.plan', { credentials: 'include' }); return r.status + ':' + (await r.text()); });
  await attempt('write PUT', async () => { const r = await fetch(T + '/api/file?path=secret.plan', { method: 'PUT', credentials: 'include', headers: { 'content-type': 'application/json', 'x-luoshi': '1' }, body: JSON.stringify({ text: 'pwned', etag: null, force: true }) }); return r.status + ':' + (await r.text()); });
  await attempt('write PUT no-cors', async () => { const r = await fetch(T + '/api/file?path=put.plan', { method: 'PUT', mode: 'no-cors', credentials: 'include', body: JSON.stringify({ text: 'pwned', etag: null, force: true }) }); return r.type; });
  await attempt('write POST no-cors', async () => { const r = await fetch(T + '/api/file?path=post.plan', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ text: 'pwned', etag: null, force: true }) }); return r.type; });
  await attempt('crash fetch', async () => { const r = await fetch(T + '/%ff', { mode: 'no-cors' }); return r.type; });
  await attempt('iframe', async () => { await new Promise((ok) => setTimeout(ok, 300)); return String(frames[0].document.body.innerHTML); });
  document.getElementById('f').submit();
  await new Promise((ok) => setTimeout(ok, 1000));
  window.__results = results;
})();
</script>`;
}

beforeAll(async () => {
  if (!hasChromium) return;
  dir = mkdtempSync(join(tmpdir(), 'luoshi-xorigin-'));
  profile = mkdtempSync(join(tmpdir(), 'luoshi-xorigin-profile-'));
  writeFileSync(join(dir, 'secret.plan'), SECRET);
  // The built workbench when there is one (CI builds it first); else an app shell of one page will do:
  // what is tested is the cookie the browser holds, not the app.
  let appDir: string | undefined;
  if (!existsSync(join(ROOT, 'dist', 'workbench', 'index.html'))) {
    stubApp = mkdtempSync(join(tmpdir(), 'luoshi-xorigin-app-'));
    writeFileSync(join(stubApp, 'index.html'), '<!doctype html><title>workbench</title>');
    appDir = stubApp;
  }
  srv = await startServer({ dirs: [dir], port: 0, ...(appDir ? { appDir } : {}) });
  srv.server.prependListener('request', (req: IncomingMessage, res) => {
    const site = String(req.headers['sec-fetch-site'] ?? '');
    const origin = String(req.headers.origin ?? '');
    if (site === 'same-site' || site === 'cross-site')
      res.on('finish', () => seen.push([req.url ?? '', site, origin, res.statusCode]));
  });
  const target = srv.origin;
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(attackPage(target));
  });
  await new Promise<void>((ok) => attacker.listen(0, '127.0.0.1', ok));
  const addr = attacker.address();
  attackerPort = typeof addr === 'object' && addr ? addr.port : 0;
});

afterAll(async () => {
  if (!hasChromium) return;
  await srv.close();
  await new Promise((ok) => attacker.close(ok));
  for (const d of [dir, profile, stubApp]) if (d) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!hasChromium)('a page of another origin in Chromium', () => {
  it('cannot crash the server, read a file or write one, although the browser holds the cookie', async () => {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const opened = await page.goto(srv.url);
      expect(opened?.status()).toBe(200);
      expect(page.url()).toBe(`${srv.origin}/`); // the token left the address bar
      const cookies = await context.cookies(srv.origin);
      expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([
        [srv.cookie.split('=')[0], true, 'Strict'],
      ]);
      // Signed in: the page itself may read the file.
      expect(
        await page.evaluate(
          async () => ((await (await fetch('/api/file?path=secret.plan')).json()) as { text: string }).text,
        ),
      ).toBe(SECRET);

      await page.goto(`http://127.0.0.1:${attackerPort}/`);
      await page.waitForFunction(
        () => (globalThis as unknown as { __results?: unknown }).__results !== undefined,
        null,
        { timeout: 30_000 },
      );
      const results = await page.evaluate(
        () => (globalThis as unknown as { __results: Record<string, string> }).__results,
      );
      expect(JSON.stringify(results)).not.toContain('SECRET-7f3a');
      expect(results['read no-cors']).toBe('opaque:0:');
      expect(results['read cors']).toMatch(/^error: TypeError/);
      expect(results['read bundle cors']).toMatch(/^error: TypeError/);
      expect(results['write PUT']).toMatch(/^error: TypeError/);
      expect(results.iframe).toMatch(/^error: SecurityError/);
    } finally {
      await context.close();
    }
    // The server still answers; the file is unchanged and nothing was created.
    expect(JSON.parse((await call(portOf(srv.url), 'GET', '/api/ping', { cookie: srv.cookie })).body)).toEqual({
      ok: true,
    });
    expect(readFileSync(join(dir, 'secret.plan'), 'utf8')).toBe(SECRET);
    for (const f of ['form.plan', 'put.plan', 'post.plan']) expect(existsSync(join(dir, f)), f).toBe(false);
    // What reached the server from the other page was refused: the API and plugin files with 403, the
    // malformed static paths with 400; only the app shell in the iframe was served.
    const api = seen.filter(([url]) => url.startsWith('/api/') || url.startsWith('/plugins/'));
    expect(new Set(api.map(([url]) => url))).toEqual(
      new Set([
        '/api/file?path=%ff',
        '/plugins/0/%ff',
        '/api/file?path=secret.plan',
        '/api/bundle',
        '/api/file?path=post.plan',
        '/api/file?path=form.plan',
      ]),
    );
    for (const [url, site, , status] of api) expect([url, site, status]).toEqual([url, site, 403]);
    const others = seen.filter(([url]) => !url.startsWith('/api/') && !url.startsWith('/plugins/'));
    for (const [url, , , status] of others) expect([url, status]).toEqual([url, url === '/' ? 200 : 400]);
    expect(others.map(([url]) => url)).toContain('/%ff');
  }, 90_000);
});
