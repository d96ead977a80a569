import { expect } from '@open-wc/testing';
import { erfc, holmAdjust, twoProportionZTest, wilsonInterval } from '../../../src/core/kernels/proportions.js';

describe('proportions', () => {
  it('Wilson score intervals equal Newcombe (1998, Stat Med 17, Table II, method 3)', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [x, n, low, high] of cases) {
      const w = wilsonInterval(x, n);
      expect(w.low, `${x}/${n} low`).to.be.closeTo(low, 5e-5);
      expect(w.high, `${x}/${n} high`).to.be.closeTo(high, 5e-5);
    }
    expect(wilsonInterval(20, 20).high).to.equal(1);
    expect(Number.isNaN(wilsonInterval(0, 0).low)).to.equal(true);
  });

  it('erfc and the two-proportion z test', () => {
    expect(erfc(0)).to.be.closeTo(1, 1e-7);
    expect(erfc(1)).to.be.closeTo(0.157299207050285, 2e-8);
    expect(erfc(-1)).to.be.closeTo(1.842700792949715, 2e-8);
    // 60/100 vs 40/100: pooled p = 0.5, SE = √(0.5·0.5·0.02) = 0.0707…, z = 2√2; p = erfc(2) = 0.0046777…
    const t = twoProportionZTest(60, 100, 40, 100);
    expect(t.z).to.be.closeTo(2 * Math.SQRT2, 1e-12);
    expect(t.p).to.be.closeTo(0.004677734981047, 1e-8);
    expect(twoProportionZTest(0, 10, 0, 20)).to.deep.equal({ z: 0, p: 1 });
    expect(Number.isNaN(twoProportionZTest(1, 0, 1, 2).p)).to.equal(true);
  });

  it("Holm's adjustment: step-down, monotone, NaN entries left out", () => {
    expect([...holmAdjust([0.01, 0.04, 0.03])].map((x) => +x.toFixed(12))).to.deep.equal([0.03, 0.06, 0.06]);
    expect([...holmAdjust([0.5, 0.001, 0.02, 0.03])].map((x) => +x.toFixed(12))).to.deep.equal([0.5, 0.004, 0.06, 0.06]);
    const withNaN = holmAdjust([NaN, 0.01, 0.02]);
    expect(Number.isNaN(withNaN[0])).to.equal(true);
    expect([...withNaN.subarray(1)].map((x) => +x.toFixed(12))).to.deep.equal([0.02, 0.02]);
  });
});
