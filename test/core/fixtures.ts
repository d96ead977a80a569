// Test helpers: build OrderTables from plain rows (deliberately simple, no shared code with src/),
// and parse the CDNOW text files with a whitespace split.
import { expect } from '@open-wc/testing';
import type { OrderTable } from '../../src/core/order-table.js';

export interface Row {
  customer: string;
  day: number;
  amount: number;
  /** Products on the order's lines (one line each, amount split evenly). */
  products?: string[];
  categories?: string[];
}

/** Day number of a civil date through the platform's UTC calendar (independent of calendar.ts). */
export const utcDay = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86400000;
/** `YYYYMMDD` → day number. */
export const ymdDay = (s: string): number => utcDay(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));

/** Rows → OrderTable sorted by day (stable), customers coded in order of first appearance in `rows`. */
export function tableFromRows(rows: Row[]): OrderTable {
  const sorted = rows.map((r, i) => ({ r, i })).sort((a, b) => a.r.day - b.r.day || a.i - b.i).map((x) => x.r);
  const values: string[] = [];
  const codeOf = new Map<string, number>();
  for (const r of rows) if (!codeOf.has(r.customer)) { codeOf.set(r.customer, values.length); values.push(r.customer); }
  const withLines = rows.some((r) => r.products || r.categories);
  const lineOrder: number[] = [];
  const lineAmount: number[] = [];
  const prod: string[] = [];
  const cat: string[] = [];
  sorted.forEach((r, i) => {
    const items = r.products ?? r.categories ?? [];
    items.forEach((_, k) => {
      lineOrder.push(i);
      lineAmount.push(r.amount / items.length);
      prod.push(r.products?.[k] ?? '');
      cat.push(r.categories?.[k] ?? '');
    });
  });
  const dict = (xs: string[]) => {
    const vals: string[] = [];
    const m = new Map<string, number>();
    const codes = Int32Array.from(xs, (x) => {
      if (!m.has(x)) { m.set(x, vals.length); vals.push(x); }
      return m.get(x)!;
    });
    return { codes, values: vals };
  };
  return {
    length: sorted.length,
    customer: { codes: Int32Array.from(sorted, (r) => codeOf.get(r.customer)!), values },
    day: Int32Array.from(sorted, (r) => r.day),
    amount: Float64Array.from(sorted, (r) => r.amount),
    hasAmount: true,
    timeZone: 'UTC',
    ...(withLines
      ? {
          lines: {
            length: lineOrder.length,
            order: Int32Array.from(lineOrder),
            amount: Float64Array.from(lineAmount),
            ...(rows.some((r) => r.products) ? { product: dict(prod) } : {}),
            ...(rows.some((r) => r.categories) ? { category: dict(cat) } : {}),
          },
        }
      : {}),
  };
}

const cache = new Map<string, Promise<string>>();
const text = (url: string): Promise<string> => {
  if (!cache.has(url)) cache.set(url, fetch(url).then((r) => { if (!r.ok) throw new Error(`${url}: ${r.status}`); return r.text(); }));
  return cache.get(url)!;
};

/** CDNOW_master.txt rows: customer = 5-digit id. */
export async function cdnowMasterRows(): Promise<Row[]> {
  const lines = (await text('/data/cdnow/CDNOW_master.txt')).split('\n').slice(1);
  const rows: Row[] = [];
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    rows.push({ customer: f[0], day: ymdDay(f[1]), amount: Number(f[3]) });
  }
  return rows;
}

/** CDNOW_sample.txt rows: customer = sample_id without leading zeros (as in the published CSVs). */
export async function cdnowSampleRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const line of (await text('/data/cdnow/CDNOW_sample.txt')).split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    rows.push({ customer: String(Number(f[1])), day: ymdDay(f[2]), amount: Number(f[4]) });
  }
  return rows;
}

/** A published CSV as header-keyed records of numbers. */
export async function csvRecords(url: string): Promise<Record<string, number>[]> {
  const [head, ...body] = (await text(url)).trim().split(/\r?\n/);
  const names = head.split(',');
  return body.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], Number(v)])));
}

/** A published numeric CSV (header row) as one Float64Array per column, e.g. lifetimes' CDNOW summary. */
export async function csvColumns(url: string): Promise<Record<string, Float64Array>> {
  const records = await csvRecords(url);
  const columns: Record<string, Float64Array> = {};
  for (const name of Object.keys(records[0] ?? {})) columns[name] = Float64Array.from(records, (r) => r[name]);
  return columns;
}

/** Asserts |actual − expected| / |expected| ≤ tolerance. */
export function expectRelative(actual: number, expected: number, tolerance: number, label: string): void {
  expect(Math.abs(actual - expected) / Math.abs(expected), `${label}: ${actual} vs ${expected}`).to.be.at.most(tolerance);
}

/** Seeded PRNG (mulberry32) for synthetic data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Oracle calendar helpers written with Date (UTC), independent of calendar.ts. */
export const monthKeyOf = (day: number): string => new Date(day * 86400000).toISOString().slice(0, 7);
export const dayKeyOf = (day: number): string => new Date(day * 86400000).toISOString().slice(0, 10);
export function weekKeyOf(day: number): string {
  const dt = new Date(day * 86400000);
  const dow = dt.getUTCDay() || 7; // Monday 1 … Sunday 7
  const thursday = new Date(dt.getTime() + (4 - dow) * 86400000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86400000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
/** Ordinal of a period key among consecutive periods (for ages): months since 1970, weeks of Monday, days. */
export function periodOrdinal(period: 'month' | 'week' | 'day', day: number): number {
  const dt = new Date(day * 86400000);
  if (period === 'month') return dt.getUTCFullYear() * 12 + dt.getUTCMonth();
  if (period === 'week') return Math.floor((day - ((dt.getUTCDay() + 6) % 7)) / 7);
  return day;
}
export const keyOf = (period: 'month' | 'week' | 'day', day: number): string =>
  period === 'month' ? monthKeyOf(day) : period === 'week' ? weekKeyOf(day) : dayKeyOf(day);
