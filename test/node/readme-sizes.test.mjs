// README.md quotes the drop-in's and the worker's gzip sizes from the build (issue 18): each quote
// is a `<!-- size:FILE -->` marker written by scripts/readme-sizes.mjs. Needs the build
// (`npm run build`). A quote more than 10 % off the built file fails, so merges that grow the
// bundle refresh the README (node scripts/readme-sizes.mjs) instead of letting it drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipKb, withBuildSizes } from '../../scripts/readme-sizes.mjs';

test('the README quotes both built files through size markers, within 10 % of the build', () => {
  const readme = readFileSync('README.md', 'utf8');
  const { changed, markers } = withBuildSizes(readme);
  assert.ok(readme.includes('<!-- size:dist/retention-widgets.js -->'), 'drop-in size marker');
  assert.ok(readme.includes('<!-- size:dist/worker.js -->'), 'worker size marker');
  assert.ok(markers >= 2);
  const stale = changed.filter((c) => Math.abs(c.kb - c.quoted) > c.kb * 0.1);
  assert.deepEqual(stale, [], 'run node scripts/readme-sizes.mjs after the build');
  // Sizes typed by hand next to a file name, outside a marker, would drift again.
  assert.doesNotMatch(readme.replace(/<!-- size:[^>]+-->[^<]*<!-- \/size -->/g, ''), /~\d+ KB gzip/);
});

test('gzipKb measures the file (rounded to 5 KB)', () => {
  const kb = gzipKb('dist/retention-widgets.js');
  assert.equal(kb % 5, 0);
  assert.ok(kb > 50, `${kb} KB`);
});
