// Builds demo-dist/ (the static demo site) when it is missing or older than its sources, so the e2e
// tests always drive the current demo. `npm run build:demo` runs the same Vite build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['demo', 'src', 'vite.demo.config.ts', 'package.json'];

function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Runs `vite build -c vite.demo.config.ts` unless demo-dist/demo/index.html is newer than every source. */
export function ensureDemoBuilt() {
  const marker = 'demo-dist/demo/index.html';
  if (existsSync(marker) && statSync(marker).mtimeMs > Math.max(...SOURCES.map(newestMtime))) return false;
  const run = spawnSync('npx', ['vite', 'build', '-c', 'vite.demo.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`vite build of the demo failed (exit ${run.status})`);
  return true;
}
