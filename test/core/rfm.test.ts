import { expect } from '@open-wc/testing';
import { rfm } from '../../src/core/rfm.js';
import { DEFAULT_SEGMENT_RULES } from '../../src/core/rfm-segments.js';
import { LIFECYCLE_STAGE_LABELS } from '../../src/core/lifecycle.js';
import { cdnowMasterRows, tableFromRows, type Row } from './fixtures.js';

/** Score by "fraction of customers with a strictly worse value", via sort and first-index lookup. */
function oracleScores(values: number[], bins: number, higherIsBetter: boolean): number[] {
  const keyed = values.map((v) => (higherIsBetter ? v : -v));
  const sorted = [...keyed].sort((a, b) => a - b);
  const firstIndex = new Map<number, number>();
  sorted.forEach((v, i) => { if (!firstIndex.has(v)) firstIndex.set(v, i); });
  return keyed.map((v) => Math.floor((bins * firstIndex.get(v)!) / values.length) + 1);
}

/** The classic R-F segment map written as patterns on the "RF" string, plus Lost on low M. */
function oracleSegment(r: number, f: number, m: number): string {
  const rf = `${r}${f}`;
  if (r === 1 && f <= 2 && m <= 2) return 'lost';
  const table: [RegExp, string][] = [
    [/^[12][12]$/, 'hibernating'], [/^[12][34]$/, 'at-risk'], [/^[12]5$/, 'cant-lose'], [/^3[12]$/, 'about-to-sleep'],
    [/^33$/, 'needs-attention'], [/^[34][45]$/, 'loyal'], [/^41$/, 'promising'], [/^51$/, 'new'],
    [/^[45][23]$/, 'potential-loyalist'], [/^5[45]$/, 'champions'],
  ];
  return table.find(([re]) => re.test(rf))![1];
}

