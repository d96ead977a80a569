// custom-elements.json and the React wrappers generated from it (src/react/index.ts) are committed;
// this test regenerates both into a temp dir and fails when the committed files are stale, then
// checks the manifest against the sources it claims to describe: every element registered by a
// `src/widgets/<name>/index.ts` is there with its tag, attributes (name, type, description),
// events with detail types, CSS parts and custom properties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const read = (file) => readFileSync(file, 'utf8');
const manifest = JSON.parse(read('custom-elements.json'));
const classes = new Map(manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.kind === 'class').map((d) => [d.name, { ...d, module: m.path }])));
const definitions = manifest.modules.flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => ({ ...e, index: m.path })));

/** String constants of the shared modules (a tag may be passed by name, e.g. ORDERS_SOURCE_TAG). */
const constants = new Map(
  readdirSync('src/widgets/shared')
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...read(`src/widgets/shared/${f}`).matchAll(/export const (\w+) = '([^']+)'/g)].map((m) => [m[1], m[2]])),
);

/** Read straight from the sources, independently of the analyzer: tag, class and component file per index.ts. */
const sourceElements = readdirSync('src/widgets', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const index = `src/widgets/${d.name}/index.ts`;
    let text;
    try {
      text = read(index);
    } catch {
      return [];
    }
    return [...text.matchAll(/^\s*defineElement\(\s*(?:'([^']+)'|(\w+))\s*,\s*(\w+)\s*\)/gm)].map((m) => {
      const className = m[3];
      const importFrom = new RegExp(`import \\{[^}]*\\b${className}\\b[^}]*\\} from '(\\./[^']+)'`).exec(text)?.[1];
      return { tag: m[1] ?? constants.get(m[2]), className, index, component: path.posix.join(`src/widgets/${d.name}`, importFrom.replace(/\.js$/, '.ts')) };
    });
  });

/** The JSDoc block right above `export class <Name>`. */
function classDoc(source, className) {
  const at = source.indexOf(`export class ${className} `);
  const start = source.lastIndexOf('/**', at);
  return source.slice(start, source.indexOf('*/', start));
}
const tagsOf = (doc, tag) => [...doc.matchAll(new RegExp(`@${tag}\\s+(?:\\{[^}]*\\}\\s+)?([\\w-]+)`, 'g'))].map((m) => m[1]);

