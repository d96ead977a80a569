// `retention-widgets/core` in Node 20 with no DOM, imported by package self-reference from the
// repository root, the way a CLI or a server job would use it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

test('imports with no DOM globals', async () => {
  assert.equal(typeof globalThis.document, 'undefined');
  assert.equal(typeof globalThis.HTMLElement, 'undefined');
  const core = await import('retention-widgets/core');
  for (const name of ['loadOrders', 'cohortRetention', 'customerSummary', 'fitBgNbd']) {
    assert.equal(typeof core[name], 'function', name);
  }
});

test('CDNOW sample: loadOrders → customerSummary → fitBgNbd and fitGammaGamma reproduce the published fits', async () => {
  const { loadOrders, customerSummary, fitBgNbd, fitGammaGamma, daysFromCivil } = await import('retention-widgets/core');
  const text = await readFile('data/cdnow/CDNOW_sample.txt', 'utf8');
  const { orders, report } = await loadOrders(text, {
    columns: ['master_id', 'sample_id', 'date', 'cds', 'dollar_value'],
    mapping: { customer: 'sample_id', date: 'date', amount: 'dollar_value' },
    zeroAmounts: 'keep',
    // No order id: same-day identical lines are separate purchases (the published zbar counts them).
    duplicates: 'keep',
  });
  assert.equal(report.rowsRead, 6919);
  assert.equal(report.customers, 2357);
  const summary = customerSummary(orders, { unit: 'weeks', calibrationEnd: daysFromCivil(1997, 9, 30) });
  const fit = fitBgNbd(summary);
  const near = (got, want) => assert.ok(Math.abs(got - want) / Math.abs(want) < 1e-3, `${got} vs ${want}`);
  near(fit.r, 0.2426);
  near(fit.alpha, 4.414);
  near(fit.a, 0.793);
  near(fit.b, 2.426);
  near(fit.logLikelihood, -9582.43);
  // Gamma-Gamma on the 946 repeat customers (Fader & Hardie 2013): p = 6.25, q = 3.74, gamma = 15.44.
  const gg = fitGammaGamma(summary);
  assert.equal(gg.customers, 946);
  near(gg.p, 6.249);
  near(gg.q, 3.744);
  near(gg.gamma, 15.447);
});

test('CDNOW master cohorts in Node equal those of the first month computed by brute force', async () => {
  const { loadOrders, cohortRetention } = await import('retention-widgets/core');
  const text = await readFile('data/cdnow/CDNOW_master.txt', 'utf8');
  const { orders } = await loadOrders(text, { zeroAmounts: 'keep' });
  const result = cohortRetention(orders, { period: 'month', measure: 'customers', mode: 'on' });
  // Oracle: plain string handling of the raw lines.
  const first = new Map();
  const months = new Map();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [id, date] = line.trim().split(/\s+/);
    if (!id) continue;
    const month = `${date.slice(0, 4)}-${date.slice(4, 6)}`;
    if (!first.has(id) || first.get(id) > month) first.set(id, month);
    if (!months.has(id)) months.set(id, new Set());
    months.get(id).add(month);
  }
  const jan = [...first].filter(([, m]) => m === '1997-01').map(([id]) => id);
  assert.equal(result.cohorts[0].cohort, '1997-01');
  assert.equal(result.cohorts[0].size, jan.length);
  const inMarch = jan.filter((id) => months.get(id).has('1997-03')).length;
  assert.equal(result.cohorts[0].values[2], inMarch);
});
