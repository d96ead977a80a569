/**
 * How every part of the project starts Chromium: Debian's binary (no downloaded browser on this
 * network; `CHROME_PATH` overrides it) with the flags that keep a headless run quiet and offline.
 * Used by the test runner (web-test-runner.config.mjs), the Node page tests (test/node/chromium.mjs)
 * and the benchmark (bench/lib/browser.mjs).
 */
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);
