// Server rendering (issue 18): every element of the manifest, imported from the built package
// (dist/index.js; `npx vite build` first) in Node with no DOM, renders with `@lit-labs/ssr` to a
// declarative shadow root without touching `document` or `window` (the `lang` getter and the
// source attributes used to throw "document is not defined"), and starts no load on the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { html, unsafeStatic } from 'lit/static-html.js';

const TAGS = JSON.parse(readFileSync('custom-elements.json', 'utf8')).modules
  .flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name));

test('every element renders on the server with src, source and lang, and starts no load', async () => {
  assert.equal(typeof globalThis.document, 'undefined');
  assert.equal(typeof globalThis.window, 'undefined');
  const escaped = [];
  const onRejection = (e) => escaped.push(String(e?.message ?? e));
  process.on('unhandledRejection', onRejection);
  const fetched = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (url) => {
    fetched.push(String(url));
    return Promise.reject(new Error('no fetch on the server'));
  };
  try {
    await import('retention-widgets');
    assert.ok(TAGS.length >= 8);
    for (const tag of TAGS) {
      const t = unsafeStatic(tag);
      for (const [label, markup] of [
        ['src', html`<${t} src="/orders.csv" zero-amounts="keep"></${t}>`],
        ['source + lang', html`<${t} source="shop" lang="zh-CN"></${t}>`],
        ['nothing', html`<${t}></${t}>`],
      ]) {
        const out = collectResultSync(render(markup));
        assert.match(out, new RegExp(`<${tag}[ >][^]*<template shadowroot="open" shadowrootmode="open">`), `${tag} (${label})`);
        assert.doesNotMatch(out, /zeroAmounts=|dateField=|customerField=/, `${tag} (${label}): camelCase attributes in the HTML`);
      }
    }
    await new Promise((ok) => setTimeout(ok, 100));
    assert.deepEqual(fetched, [], 'no fetch on the server');
    assert.deepEqual(escaped, []);
  } finally {
    process.off('unhandledRejection', onRejection);
    globalThis.fetch = realFetch;
  }
});
