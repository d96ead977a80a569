/**
 * Seeded synthetic order logs with buy-till-you-die behaviour (the BG/NBD story of Fader, Hardie &
 * Lee 2005, "Counting your customers the easy way", Marketing Science 24(2)):
 * - each customer arrives on a uniformly random day of the window and buys on that day;
 * - while alive, purchases follow a Poisson process with rate λ ~ Gamma(r, α) (per day);
 * - after every purchase the customer drops out with probability p ~ Beta(a, b);
 * - order amounts are lognormal, rounded to multiples of 0.25 (see AMOUNT_STEP for why).
 * Rows come out in date order, shuffled within a day, with order ids 1…n in row order.
 *
 * Everything is columnar (typed arrays) so 5M orders fit in a few tens of MB.
 */

/** Bump when the output for a given (orders, seed) changes: cached files carry it in their name. */
export const GENERATOR_VERSION = 1;

/** First day of the window: 2021-01-01 as days since 1970-01-01. */
export const START_DAY = 18628;
/** Three years of days: 2021-01-01 … 2023-12-31. */
export const WINDOW_DAYS = 1095;

/**
 * Amounts are multiples of 1/4 currency unit. Quarters are exact binary fractions, so every engine's
 * sum of a customer's amounts is the same double whatever order it adds them in: monetary ranks (RFM M
 * quintiles) and revenue totals can then be compared for exact equality across engines.
 */
export const AMOUNT_STEP = 0.25;

/** Default behaviour: ~5 orders per customer over 3 years, ~2/3 repeat buyers. */
export const DEFAULT_PARAMS = Object.freeze({
  r: 0.9, // Gamma shape of the purchase rate
  alpha: 45, // Gamma rate of the purchase rate, in days (mean rate r/α ≈ one purchase per 50 days)
  a: 1.4, // Beta(a, b) dropout probability after each purchase (mean ≈ 0.16)
  b: 7.5,
  logMean: 3.6, // lognormal amount: median ≈ e^3.6 ≈ 37
  logSd: 0.75,
});

/**
 * Opt-in attribute columns (`generateOrders({ …, attributes: true })`), for segment breakdowns and
 * drivers. Codes index these lists. Each customer has an acquisition channel (its first order's) and
 * a region; later orders keep the acquisition channel with probability `loyalty`, else any channel by
 * the shares; each order has one product (Zipf-like popularity, weight 1/(k+1)) whose category is
 * `CATEGORIES[k % 4]`.
 * Planted effect: customers acquired through `plantedChannel` buy `rateFactor` times as often (their
 * Poisson purchase rate λ is multiplied by it); region, product and category carry no effect.
 */
export const CHANNELS = Object.freeze(['tmall', 'jd', 'app', 'store']);
export const REGIONS = Object.freeze(['north', 'east', 'south', 'west']);
export const CATEGORIES = Object.freeze(['apparel', 'beauty', 'food', 'home']);
export const PRODUCTS = Object.freeze(Array.from({ length: 20 }, (_, k) => `p${String(k + 1).padStart(2, '0')}`));
export const DEFAULT_ATTRIBUTES = Object.freeze({
  channelShares: Object.freeze([0.4, 0.3, 0.2, 0.1]),
  regionShares: Object.freeze([0.25, 0.25, 0.25, 0.25]),
  loyalty: 0.8,
  plantedChannel: 'app',
  rateFactor: 2,
});

function pick(random, shares) {
  let u = random();
  for (let k = 0; k < shares.length - 1; k++) {
    u -= shares[k];
    if (u < 0) return k;
  }
  return shares.length - 1;
}

