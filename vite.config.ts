// The workbench (src/workbench) as a static app in dist/workbench, served by `luoshi serve`.
// `npm run build:workbench` builds it; `npx vite` serves it for development (with /api proxied to a
// running `luoshi serve --port 4318`).
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { monacoTrim } from './scripts/monaco-trim.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** Every text asset (and the icon font) also as NAME.br and NAME.gz, at the best ratio, once at build time:
 * `luoshi serve` (sirv) sends the one the browser accepts (src/harness/serve/static.ts). */
function precompress(): Plugin {
  const br = promisify(brotliCompress), gz = promisify(gzip);
  let outDir = '';
  return {
    name: 'luoshi-precompress',
    apply: 'build',
    configResolved(c) { outDir = c.build.outDir; },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).map((f) => join(outDir, f)).filter((f) => /\.(js|mjs|css|html|svg|json|ttf|wasm)$/.test(f));
      await Promise.all(files.map(async (f) => {
        if ((await stat(f)).size < 1024) return;
        const bytes = await readFile(f);
        await writeFile(`${f}.br`, await br(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
        await writeFile(`${f}.gz`, await gz(bytes, { level: 9 }));
      }));
    },
  };
}

export default defineConfig({
  root: here('./src/workbench'),
  base: './',
  publicDir: false,
  build: {
    outDir: here('./dist/workbench'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
  },
  worker: { format: 'es' },
  plugins: [monacoTrim(), precompress()],
  server: {
    port: 5173,
    fs: { allow: [here('.')] },
    // The server answers only its own Host and Origin: the proxy presents the page's requests as its own.
    // The session cookie is the one the browser got by opening the URL `luoshi serve` printed (a cookie
    // is not tied to a port, so 127.0.0.1:5173 sends it too).
    proxy: Object.fromEntries(['/api', '/plugins'].map((p) => [p, {
      target: 'http://127.0.0.1:4318', changeOrigin: true,
      configure: (proxy: { on(event: 'proxyReq', f: (out: { setHeader(name: string, value: string): void }, req: { headers: Record<string, unknown> }) => void): void }) => {
        // Only this dev server's own page becomes the server's origin; any other keeps its own, and is refused.
        proxy.on('proxyReq', (out, req) => { if (req.headers.origin === 'http://127.0.0.1:5173' || req.headers.origin === 'http://localhost:5173') out.setHeader('origin', 'http://127.0.0.1:4318'); });
      },
    }])),
  },
});
