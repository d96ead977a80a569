import { expect } from '@open-wc/testing';
import { rfm } from '../../src/core/rfm.js';
import { rfmGridCells, rfmGridSpec, rfmSegmentBorders } from '../../src/charts/rfm-grid.js';
import { needsLightText, relativeLuminance } from '../../src/charts/rfm-grid-contrast.js';
import { tableFromRows, utcDay, type Row } from '../core/fixtures.js';

// 40 customers with 1…4 orders and last orders spread over 40 days: every score level is used.
function sampleRows(): Row[] {
  const rows: Row[] = [];
  for (let c = 0; c < 40; c++) {
    const orders = 1 + (c % 4);
    for (let k = 0; k < orders; k++) rows.push({ customer: `c${c}`, day: utcDay(2024, 1, 1) + c + k * 3, amount: 10 + c });
  }
  return rows.sort((a, b) => a.day - b.day);
}

describe('rfm grid chart', () => {
  const result = rfm(tableFromRows(sampleRows()));

  it('cells follow core grid order and counts, with one region tag per connected segment region', () => {
    const cells = rfmGridCells(result, { lang: 'en' });
    expect(cells.map((c) => [c.r, c.f, c.customers, c.segment])).to.deep.equal(result.grid.map((c) => [c.r, c.f, c.customers, c.segment]));
    expect(cells.reduce((n, c) => n + c.customers, 0)).to.equal(40);
    // Count connected regions independently (union-find over the 5 × 5 grid).
    const parent = cells.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    for (let i = 0; i < 25; i++) {
      if (i % 5 < 4 && cells[i].segment === cells[i + 1].segment) parent[find(i)] = find(i + 1);
      if (i < 20 && cells[i].segment === cells[i + 5].segment) parent[find(i)] = find(i + 5);
    }
    const regions = new Set(cells.map((_, i) => find(i)));
    const tagged = cells.filter((c) => c.regionTag !== '');
    expect(tagged).to.have.length(regions.size);
    expect(new Set(tagged.map((c) => find(cells.indexOf(c)))).size).to.equal(regions.size);
    for (const c of tagged) expect(c.regionTag).to.equal(result.segments.find((s) => s.key === c.segment)!.label.en);
    expect(rfmGridCells(result, { lang: 'zh-CN' }).find((c) => c.segment === 'champions')?.segmentName).to.equal('重要价值客户');
  });

  it('borders: the frame plus one segment per pair of adjacent cells in different segments', () => {
    const seg = (r: number, f: number) => result.grid[(r - 1) * 5 + f - 1].segment;
    let pairs = 0;
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) {
      if (f < 5 && seg(r, f) !== seg(r, f + 1)) pairs++;
      if (r < 5 && seg(r, f) !== seg(r + 1, f)) pairs++;
    }
    const borders = rfmSegmentBorders(result);
    expect(borders).to.have.length(4 + pairs);
    for (const b of borders) expect(b.x0 === b.x1 || b.y0 === b.y1).to.equal(true);
  });

  it('the spec colours by customers or by mean monetary and names its datasets', () => {
    const a = rfmGridSpec(result, { colorBy: 'customers', width: 320 }) as unknown as { datasets: Record<string, unknown[]>; layer: { encoding: { color?: { field: string } } }[] };
    const b = rfmGridSpec(result, { colorBy: 'monetary', width: 900 }) as unknown as typeof a;
    expect(Object.keys(a.datasets)).to.deep.equal(['cells', 'borders']);
    expect(a.layer[0].encoding.color!.field).to.equal('customers');
    expect(b.layer[0].encoding.color!.field).to.equal('meanMonetary');
  });

  it('picks white text on dark fills in both themes', () => {
    expect(relativeLuminance([255, 255, 255])).to.equal(1);
    expect(relativeLuminance([0, 0, 0])).to.equal(0);
    expect(needsLightText(0.95, ['#eef4fb', '#08519c'])).to.equal(true);
    expect(needsLightText(0.2, ['#eef4fb', '#08519c'])).to.equal(false);
    expect(needsLightText(0.05, ['#0d1f33', '#6cb6ff'])).to.equal(true);
    expect(needsLightText(1, ['#0d1f33', '#6cb6ff'])).to.equal(false);
    expect(needsLightText(0.9, ['rgb(0 0 0)', 'white'])).to.equal(true);
  });
});
