// Runs the browser suite (web-test-runner in Chromium) and the Node suite (node --test), then
// prints one plain `N passed, N failed` line, the line CI reads.
// The time zone is pinned to a zone that is not UTC and has DST, so any accidental use of the
// machine's local time (instead of the `timeZone` option, default UTC) shows up as a failure.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';

const env = { ...process.env, TZ: 'America/Los_Angeles' };
const only = process.argv.slice(2);
rmSync('test-artifacts/browser-counts.json', { force: true });

const browser = spawnSync('npx', ['web-test-runner', ...(only.length ? ['--files', ...only] : [])], { stdio: 'inherit', env });
let browserCounts = { passed: 0, failed: 0, skipped: 0, errors: 0 };
try {
  browserCounts = JSON.parse(readFileSync('test-artifacts/browser-counts.json', 'utf8'));
} catch {
  browserCounts.errors = 1; // the runner died before reporting
}

// Node suites: the package in Node (test/node) and the built demo driven as a person would (test/e2e).
const nodeFiles = only.length
  ? []
  : ['test/node', 'test/e2e'].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => `${dir}/${f}`));
let nodePassed = 0;
let nodeFailed = 0;
let nodeStatus = 0;
if (nodeFiles.length) {
  const node = spawnSync(process.execPath, ['--test', '--test-reporter=tap', ...nodeFiles], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  process.stdout.write(node.stdout);
  process.stderr.write(node.stderr);
  nodePassed = Number(/^# pass (\d+)/m.exec(node.stdout)?.[1] ?? 0);
  nodeFailed = Number(/^# fail (\d+)/m.exec(node.stdout)?.[1] ?? 0);
  nodeStatus = node.status ?? 1;
  if (nodeStatus !== 0 && nodeFailed === 0) nodeFailed = 1;
}

const passed = browserCounts.passed + nodePassed;
const failed = browserCounts.failed + browserCounts.errors + nodeFailed;
const browserFailed = (browser.status ?? 1) !== 0;
const total = failed + (browserFailed && failed === 0 ? 1 : 0);
console.log(`\n${passed} passed, ${total} failed`);
process.exit(total > 0 || browserFailed || nodeStatus !== 0 ? 1 : 0);
