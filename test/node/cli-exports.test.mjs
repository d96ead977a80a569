// The CLI on real-looking exports (test/fixtures/data/exports): encodings, date conventions and
// the errors naming the CLI's own flags. Runs dist/cli.js (npm run build first).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = 'dist/cli.js';
const EXPORTS = 'test/fixtures/data/exports';

let dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rw-cli-exports-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function cli(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

test('a GBK Taobao export, a gzip file and an xlsx workbook load as they are; the report document keeps how they were read', async () => {
  const taobao = await cli(['report', join(EXPORTS, 'taobao-gbk.csv')]);
  assert.equal(taobao.code, 0, taobao.stderr);
  const doc = JSON.parse(taobao.stdout);
  assert.equal(doc.summary.orders, 3);
  assert.equal(doc.load.encoding, 'gb18030');
  assert.equal(doc.load.mapping.customer, '买家会员名');
  const gz = await cli(['report', join(EXPORTS, 'uci-us-dates.csv.gz')]);
  assert.equal(gz.code, 0, gz.stderr);
  assert.equal(JSON.parse(gz.stdout).summary.orders, 4);
  const xlsx = await cli(['report', join(EXPORTS, 'orders.xlsx')]);
  assert.equal(xlsx.code, 0, xlsx.stderr);
  assert.equal(JSON.parse(xlsx.stdout).summary.orders, 3);
});

test('--encoding, --date-format and --rows-path reach the loader', async () => {
  const file = join(dir, 'dm.csv');
  await writeFile(file, 'customer,date,amount\na,3/4/2024,1\nb,5/6/2024,2\n');
  const dm = await cli(['report', file, '--date-format', 'DD/MM/YYYY']);
  assert.equal(dm.code, 0, dm.stderr);
  assert.equal(JSON.parse(dm.stdout).summary.firstDate, '2024-04-03');
  const bad = await cli(['report', file, '--date-format', 'D/M/Y']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--date-format must be one of/);
  const env = join(dir, 'env.json');
  await writeFile(env, JSON.stringify({ result: { rows: [{ customer: 'a', date: '2024-01-01', amount: 3 }] } }));
  const nested = await cli(['report', env, '--rows-path', 'result.rows']);
  assert.equal(nested.code, 0, nested.stderr);
  const gbk = await cli(['report', join(EXPORTS, 'erp-gbk.csv'), '--encoding', 'gbk']);
  assert.equal(gbk.code, 0, gbk.stderr);
  assert.equal(JSON.parse(gbk.stdout).load.encoding, 'gb18030');
});

test('errors name the CLI flags, not the library options', async () => {
  const file = join(dir, 'no-customer.csv');
  await writeFile(file, 'when,value\n2024-01-01,1.50\n2024-01-02,2.50\n');
  const run = await cli(['report', file]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /pass --customer <column>.*\[no-customer-column\]/);
  assert.doesNotMatch(run.stderr, /mapping\.customer|customer-field/);
  const mixed = join(dir, 'mixed.csv');
  await writeFile(mixed, 'customer,date,amount\na,13/1/2024,1\nb,1/13/2024,1\n');
  const m = await cli(['report', mixed]);
  assert.equal(m.code, 1);
  assert.match(m.stderr, /pass --date-format.*\[mixed-date-formats\]/);
});
