// `luoshi serve` and plugins: the configurations the workbench is given (GET /api/plugins), the plugin
// folders' files (GET /plugins/N/…, nothing outside them), and data read with a plan's importers.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../../src/harness/serve/server.js';
import { PluginService } from '../../src/harness/serve/plugins.js';
import { Workspace } from '../../src/harness/serve/workspace.js';
import { openPluginSession } from '../../src/harness/plugins/session.js';
import { loadCases } from '../../src/harness/loaders/index.js';
import { decodeData } from '../../src/workers/protocol.js';
import type { PluginsPayload } from '../../src/workers/protocol.js';
import { ROOT } from '../corpus/host.js';

const EX = join(ROOT, 'examples', 'plugins');
const CSV = '执行案件导出_2018.csv';
let dir: string, outside: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-serve-plugins-'));
  outside = mkdtempSync(join(tmpdir(), 'luoshi-outside-'));
  writeFileSync(join(outside, 'secret.js'), 'export const secret = 1;\n');
  writeFileSync(join(dir, 'a.plan'), '说明 "a"\n');
  // The top configuration: a copy of fujin-kpi, and plugins that cannot be loaded.
  const kpi = join(dir, 'plugins', 'fujin-kpi');
  mkdirSync(kpi, { recursive: true });
  for (const f of ['plugin.json', 'index.js', 'kpi.js']) cpSync(join(EX, 'fujin-kpi', f), join(kpi, f));
  symlinkSync(join(outside, 'secret.js'), join(kpi, 'out.js'));
  symlinkSync(outside, join(kpi, 'outdir'));
  mkdirSync(join(dir, 'plugins', 'broken'));
  writeFileSync(join(dir, 'plugins', 'broken', 'plugin.json'), '{ "id": "test.broken", ');
  mkdirSync(join(dir, 'plugins', 'noentry'));
  writeFileSync(
    join(dir, 'plugins', 'noentry', 'plugin.json'),
    JSON.stringify({ id: 'test.noentry', version: '1.0.0', main: 'gone.js' }),
  );
  mkdirSync(join(dir, 'plugins', 'nojson'));
  writeFileSync(
    join(dir, 'luoshi.config.yaml'),
    [
      'plugins:',
      '  - path: ./plugins/fujin-kpi',
      '    settings: { 净执结下限: 25 }',
      '  - ./plugins/missing',
      '  - ./plugins/broken',
      '  - ./plugins/noentry',
      '  - ./plugins/nojson',
      '  - path: ./plugins/off',
      '    enabled: false',
      '',
    ].join('\n'),
  );
  // A nested folder with its own configuration: the court export importer (by absolute path) and the 2018 calendar.
  mkdirSync(join(dir, 'court', 'data'), { recursive: true });
  cpSync(join(EX, 'prc-calendar-2018', 'example.plan'), join(dir, 'court', 'example.plan'));
  cpSync(join(EX, 'court-export-importer', 'sample', CSV), join(dir, 'court', 'data', CSV));
  writeFileSync(
    join(dir, 'court', 'luoshi.config.yaml'),
    [
      'plugins:',
      `  - ${join(EX, 'court-export-importer')}`,
      `  - ${join(EX, 'prc-calendar-2018')}`,
      `  - ${join(EX, 'fujin-kpi')}`,
      'calendar: prc-2018',
      '',
    ].join('\n'),
  );
  mkdirSync(join(dir, 'sub'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('PluginService', () => {
  it('finds the configurations inside the workspace and the nearest one above a root', () => {
    const one = new PluginService(new Workspace([join(dir, 'sub')]), undefined, () => true);
    expect(one.configs().map((c) => [c.file, c.scope])).toEqual([['../luoshi.config.yaml', '']]);
    const two = new PluginService(new Workspace([join(dir, 'court'), join(dir, 'sub')]), undefined, () => true);
    expect(two.configs().map((c) => [c.file, c.scope])).toEqual([
      ['court/luoshi.config.yaml', 'court'],
      ['../luoshi.config.yaml', 'sub'],
    ]);
    expect(two.governing('sub/x.plan')?.scope).toBe('sub');
    expect(two.governing('court/example.plan')?.scope).toBe('court');
    const top = new PluginService(new Workspace([dir]), undefined, () => true);
    expect(top.governing('courtyard/x.plan')?.scope).toBe('');
    expect(top.governing('court/x/y.plan')?.scope).toBe('court');
  });
});

describe('HTTP: plugins', () => {
  let srv: Running;
  beforeAll(async () => {
    srv = await startServer({ dirs: [dir], port: 0, trust: true });
  });
  afterAll(async () => {
    await srv.close();
  });

  const call = (
    method: string,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; type: string; cache: string; body: Buffer }> =>
    new Promise((ok, fail) => {
      const u = new URL(srv.url);
      // The path as given: `..` must reach the server unresolved.
      const req = request(
        { host: u.hostname, port: u.port, path, method, headers: { cookie: srv.cookie, ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            ok({
              status: res.statusCode ?? 0,
              type: String(res.headers['content-type'] ?? ''),
              cache: String(res.headers['cache-control'] ?? ''),
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.on('error', fail);
      req.end();
    });
  const plugins = async (): Promise<PluginsPayload> =>
    JSON.parse((await call('GET', '/api/plugins')).body.toString()) as PluginsPayload;

  it('lists every configuration with its scope, plugins, settings, calendar and problems', async () => {
    const p = await plugins();
    expect(p.configs.map((c) => [c.file, c.scope, c.calendar])).toEqual([
      ['luoshi.config.yaml', '', null],
      ['court/luoshi.config.yaml', 'court', 'prc-2018'],
    ]);
    const [top, court] = p.configs;
    expect(top!.plugins).toHaveLength(1);
    const kpi = top!.plugins[0]!;
    expect(kpi).toMatchObject({
      label: './plugins/fujin-kpi',
      manifestFile: 'plugins/fujin-kpi/plugin.json',
      settings: { 净执结下限: 25 },
    });
    expect((kpi.manifest as { id: string }).id).toBe('fujin.kpi');
    expect(kpi.entry).toMatch(/^\/plugins\/\d+\/v[0-9a-z]+\/index\.js$/);
    const codes = top!.diagnostics.map((d) => [d.code, d.file]);
    expect(codes).toEqual([
      ['P0012', 'luoshi.config.yaml'],
      ['P0001', 'plugins/broken/plugin.json'],
      ['P0002', 'plugins/noentry/plugin.json'],
      ['P0012', 'plugins/nojson/plugin.json'],
    ]);
    const en = top!.diagnostics.map((d) => d.messageEn);
    expect(en[0]).toContain('./plugins/missing');
    expect(top!.diagnostics[0]!.range.start.line).toBe(3);
    expect(en[1]).toContain('./plugins/broken');
    expect(en[2]).toContain('test.noentry');
    expect(en[2]).toContain('gone.js');
    expect(en[3]).toContain('./plugins/nojson');
    expect(court!.diagnostics).toEqual([]);
    expect(court!.plugins.map((x) => (x.manifest as { id: string }).id)).toEqual([
      'court-export.importer',
      'prc.calendar-2018',
      'fujin.kpi',
    ]);
    for (const x of court!.plugins)
      expect(x).toMatchObject({
        settings: null,
        entry: expect.stringMatching(/^\/plugins\/\d+\/v[0-9a-z]+\/index\.js$/),
      });
    // Folders outside the workspace are shown from it; each folder has its own number, the same on every request.
    expect(court!.plugins[0]!.manifestFile).toMatch(/^(\.\.\/)+.*court-export-importer\/plugin\.json$/);
    const entries = [kpi.entry, ...court!.plugins.map((x) => x.entry)];
    expect(new Set(entries).size).toBe(4);
    expect((await plugins()).configs.flatMap((c) => c.plugins.map((x) => x.entry))).toEqual(entries);
  });

  it('serves the plugin folders and nothing outside them', async () => {
    const entry = (await plugins()).configs[0]!.plugins[0]!.entry!;
    const base = entry.replace(/index\.js$/, '');
    const js = await call('GET', entry);
    expect(js.status).toBe(200);
    expect(js.type).toMatch(/^text\/javascript/);
    expect(js.cache).toBe('no-cache');
    expect(js.body.toString()).toBe(readFileSync(join(dir, 'plugins', 'fujin-kpi', 'index.js'), 'utf8'));
    expect((await call('GET', `${base}kpi.js`)).status).toBe(200);
    expect((await call('GET', `${base}plugin.json`)).type).toMatch(/^application\/json/);
    expect((await call('HEAD', entry)).status).toBe(200);
    expect((await call('POST', entry)).status).toBe(405);
    expect((await call('GET', entry, { host: 'evil.example:80' })).status).toBe(421);
    for (const bad of [
      '../x',
      '../../luoshi.config.yaml',
      '%2e%2e/broken/plugin.json',
      '%2E%2E%2Fbroken%2Fplugin.json',
      '..%2f..%2fa.plan',
      'a%5cb.js',
      '%2fetc%2fpasswd',
      'x%00.js',
      'out.js',
      'outdir/secret.js',
      './index.js',
      '',
    ]) {
      const r = await call('GET', base + bad);
      expect(r.status, bad).toBeGreaterThanOrEqual(400);
      expect(r.status, bad).toBeLessThan(500);
      expect(r.body.toString(), bad).not.toContain('export const secret');
    }
    expect((await call('GET', `${base}../x`)).status).toBe(403);
    expect((await call('GET', `${base}out.js`)).status).toBe(403);
    expect((await call('GET', `${base}nothere.js`)).status).toBe(404);
    expect((await call('GET', '/plugins/999/index.js')).status).toBe(404);
    // The stamp is optional on the way in, and changes when the folder's code does (so the browser imports it anew).
    const n = /^\/plugins\/(\d+)\//.exec(entry)![1];
    expect((await call('GET', `/plugins/${n}/index.js`)).status).toBe(200);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'plugins', 'fujin-kpi', 'kpi.js'), later, later);
    const next = (await plugins()).configs[0]!.plugins[0]!.entry!;
    expect(next).not.toBe(entry);
    expect(next.replace(/\/v[0-9a-z]+\//, '/')).toBe(entry.replace(/\/v[0-9a-z]+\//, '/'));
    expect((await call('GET', '/plugins/x/index.js')).status).toBe(404);
  });

  const load = async (query: string): Promise<{ accepted: number; rejected: number; read: number }> => {
    const res = await call('GET', `/api/data?${query}`);
    expect(res.status, res.body.toString().slice(0, 200)).toBe(200);
    const { meta } = decodeData(
      res.body.buffer.slice(res.body.byteOffset, res.body.byteOffset + res.body.length) as ArrayBuffer,
    );
    return { read: meta.read, accepted: meta.accepted, rejected: meta.rejected };
  };

  it('reads data with the importers of the plan’s configuration', async () => {
    const cases = `cases=${encodeURIComponent(`court/data/${CSV}`)}`;
    // What the harness reads with the same configuration (`luoshi check … --config …/court-export-importer/luoshi.config.yaml`).
    const session = await openPluginSession({
      cwd: ROOT,
      configPath: join(EX, 'court-export-importer', 'luoshi.config.yaml'),
    });
    const cli = await loadCases([join(EX, 'court-export-importer', 'sample')], { importers: session.importers() });
    await session.dispose();
    expect(cli.stats).toMatchObject({ read: 6, accepted: 5, rejected: 1 });
    const withPlan = await load(`${cases}&plan=${encodeURIComponent('court/example.plan')}`);
    expect(withPlan).toEqual({ read: cli.stats.read, accepted: cli.stats.accepted, rejected: cli.stats.rejected });
    // Without the plan, or for a plan the top configuration governs: the built-in CSV reader, which cannot read the export.
    for (const q of [cases, `${cases}&plan=a.plan`]) expect((await load(q)).accepted, q).toBe(0);
    expect((await call('GET', `/api/data?${cases}&plan=../x.plan`)).status).toBe(403);
  });
});
