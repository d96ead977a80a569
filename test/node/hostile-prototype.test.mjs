// Enumerable members on Object.prototype (issue 18, "hostile hosts"): an app that adds one before
// importing `retention-widgets` (the npm path, here the built dist/ by package self-reference; run
// `npx vite build` first) used to die at start-up inside zod ("Cannot read properties of undefined
// (reading 'get')"), and strict option objects rejected every call for the inherited key. Each case
// runs in a child process so the pollution never reaches this runner. The drop-in on a polluted
// page is covered by faults-hostile.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const JUNK = "Object.prototype.junkProp = 'junk'; Object.prototype.polluteMe = function () { return 'junk'; };";
const dir = mkdtempSync(join(tmpdir(), 'rw-hostile-'));
const prelude = join(dir, 'junk.mjs');
writeFileSync(prelude, JUNK);

/** Small deterministic order log: 40 customers, 1–4 orders each over 2023–2024. */
function ordersCsv() {
  const rows = ['customer,order,date,amount'];
  let order = 0;
  for (let c = 0; c < 40; c++) {
    for (let k = 0; k <= c % 4; k++) {
      const d = new Date(Date.UTC(2023, c % 12, 1 + k * 37 + c)).toISOString().slice(0, 10);
      rows.push(`c${c},${++order},${d},${(10 + ((c * 7 + k * 13) % 50)).toFixed(2)}`);
    }
  }
  return rows.join('\n') + '\n';
}
const csvPath = join(dir, 'orders.csv');
writeFileSync(csvPath, ordersCsv());

/** Runs `body` (an ES module) in a child Node whose Object.prototype carries enumerable junk. */
function polluted(body) {
  const script = join(dir, `case-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(script, `if (!('junkProp' in {})) throw new Error('prelude did not run');\n${body}`);
  return JSON.parse(execFileSync(process.execPath, ['--import', prelude, script], { cwd: process.cwd(), encoding: 'utf8' }));
}

test('the package imports, validates options and loads orders with Object.prototype junk', () => {
  const out = polluted(`
    const rw = await import(${JSON.stringify(join(process.cwd(), 'dist/index.js'))});
    const { readFileSync } = await import('node:fs');
    const { orders, report } = await rw.loadOrders(readFileSync(${JSON.stringify(csvPath)}, 'utf8'), { timeZone: 'UTC', mapping: { customer: 'customer' } });
    let bad;
    try { await rw.loadOrders('a,b\\n1,2\\n', { bogus: 1 }); } catch (e) { bad = { code: e.code, message: e.message }; }
    const cohorts = rw.cohortRetention(orders, { period: 'month' });
    console.log(JSON.stringify({ customers: report.customers, orders: report.orders, bad, cohortCount: cohorts.cohorts.length }));
  `);
  assert.equal(out.customers, 40);
  assert.equal(out.orders, 100);
  // Only the unknown option is named: the inherited junkProp / polluteMe are not "unrecognized".
  assert.equal(out.bad.code, 'bad-option');
  assert.match(out.bad.message, /bogus/);
  assert.doesNotMatch(out.bad.message, /junkProp|polluteMe/);
  assert.ok(out.cohortCount > 0);
});

test('a CLI report is written and read back with Object.prototype junk', () => {
  const reportPath = join(dir, 'report.json');
  execFileSync(process.execPath, ['--import', prelude, 'dist/cli.js', 'report', csvPath, '--out', reportPath], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const out = polluted(`
    const rw = await import(${JSON.stringify(join(process.cwd(), 'dist/index.js'))});
    const { readFileSync } = await import('node:fs');
    const { report } = await rw.loadOrders(readFileSync(${JSON.stringify(reportPath)}, 'utf8'));
    console.log(JSON.stringify({ customers: report.customers, format: report.format }));
  `);
  assert.equal(out.customers, 40);
});

test('junk left on Object.prototype stays enumerable after zod ran (the guard restores it)', () => {
  const out = polluted(`
    const rw = await import(${JSON.stringify(join(process.cwd(), 'dist/index.js'))});
    await rw.loadOrders('customer,date\\na,2024-01-01\\n', { timeZone: 'UTC' });
    const keys = []; for (const k in {}) keys.push(k);
    console.log(JSON.stringify(keys));
  `);
  assert.deepEqual(out, ['junkProp', 'polluteMe']);
});
