/**
 * Parses the `as-of` attribute of the analysis widgets: an ISO calendar date → day number (days
 * since 1970-01-01 of that civil date, as OrderTable.day), independent of the machine's time zone.
 */
import { daysFromCivil, isValidCivil } from '../../core/calendar.js';

/**
 * Day number of an ISO date `YYYY-MM-DD`; undefined for an absent or empty value.
 * Throws a RangeError naming the attribute for anything else, so the widget shows it in its error state.
 * @example isoDay('1998-06-30') // 10407
 */
export function isoDay(value: string | null | undefined, attribute = 'as-of'): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m || !isValidCivil(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`${attribute} must be a date as YYYY-MM-DD, got "${value}"`);
  }
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}
