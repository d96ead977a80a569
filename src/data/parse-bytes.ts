/**
 * Dates and amounts parsed straight from UTF-8 bytes, without creating a string, for the common
 * shapes (`YYYY-MM-DD`, `YYYY/MM/DD`, either with ` HH:MM[:SS]` or `THH:MM[:SS]`, `YYYYMMDD`;
 * plain decimals like `-123.45`). Every other shape falls back to the string parsers, so the
 * accepted values and the results are exactly those of `parseDateText` and `parseAmountString`.
 */
import { daysFromCivil } from '../core/calendar.js';
import { bytesToString } from './byte-interner.js';
import { parseAmountString } from './parse-amount.js';
import { parseDateText } from './parse-date.js';
import type { ZoneClock } from './time-zone.js';

const DAY_MS = 86_400_000;

/** Days in month `m` (1–12) of year `y` (proleptic Gregorian). */
function monthDays(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Two ASCII digits at `i` as a number, or -1. */
function two(b: Uint8Array, i: number): number {
  const x = b[i] - 48, y = b[i + 1] - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
}

/** Four ASCII digits at `i` as a number, or -1. */
function four(b: Uint8Array, i: number): number {
  const hi = two(b, i), lo = two(b, i + 2);
  return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
}

/** Wall ms of a valid civil date, else NaN. */
function civilMs(y: number, m: number, d: number): number {
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > monthDays(y, m)) return NaN;
  return daysFromCivil(y, m, d) * DAY_MS;
}

/**
 * Date of the trimmed field `b[start, end)` as wall ms (see time-zone.ts), NaN when not a date.
 * Same results as `parseDateText` on the decoded text.
 *
 * @example
 * parseDateBytes(new TextEncoder().encode('2011-12-09 12:50'), 0, 16, new ZoneClock('UTC')) / 86_400_000 | 0; // 15317
 */
export function parseDateBytes(b: Uint8Array, start: number, end: number, clock: ZoneClock): number {
  const len = end - start;
  if (len === 10 || len === 16 || len === 19) {
    const sep = b[start + 4];
    if ((sep === 45 || sep === 47) && b[start + 7] === sep) {
      const y = four(b, start), m = two(b, start + 5), d = two(b, start + 8);
      if (y >= 0 && m >= 0 && d >= 0) {
        const day = civilMs(y, m, d);
        if (len === 10 || day !== day) return day;
        const t = b[start + 10];
        if ((t === 32 || t === 84 || t === 116) && b[start + 13] === 58) {
          const hh = two(b, start + 11), mi = two(b, start + 14);
          let ss = 0;
          if (len === 19) ss = b[start + 16] === 58 ? two(b, start + 17) : -1;
          if (hh >= 0 && mi >= 0 && ss >= 0) {
            return hh > 23 || mi > 59 || ss > 59 ? NaN : day + hh * 3_600_000 + mi * 60_000 + ss * 1000;
          }
        }
      }
    }
  } else if (len === 8) {
    const y = four(b, start), md = four(b, start + 4);
    if (y >= 0 && md >= 0) return civilMs(y, Math.floor(md / 100), md % 100);
  }
  const text = bytesToString(b, start, end);
  return parseDateText(text, 0, text.length, clock);
}

/**
 * Amount of the trimmed, non-empty field `b[start, end)`; NaN when not a number. Plain `-123.45`
 * with at most 15 digits is parsed here (integer mantissa / power of ten: correctly rounded, like
 * parseFloat); anything else (currency symbols, separators, exponents) goes to `parseAmountString`.
 *
 * @example
 * parseAmountBytes(new TextEncoder().encode('12.50'), 0, 5); // 12.5
 */
export function parseAmountBytes(b: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  let c = b[i];
  if (c === 45) { negative = true; i++; } else if (c === 43) i++;
  let mantissa = 0, digits = 0, scale = 1;
  for (; i < end; i++) {
    c = b[i];
    if (c < 48 || c > 57) break;
    mantissa = mantissa * 10 + (c - 48);
    digits++;
  }
  if (i < end && c === 46) {
    for (i++; i < end; i++) {
      c = b[i];
      if (c < 48 || c > 57) break;
      mantissa = mantissa * 10 + (c - 48);
      scale *= 10;
      digits++;
    }
  }
  if (i === end && digits > 0 && digits <= 15) return (negative ? -mantissa : mantissa) / scale;
  return parseAmountString(bytesToString(b, start, end));
}
