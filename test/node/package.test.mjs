// What `npm publish` would ship, and whether package.json describes it: `npm pack --dry-run`
// lists only the build, README, LICENSE, CHANGELOG and the manifest; every `exports` target
// exists after the build (run `npm run build` first; `npm test` does); the fields bundlers and
// tools read are present.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// jsx/*.d.ts and the two editor files are generated from the manifest (scripts/manifest/editor-data.mjs).
const ALLOWED = [/^dist\//, /^README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/, /^custom-elements\.json$/, /^package\.json$/, /^jsx\/(react|preact|solid)\.d\.ts$/, /^vscode\.html-custom-data\.json$/, /^web-types\.json$/];
const REQUIRED = ['README.md', 'LICENSE', 'CHANGELOG.md', 'custom-elements.json', 'package.json', 'jsx/react.d.ts', 'vscode.html-custom-data.json', 'web-types.json', 'dist/index.js', 'dist/retention-widgets.js', 'dist/types/index.d.ts'];

/** Every file path an `exports` value names (conditions and subpaths flattened). */
function exportTargets(value) {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

test('npm pack --dry-run lists only dist, README, LICENSE, CHANGELOG, the manifest, its JSX types and editor data, and package.json', () => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const [packed] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  const files = packed.files.map((f) => f.path).sort();
  const stray = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
  assert.deepEqual(stray, [], 'files outside the allowed list');
  for (const f of REQUIRED) assert.ok(files.includes(f), `${f} is packed (build first: npm run build)`);
  // The build ships no test or demo code and no source TypeScript (only .d.ts).
  assert.deepEqual(files.filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f)), []);
});

test('package.json has the fields bundlers, type checkers and element tools read', () => {
  for (const field of ['name', 'version', 'license', 'type', 'sideEffects', 'types', 'exports', 'files', 'engines', 'customElements']) {
    assert.ok(pkg[field] !== undefined, `package.json has "${field}"`);
  }
  assert.equal(pkg.type, 'module');
  assert.match(pkg.version, /^\d+\.\d+\.\d+(-[\w.]+)?$/, 'semantic version');
  assert.ok(Array.isArray(pkg.sideEffects) && pkg.sideEffects.length > 0, 'sideEffects lists the registering modules (not false: that would drop the element definitions)');
  assert.ok(pkg.engines.node, 'engines.node');
  for (const f of ['dist', 'README.md', 'LICENSE', 'CHANGELOG.md', 'custom-elements.json']) assert.ok(pkg.files.includes(f), `files includes ${f}`);
  // React wrappers: React is the app's own (optional peer); @lit/react is what the wrappers import.
  assert.ok(pkg.exports['./react'], 'exports "./react"');
  assert.ok(pkg.peerDependencies?.react, 'react is a peer dependency');
  assert.equal(pkg.peerDependenciesMeta?.react?.optional, true, 'react is an optional peer (only retention-widgets/react needs it)');
  assert.ok(pkg.dependencies['@lit/react'], '@lit/react is a dependency');
  assert.equal(pkg.dependencies.react, undefined, 'react is not a dependency (two Reacts break hooks)');
});

/** Whether a target exists; a subpath pattern (`./dist/react/*.js`) must match at least one file. */
function targetExists(target) {
  if (!target.includes('*')) return existsSync(target);
  const [before, after] = target.split('*');
  const dir = before.endsWith('/') ? before : path.dirname(before);
  const stem = before.endsWith('/') ? '' : path.basename(before);
  // The `*` may stand for a file name part (`./dist/react/*.js`) or a folder (`./dist/widgets/*/index.js`).
  return existsSync(dir) && readdirSync(dir).some((f) => {
    const rest = f.slice(stem.length);
    return f.startsWith(stem) && [rest, rest.endsWith(after) ? rest.slice(0, -after.length) : ''].some((m) => m && existsSync(before + m + after));
  });
}

test('every element folder is importable as retention-widgets/<folder> through the "./*" export', () => {
  const folders = readdirSync('src/widgets', { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(`src/widgets/${d.name}/index.ts`) && d.name !== 'shared').map((d) => d.name);
  assert.ok(folders.length >= 2);
  const star = pkg.exports['./*'];
  for (const f of folders) {
    assert.ok(existsSync(star.import.replace('*', f)), `${f}: ${star.import.replace('*', f)} (build first)`);
    assert.ok(existsSync(star.types.replace('*', f)), `${f}: ${star.types.replace('*', f)}`);
  }
});

test('every exports target and types entry exists after the build', () => {
  const targets = [...new Set([...exportTargets(pkg.exports), pkg.main, pkg.types].filter(Boolean))];
  assert.ok(targets.length > 4);
  const missing = targets.filter((t) => !targetExists(t));
  assert.deepEqual(missing, [], 'exports targets missing (build first: npm run build)');
  // Each subpath with an import condition also declares its types, listed first (TypeScript picks the first match).
  for (const [subpath, value] of Object.entries(pkg.exports)) {
    if (typeof value !== 'object') continue;
    assert.equal(Object.keys(value)[0], 'types', `exports["${subpath}"] lists "types" first`);
  }
});

test('the React entry: one module per element importing its registering widget entry, React external', () => {
  const entry = pkg.exports['./react'];
  const index = readFileSync(typeof entry === 'string' ? entry : entry.import, 'utf8');
  const wrappers = [...index.matchAll(/from ['"]\.\/([\w-]+)\.js['"]/g)].map((m) => m[1]);
  assert.ok(wrappers.length >= 2, 'index re-exports the per-element modules');
  // Only re-exports: an app importing one wrapper must not pull in every widget.
  assert.doesNotMatch(index.replace(/\/\*[\s\S]*?\*\//g, ''), /createComponent|from ['"](?!\.\/)/);
  for (const name of wrappers) {
    const code = readFileSync(`dist/react/${name}.js`, 'utf8');
    assert.match(code, /from ['"]react['"]/, `${name}: imports react (external)`);
    assert.match(code, /from ['"]@lit\/react['"]/, `${name}: imports @lit/react (external)`);
    assert.match(code, new RegExp(`from ['"]\\.\\./widgets/${name}/index\\.js['"]`), `${name}: imports the entry that registers the element`);
    assert.ok(existsSync(`dist/widgets/${name}/index.js`), `dist/widgets/${name}/index.js`);
    assert.ok(existsSync(`dist/types/react/${name}.d.ts`), `dist/types/react/${name}.d.ts`);
    assert.doesNotMatch(code, /__SECRET_INTERNALS|ReactCurrentOwner|react-dom/, `${name}: bundles no React`);
  }
  // sideEffects must not cover the wrappers (so unused ones are dropped) but must cover what they import.
  assert.ok(!pkg.sideEffects.some((g) => /react/.test(g)), 'dist/react/* is side-effect free');
  assert.ok(pkg.sideEffects.includes('./dist/widgets/*/index.js'));
});
