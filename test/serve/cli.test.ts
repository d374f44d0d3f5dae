// `luoshi serve` as a user runs it (the built CLI, bin/luoshi.js → dist): it prints the URL with a token,
// survives a request that used to kill it, and stops cleanly on Ctrl+C.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../corpus/host.js';
import { call, portOf, rawRequest } from './http.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-serve-cli-'));
  writeFileSync(join(dir, 'a.plan'), '说明 "a"\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('luoshi serve', () => {
  it('prints a URL with a token, outlives malformed requests, and exits 0 on SIGINT', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'luoshi.js'), 'serve', dir, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '',
      err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    try {
      const started = Date.now();
      while (!/\?token=/.test(out) && Date.now() - started < 20_000 && child.exitCode === null)
        await new Promise((r) => setTimeout(r, 50));
      const m = /(http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{48}))\n/.exec(out);
      expect(m, `stdout: ${out}\nstderr: ${err}`).not.toBeNull();
      expect(out).toContain('open the URL above (it holds the session token)');
      const url = m![1]!,
        port = portOf(url),
        token = m![3]!;
      for (const path of ['/%ff', '/plugins/0/%ff', '/%c0%ae%c0%ae/', '/api/file?path=%ff'])
        expect((await call(port, 'GET', path)).status, path).toBeLessThan(500);
      expect((await rawRequest(port, 'GET /a b HTTP/1.1')).status).toBe(400);
      expect((await call(port, 'GET', '/api/ping')).status).toBe(401);
      const signIn = await call(port, 'GET', `/?token=${token}`);
      const cookie = signIn.headers['set-cookie']!.split(';')[0]!;
      expect(JSON.parse((await call(port, 'GET', '/api/ping', { cookie })).body)).toEqual({ ok: true });
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(err).not.toMatch(/at .*\.js:\d+/); // no stack trace
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
