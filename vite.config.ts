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
    proxy: { '/api': 'http://127.0.0.1:4318', '/plugins': 'http://127.0.0.1:4318' },
  },
});
