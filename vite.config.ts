// The workbench (src/workbench) as a static app in dist/workbench, served by `luoshi serve`.
// `npm run build:workbench` builds it; `npx vite` serves it for development (with /api proxied to a
// running `luoshi serve --port 4318`).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

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
