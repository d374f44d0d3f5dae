// `luoshi serve`'s session token and request checks: the cookie, Host, Origin and Fetch-Metadata, hidden
// files, malformed requests, and the built app served by sirv.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../../src/harness/serve/server.js';
import { sameToken } from '../../src/harness/serve/session.js';
import { call, portOf, rawRequest } from './http.js';

let dir: string, app: string, srv: Running, port: number;
const TOKEN = 'a'.repeat(48);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-session-'));
  writeFileSync(join(dir, 'a.plan'), '说明 "a"\n');
  writeFileSync(join(dir, '.env'), 'SECRET=1\n');
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git', 'config'), '[core]\n');
  mkdirSync(join(dir, 'plug'));
  writeFileSync(
    join(dir, 'plug', 'plugin.json'),
    JSON.stringify({ id: 't.p', name: 'p', version: '1.0.0', engines: { luoshi: '>=0.1.0' }, main: 'index.js' }),
  );
  writeFileSync(join(dir, 'plug', 'index.js'), 'export function activate() {}\n');
  writeFileSync(join(dir, 'plug', '.secret.js'), 'export const x = 1;\n');
  writeFileSync(join(dir, 'luoshi.config.yaml'), 'plugins:\n  - ./plug\n');
  app = mkdtempSync(join(tmpdir(), 'luoshi-app-'));
  writeFileSync(join(app, 'index.html'), '<!doctype html><title>app</title>');
  mkdirSync(join(app, 'assets'));
  writeFileSync(join(app, 'assets', 'x-1234.js'), 'export {};\n');
  writeFileSync(join(app, '.env'), 'APP_SECRET=1\n');
  srv = await startServer({ dirs: [dir], port: 0, appDir: app, token: TOKEN, trust: true }); // trusted: its plugin files are listed, and must still want the cookie
  port = portOf(srv.url);
});

afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(app, { recursive: true, force: true });
});

const signedIn = (h: Record<string, string> = {}): Record<string, string> => ({ cookie: srv.cookie, ...h });
const put = { 'x-luoshi': '1', 'content-type': 'application/json' };

