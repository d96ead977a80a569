// In-page synthetic order logs, to feel the widgets' speed at 10k … 5M orders. A typed port of
// bench/lib/generate.mjs (same model, same PRNG, same defaults), with the BG/NBD story of Fader,
// Hardie & Lee (2005), "Counting your customers the easy way", Marketing Science 24(2):
// - each customer arrives on a uniformly random day of a 3-year window and buys on that day;
// - while alive, purchases follow a Poisson process with rate λ ~ Gamma(r, α) per day;
// - after every purchase the customer drops out with probability p ~ Beta(a, b) (geometric dropout);
// - amounts are lognormal, rounded to multiples of 0.25.
// The output is CSV text in a Blob (order_id,customer_id,date,amount), read by <rw-orders> like any file.

/** First day of the window: 2021-01-01 as days since 1970-01-01. */
const START_DAY = 18628;
/** Three years of days: 2021-01-01 … 2023-12-31. */
const WINDOW_DAYS = 1095;
const PARAMS = { r: 0.9, alpha: 45, a: 1.4, b: 7.5, logMean: 3.6, logSd: 0.75 };

/** mulberry32: a tiny seeded 32-bit PRNG returning floats in [0, 1). */
function makeRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  const u = 1 - random(); // Box–Muller; 1 − u keeps the log argument in (0, 1]
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the shape < 1 boost. */
function gamma(random: () => number, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    if (Math.log(1 - random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function isoOfDay(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

/** A generated order log and how long it took. */
export interface SyntheticOrders {
  csv: Blob;
  orders: number;
  customers: number;
  /** Wall time of generating and writing the CSV, in milliseconds. */
  ms: number;
}

/**
 * Generates exactly `orders` orders (seeded: the same seed gives the same file) as a CSV Blob.
 * Rows are in day order; order ids are 1…n.
 * @example const { csv, customers, ms } = generateSyntheticOrders(100_000, 42);
 */
export function generateSyntheticOrders(orders: number, seed = 42): SyntheticOrders {
  const startedAt = performance.now();
  const random = makeRandom(seed);
  const custRaw = new Int32Array(orders);
  const dayRaw = new Int32Array(orders);
  let n = 0;
  let customers = 0;
  while (n < orders) {
    customers++;
    const lambda = gamma(random, PARAMS.r) / PARAMS.alpha;
    const ga = gamma(random, PARAMS.a);
    const p = ga / (ga + gamma(random, PARAMS.b));
    let t = random() * WINDOW_DAYS;
    for (;;) {
      custRaw[n] = customers;
      dayRaw[n] = Math.floor(t);
      if (++n === orders) break;
      if (random() < p) break; // dropped out after this purchase
      t += -Math.log(1 - random()) / lambda; // exponential wait of the Poisson process
      if (!(t < WINDOW_DAYS)) break; // censored at the window end
    }
  }
  // Counting sort by day: rows come out in date order (as real logs usually are).
  const start = new Int32Array(WINDOW_DAYS + 1);
  for (let i = 0; i < orders; i++) start[dayRaw[i] + 1]++;
  for (let d = 0; d < WINDOW_DAYS; d++) start[d + 1] += start[d];
  const customer = new Int32Array(orders);
  const day = new Int32Array(orders);
  for (let i = 0; i < orders; i++) {
    const at = start[dayRaw[i]]++;
    customer[at] = custRaw[i];
    day[at] = dayRaw[i];
  }
  const dates = Array.from({ length: WINDOW_DAYS }, (_, d) => isoOfDay(START_DAY + d));
  // CSV in parts of 50k lines: one giant string for 5M rows would be slower and may exceed V8's limit.
  const parts: string[] = ['order_id,customer_id,date,amount\n'];
  let chunk = '';
  for (let i = 0; i < orders; i++) {
    const amount = Math.max(1, Math.floor(Math.exp(PARAMS.logMean + PARAMS.logSd * normal(random)) * 4 + 0.5)) / 4;
    chunk += `${i + 1},${customer[i]},${dates[day[i]]},${amount}\n`;
    if ((i + 1) % 50000 === 0) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  const csv = new Blob(parts, { type: 'text/csv' });
  return { csv, orders, customers, ms: performance.now() - startedAt };
}
