// String arrays that cross between the page and the worker (customer ids of a table, of a summary,
// of RFM) must be "packed" V8 arrays: structured clone copies a holey array (`new Array(n)` filled
// afterwards) element by element as a sparse one, ~2x slower at 200k–1M strings. V8's own
// %HasHoleyElements tells, in a child process started with --allow-natives-syntax.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

const CHECK = `
const core = await import('retention-widgets/core');
const { readFile } = await import('node:fs/promises');
const holey = (a) => %HasHoleyElements(a);
const out = {};
const csv = await readFile('data/cdnow/CDNOW_master.txt');
const { orders } = await core.loadOrders(new Uint8Array(csv), { zeroAmounts: 'keep', duplicates: 'keep' });
out.csvCustomers = holey(orders.customer.values);
out.summaryIds = holey(core.customerSummary(orders, { unit: 'days' }).customerId);
out.rfmIds = holey(core.rfm(orders).customerId);
const json = JSON.stringify([{ customer: 'b', date: '2020-01-02', amount: 1 }, { customer: 'a', date: '2020-01-01', amount: 2 }]);
out.jsonCustomers = holey((await core.loadOrders(json)).orders.customer.values);
console.log(JSON.stringify(out));
`;

test('customer id arrays of tables, summaries and RFM results are packed (cheap to post to and from the worker)', () => {
  const stdout = execFileSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', CHECK], { encoding: 'utf8' });
  const holey = JSON.parse(stdout.trim().split('\n').pop());
  assert.deepEqual(holey, { csvCustomers: false, summaryIds: false, rfmIds: false, jsonCustomers: false });
});
