// `luoshi serve` and plugin code that never returns: the server runs a configuration's plugins (to read
// data with their importers) in a watched worker thread, so a loop at a module's top level, in activate()
// or in an importer never blocks it. The data request gets P0007 naming the plugin and the call; /api/ping
// and other requests are answered meanwhile, and afterwards a fresh worker reads data again.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../../src/harness/serve/server.js';
import { decodeData } from '../../src/workers/protocol.js';
import { createHarnessHost } from '../../src/harness/plugins/session.js';
import { CALL_NAME, CASES, PLAN, loopingConfig, loopingPlugin, type LoopAt } from '../plugins/looping.js';

const FIX = join(import.meta.dirname, '..', 'plugins', 'fixtures');

/** GET an API path: status, body, and how long the answer took. */
function get(srv: Running, path: string): Promise<{ status: number; body: Buffer; ms: number }> {
  const t0 = Date.now();
  return new Promise((ok, fail) => {
    const u = new URL(srv.url);
    const req = request(
      { host: u.hostname, port: u.port, path, method: 'GET', headers: { cookie: srv.cookie } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: Date.now() - t0 }));
      },
    );
    req.on('error', fail);
    req.end();
  });
}

const accepted = (body: Buffer): number =>
  decodeData(body.buffer.slice(body.byteOffset, body.byteOffset + body.length) as ArrayBuffer).meta.accepted;

let dir: string,
  srv: Running | null = null;
// The first plugin host of a process compiles the manifest schema (once, in the server's thread, before any
// plugin code runs): done here, so the pings below measure the server while the plugin runs.
beforeAll(() => {
  createHarnessHost();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-serve-watchdog-'));
  writeFileSync(join(dir, 'p.plan'), PLAN);
  writeFileSync(join(dir, 'cases.ndjson'), CASES);
  writeFileSync(join(dir, 'data.spin'), 'whatever\n');
  writeFileSync(join(dir, 'a.pipe'), 'P1|某法院|2018-01-02\nP2|某法院|2018-01-03\n');
  // A plugin whose importers return, next to the looping one.
  cpSync(join(FIX, 'importers'), join(dir, 'pipes'), { recursive: true });
  writeFileSync(join(dir, 'pipes', 'package.json'), '{ "type": "module" }\n');
});
afterEach(async () => {
  await srv?.close();
  srv = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('a plugin that never returns does not block the server', () => {
  for (const at of ['importer', 'module', 'activate'] as LoopAt[]) {
    it(`in ${CALL_NAME[at]}: the data request gets P0007; the server answers meanwhile and afterwards`, async () => {
      loopingConfig(dir, [loopingPlugin(dir, at), 'pipes'], 700);
      srv = await startServer({ dirs: [dir], port: 0, trust: true }); // trusted: its plugins are to run (and hang)
      const s = srv;
      let settled = false;
      const data = get(s, '/api/data?cases=data.spin&plan=p.plan').finally(() => {
        settled = true;
      });
      // While the plugin loops: /api/ping, and a request that reads the workspace.
      const pings: number[] = [];
      let other = 0;
      while (!settled) {
        const ping = await get(s, '/api/ping');
        expect(ping.status).toBe(200);
        pings.push(ping.ms);
        if (other === 0) other = (await get(s, '/api/file?path=p.plan')).status;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(pings.length).toBeGreaterThanOrEqual(5);
      expect(Math.max(...pings)).toBeLessThan(1000);
      expect(other).toBe(200);
      const d = await data;
      expect(d.status).toBe(504); // the plugin timed out (P0007), not the request
      const error = (JSON.parse(d.body.toString()) as { error: string }).error;
      expect(error).toContain(`loop-${at}/plugin.json: P0007: 插件 test.loop-${at} `);
      expect(error).toContain(`plugin test.loop-${at} timed out while running ${CALL_NAME[at]} (700 ms)`);
      // Afterwards: data without plugins, and (the importer case) the configuration's good importer in a fresh worker.
      expect((await get(s, '/api/ping')).status).toBe(200);
      const plain = await get(s, '/api/data?cases=cases.ndjson');
      expect(plain.status).toBe(200);
      expect(accepted(plain.body)).toBe(1);
      if (at === 'importer') {
        const pipe = await get(s, '/api/data?cases=a.pipe&plan=p.plan');
        expect(pipe.status, pipe.body.toString().slice(0, 300)).toBe(200);
        expect(accepted(pipe.body)).toBe(2);
        // And the looping importer is stopped again, not waited on forever.
        const again = await get(s, '/api/data?cases=data.spin&plan=p.plan');
        expect(again.status).toBe(504);
        expect(again.body.toString()).toContain('P0007');
      } else {
        // The looping plugin activates with every session: each request is stopped, and answered.
        const again = await get(s, '/api/data?cases=a.pipe&plan=p.plan');
        expect(again.status).toBe(504);
        expect(again.body.toString()).toContain(CALL_NAME[at]);
      }
    }, 60_000);
  }
});