describe('rfm', () => {
  it('matches brute-force scores and segments on CDNOW master; grid and segments add up', async () => {
    const rows = await cdnowMasterRows();
    const res = rfm(tableFromRows(rows), { bins: 5 });
    const asOf = Math.max(...rows.map((r) => r.day));
    const per = new Map<string, { last: number; n: number; m: number }>();
    for (const r of rows) {
      const e = per.get(r.customer) ?? { last: -Infinity, n: 0, m: 0 };
      e.last = Math.max(e.last, r.day);
      e.n++;
      e.m += r.amount;
      per.set(r.customer, e);
    }
    const ids = res.customerId;
    expect(ids.length).to.equal(23570);
    const rec = ids.map((id) => asOf - per.get(id)!.last);
    const fr = ids.map((id) => per.get(id)!.n);
    const mo = ids.map((id) => per.get(id)!.m);
    expect(Array.from(res.recencyDays)).to.deep.equal(rec);
    expect(Array.from(res.frequency)).to.deep.equal(fr);
    res.monetary.forEach((v, i) => expect(v).to.be.closeTo(mo[i], 1e-6));
    expect(Array.from(res.R)).to.deep.equal(oracleScores(rec, 5, false));
    expect(Array.from(res.F)).to.deep.equal(oracleScores(fr, 5, true));
    expect(Array.from(res.M)).to.deep.equal(oracleScores(Array.from(res.monetary), 5, true));

    const segCount = new Map<string, number>();
    for (let i = 0; i < res.length; i++) {
      const key = res.segments[res.segment[i]].key;
      expect(key).to.equal(oracleSegment(res.R[i], res.F[i], res.M[i]));
      segCount.set(key, (segCount.get(key) ?? 0) + 1);
    }
    expect(res.segments.map((s) => s.key)).to.deep.equal([...DEFAULT_SEGMENT_RULES.map((r) => r.key), 'others']);
    for (const s of res.segments) expect(s.customers).to.equal(segCount.get(s.key) ?? 0);
    expect(res.segments.at(-1)!.customers).to.equal(0);
    expect(res.segments.reduce((a, s) => a + s.customers, 0)).to.equal(23570);
    expect(res.segments.reduce((a, s) => a + s.share, 0)).to.be.closeTo(1, 1e-9);
    expect(res.segments.reduce((a, s) => a + s.revenueShare, 0)).to.be.closeTo(1, 1e-9);
    expect(res.grid.length).to.equal(25);
    expect(res.grid.reduce((a, c) => a + c.customers, 0)).to.equal(23570);
    expect(res.grid.reduce((a, c) => a + c.revenue, 0)).to.be.closeTo(2500315.63, 1e-4);
    for (const cell of res.grid) {
      let k = 0;
      for (let i = 0; i < res.length; i++) if (res.R[i] === cell.r && res.F[i] === cell.f) k++;
      expect(cell.customers).to.equal(k);
    }
    const champions = res.segments.find((s) => s.key === 'champions')!;
    expect(champions.label['zh-CN']).to.equal('重要价值客户');
  });

  it('gives tied values the same score', () => {
    const rows: Row[] = [];
    // frequencies 1,1,1,2,3 → strictly-smaller counts 0,0,0,3,4 of 5 → scores 1,1,1,4,5
    ['a', 'b', 'c', 'd', 'e'].forEach((c, i) => {
      const k = [1, 1, 1, 2, 3][i];
      for (let j = 0; j < k; j++) rows.push({ customer: c, day: 10 + j, amount: 5 });
    });
    const res = rfm(tableFromRows(rows), { asOf: 20 });
    expect(Array.from(res.F)).to.deep.equal([1, 1, 1, 4, 5]);
    // all spend 5 per order, so monetary 5,5,5,10,15
    expect(Array.from(res.M)).to.deep.equal([1, 1, 1, 4, 5]);
    // recency 10,10,10,9,8 → strictly-more-days counts 0,0,0,3,4
    expect(Array.from(res.recencyDays)).to.deep.equal([10, 10, 10, 9, 8]);
    expect(Array.from(res.R)).to.deep.equal([1, 1, 1, 4, 5]);
    const same = rfm(tableFromRows([{ customer: 'x', day: 1, amount: 1 }, { customer: 'y', day: 1, amount: 1 }]));
    expect(Array.from(same.R)).to.deep.equal([1, 1]);
  });

  it('puts customers that custom rules miss into Others, and honours thresholds and asOf', () => {
    const rows: Row[] = [];
    for (let c = 0; c < 40; c++) for (let j = 0; j <= c % 6; j++) rows.push({ customer: `c${c}`, day: 100 + c + j * 3, amount: 10 + c });
    rows.push({ customer: 'late', day: 500, amount: 1 });
    const orders = tableFromRows(rows);
    const rules = [{ key: 'top', label: { en: 'Top', 'zh-CN': '顶级' }, r: [5, 5] as const, f: [5, 5] as const }];
    const res = rfm(orders, { segments: rules, asOf: 200 });
    expect(res.customerId).to.not.include('late');
    expect(res.length).to.equal(40);
    const top = [...res.R].filter((r, i) => r === 5 && res.F[i] === 5).length;
    expect(res.segments.map((s) => [s.key, s.customers])).to.deep.equal([['top', top], ['others', 40 - top]]);
    expect(top).to.be.greaterThan(0);

    const t = rfm(orders, { method: 'thresholds', asOf: 200, thresholds: { recencyDays: [30, 60, 90, 120], frequency: [2, 3, 4, 6], monetary: [100, 200, 300, 400] } });
    for (let i = 0; i < t.length; i++) {
      const d = t.recencyDays[i];
      expect(t.R[i]).to.equal(d <= 30 ? 5 : d <= 60 ? 4 : d <= 90 ? 3 : d <= 120 ? 2 : 1);
      const f = t.frequency[i];
      expect(t.F[i]).to.equal(f >= 6 ? 5 : f >= 4 ? 4 : f >= 3 ? 3 : f >= 2 ? 2 : 1);
      const m = t.monetary[i];
      expect(t.M[i]).to.equal(m >= 400 ? 5 : m >= 300 ? 4 : m >= 200 ? 3 : m >= 100 ? 2 : 1);
    }
    expect(() => rfm(orders, { method: 'thresholds', thresholds: { recencyDays: [1], frequency: [1], monetary: [1] } })).to.throw(RangeError);
    const three = rfm(orders, { bins: 3, asOf: 200 });
    expect(three.grid.length).to.equal(9);
    expect(Math.max(...three.R)).to.equal(3);
    expect(three.segments.reduce((a, s) => a + s.customers, 0)).to.equal(40);
  });
});

describe('RFM labels and shares', () => {
  it('zh-CN segment names are distinct from each other and from the lifecycle stages (one dashboard shows both)', () => {
    const rfmNames = DEFAULT_SEGMENT_RULES.map((r) => r.label['zh-CN']);
    const stageNames = Object.values(LIFECYCLE_STAGE_LABELS).map((l) => l['zh-CN']);
    expect(new Set(rfmNames).size).to.equal(rfmNames.length);
    for (const name of rfmNames) expect(stageNames, name).to.not.include(name);
    const byKey = Object.fromEntries(DEFAULT_SEGMENT_RULES.map((r) => [r.key, r.label['zh-CN']]));
    expect(byKey['cant-lose']).to.equal('重要挽留客户');
    expect(byKey.hibernating).to.not.equal(LIFECYCLE_STAGE_LABELS.dormant['zh-CN']);
    expect(byKey.lost).to.not.equal(LIFECYCLE_STAGE_LABELS.churned['zh-CN']);
  });

  it('without amounts the share of revenue is NaN (shown as "–"), not 0 %', () => {
    const rows: Row[] = [];
    for (let c = 0; c < 30; c++) for (let k = 0; k <= c % 4; k++) rows.push({ customer: `c${c}`, day: 10_000 + c + 7 * k, amount: 0 });
    const table = { ...tableFromRows(rows), hasAmount: false };
    const res = rfm(table);
    for (const s of res.segments) expect(Number.isNaN(s.revenueShare), s.key).to.equal(true);
  });
});
