// The generated JSX types (jsx/react.d.ts, issue 18): a TSX file using the plain tags compiles
// against them in React 19, and wrong attribute values, unknown props and read-only members are
// errors (each marked @ts-expect-error, so an unused marker fails too). Needs the built
// declarations (dist/types: `npm run build`). Preact and Solid are not installed here: their
// files are generated from the same code and checked for their module augmentation only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

test('TSX with the plain tags compiles against jsx/react.d.ts, and mistakes are errors', () => {
  const dir = mkdtempSync(path.join('test', 'types', 'jsx', 'tmp-'));
  try {
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, jsx: 'react-jsx', module: 'esnext', moduleResolution: 'bundler', target: 'es2022', lib: ['es2022', 'dom', 'dom.iterable'], skipLibCheck: true, types: [] },
      files: ['../react-tags.tsx'],
    }));
    let output = '';
    try {
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', dir], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      output = `${e.stdout}${e.stderr}`;
    }
    assert.equal(output, '', `tsc reported:\n${output}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Preact and Solid files augment their own JSX namespace with every tag', () => {
  const tags = JSON.parse(readFileSync('custom-elements.json', 'utf8')).modules
    .flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name));
  for (const [file, module] of [['jsx/preact.d.ts', 'preact'], ['jsx/solid.d.ts', 'solid-js'], ['jsx/react.d.ts', 'react']]) {
    const text = readFileSync(file, 'utf8');
    assert.match(text, new RegExp(`declare module '${module}' \\{\\n  namespace JSX \\{\\n    interface IntrinsicElements \\{`), file);
    for (const tag of tags) assert.ok(text.includes(`'${tag}': `), `${file} lacks ${tag}`);
  }
});
