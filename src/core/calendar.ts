/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian), with no Date
 * objects and no time zone: the data layer has already decided which calendar day an order is on.
 *
 * Algorithms: Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil,
 * civil_from_days), http://howardhinnant.github.io/date_algorithms.html ; ISO 8601 week numbering.
 */

/** The calendar periods analyses group by (one name for cohorts, repurchase, churn and lifecycle). */
export type Period = 'month' | 'week' | 'day';
/** The periods churn and lifecycle stages use: a day is shorter than any inactivity threshold. */
export type MonthOrWeek = 'month' | 'week';
/** The period every analysis and widget uses when none is given. */
export const DEFAULT_PERIOD: MonthOrWeek = 'month';

/** Day number of a civil date; `month` is 1..12. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number: `[year, month 1..12, day 1..31]`. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/**
 * Day number of a strict ISO calendar date `YYYY-MM-DD`, or undefined when the text is not one or
 * names an impossible date (`2023-02-30`).
 * @example parseIsoDate('1998-06-30') // 10407
 */
export function parseIsoDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidCivil(y, mo, d) ? daysFromCivil(y, mo, d) : undefined;
}

/** Whether year/month/day is a real date (rejects 2023-02-30). */
export function isValidCivil(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  const [y, m, d] = civilFromDays(daysFromCivil(year, month, day));
  return y === year && m === month && d === day;
}

/** ISO weekday, Monday = 1 … Sunday = 7. 1970-01-01 was a Thursday. */
export function isoWeekday(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Months since 1970-01 (0 = January 1970). */
export function monthIndex(days: number): number {
  const [y, m] = civilFromDays(days);
  return (y - 1970) * 12 + (m - 1);
}

/** Weeks since the Monday 1969-12-29 (the ISO week containing day 0). */
export function weekIndex(days: number): number {
  return Math.floor((days + 3) / 7);
}

/** Index of the period containing `days`: months, ISO weeks (Monday-based) or days since the epoch. */
export function periodIndex(period: Period, days: number): number {
  return period === 'month' ? monthIndex(days) : period === 'week' ? weekIndex(days) : days;
}

/** First day number of a period index. */
export function periodStart(period: Period, index: number): number {
  if (period === 'day') return index;
  if (period === 'week') return index * 7 - 3;
  const y = 1970 + Math.floor(index / 12);
  return daysFromCivil(y, index - (y - 1970) * 12 + 1, 1);
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** `YYYY-MM-DD` of a day number. */
export function isoDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** ISO 8601 week-numbering year and week (1..53) of a day number. */
export function isoWeek(days: number): [number, number] {
  const thursday = days - isoWeekday(days) + 4;
  const [year] = civilFromDays(thursday);
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return [year, week];
}

/** Period key: `YYYY-MM`, ISO `YYYY-Www`, or `YYYY-MM-DD`. */
export function periodKey(period: Period, index: number): string {
  const start = periodStart(period, index);
  if (period === 'day') return isoDate(start);
  if (period === 'week') {
    const [y, w] = isoWeek(start);
    return `${y}-W${pad2(w)}`;
  }
  const [y, m] = civilFromDays(start);
  return `${y}-${pad2(m)}`;
}
