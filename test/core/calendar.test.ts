import { expect } from '@open-wc/testing';
import { civilFromDays, daysFromCivil, isValidCivil, isoWeek, periodIndex, periodKey, periodStart } from '../../src/core/calendar.js';

// Oracle: the platform's own UTC calendar (Date.UTC), a different implementation.
const utcDay = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86400000;

describe('calendar', () => {
  it('round-trips civil dates against Date.UTC across four centuries', () => {
    for (let day = utcDay(1899, 12, 25); day < utcDay(2101, 1, 10); day += 13) {
      const dt = new Date(day * 86400000);
      expect(civilFromDays(day)).to.deep.equal([dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()]);
      expect(daysFromCivil(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate())).to.equal(day);
    }
  });

  it('rejects impossible dates', () => {
    expect(isValidCivil(2023, 2, 30)).to.equal(false);
    expect(isValidCivil(2024, 2, 29)).to.equal(true);
    expect(isValidCivil(2023, 2, 29)).to.equal(false);
    expect(isValidCivil(2023, 13, 1)).to.equal(false);
  });

  it('numbers ISO weeks across year ends', () => {
    expect(isoWeek(daysFromCivil(2020, 12, 31))).to.deep.equal([2020, 53]);
    expect(isoWeek(daysFromCivil(2021, 1, 3))).to.deep.equal([2020, 53]);
    expect(isoWeek(daysFromCivil(2021, 1, 4))).to.deep.equal([2021, 1]);
    expect(isoWeek(daysFromCivil(2018, 12, 31))).to.deep.equal([2019, 1]);
    expect(periodKey('week', periodIndex('week', daysFromCivil(2024, 12, 30)))).to.equal('2025-W01');
  });

  it('keys and starts of months, weeks and days', () => {
    const d = daysFromCivil(1997, 3, 25);
    expect(periodKey('month', periodIndex('month', d))).to.equal('1997-03');
    expect(periodKey('day', periodIndex('day', d))).to.equal('1997-03-25');
    expect(civilFromDays(periodStart('week', periodIndex('week', d)))).to.deep.equal([1997, 3, 24]); // a Monday
    expect(periodStart('month', periodIndex('month', d))).to.equal(daysFromCivil(1997, 3, 1));
  });
});
