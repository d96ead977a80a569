/**
 * Date parsing for the data layer. Every parser returns "wall ms" (see time-zone.ts), or NaN when
 * the value is not a date we accept.
 *
 * Accepted (anything else is 'unparseable-date'; the machine's local zone is never used):
 * - strings `YYYY-MM-DD`, `YYYY/MM/DD`, optionally followed by `T` or a space and `HH:MM[:SS[.fff]]`,
 *   optionally followed by `Z` or an offset `±HH:MM`, `±HHMM`, `±HH`. Month and day may have 1 or 2 digits;
 * - `YYYYMMDD` (8 digits) as a string or an integer number;
 * - epoch milliseconds: a number (or a string of 12–15 digits) greater than 1e11 (1973-03-03 in ms;
 *   epoch *seconds* stay below 1e11 until the year 5138, so the two never overlap);
 * - Date objects; Arrow Date/Timestamp and Parquet DATE/TIMESTAMP columns (handled by their readers).
 * Values with a zone (epoch ms, Date, `Z`/offset strings) are instants: `timeZone` decides their day.
 * Values without one (`2011-12-09 12:50`, `YYYYMMDD`) are wall-clock values: their day is their date part.
 * Impossible dates (2023-02-30, 25:00) are rejected.
 */
import { daysFromCivil, isValidCivil } from '../core/calendar.js';
import type { ZoneClock } from './time-zone.js';

const DAY_MS = 86_400_000;

function digitsAt(s: string, i: number, end: number, max: number): number {
  let n = 0;
  while (i + n < end && n < max) {
    const c = s.charCodeAt(i + n);
    if (c < 48 || c > 57) break;
    n++;
  }
  return n;
}

function intAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) v = v * 10 + (s.charCodeAt(i + k) - 48);
  return v;
}

/**
 * Parses `s.slice(start, end)` (already trimmed) without allocating. Returns wall ms or NaN.
 *
 * @example
 * parseDateText('2011-12-09 12:50', 0, 16, new ZoneClock('UTC')) / 86_400_000 | 0; // 15317
 */
export function parseDateText(s: string, start: number, end: number, clock: ZoneClock): number {
  const n = digitsAt(s, start, end, 16);
  let i = start + n;
  if (i === end) {
    if (n === 8) {
      const y = intAt(s, start, 4), m = intAt(s, start + 4, 2), d = intAt(s, start + 6, 2);
      return isValidCivil(y, m, d) ? daysFromCivil(y, m, d) * DAY_MS : NaN;
    }
    if (n >= 12 && n <= 15) return clock.wallMs(intAt(s, start, n));
    return NaN;
  }
  if (n !== 4) return NaN;
  const sep = s.charCodeAt(i);
  if (sep !== 45 && sep !== 47) return NaN; // '-' or '/'
  const y = intAt(s, start, 4);
  i++;
  const mn = digitsAt(s, i, end, 2);
  if (mn === 0) return NaN;
  const m = intAt(s, i, mn);
  i += mn;
  if (s.charCodeAt(i) !== sep) return NaN;
  i++;
  const dn = digitsAt(s, i, end, 2);
  if (dn === 0) return NaN;
  const d = intAt(s, i, dn);
  i += dn;
  if (!isValidCivil(y, m, d)) return NaN;
  let wall = daysFromCivil(y, m, d) * DAY_MS;
  if (i === end) return wall;
  const t = s.charCodeAt(i);
  if (t !== 84 && t !== 32 && t !== 116) return NaN; // 'T', ' ', 't'
  i++;
  if (digitsAt(s, i, end, 2) !== 2 || s.charCodeAt(i + 2) !== 58) return NaN;
  const hh = intAt(s, i, 2);
  i += 3;
  if (digitsAt(s, i, end, 2) !== 2) return NaN;
  const mi = intAt(s, i, 2);
  i += 2;
  let ss = 0, frac = 0;
  if (i < end && s.charCodeAt(i) === 58) {
    if (digitsAt(s, i + 1, end, 2) !== 2) return NaN;
    ss = intAt(s, i + 1, 2);
    i += 3;
    if (i < end && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
      const fn = digitsAt(s, i + 1, end, 9);
      if (fn === 0) return NaN;
      frac = Math.floor(intAt(s, i + 1, Math.min(fn, 3)) * 10 ** (3 - Math.min(fn, 3)));
      i += 1 + fn;
    }
  }
  if (hh > 23 || mi > 59 || ss > 59) return NaN;
  wall += hh * 3_600_000 + mi * 60_000 + ss * 1000 + frac;
  if (i === end) return wall;
  const z = s.charCodeAt(i);
  if (z === 32 && i + 1 < end) {
    // "2011-12-09 12:50:00 +01:00" / "... UTC"
    i++;
  }
  const zc = s.charCodeAt(i);
  if ((zc === 90 || zc === 122) && i + 1 === end) return clock.wallMs(wall); // 'Z'
  if (end - i === 3 && s.startsWith('UTC', i)) return clock.wallMs(wall);
  if (zc !== 43 && zc !== 45) return NaN; // '+' '-'
  i++;
  if (digitsAt(s, i, end, 2) !== 2) return NaN;
  const oh = intAt(s, i, 2);
  i += 2;
  let om = 0;
  if (i < end) {
    if (s.charCodeAt(i) === 58) i++;
    if (digitsAt(s, i, end, 2) !== 2 || i + 2 !== end) return NaN;
    om = intAt(s, i, 2);
  }
  if (oh > 18 || om > 59) return NaN;
  const offset = (zc === 45 ? -1 : 1) * (oh * 3_600_000 + om * 60_000);
  return clock.wallMs(wall - offset);
}

/** Numbers: epoch ms when > 1e11 (instant), an integer YYYYMMDD (wall), else NaN. */
export function dateFromNumber(v: number, clock: ZoneClock): number {
  if (!Number.isFinite(v)) return NaN;
  if (v > 1e11) return clock.wallMs(v);
  if (Number.isInteger(v) && v >= 10000101 && v <= 99991231) {
    const y = Math.floor(v / 10000), m = Math.floor(v / 100) % 100, d = v % 100;
    return isValidCivil(y, m, d) ? daysFromCivil(y, m, d) * DAY_MS : NaN;
  }
  return NaN;
}

/** 0 = a date, 1 = missing (null, undefined, empty string), 2 = present but unparseable. */
export type DateState = 0 | 1 | 2;

/** Any JS value → wall ms; `null`, `undefined` and blank strings → NaN with `isMissingValue` true. */
export function dateFromValue(v: unknown, clock: ZoneClock): number {
  if (typeof v === 'string') {
    let a = 0, b = v.length;
    while (a < b && v.charCodeAt(a) <= 32) a++;
    while (b > a && v.charCodeAt(b - 1) <= 32) b--;
    return parseDateText(v, a, b, clock);
  }
  if (typeof v === 'number') return dateFromNumber(v, clock);
  if (v instanceof Date) return clock.wallMs(v.getTime());
  if (typeof v === 'bigint') return dateFromNumber(Number(v), clock);
  return NaN;
}

/** Whether a value counts as a missing date (rather than an unparseable one). */
export function isMissingValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  return typeof v === 'number' && v !== v;
}
