import { expect } from '@open-wc/testing';
import { digamma, logAbsGammaWithSign, logBeta, logGamma } from '../../src/core/special/gamma.js';
import { hyp2f1, hyp2f1Minus1, hyp2f1SeriesTail } from '../../src/core/special/hyp2f1.js';
import { minimizeBfgs } from '../../src/core/optimize/bfgs.js';
import { groupTriples } from '../../src/core/optimize/group-rows.js';

/** |actual − expected| ≤ rel·|expected| + abs. */
function close(actual: number, expected: number, rel: number, abs = 0): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).to.be.at.most(rel * Math.abs(expected) + abs);
}

// Reference values: mpmath 1.3 at 30 significant digits (mp.loggamma, mp.digamma, mp.hyp2f1),
// an independent arbitrary-precision implementation, printed to 20 digits.
const GAMMA_REFERENCE: [x: number, logGamma: number, digamma: number][] = [
  [1e-3, 6.9071788853838536617, -1000.5755719318102797],
  [0.2425929, 1.3198164199186444437, -4.3584910640804762411],
  [0.5, 0.57236494292470008707, -1.9635100260214234794],
  [1, 0, -0.57721566490153286061],
  [1.5, -0.12078223763524522235, 0.036489973978576520559],
  [2, 0, 0.42278433509846713939],
  [3.7443, 1.4800800785831783474, 1.1807954463146215646],
  [7.5, 7.5343642367587329552, 1.9467574842460867881],
  [10, 12.801827480081469611, 2.2517525890667211076],
  [12.3, 18.238983407092243696, 2.4683984003011382903],
  [100, 359.13420536957539878, 4.6001618527380874002],
  [2500.5, 17061.033949007268455, 7.8240460175229585972],
  [1e6, 12815504.56914761166, 13.815510057964190771],
];

const HYP2F1_REFERENCE: [a: number, b: number, c: number, z: number, value: number][] = [
  [0.5, 1.5, 2.5, 0.3, 1.1080625510569319884],
  [0.2426, 2.426, 2.219, 0.898, 1.9333299306131660867], // the CDNOW E[X(39)] argument
  [2.2426, 4.426, 4.219, 0.5, 5.1601957354292094047],
  [1.2, -0.207, 3.2, 0.95, 0.90105461748734770615], // connection formula (z > 0.9)
  [1.2, -0.207, 3.2, 0.999, 0.89275610523981410739],
  [3.5, 1.25, 2.75, 0.9999, 53399188.548666816347], // divergent as z → 1 (c − a − b < 0)
  [1.1, 2.2, 3.3, 0.97, 6.2761874573268796476],
  [0.3, 0.7, 1.0, 0.99, 2.1077109177178977034], // c − a − b = 0: series path near z = 1
  [0.7, 0.3, 1.5, -0.5, 0.94203463507734430355], // negative z (Pfaff)
  [0.7, 0.3, 1.5, -8.8, 0.66392237506037236365],
  [2.5, 1.5, 3.1, -1000, 0.000058108344113482540521],
  [502.4, -0.207, 503.2, 0.99, 0.39667196679779851331], // large parameters (x = 500 customers)
];

