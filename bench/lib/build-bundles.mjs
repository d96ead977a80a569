/**
 * esbuild bundles for the benchmark pages, written to bench/.build/ (gitignored). Our engine bundles
 * src/core from source, so the numbers are of the code in the working tree, not of a stale dist/.
 */
import { build } from 'esbuild';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Bundles one ES module entry for the browser, with extra `define`s; returns the output path. */
export async function bundle(entry, outfile, { minify = false, define = {} } = {}) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    sourcemap: false,
    logLevel: 'warning',
    absWorkingDir: ROOT,
    define: { 'process.env.NODE_ENV': '"production"', ...define },
  });
  return outfile;
}

/** Engine bundles: bench/.build/engine-<name>.js for each engine name. */
export async function buildEngines(names) {
  for (const name of names) await bundle(`bench/engines/${name}.mjs`, `bench/.build/engine-${name}.js`);
}
