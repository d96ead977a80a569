/** Test-only: a seeded log of customers who never drop out (the NBD purchase process alone). */
import { gammaVariate, seededUniform } from './bg-nbd-simulate.js';
import type { Row } from './fixtures.js';
const utcDay = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86400000;

/** Customers who never drop out: Poisson purchases at rate λ ~ Gamma(r, α) per week, whole days. */
export function noDropoutRows(customers: number, seed: number, weeks = 52): Row[] {
  const uniform = seededUniform(seed);
  const rows: Row[] = [];
  const start = utcDay(2020, 1, 1);
  for (let c = 0; c < customers; c++) {
    const first = start + Math.floor(uniform() * 84);
    const end = start + weeks * 7;
    const rate = gammaVariate(0.8, uniform) / 10; // r = 0.8, α = 10 weeks
    rows.push({ customer: `c${c}`, day: first, amount: 20 + 30 * uniform() });
    let t = first;
    for (;;) {
      t += (-Math.log(1 - uniform()) / rate) * 7;
      if (!(t <= end)) break;
      rows.push({ customer: `c${c}`, day: Math.floor(t), amount: 20 + 30 * uniform() });
    }
  }
  return rows;
}