describe('special functions', () => {
  it('logGamma and digamma match 30-digit references', () => {
    for (const [x, lg, psi] of GAMMA_REFERENCE) {
      close(logGamma(x), lg, 2e-15, 2e-15);
      close(digamma(x), psi, 2e-15, 2e-15);
    }
  });

  it('logGamma satisfies the recurrence and matches factorials; logBeta matches B(2,3) = 1/12 and B(½,½) = π', () => {
    let factorial = 1;
    for (let n = 1; n <= 25; n++) {
      close(logGamma(n + 1), Math.log((factorial *= n)), 2e-15, 4e-15);
    }
    for (const x of [0.01, 0.3, 4.2, 9.99, 10.01, 57.3]) close(logGamma(x + 1) - logGamma(x), Math.log(x), 0, 1e-13);
    close(logBeta(2, 3), Math.log(1 / 12), 0, 1e-14);
    close(logBeta(0.5, 0.5), Math.log(Math.PI), 0, 1e-14);
    expect(Number.isNaN(logGamma(0))).to.equal(true);
    expect(Number.isNaN(digamma(-1))).to.equal(true);
  });

  it('the signed gamma reflects correctly for negative arguments', () => {
    const half = logAbsGammaWithSign(-0.5); // Γ(−1/2) = −2√π
    close(half.logAbs, Math.log(2 * Math.sqrt(Math.PI)), 4e-15);
    expect(half.sign).to.equal(-1);
    const threeHalves = logAbsGammaWithSign(-1.5); // Γ(−3/2) = 4√π/3
    close(threeHalves.logAbs, Math.log((4 * Math.sqrt(Math.PI)) / 3), 1e-14);
    expect(threeHalves.sign).to.equal(1);
    expect(logAbsGammaWithSign(-3).sign).to.equal(0);
  });

  it('hyp2f1 matches 30-digit references, incl. z near 1 and large negative z', () => {
    for (const [a, b, c, z, value] of HYP2F1_REFERENCE) close(hyp2f1(a, b, c, z), value, 1e-12);
  });

  it('hyp2f1 matches closed forms (A&S 15.1.3–15.1.8)', () => {
    for (const z of [-0.999, -0.5, -1e-6, 1e-6, 0.25, 0.5, 0.9, 0.95, 0.99, 0.9999]) {
      close(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z, 1e-13); // 15.1.3
      close(hyp2f1(2.5, 0.7, 0.7, z), Math.pow(1 - z, -2.5), 1e-13); // 15.1.8
    }
    for (const s of [0.1, 0.5, 0.9, 0.99]) {
      close(hyp2f1(0.5, 0.5, 1.5, s * s), Math.asin(s) / s, 1e-13); // 15.1.6
      close(hyp2f1(0.5, 1, 1.5, -s * s), Math.atan(s) / s, 1e-13); // 15.1.5
    }
    for (const s of [2, 10, 100]) close(hyp2f1(0.5, 1, 1.5, -s * s), Math.atan(s) / s, 1e-12); // z ≪ −1
    expect(hyp2f1(-3, 2, 5, 0.7)).to.be.closeTo(1 - (3 * 2 * 0.7) / 5 + (3 * 2 * 2 * 3 * 0.49) / (5 * 6 * 2) - (6 * 24 * 0.343) / (210 * 6), 1e-15); // terminating
    expect(Number.isNaN(hyp2f1(1, 1, 2, 1))).to.equal(true);
    expect(Number.isNaN(hyp2f1(1, 1, -2, 0.5))).to.equal(true);
  });

  it('hyp2f1Minus1 keeps relative precision where ₂F₁ ≈ 1', () => {
    // ₂F₁(1,1;2;z) − 1 = −ln(1−z)/z − 1 ≈ z/2 + z²/3 for tiny z.
    close(hyp2f1Minus1(1, 1, 2, 1e-10), 5e-11 + 1e-20 / 3, 1e-12);
    close(hyp2f1SeriesTail(1, 1, 2, 0.5), -Math.log(0.5) / 0.5 - 1, 1e-14);
    // (1−z)^−a − 1 for negative z: exact expm1.
    close(hyp2f1Minus1(2.5, 0.7, 0.7, -1e-9), Math.expm1(-2.5 * Math.log1p(1e-9)), 1e-12);
    for (const [a, b, c, z, value] of HYP2F1_REFERENCE) close(hyp2f1Minus1(a, b, c, z), value - 1, 1e-11, 1e-13);
  });
});

describe('BFGS optimiser', () => {
  it('minimises the Rosenbrock function to its optimum (1, 1)', () => {
    const result = minimizeBfgs(
      (x, g) => {
        const [u, v] = x;
        g[0] = -2 * (1 - u) - 400 * u * (v - u * u);
        g[1] = 200 * (v - u * u);
        return (1 - u) ** 2 + 100 * (v - u * u) ** 2;
      },
      [-1.2, 1],
      { maxIterations: 1000 },
    );
    expect(result.converged).to.equal(true);
    expect(result.x[0]).to.be.closeTo(1, 1e-8);
    expect(result.x[1]).to.be.closeTo(1, 1e-8);
  });

  it('backs off from steps that leave the domain (non-finite objective)', () => {
    // f(x) = x − log x on x > 0 with the minimum at 1; start far right so a full step overshoots below 0.
    const result = minimizeBfgs((x, g) => {
      g[0] = 1 - 1 / x[0];
      return x[0] > 0 ? x[0] - Math.log(x[0]) : Number.NaN;
    }, [30]);
    expect(result.x[0]).to.be.closeTo(1, 1e-8);
  });
});

describe('groupTriples', () => {
  it('groups identical triples, sums weights, folds −0 into 0 and honours the include mask', () => {
    const g = groupTriples([1, 1, 2, 1, 0], [3, 3, 4, 3, -0], [5, 5, 6, 7, 0], [1, 2, 3, 4, 5], [1, 1, 1, 1, 1]);
    expect(g.groups).to.equal(4);
    expect(Array.from(g.groupOfRow)).to.deep.equal([0, 0, 1, 2, 3]);
    expect(Array.from(g.weight)).to.deep.equal([3, 3, 4, 5]);
    const h = groupTriples([0, -0, 1], [0, 0, 1], [1, 1, 1], undefined, [1, 1, 0]);
    expect(h.groups).to.equal(1);
    expect(Array.from(h.groupOfRow)).to.deep.equal([0, 0, -1]);
  });

  it('agrees with a string-keyed Map on 200,000 random rows', () => {
    let seed = 12345;
    const rand = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const n = 200_000;
    const u = new Float64Array(n);
    const v = new Float64Array(n);
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      u[i] = Math.floor(rand() * 20);
      v[i] = Math.floor(rand() * 30) / 7;
      w[i] = 38 + Math.floor(rand() * 10) / 7;
    }
    const g = groupTriples(u, v, w);
    const map = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = `${u[i]}|${v[i]}|${w[i]}`;
      if (!map.has(key)) map.set(key, map.size);
      expect(g.groupOfRow[i]).to.equal(map.get(key));
    }
    expect(g.groups).to.equal(map.size);
  });
});
