/**
 * Gzip sizes of what ships: the drop-in `dist/retention-widgets.js`, and the core entry
 * `dist/core.js` with every chunk it imports statically (the bytes a `retention-widgets/core` user
 * loads up front) plus, separately, the chunks it may import dynamically (e.g. the Parquet reader).
 * Gzip level 9, like `gzip -9`.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';

async function gz(path) {
  const bytes = await readFile(path);
  return { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Static and dynamic relative imports of an ES module file. */
async function importsOf(path) {
  await init;
  const [imports] = parse(await readFile(path, 'utf8'));
  const out = { static: [], dynamic: [], bare: [] };
  for (const imp of imports) {
    // es-module-lexer 3 names fields `specifier`/`type`; 1.x used `n`/`d` (d === -1: static).
    const spec = imp.specifier ?? imp.n;
    if (typeof spec !== 'string') continue;
    if (!spec.startsWith('.')) {
      out.bare.push(spec); // a package the user's bundler resolves (not part of our dist bytes)
      continue;
    }
    const isStatic = imp.type ? imp.type === 'static' : imp.d === -1;
    (isStatic ? out.static : out.dynamic).push(join(dirname(path), spec));
  }
  return out;
}

/** Files reachable from `entry` by static imports, and the dynamic-import frontier outside them. */
async function closure(entry) {
  const seen = new Set();
  const dynamic = new Set();
  const external = new Set();
  const todo = [entry];
  while (todo.length) {
    const f = todo.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    const { static: st, dynamic: dyn } = await importsOf(f);
    todo.push(...st);
    for (const d of dyn) dynamic.add(d);
    for (const b of (await importsOf(f)).bare) external.add(b);
  }
  // Everything a dynamic import pulls in that the static closure lacks.
  const lazy = new Set();
  const lazyTodo = [...dynamic];
  while (lazyTodo.length) {
    const f = lazyTodo.pop();
    if (seen.has(f) || lazy.has(f) || !existsSync(f)) continue;
    lazy.add(f);
    const { static: st, dynamic: dyn } = await importsOf(f);
    lazyTodo.push(...st, ...dyn);
  }
  return { eager: [...seen], lazy: [...lazy], external: [...external].sort() };
}

async function total(files) {
  let bytes = 0;
  let gzip = 0;
  for (const f of files) {
    const s = await gz(f);
    bytes += s.bytes;
    gzip += s.gzip;
  }
  return { files: files.map((f) => relative('.', f)).sort(), bytes, gzip };
}

/** { dropIn, core: { eager, lazy } } with bytes and gzip bytes; null entries when dist/ is missing. */
export async function bundleSizes(dist = 'dist') {
  const out = { dropIn: null, core: null };
  if (existsSync(`${dist}/retention-widgets.js`)) out.dropIn = { file: `${dist}/retention-widgets.js`, ...(await gz(`${dist}/retention-widgets.js`)) };
  if (existsSync(`${dist}/core.js`)) {
    const { eager, lazy, external } = await closure(`${dist}/core.js`);
    out.core = { eager: await total(eager), lazy: await total(lazy), external };
  }
  return out;
}