/** mulberry32: a tiny, fast, seeded 32-bit PRNG returning floats in [0, 1). */
export function makeRandom(seed) {
  let s = seed >>> 0;
  return function random() {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random) {
  // Box–Muller; 1 − u keeps the log argument in (0, 1].
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the shape < 1 boost. */
function gamma(random, shape) {
  if (shape < 1) return gamma(random, shape + 1) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x;
    let v;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * Generates exactly `orders` orders.
 * @param {{ orders: number, seed?: number, params?: Partial<typeof DEFAULT_PARAMS>, attributes?: boolean | Partial<typeof DEFAULT_ATTRIBUTES> }} options
 * @returns {{ length: number, customers: number, customer: Int32Array, day: Int32Array, amount: Float64Array,
 *   channel?: Int32Array, region?: Int32Array, product?: Int32Array, category?: Int32Array }}
 *   `customer` holds ids 1…customers (a customer's id is its arrival rank), `day` day numbers in
 *   non-decreasing order, `amount` multiples of AMOUNT_STEP ≥ AMOUNT_STEP. With `attributes`, per-order
 *   codes into CHANNELS, REGIONS, PRODUCTS and CATEGORIES (see DEFAULT_ATTRIBUTES for the planted
 *   effect). Without it the output is exactly that of earlier versions: attributes come from their own
 *   seeded stream and only change the purchase process when asked for.
 * @example const g = generateOrders({ orders: 1000, seed: 42 }); g.day[0] >= START_DAY // true
 */
export function generateOrders({ orders, seed = 42, params = {}, attributes = false }) {
  if (!Number.isInteger(orders) || orders < 1) throw new RangeError(`orders must be a positive integer, got ${orders}`);
  const P = { ...DEFAULT_PARAMS, ...params };
  const random = makeRandom(seed);
  const A = attributes ? { ...DEFAULT_ATTRIBUTES, ...(attributes === true ? {} : attributes) } : null;
  const attrRandom = makeRandom((seed ^ 0x5bd1e995) >>> 0);
  const planted = A ? CHANNELS.indexOf(A.plantedChannel) : -1;
  const productWeights = PRODUCTS.map((_, k) => 1 / (k + 1));
  const weightSum = productWeights.reduce((a, b) => a + b, 0);
  const productShares = productWeights.map((w) => w / weightSum);
  const custRaw = new Int32Array(orders);
  const dayRaw = new Int32Array(orders);
  const chanRaw = A ? new Int32Array(orders) : null;
  const prodRaw = A ? new Int32Array(orders) : null;
  const regionOf = A ? [0] : null; // by customer id
  let n = 0;
  let customers = 0;
  while (n < orders) {
    customers++;
    const acquired = A ? pick(attrRandom, A.channelShares) : -1;
    if (A) regionOf.push(pick(attrRandom, A.regionShares));
    const lambda = (gamma(random, P.r) / P.alpha) * (acquired >= 0 && acquired === planted ? A.rateFactor : 1);
    const ga = gamma(random, P.a);
    const p = ga / (ga + gamma(random, P.b));
    // Arrival time in days from the window start (fractional); the first purchase is on that day.
    let t = random() * WINDOW_DAYS;
    let first = true;
    for (;;) {
      custRaw[n] = customers;
      dayRaw[n] = Math.floor(t);
      if (A) {
        chanRaw[n] = first || attrRandom() < A.loyalty ? acquired : pick(attrRandom, A.channelShares);
        prodRaw[n] = pick(attrRandom, productShares);
        first = false;
      }
      if (++n === orders) break;
      if (random() < p) break; // dropped out after this purchase
      t += -Math.log(1 - random()) / lambda; // exponential wait of the Poisson process
      if (!(t < WINDOW_DAYS)) break; // censored at the end of the window
    }
  }

  // Counting sort by day, placing each day's rows at random slots of the day's range (Fisher–Yates
  // within the day), so rows are in date order and shuffled within a day.
  const start = new Int32Array(WINDOW_DAYS + 1);
  for (let i = 0; i < orders; i++) start[dayRaw[i] + 1]++;
  for (let d = 0; d < WINDOW_DAYS; d++) start[d + 1] += start[d];
  const fill = start.slice(0, WINDOW_DAYS);
  const customer = new Int32Array(orders);
  const day = new Int32Array(orders);
  const channel = A ? new Int32Array(orders) : null;
  const product = A ? new Int32Array(orders) : null;
  for (let i = 0; i < orders; i++) {
    const at = fill[dayRaw[i]]++;
    customer[at] = custRaw[i];
    day[at] = START_DAY + dayRaw[i];
    if (A) {
      channel[at] = chanRaw[i];
      product[at] = prodRaw[i];
    }
  }
  for (let d = 0; d < WINDOW_DAYS; d++) {
    const lo = start[d];
    for (let k = start[d + 1] - 1; k > lo; k--) {
      const j = lo + Math.floor(random() * (k - lo + 1));
      const c = customer[k];
      customer[k] = customer[j];
      customer[j] = c;
      if (A) {
        const ch = channel[k];
        channel[k] = channel[j];
        channel[j] = ch;
        const pr = product[k];
        product[k] = product[j];
        product[j] = pr;
      }
    }
  }
  const amount = new Float64Array(orders);
  const perUnit = 1 / AMOUNT_STEP;
  for (let i = 0; i < orders; i++) {
    const x = Math.exp(P.logMean + P.logSd * normal(random));
    amount[i] = Math.max(1, Math.floor(x * perUnit + 0.5)) / perUnit;
  }
  if (!A) return { length: orders, customers, customer, day, amount };
  const region = new Int32Array(orders);
  const category = new Int32Array(orders);
  for (let i = 0; i < orders; i++) {
    region[i] = regionOf[customer[i]];
    category[i] = product[i] % CATEGORIES.length;
  }
  return { length: orders, customers, customer, day, amount, channel, region, product, category };
}
