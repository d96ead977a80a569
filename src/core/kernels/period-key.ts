/**
 * Inverse of `periodKey` in calendar.ts: turns `YYYY-MM`, ISO `YYYY-Www` or `YYYY-MM-DD` back into
 * a period index, so a widget event carrying a key can be answered.
 */
import { daysFromCivil, isValidCivil, isoWeekday, monthIndex, weekIndex, type Period } from '../calendar.js';

/**
 * Period index of a key; throws a RangeError on a malformed key or one of another period type.
 * @example parsePeriodKey('week', '2021-W01') === periodIndex('week', daysFromCivil(2021, 1, 4))
 */
export function parsePeriodKey(period: Period, key: string): number {
  let m: RegExpExecArray | null;
  if (period === 'month' && (m = /^(\d{4})-(\d{2})$/.exec(key))) {
    const month = Number(m[2]);
    if (month >= 1 && month <= 12) return monthIndex(daysFromCivil(Number(m[1]), month, 1));
  } else if (period === 'week' && (m = /^(\d{4})-W(\d{2})$/.exec(key))) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    const jan4 = daysFromCivil(year, 1, 4); // always in ISO week 1
    const monday = jan4 - (isoWeekday(jan4) - 1) + (week - 1) * 7;
    // Dec 28 is always in the last ISO week of its year.
    const weeksInYear = weekIndex(daysFromCivil(year, 12, 28)) - weekIndex(jan4) + 1;
    if (week >= 1 && week <= weeksInYear) return weekIndex(monday);
  } else if (period === 'day' && (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (isValidCivil(y, mo, d)) return daysFromCivil(y, mo, d);
  }
  throw new RangeError(`'${key}' is not a ${period} key`);
}