describe('the session token', () => {
  it('prints a URL holding the token, and compares tokens whole', () => {
    expect(srv.url).toBe(`http://127.0.0.1:${port}/?token=${TOKEN}`);
    expect(srv.cookie).toBe(`luoshi-token-${port}=${TOKEN}`);
    expect(sameToken(TOKEN, TOKEN)).toBe(true);
    expect(sameToken(TOKEN.slice(1), TOKEN)).toBe(false);
    expect(sameToken('', TOKEN)).toBe(false);
  });

  it('answers the API and plugin files 401 without the cookie, with a message saying what to open', async () => {
    for (const path of [
      '/api/ping',
      '/api/workspace',
      '/api/file?path=a.plan',
      '/api/plugins',
      '/api/data?cases=a.plan',
    ]) {
      const r = await call(port, 'GET', path);
      expect(r.status, path).toBe(401);
      expect(JSON.parse(r.body).error).toMatch(/luoshi serve.*token/);
    }
    const plugins = JSON.parse((await call(port, 'GET', '/api/plugins', signedIn())).body) as {
      configs: Array<{ plugins: Array<{ entry: string }> }>;
    };
    const entry = plugins.configs[0]!.plugins[0]!.entry;
    expect(entry).toMatch(/^\/plugins\/0\/v[0-9a-z]+\/index\.js$/);
    expect((await call(port, 'GET', entry)).status).toBe(401);
    expect((await call(port, 'GET', entry, signedIn())).body).toContain('activate');
    // A wrong cookie, or the right value under another port's name, is no cookie.
    expect((await call(port, 'GET', '/api/ping', { cookie: `luoshi-token-${port}=${'b'.repeat(48)}` })).status).toBe(
      401,
    );
    expect((await call(port, 'GET', '/api/ping', { cookie: `luoshi-token-1=${TOKEN}` })).status).toBe(401);
    expect(
      (await call(port, 'PUT', '/api/file?path=a.plan', put, JSON.stringify({ text: 'x', etag: null, force: true })))
        .status,
    ).toBe(401);
    expect(readFileSync(join(dir, 'a.plan'), 'utf8')).toBe('说明 "a"\n');
  });

  it('trades the right token for an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
    const wrong = await call(port, 'GET', `/?token=${'b'.repeat(48)}`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.body).toMatch(/open the URL `luoshi serve` printed last/);
    const right = await call(port, 'GET', `/?token=${TOKEN}`);
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/');
    const cookie = right.headers['set-cookie']!;
    expect(cookie.split('; ')).toEqual([`luoshi-token-${port}=${TOKEN}`, 'HttpOnly', 'SameSite=Strict', 'Path=/']);
    const pair = cookie.split(';')[0]!;
    expect(JSON.parse((await call(port, 'GET', '/api/ping', { cookie: `other=1; ${pair}` })).body)).toEqual({
      ok: true,
    });
    // Other query parameters stay.
    expect((await call(port, 'GET', `/?x=1&token=${TOKEN}`)).headers.location).toBe('/?x=1');
  });

  it('loads the app shell without the cookie', async () => {
    const r = await call(port, 'GET', '/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>app</title>');
    const asset = await call(port, 'GET', '/assets/x-1234.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });
});

describe('requests from elsewhere', () => {
  it('refuses another Host (DNS rebinding), another Origin, and cross-site fetches even with the cookie', async () => {
    expect((await call(port, 'GET', '/api/ping', signedIn({ host: 'evil.example' }))).status).toBe(421);
    for (const origin of ['http://127.0.0.1:1', 'http://evil.example', 'null']) {
      const r = await call(port, 'GET', '/api/ping', signedIn({ origin }));
      expect(r.status, origin).toBe(403);
      expect(JSON.parse(r.body).error).toMatch(/another origin/);
    }
    expect((await call(port, 'GET', '/api/ping', signedIn({ origin: `http://127.0.0.1:${port}` }))).status).toBe(200);
    expect(
      (
        await call(
          port,
          'GET',
          '/api/ping',
          signedIn({ origin: `http://localhost:${port}`, host: `localhost:${port}` }),
        )
      ).status,
    ).toBe(200);
    for (const site of ['same-site', 'cross-site']) {
      const r = await call(port, 'GET', '/api/ping', signedIn({ 'sec-fetch-site': site }));
      expect(r.status, site).toBe(403);
      expect(JSON.parse(r.body).error).toMatch(/Sec-Fetch-Site: /);
    }
    expect((await call(port, 'GET', '/api/ping', signedIn({ 'sec-fetch-site': 'same-origin' }))).status).toBe(200);
    expect((await call(port, 'GET', '/api/ping', signedIn({ 'sec-fetch-site': 'none' }))).status).toBe(200);
  });
});

describe('hidden files and folders', () => {
  it('are never listed, read, previewed, loaded, written or served', async () => {
    const ws = JSON.parse((await call(port, 'GET', '/api/workspace', signedIn())).body) as {
      files: Array<{ path: string }>;
    };
    expect(ws.files.map((f) => f.path).sort()).toEqual([
      'a.plan',
      'luoshi.config.yaml',
      'plug/index.js',
      'plug/plugin.json',
    ]);
    for (const path of [
      '/api/file?path=.env',
      '/api/file?path=.git/config',
      '/api/file?path=.env&head=10',
      '/api/data?cases=.env',
      '/api/file?path=plug/%2Esecret.js',
    ]) {
      const r = await call(port, 'GET', path, signedIn());
      expect(r.status, path).toBe(403);
      expect(JSON.parse(r.body).error).toMatch(/hidden/);
    }
    const w = await call(
      port,
      'PUT',
      '/api/file?path=.hidden.plan',
      signedIn(put),
      JSON.stringify({ text: 'x', etag: null }),
    );
    expect(w.status).toBe(403);
    expect(existsSync(join(dir, '.hidden.plan'))).toBe(false);
    expect((await call(port, 'GET', '/plugins/0/.secret.js', signedIn())).status).toBe(403);
    expect((await call(port, 'GET', '/plugins/0/%2esecret.js', signedIn())).status).toBe(403);
    expect((await call(port, 'GET', '/.env')).status).toBe(404);
    expect((await call(port, 'GET', '/%2eenv')).status).toBe(404);
  });
});

describe('malformed requests', () => {
  it('get a 4xx with a message, and the server goes on', async () => {
    const cases: Array<[string, string, number]> = [
      ['GET', '/%ff', 400],
      ['GET', '/%', 400],
      ['GET', '/plugins/0/%ff', 400],
      ['GET', '/api/file?path=%ff', 404],
      ['DELETE', '/api/file?path=a.plan', 405],
      ['POST', '/', 405],
      ['GET', '/api/nothing', 404],
      ['GET', '/api/file?path=a.plan&head=-1', 400],
      ['GET', '/api/file?path=a.plan&head=1e3', 400],
      ['GET', 'http://evil.example/api/ping', 400],
      ['GET', '*', 400],
    ];
    for (const [method, path, status] of cases) {
      const r = await call(port, method, path, signedIn());
      expect(r.status, `${method} ${path}`).toBe(status);
      expect(r.body, `${method} ${path}`).toMatch(/ \/ /); // a bilingual message
    }
    const notJson = await call(port, 'PUT', '/api/file?path=a.plan', signedIn(put), '{"text":');
    expect([notJson.status, JSON.parse(notJson.body).error]).toEqual([400, '请求不是 JSON / body is not JSON']);
    const notUtf8 = await call(port, 'PUT', '/api/file?path=a.plan', signedIn(put), Buffer.from([0x7b, 0xff, 0x7d]));
    expect(notUtf8.status).toBe(400);
    const huge = await call(
      port,
      'PUT',
      '/api/file?path=a.plan',
      signedIn({ ...put, 'content-length': String(64 * 1024 * 1024) }),
    );
    expect([huge.status, JSON.parse(huge.body).error]).toEqual([
      413,
      '请求过大（上限 32 MiB） / request body too large (the limit is 32 MiB)',
    ]);
    // Without a length, sent in chunks: refused once past the limit, and the answer still arrives.
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const body = Buffer.concat([
      ...Array.from({ length: 33 }, () =>
        Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]),
      ),
      Buffer.from('0\r\n\r\n'),
    ]);
    const head = [
      `PUT /api/file?path=a.plan HTTP/1.1`,
      `host: 127.0.0.1:${port}`,
      `cookie: ${srv.cookie}`,
      'x-luoshi: 1',
      'content-type: application/json',
      'transfer-encoding: chunked',
    ].join('\r\n');
    const chunked = await rawRequest(port, head, body);
    expect([chunked.status, JSON.parse(chunked.body).error]).toEqual([
      413,
      '请求过大（上限 32 MiB） / request body too large (the limit is 32 MiB)',
    ]);
    expect(readFileSync(join(dir, 'a.plan'), 'utf8')).toBe('说明 "a"\n');
    expect((await call(port, 'GET', '/api/ping', signedIn())).status).toBe(200);
  });

  it('answers 503 with how to build when the app is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'luoshi-noapp-'));
    const s = await startServer({ dirs: [dir], port: 0, appDir: empty });
    try {
      const r = await call(portOf(s.url), 'GET', '/');
      expect(r.status).toBe(503);
      expect(r.body).toContain('npm run build:workbench');
    } finally {
      await s.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
