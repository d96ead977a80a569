#!/usr/bin/env node
/**
 * Generates `custom-elements.json` (https://github.com/webcomponents/custom-elements-manifest)
 * from the JSDoc of the elements: every `src/widgets/<name>/index.ts` that calls `defineElement`,
 * its component module and the shared base class; then, from that manifest, the React wrappers
 * `src/react/<name>.ts` and `src/react/index.ts` and the lists that name every element
 * (element-lists.mjs: `src/index.ts`, the tag-map type test, the hostile test page). All are
 * committed; `test/node/manifest.test.mjs` fails when any is stale.
 *
 *   node scripts/manifest/generate.mjs            → writes ./custom-elements.json and ./src/react/*.ts
 *   node scripts/manifest/generate.mjs --out DIR  → writes DIR/custom-elements.json and DIR/src/react/*.ts
 *
 * Uses the analyzer's programmatic API with the TypeScript it bundles (`ts` from the analyzer
 * package): the project's TypeScript 7 is a native compiler without the JS compiler API. The CLI
 * is not used because it rewrites package.json's `customElements` field on every run.
 */
import { readFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, ts } from '@custom-elements-manifest/analyzer';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';
import { globSync } from './glob.mjs';
import { litStaticPropertiesPlugin } from './lit-static-properties-plugin.mjs';
import { generateReactSources } from './react.mjs';
import { generateElementLists } from './element-lists.mjs';
import { generateEditorData } from './editor-data.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Modules outside the widget folders that declare shared properties, the base class and tag constants. */
const BASE_CLASS_MODULES = ['src/widgets/shared/source-element.ts', 'src/widgets/shared/analysis-element.ts'];
const SHARED_MODULES = [
  ...BASE_CLASS_MODULES,
  'src/widgets/shared/source-attributes.ts',
  'src/widgets/shared/linked-source.ts',
  'src/widgets/shared/events.ts',
];

/**
 * The element folders: every `src/widgets/<name>/index.ts` that registers an element with
 * `defineElement(…)` (the `shared` folder has an index too, but defines nothing).
 */
export function elementIndexFiles(root = ROOT) {
  return globSync(root, 'src/widgets/*/index.ts').filter((f) => /^\s*defineElement\(/m.test(readFileSync(path.join(root, f), 'utf8')));
}

/** The files analysed, relative to the root, sorted (the manifest must not depend on directory order). */
export function manifestSources(root = ROOT) {
  const widgetDirs = elementIndexFiles(root).map((f) => path.posix.dirname(f));
  const components = widgetDirs.flatMap((dir) => globSync(root, `${dir}/*.component.ts`));
  return [...new Set([...SHARED_MODULES, ...widgetDirs.map((d) => `${d}/index.ts`), ...components])].sort();
}

/** `export const NAME: T = 'value'` of the core modules (where defaults live), by name. */
function namedStringConstants(root) {
  const out = new Map();
  for (const file of globSync(root, 'src/core/*.ts')) {
    for (const m of readFileSync(path.join(root, file), 'utf8').matchAll(/^export const (\w+)(?::[^=]+)? = '([^']*)';/gm)) out.set(m[1], m[2]);
  }
  return out;
}

/** The manifest as a JSON string (2-space indent, trailing newline: the committed format). */
export function generateManifest(root = ROOT) {
  const modules = manifestSources(root).map((file) => ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.ES2022, true));
  const manifest = create({ modules, plugins: [...litPlugin(), litStaticPropertiesPlugin({ root })], context: { dev: false } });
  // Local helpers the analyzer keeps (it keeps variables named in a default value) are not API.
  for (const m of manifest.modules) {
    const exported = new Set((m.exports ?? []).map((e) => e.declaration?.name ?? e.name));
    m.declarations = (m.declarations ?? []).filter((d) => exported.has(d.name));
    // Private members are no one's API (protected ones stay: they are the base class's contract).
    for (const d of m.declarations) if (d.members) d.members = d.members.filter((x) => x.privacy !== 'private' && !x.name.startsWith('#'));
  }
  // A default written as a named constant (`this.period = DEFAULT_PERIOD`) is shown as its value.
  const constants = namedStringConstants(root);
  for (const m of manifest.modules) {
    for (const d of m.declarations ?? []) {
      for (const x of [...(d.members ?? []), ...(d.attributes ?? [])]) if (constants.has(x.default)) x.default = `'${constants.get(x.default)}'`;
    }
  }
  // The shared helpers are read for their property objects, constants and types; of them only the
  // base classes (named by the elements' `inheritedFrom`) are documented.
  manifest.modules = manifest.modules.filter((m) => BASE_CLASS_MODULES.includes(m.path) || !SHARED_MODULES.includes(m.path));
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const outDir = i > 0 ? path.resolve(process.argv[i + 1]) : ROOT;
  const manifest = generateManifest();
  const parsed = JSON.parse(manifest);
  const files = new Map([['custom-elements.json', manifest], ...generateReactSources(parsed), ...generateElementLists(parsed, ROOT), ...generateEditorData(parsed, JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')))]);
  // A wrapper whose element is gone must go too (only when writing into the repository itself).
  if (outDir === ROOT) {
    for (const f of globSync(ROOT, 'src/react/*.ts')) if (!files.has(f)) rmSync(path.join(ROOT, f));
  }
  for (const [name, text] of files) {
    const file = path.join(outDir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
