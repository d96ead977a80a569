// Two builds from one config:
//   `vite build`                 → dist/ ES modules per entry; dependencies stay external (npm users
//                                   dedupe lit, vega, arrow and zod with their own app).
//   `vite build --mode dropin`   → dist/retention-widgets.js, one self-contained minified file for a
//                                   plain <script type="module"> with no build step.
// `vite` (dev server) serves demo/ on the bundled sample data.
import { defineConfig, type Plugin } from 'vite';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};
const deps = Object.keys(pkg.dependencies);
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

export default defineConfig(({ mode }) => {
  if (mode === 'dropin') {
    return {
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        sourcemap: false,
        lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'retention-widgets.js' },
        rollupOptions: { output: { codeSplitting: false } },
      },
    };
  }
  return {
    publicDir: false,
    plugins: [demoServer],
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
