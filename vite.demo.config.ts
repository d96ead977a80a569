// `npm run build:demo` → demo-dist/: the demo as a static site that works from any static file
// server, under any sub-path (relative URLs: base './'). Every demo page is an input (multi-page
// build); the bundled datasets are copied to demo-dist/data/ so the pages' `../data/…` URLs resolve.
// Vite emits no inline scripts, so demo/csp.html works under `script-src 'self'`.
import { build, defineConfig, type Plugin } from 'vite';
import { cpSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname);
const pages = Object.fromEntries(
  readdirSync(resolve(root, 'demo'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => [`demo/${f.replace(/\.html$/, '')}`, resolve(root, 'demo', f)]),
);

/** Copies data/ next to demo/ in the output, and adds an index.html that forwards to demo/. */
const copyData: Plugin = {
  name: 'rw-demo-data',
  apply: 'build',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'index.html',
      source: '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=demo/"><title>retention-widgets demo</title><a href="demo/">retention-widgets demo</a>\n',
    });
  },
  closeBundle() {
    for (const dir of ['cdnow', 'uci-online-retail']) cpSync(resolve(root, 'data', dir), resolve(root, 'demo-dist/data', dir), { recursive: true });
  },
};

/**
 * Builds the compute worker (the library's own `worker` mode) into demo-dist/worker.js, so that the
 * static demo loads and computes off the main thread like the built package does: a million
 * synthetic orders must not freeze the page.
 */
const computeWorker: Plugin = {
  name: 'rw-demo-worker',
  apply: 'build',
  async closeBundle() {
    await build({ configFile: resolve(root, 'vite.config.ts'), mode: 'worker', logLevel: 'warn', build: { outDir: resolve(root, 'demo-dist'), emptyOutDir: false } });
  },
};

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  plugins: [copyData, computeWorker],
  // The widgets' shared modules land in demo-dist/assets/: the worker is one level up.
  define: { __RW_WORKER_PATH__: JSON.stringify('../worker.js') },
  build: {
    outDir: 'demo-dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Parquet/Arrow/vega chunks are large; that is the point of a full demo, not a warning.
    chunkSizeWarningLimit: 4000,
    rollupOptions: { input: pages },
  },
});
