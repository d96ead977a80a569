// Two builds from one config:
//   `vite build`                 → dist/ ES modules per entry; dependencies stay external (npm users
//                                   dedupe lit, vega, arrow and zod with their own app).
//   `vite build --mode dropin`   → dist/retention-widgets.js, one self-contained minified file for a
//                                   plain <script type="module"> with no build step.
//   `vite build --mode worker`   → dist/worker.js, the self-contained compute worker.
//   `vite build --mode react`    → dist/react/<name>.js + index.js, the React wrappers, one module per
//                                   element importing ../widgets/<name>/index.js (which registers it).
// `vite` (dev server) serves demo/ on the bundled sample data.
import { defineConfig, type Plugin } from 'vite';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
// Peer dependencies (react) are the app's own: never bundled.
const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
const isExternal = (id: string): boolean => deps.some((d) => id === d || id.startsWith(`${d}/`));

/** Every folder of src/widgets with an index.ts (but shared/) is one element and one entry. */
const widgetEntries = Object.fromEntries(
  readdirSync('src/widgets', { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'shared' && existsSync(`src/widgets/${d.name}/index.ts`))
    .map((d) => [`widgets/${d.name}/index`, `src/widgets/${d.name}/index.ts`]),
);

export const libraryEntries = {
  index: 'src/index.ts',
  core: 'src/core/index.ts',
  cli: 'src/cli/main.ts',
  ...widgetEntries,
};

/** Dev server: `/` opens the demo; the CSP demo page gets the strict policy the widgets promise to work under. */
const demoServer: Plugin = {
  name: 'rw-demo-server',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      if (req.url === '/' || req.url === '/index.html') {
        res.statusCode = 302;
        res.setHeader('location', '/demo/');
        res.end();
        return;
      }
      if (req.url?.startsWith('/demo/csp.html')) res.setHeader('content-security-policy', "default-src 'self'; script-src 'self'; connect-src 'self' ws:");
      next();
    });
  },
};

/** src/react/<name>.ts → react/<name>: the generated React wrappers (scripts/manifest/generate.mjs). */
const reactEntries = Object.fromEntries(
  readdirSync('src/react')
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [`react/${f.slice(0, -3)}`, `src/react/${f}`]),
);

/**
 * In the React build, `../widgets/<name>/index.js` stays an import of the main build's entry (the
 * module that registers the element), so the wrappers add no copy of a widget. `enforce: 'pre'`:
 * before Vite's resolver turns the path into a file to bundle.
 */
const widgetsFromMainBuild: Plugin = {
  name: 'rw-react-widgets-external',
  enforce: 'pre',
  resolveId(source, importer) {
    return importer?.includes('/src/react/') && source.startsWith('../widgets/') ? { id: source, external: true } : null;
  },
};

/**
 * The bundler's namespace helper copies a module's exports with `for (name in exports)`, which
 * also walks enumerable properties a host page added to Object.prototype and then throws ("Getter
 * must be a function") before any of our code runs. Our own loops avoid `for…in`; this rewrites the
 * helper to `Object.keys`, in the self-contained files that run on other people's pages.
 */
const ownKeysOnlyExportHelper: Plugin = {
  name: 'rw-own-keys-export-helper',
  renderChunk(code) {
    const helper = /for\s*\(\s*var (\w+) in (\w+)\s*\)(\s*\{?\s*\w+\(\s*\w+\s*,\s*\1\s*,\s*\{\s*get:\s*\2\[\1\])/g;
    // The same mistake in dependencies: walking keys with for…in to read own property descriptors
    // (zod's object helpers); an inherited key has no own descriptor and the code throws.
    const ownDescriptor = /for\s*\(\s*(let|var|const) (\w+) in (\w+)\s*\)\s*\{\s*(let|var|const) (\w+)\s*=\s*Object\.getOwnPropertyDescriptor\(\s*\3\s*,\s*\2\s*\)/g;
    const fixed = code
      .replace(helper, 'for (var $1 of Object.keys($2))$3')
      .replace(ownDescriptor, 'for ($1 $2 of Object.keys($3)) { $4 $5 = Object.getOwnPropertyDescriptor($3, $2)');
    return fixed === code ? null : { code: fixed, map: null };
  },
};

export default defineConfig(({ mode, command }) => {
  if (mode === 'react') {
    return {
      publicDir: false,
      plugins: [widgetsFromMainBuild],
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        minify: false,
        sourcemap: true,
        lib: { entry: reactEntries, formats: ['es'], fileName: (_format, name) => `${name}.js` },
        // One output file per wrapper and an index that only re-exports them: with dist/react/* not in
        // `sideEffects`, an app importing one wrapper bundles one widget.
        rollupOptions: { external: isExternal, output: { preserveModules: true, preserveModulesRoot: 'src' } },
      },
    };
  }
  if (mode === 'worker') {
    // dist/worker.js: the compute worker, self-contained (a worker cannot resolve bare imports), so
    // it runs next to dist/index.js and next to the drop-in file alike. Same-origin script file, no
    // blob: URL, so `script-src 'self'` (or `worker-src 'self'`) is all a CSP needs.
    return {
      plugins: [ownKeysOnlyExportHelper],
      publicDir: false,
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        sourcemap: false,
        lib: { entry: 'src/worker/worker.ts', formats: ['es'], fileName: () => 'worker.js' },
        rollupOptions: { output: { codeSplitting: false, minify: true } },
      },
    };
  }
  if (mode === 'dropin') {
    return {
      plugins: [ownKeysOnlyExportHelper],
      // The compute worker sits next to the drop-in file (src/worker/client.ts).
      define: { __RW_WORKER_PATH__: JSON.stringify('./worker.js') },
      // Bytes the single file does not need (each stand-in's comment says why and what it costs):
      // only the Vega transforms that compiled Vega-Lite specs use, no map code (geo expressions,
      // TopoJSON), and no Arrow IPC / Parquet / xlsx readers (the worker parses those formats). zod comes as zod/mini (src/data/zod.ts), tree-shaken as is.
      resolve: {
        alias: [
          { find: /^vega$/, replacement: fileURLToPath(new URL('./src/dropin/vega-slim.ts', import.meta.url)) },
          { find: /^(d3-geo|topojson-client)$/, replacement: fileURLToPath(new URL('./src/dropin/geo-unavailable.ts', import.meta.url)) },
          {
            find: /^(apache-arrow|hyparquet|hyparquet-compressors|fflate)$/,
            replacement: fileURLToPath(new URL('./src/dropin/readers-in-worker.ts', import.meta.url)),
          },
        ],
      },
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        sourcemap: false,
        lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'retention-widgets.js' },
        rollupOptions: { output: { codeSplitting: false, minify: true } },
      },
    };
  }
  return {
    publicDir: false,
    plugins: [demoServer],
    // The library's shared modules land in dist/chunks/: the compute worker is one level up. Only
    // for the build: the dev server serves sources and has no built worker (analyses in-thread).
    define: command === 'build' ? { __RW_WORKER_PATH__: JSON.stringify('../worker.js') } : {},
    server: { host: '127.0.0.1', port: 5173 },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      sourcemap: true,
      lib: { entry: libraryEntries, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rollupOptions: {
        external: isExternal,
        output: {
          preserveModules: false,
          chunkFileNames: 'chunks/[name]-[hash].js',
          // dist/cli.js is the package `bin`: runnable as an executable.
          banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
        },
      },
    },
  };
});
