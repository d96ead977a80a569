#!/usr/bin/env node
/**
 * Writes the sizes the README quotes from the build (run after `npm run build`): every
 * `<!-- size:FILE -->~N KB gzip<!-- /size -->` in README.md gets FILE's gzip size (level 9, what a
 * server sends), rounded to 5 KB. `--check` prints the stale ones and exits 1 instead of writing.
 * Why a script: sizes typed by hand drifted from the build after every merge.
 *
 *   node scripts/readme-sizes.mjs          → rewrites README.md
 *   node scripts/readme-sizes.mjs --check  → exit 1 when a quoted size is off by more than 10 %
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const MARKER = /<!-- size:([^ ]+) -->~(\d+) KB gzip<!-- \/size -->/g;

/** gzip size of `file` in KB, rounded to 5 KB. @example gzipKb('dist/worker.js') // 195 */
export function gzipKb(file) {
  return Math.round(gzipSync(readFileSync(file), { level: 9 }).length / 1024 / 5) * 5;
}

/** README text with every size marker set from the build, and the markers that changed. */
export function withBuildSizes(text) {
  const changed = [];
  const out = text.replace(MARKER, (_m, file, quoted) => {
    const kb = gzipKb(file);
    if (kb !== Number(quoted)) changed.push({ file, quoted: Number(quoted), kb });
    return `<!-- size:${file} -->~${kb} KB gzip<!-- /size -->`;
  });
  return { text: out, changed, markers: [...text.matchAll(MARKER)].length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = readFileSync('README.md', 'utf8');
  const { text, changed } = withBuildSizes(readme);
  if (process.argv.includes('--check')) {
    const stale = changed.filter((c) => Math.abs(c.kb - c.quoted) > c.kb * 0.1);
    for (const c of stale) console.error(`README.md quotes ~${c.quoted} KB gzip for ${c.file}; the build gives ~${c.kb} KB: run node scripts/readme-sizes.mjs`);
    process.exit(stale.length ? 1 : 0);
  }
  writeFileSync('README.md', text);
  for (const c of changed) console.log(`${c.file}: ~${c.quoted} → ~${c.kb} KB gzip`);
}