test('the committed custom-elements.json, src/react/*.ts and the lists naming every element are what the generator writes now', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'rw-manifest-'));
  const fix = 'run `npm run manifest` (node scripts/manifest/generate.mjs) and commit the result';
  try {
    execFileSync(process.execPath, ['scripts/manifest/generate.mjs', '--out', out], { encoding: 'utf8' });
    const react = (dir) => readdirSync(path.join(dir, 'src/react')).sort();
    assert.deepEqual(react('.'), react(out), `src/react/ holds exactly the generated wrappers: ${fix}`);
    const lists = ['src/index.ts', 'test/types/element-tags.typecheck.ts', 'test/pages/hostile.html', 'jsx/react.d.ts', 'jsx/preact.d.ts', 'jsx/solid.d.ts', 'vscode.html-custom-data.json', 'web-types.json'];
    for (const file of ['custom-elements.json', ...react(out).map((f) => `src/react/${f}`), ...lists]) {
      assert.ok(read(path.join(out, file)) === read(file), `${file} is stale: ${fix}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('package.json points tools at the manifest', () => {
  assert.equal(JSON.parse(read('package.json')).customElements, 'custom-elements.json');
  assert.equal(manifest.schemaVersion, '1.0.0');
});

test('package.json ships the editor data and JSX types, and points editors at them', () => {
  const pkg = JSON.parse(read('package.json'));
  for (const file of ['jsx', 'vscode.html-custom-data.json', 'web-types.json']) assert.ok(pkg.files.includes(file), `files lists ${file}`);
  assert.equal(pkg['web-types'], './web-types.json');
  for (const framework of ['react', 'preact', 'solid']) assert.equal(pkg.exports[`./jsx/${framework}`]?.types, `./jsx/${framework}.d.ts`, framework);
  assert.equal(pkg.exports['./vscode.html-custom-data.json'], './vscode.html-custom-data.json');
  assert.equal(pkg.exports['./web-types.json'], './web-types.json');
  // Every element and attribute of the manifest is offered to editors.
  const vscode = JSON.parse(read('vscode.html-custom-data.json'));
  const webTypes = JSON.parse(read('web-types.json'));
  for (const d of definitions) {
    const attrs = (classes.get(d.declaration.name).attributes ?? []).map((a) => a.name).sort();
    assert.deepEqual(vscode.tags.find((t) => t.name === d.name)?.attributes.map((a) => a.name).sort(), attrs, d.name);
    assert.deepEqual(webTypes.contributions.html.elements.find((t) => t.name === d.name)?.attributes.map((a) => a.name).sort(), attrs, d.name);
  }
});

test("every React wrapper source starts with 'use client' (a Server Component can import it)", () => {
  for (const f of readdirSync('src/react')) assert.match(read(`src/react/${f}`), /^'use client';\n/, f);
});

test('every element registered in src/widgets/*/index.ts is in the manifest with its tag name', () => {
  assert.ok(sourceElements.length >= 2, 'found the elements');
  assert.deepEqual(definitions.map((d) => d.name).sort(), sourceElements.map((e) => e.tag).sort());
  for (const el of sourceElements) {
    const def = definitions.find((d) => d.name === el.tag);
    assert.equal(def.declaration.name, el.className, el.tag);
    assert.equal(def.declaration.module, el.component, el.tag);
    const klass = classes.get(el.className);
    assert.ok(klass, `${el.className} declared`);
    assert.equal(klass.tagName, el.tag);
    assert.equal(klass.customElement, true);
    assert.equal(klass.module, el.component);
    assert.ok(klass.summary?.length > 20, `${el.tag} has a @summary`);
  }
});

test("every @attr of an element's JSDoc and every attribute its static properties declare is listed, typed and described", () => {
  for (const el of sourceElements) {
    const source = read(el.component);
    const klass = classes.get(el.className);
    const names = (klass.attributes ?? []).map((a) => a.name);
    assert.equal(new Set(names).size, names.length, `${el.tag}: no duplicate attributes`);
    for (const attr of tagsOf(classDoc(source, el.className), 'attr')) assert.ok(names.includes(attr), `${el.tag}: @attr ${attr} missing`);
    // Literal entries of `static properties` (spreads are checked below): camelCase name → attribute.
    const block = /static override properties = \{([\s\S]*?)\n {2}\};/.exec(source)?.[1] ?? '';
    for (const m of block.matchAll(/^\s{4}(\w+): \{([^}]*)\}/gm)) {
      if (/attribute: false/.test(m[2])) continue;
      const attr = /attribute: '([^']+)'/.exec(m[2])?.[1] ?? m[1];
      const entry = klass.attributes.find((a) => a.name === attr);
      assert.ok(entry, `${el.tag}: attribute ${attr} (property ${m[1]}) missing`);
      assert.equal(entry.fieldName, m[1], `${el.tag}: ${attr} maps to ${m[1]}`);
    }
    // The spread source attributes: every element takes them (rw-orders all but `source`).
    const shared = ['src', 'customer-field', 'date-field', 'amount-field', 'order-field', 'product-field', 'category-field', 'time-zone', 'returns', 'zero-amounts', 'duplicates', 'lang'];
    for (const attr of [...shared, ...(el.tag === 'rw-orders' ? [] : ['source', 'currency'])]) assert.ok(names.includes(attr), `${el.tag}: ${attr} missing`);
    for (const a of klass.attributes) {
      if (a.name === 'id') continue; // HTMLElement's own, documented for rw-orders' role only
      assert.ok(a.type?.text, `${el.tag}: ${a.name} has a type`);
      assert.ok(a.description, `${el.tag}: ${a.name} has a description`);
      assert.ok(a.fieldName, `${el.tag}: ${a.name} names its property`);
    }
    // Named string unions are spelled out, so tools can offer the allowed values.
    for (const a of klass.attributes.filter((x) => x.type)) assert.doesNotMatch(a.type.text, /^[A-Z]\w*$|\['/, `${el.tag}: ${a.name} type ${a.type.text}`);
  }
  const cohort = classes.get('RwCohortRetention').attributes;
  assert.deepEqual(cohort.find((a) => a.name === 'period'), {
    ...cohort.find((a) => a.name === 'period'),
    fieldName: 'period',
    type: { text: "'month' | 'week' | 'day'" },
    default: "'month'",
  });
  assert.deepEqual(cohort.find((a) => a.name === 'time-zone').type, { text: 'string | undefined' });
});

test('events with their detail types, CSS parts and CSS custom properties match the JSDoc', () => {
  for (const el of sourceElements) {
    const doc = classDoc(read(el.component), el.className);
    const klass = classes.get(el.className);
    const events = new Map((klass.events ?? []).map((e) => [e.name, e]));
    for (const name of tagsOf(doc, 'fires')) assert.ok(events.has(name), `${el.tag}: event ${name}`);
    assert.equal(events.get('rw-load')?.type.text, 'CustomEvent<RwLoadDetail>', `${el.tag} rw-load`);
    assert.equal(events.get('rw-error')?.type.text, 'CustomEvent<RwErrorDetail>', `${el.tag} rw-error`);
    if (el.tag !== 'rw-orders') {
      const select = events.get('rw-select');
      assert.match(select?.type.text ?? '', /^CustomEvent<\w+SelectDetail>$/, `${el.tag} rw-select`);
      const detail = /CustomEvent<(\w+)>/.exec(select.type.text)[1];
      assert.match(read(el.index), new RegExp(`\\b${detail}\\b`), `${el.tag}: ${detail} is exported from its index.ts`);
    }
    for (const e of events.values()) assert.ok(e.description, `${el.tag}: ${e.name} described`);
    assert.deepEqual((klass.cssParts ?? []).map((p) => p.name), tagsOf(doc, 'csspart'), `${el.tag} parts`);
    assert.deepEqual((klass.cssProperties ?? []).map((p) => p.name), tagsOf(doc, 'cssproperty'), `${el.tag} css properties`);
    assert.ok(klass.cssParts.length > 0 && klass.cssProperties.length > 0, el.tag);
  }
});

test('every tag is declared in HTMLElementTagNameMap by its component module', () => {
  for (const el of sourceElements) {
    const source = read(el.component);
    const map = /interface HTMLElementTagNameMap \{([^}]*)\}/.exec(source)?.[1] ?? '';
    assert.match(map, new RegExp(`'${el.tag}': ${el.className};`), `${el.component} declares '${el.tag}' in HTMLElementTagNameMap`);
  }
});

test('src/react/<name>.ts wraps every element with its events as on… callbacks; index.ts re-exports them', () => {
  const index = read('src/react/index.ts');
  for (const el of sourceElements) {
    const name = el.index.split('/').at(-2);
    assert.match(index, new RegExp(`^export \\* from './${name}.js';$`, 'm'), `index.ts re-exports ${name}`);
    const react = read(`src/react/${name}.ts`);
    assert.match(react, new RegExp(`from '../widgets/${name}/index.js'`), `${name}.ts imports the registering module`);
    const block = new RegExp(`export const ${el.className} = /\\*#__PURE__\\*/ createComponent\\(\\{([\\s\\S]*?)\\n\\}\\)(?: as [^;]+)?;`).exec(react)?.[1];
    assert.ok(block, `${el.tag} wrapper`);
    assert.match(block, new RegExp(`tagName: '${el.tag}'`));
    for (const e of classes.get(el.className).events) {
      const callback = `on${e.name.replace(/(^|-)(\w)/g, (_m, _d, c) => c.toUpperCase())}`;
      assert.match(block, new RegExp(`${callback}: '${e.name}' as EventName<`), `${el.tag}: ${callback}`);
    }
  }
});
