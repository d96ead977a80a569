// A reporter that writes the browser suite's pass/fail counts to a JSON file, so scripts/run-tests.mjs
// can print one plain `N passed, N failed` line for CI across the browser and Node suites.
import { writeFileSync, mkdirSync } from 'node:fs';

function count(suite, totals) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

export function countReporter({ file = 'test-artifacts/browser-counts.json' } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, errors: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.errors++;
      }
      mkdirSync('test-artifacts', { recursive: true });
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}
