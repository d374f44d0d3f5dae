// `luoshi serve` and workspace trust: the plugins of a folder the user has not trusted are never imported,
// run or served — their module's top level writes a marker file, which never appears however the endpoints
// are hit — until the folder is trusted through POST /api/trust (remembered in the trust store the
// environment names); revoking restores restricted mode. `serve --trust` trusts for the run only.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../../src/harness/serve/server.js';
import { decodeData } from '../../src/workers/protocol.js';
import type { PluginsPayload, TrustPayload } from '../../src/workers/protocol.js';
import { configDir, trustFile } from '../../src/harness/trust.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { MARKER_PLAN, markerRan, writeMarkerPlugin } from './fixture.js';

let dir: string, config: string, ws: string;
const savedEnv = process.env.LUOSHI_CONFIG_DIR;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-trust-serve-'));
  config = join(dir, 'user-config');
  process.env.LUOSHI_CONFIG_DIR = config;
});
afterAll(() => {
  if (savedEnv === undefined) delete process.env.LUOSHI_CONFIG_DIR;
  else process.env.LUOSHI_CONFIG_DIR = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh workspace: the marker plugin in its configuration, a plan calling its function, data in its format. */
function workspace(name: string): string {
  const w = join(dir, name);
  writeMarkerPlugin(join(w, 'plugin'));
  writeFileSync(join(w, 'luoshi.config.yaml'), 'plugins:\n  - ./plugin\n');
  writeFileSync(join(w, 'a.plan'), MARKER_PLAN);
  mkdirSync(join(w, 'data'));
  writeFileSync(join(w, 'data', 'cases.mark'), 'M1|富锦法院|2011-03-01\nM2|富锦法院|2011-04-01\n');
  // The same in a file the built-in CSV reader also takes (and rejects).
  writeFileSync(join(w, 'data', 'cases.mark.csv'), 'M1|富锦法院|2011-03-01\nM2|富锦法院|2011-04-01\n');
  return w;
}

function call(
  srv: Running,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Buffer }> {
  return new Promise((ok, fail) => {
    const u = new URL(srv.url);
    const req = request(
      { host: u.hostname, port: u.port, path, method, headers: { cookie: srv.cookie, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}
const getJson = async <T>(srv: Running, path: string): Promise<T> =>
  JSON.parse((await call(srv, 'GET', path)).body.toString()) as T;
const postTrust = (
  srv: Running,
  trusted: unknown,
  headers: Record<string, string> = { 'x-luoshi': '1', 'content-type': 'application/json' },
) => call(srv, 'POST', '/api/trust', JSON.stringify({ trusted }), headers);
async function data(srv: Running, file = 'data/cases.mark') {
  const res = await call(srv, 'GET', `/api/data?cases=${encodeURIComponent(file)}&plan=a.plan`);
  expect(res.status, res.body.toString().slice(0, 200)).toBe(200);
  return decodeData(res.body.buffer.slice(res.body.byteOffset, res.body.byteOffset + res.body.length) as ArrayBuffer)
    .meta;
}

describe('the trust store', () => {
  it('is in $LUOSHI_CONFIG_DIR, else $XDG_CONFIG_HOME/luoshi, else ~/.config/luoshi', () => {
    expect(trustFile()).toBe(join(config, 'trust.json'));
    expect(configDir({ XDG_CONFIG_HOME: '/x/cfg' })).toBe('/x/cfg/luoshi');
    expect(configDir({ HOME: '/home/someone' })).toBe(join(homedir(), '.config', 'luoshi'));
  });
});

describe('a folder not trusted', () => {
  let srv: Running;
  beforeEach(async () => {
    ws = workspace(`ws-${Math.random().toString(36).slice(2)}`);
    srv = await startServer({ dirs: [ws], port: 0 });
  });
  afterEach(async () => {
    await srv.close();
  });

  it('never imports, runs or serves its plugins, on any endpoint; trust runs them, revoking stops them', async () => {
    const plugin = join(ws, 'plugin');
    // Restricted mode: the plugins described from plugin.json, no entry URL, the configuration without them.
    const p = await getJson<PluginsPayload>(srv, '/api/plugins');
    expect(p.restricted).toEqual([
      {
        file: 'luoshi.config.yaml',
        scope: '',
        plugins: [
          {
            label: './plugin',
            id: 'test.marker',
            name: '留痕插件 / marker plugin',
            contributes: { functions: ['加倍'], importers: ['mark'] },
          },
        ],
      },
    ]);
    expect(p.configs).toHaveLength(1);
    expect(p.configs[0]).toMatchObject({ file: 'luoshi.config.yaml', scope: '', calendar: null, plugins: [] });
    expect(p.configs[0]!.diagnostics.map((d) => [d.code, d.severity, d.messageEn])).toEqual([
      [
        'P0020',
        'warning',
        'this folder is not trusted: its plugins were not loaded: test.marker (built-in plugins only; trust the folder to load them)',
      ],
    ]);
    expect(JSON.stringify(p)).not.toContain('/plugins/');
    // Plugin files are not served, whatever the number or stamp.
    for (const path of ['/plugins/0/index.js', '/plugins/0/v1/index.js', '/plugins/1/plugin.json']) {
      expect((await call(srv, 'GET', path)).status).toBe(404);
    }
    // Data for a plan of the folder: read with the built-in importers, and it says which importer was not used.
    const meta = await data(srv, 'data/cases.mark.csv');
    expect(meta.accepted).toBe(0);
    expect(meta.problems[0]).toMatchObject({ file: 'luoshi.config.yaml', code: 'P0020', severity: 'warning' });
    expect(meta.problems[0]!.messageEn).toBe(
      'this folder is not trusted: the importer "mark" of plugin test.marker (which would read cases.mark.csv) was not used; the data was read with the built-in importers only (trust the folder to use it)',
    );
    // A file only the plugin reads: refused, and the refusal says why.
    const refused = await call(srv, 'GET', `/api/data?cases=${encodeURIComponent('data/cases.mark')}&plan=a.plan`);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body.toString()).error).toContain(
      'the importer "mark" of plugin test.marker (which would read cases.mark) was not used',
    );
    // Without a plan no importer of any configuration is asked for: nothing to say.
    const plain = await call(srv, 'GET', `/api/data?cases=${encodeURIComponent('data/cases.mark.csv')}`);
    expect(plain.status).toBe(200);
    // A document of the plan reads its configuration but runs none of its plugins: the plan calls the
    // plugin's function, which is unknown without them, so no document is made.
    const doc = await call(srv, 'GET', '/api/document?path=a.plan&kind=table&format=xlsx');
    expect(doc.status).toBe(422);
    expect(JSON.parse(doc.body.toString()).error).toContain('the plan has errors; no document: a.plan');
    const state = await getJson<TrustPayload>(srv, '/api/trust');
    expect(state).toEqual({
      folders: [{ name: '', dir: ws, trusted: false, by: null, session: false }],
      trusted: false,
      store: join(config, 'trust.json'),
      noPlugins: false,
    });
    expect(markerRan(plugin)).toBe(false);

    // Trusting needs the header and JSON, as saving does.
    expect((await postTrust(srv, true, { 'content-type': 'application/json' })).status).toBe(403);
    expect((await call(srv, 'POST', '/api/trust', 'yes', { 'x-luoshi': '1' })).status).toBe(415); // not declared JSON
    expect((await postTrust(srv, 'yes')).status).toBe(400);
    expect(existsSync(join(config, 'trust.json'))).toBe(false);
    expect(markerRan(plugin)).toBe(false);

    const trusted = await postTrust(srv, true);
    expect(trusted.status).toBe(200);
    expect(JSON.parse(trusted.body.toString())).toMatchObject({
      trusted: true,
      folders: [{ trusted: true, by: realpathSync(ws), session: false }],
    });
    expect(JSON.parse(readFileSync(join(config, 'trust.json'), 'utf8')).folders).toContain(realpathSync(ws));
    const after = await getJson<PluginsPayload>(srv, '/api/plugins');
    expect(after.restricted).toEqual([]);
    const entry = after.configs[0]!.plugins[0]!.entry!;
    expect(entry).toMatch(/^\/plugins\/\d+\/v[0-9a-z]+\/index\.js$/);
    const js = await call(srv, 'GET', entry);
    expect(js.status).toBe(200);
    expect(js.body.toString()).toContain("context.importers.register('mark'");
    // The importer reads the data now (in the server: the marker appears).
    const loaded = await data(srv);
    expect([loaded.read, loaded.accepted]).toEqual([2, 2]);
    expect(loaded.problems.filter((x) => x.code === 'P0020')).toEqual([]);
    expect(markerRan(plugin)).toBe(true);

    // Revoked: restricted again, the code no longer served, the store no longer lists the folder.
    const revoked = await postTrust(srv, false);
    expect(JSON.parse(revoked.body.toString())).toMatchObject({ trusted: false });
    expect(JSON.parse(readFileSync(join(config, 'trust.json'), 'utf8')).folders).not.toContain(realpathSync(ws));
    expect((await getJson<PluginsPayload>(srv, '/api/plugins')).restricted).toHaveLength(1);
    expect((await call(srv, 'GET', entry)).status).toBe(403);
    expect((await data(srv, 'data/cases.mark.csv')).problems[0]!.code).toBe('P0020');
  });

  it('a trusted folder stays trusted for the next server, and covers its subfolders', async () => {
    expect((await postTrust(srv, true)).status).toBe(200);
    await srv.close();
    srv = await startServer({ dirs: [ws], port: 0 });
    expect((await getJson<TrustPayload>(srv, '/api/trust')).trusted).toBe(true);
    await srv.close();
    mkdirSync(join(ws, 'sub'));
    srv = await startServer({ dirs: [join(ws, 'sub')], port: 0 });
    const st = await getJson<TrustPayload>(srv, '/api/trust');
    expect(st.folders[0]).toMatchObject({ trusted: true, by: realpathSync(ws) });
    // The subfolder is governed by the workspace root's configuration, whose plugins run.
    expect((await getJson<PluginsPayload>(srv, '/api/plugins')).configs[0]!.plugins.map((x) => x.label)).toEqual([
      './plugin',
    ]);
    await postTrust(srv, false);
  });
});

describe('serve --trust and --no-plugins', () => {
  it('luoshi serve --trust says so, and the folder is trusted for that run (the built command)', async () => {
    const w = workspace('cli');
    const child = spawn(
      process.execPath,
      [join(PACKAGE_ROOT, 'bin', 'luoshi.js'), 'serve', w, '--trust', '--port', '0'],
      { env: { ...process.env, LUOSHI_CONFIG_DIR: config } },
    );
    try {
      let out = '';
      const url = await new Promise<string>((ok, fail) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/.exec(out);
          if (m && out.includes('Ctrl+C')) ok(m[0]);
        });
        child.once('exit', (code) => fail(new Error(`serve exited ${code}: ${out}`)));
      });
      expect(out).toContain(
        '插件 / plugins: 已信任，插件可运行（仅本次，--trust） / trusted: plugins run (this run only, --trust)\n',
      );
      // Signed in as a browser is: the token URL answers with the session cookie.
      const signIn = await fetch(url, { redirect: 'manual' });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
      const state = (await (await fetch(new URL('/api/trust', url), { headers: { cookie } })).json()) as TrustPayload;
      expect(state).toMatchObject({
        trusted: true,
        folders: [{ dir: w, trusted: true, session: true }],
        store: join(config, 'trust.json'),
      });
    } finally {
      child.kill('SIGTERM');
    }
  }, 20_000);

  it('--trust trusts the folder for this run only: nothing is written', async () => {
    const w = workspace('session');
    rmSync(join(config, 'trust.json'), { force: true });
    const srv = await startServer({ dirs: [w], port: 0, trust: true });
    try {
      expect(await getJson<TrustPayload>(srv, '/api/trust')).toMatchObject({
        trusted: true,
        folders: [{ trusted: true, session: true }],
      });
      expect((await getJson<PluginsPayload>(srv, '/api/plugins')).configs[0]!.plugins).toHaveLength(1);
      expect((await data(srv)).accepted).toBe(2);
      expect(existsSync(join(config, 'trust.json'))).toBe(false);
    } finally {
      await srv.close();
    }
    const next = await startServer({ dirs: [w], port: 0 });
    try {
      expect((await getJson<TrustPayload>(next, '/api/trust')).trusted).toBe(false);
    } finally {
      await next.close();
    }
  });

  it('--no-plugins runs none, trusted or not, and refuses to trust', async () => {
    const w = workspace('none');
    const srv = await startServer({ dirs: [w], port: 0, trust: true, noPlugins: true });
    try {
      expect(await getJson<TrustPayload>(srv, '/api/trust')).toMatchObject({ trusted: false, noPlugins: true });
      expect((await getJson<PluginsPayload>(srv, '/api/plugins')).restricted).toHaveLength(1);
      const r = await postTrust(srv, true);
      expect(r.status).toBe(409);
      expect(JSON.parse(r.body.toString()).error).toContain('--no-plugins');
      expect((await data(srv, 'data/cases.mark.csv')).accepted).toBe(0);
      expect(markerRan(join(w, 'plugin'))).toBe(false);
    } finally {
      await srv.close();
    }
  });
});
