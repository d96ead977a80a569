/**
 * Date parsing for the data layer. Every parser returns "wall ms" (see time-zone.ts), or NaN when
 * the value is not a date we accept.
 *
 * Accepted (anything else is 'unparseable-date'; the machine's local zone is never used):
 * - strings `YYYY-MM-DD`, `YYYY/MM/DD`, optionally followed by `T` or a space and `HH:MM[:SS[.fff]]`,
 *   optionally followed by `Z` or an offset `±HH:MM`, `±HHMM`, `±HH`. Month and day may have 1 or 2 digits;
 * - `M/D/YYYY` or `D/M/YYYY` (also with `.` or `-`), as the load decided (date-format.ts), and
 *   Chinese `YYYY年M月D日`, each with an optional time (`9:05`, `3:05 PM`, `下午3:05`, `9时5分`);
 * - Excel serial days (45292 = 2024-01-01) with dateFormat 'excel' or a date column of such numbers;
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

const YEAR = 0x5e74, MONTH = 0x6708, DAY = 0x65e5, DAY_SPOKEN = 0x53f7; // 年 月 日 号

/** Hour shift of a Chinese time-of-day word at `i` (上午 → AM, 下午/晚上 → PM…), with its length; null when none. */
function chineseMeridiem(s: string, i: number): { pm: boolean; length: number } | null {
  const w = s.slice(i, i + 2);
  if (w === '上午' || w === '早上' || w === '凌晨' || w === '清晨') return { pm: false, length: 2 };
  if (w === '下午' || w === '晚上' || w === '傍晚' || w === '中午') return { pm: true, length: 2 };
  return null;
}

/** `AM`/`PM`/`a.m.`/`p.m.` (any case) exactly filling `s[i, end)`; null when not one. */
function latinMeridiem(s: string, i: number, end: number): { pm: boolean } | null {
  const w = s.slice(i, end).toLowerCase().replace(/\./g, '');
  return w === 'am' ? { pm: false } : w === 'pm' ? { pm: true } : null;
}

/**
 * Parses `s.slice(start, end)` (already trimmed). Returns wall ms or NaN.
 *
 * Shapes: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYY年M月D日`; `A/B/YYYY`, `A.B.YYYY`,
 * `A-B-YYYY` read month first or day first as `clock.dayFirst` says; each optionally followed by
 * `T` or spaces and a time `H:MM[:SS[.fff]]` or `H时M分[S秒]` (1- or 2-digit hours), with
 * `AM`/`PM` after it or `上午`/`下午` before it; ISO shapes may end in `Z`, `UTC` or an offset.
 * Bare digits: `YYYYMMDD`, epoch ms (12–15 digits), or Excel serial days when `clock.excelSerial`.
 *
 * @example
 * parseDateText('2011-12-09 12:50', 0, 16, new ZoneClock('UTC')) / 86_400_000 | 0; // 15317
 * parseDateText('2024年1月5日 下午3:05', 0, 17, new ZoneClock('UTC')); // 2024-01-05 15:05 as wall ms
 */
export function parseDateText(s: string, start: number, end: number, clock: ZoneClock): number {
  const n = digitsAt(s, start, end, 16);
  let i = start + n;
  if (i === end) {
    if (clock.excelSerial && n > 0 && n <= 7) return excelSerialMs(intAt(s, start, n));
    if (n === 8) {
      const y = intAt(s, start, 4), m = intAt(s, start + 4, 2), d = intAt(s, start + 6, 2);
      return isValidCivil(y, m, d) ? daysFromCivil(y, m, d) * DAY_MS : NaN;
    }
    if (n >= 12 && n <= 15) return clock.wallMs(intAt(s, start, n));
    return NaN;
  }
  if (clock.excelSerial && n > 0 && n <= 7 && s.charCodeAt(i) === 46) {
    const v = Number(s.slice(start, end));
    return Number.isFinite(v) ? excelSerialMs(v) : NaN;
  }
  let y: number, m: number, d: number;
  let chinese = false;
  const sep = s.charCodeAt(i);
  if (n === 4) {
    y = intAt(s, start, 4);
    chinese = sep === YEAR;
    if (sep !== 45 && sep !== 47 && sep !== 46 && !chinese) return NaN; // '-' '/' '.' '年'
    i++;
    const mn = digitsAt(s, i, end, 2);
    if (mn === 0) return NaN;
    m = intAt(s, i, mn);
    i += mn;
    if (s.charCodeAt(i) !== (chinese ? MONTH : sep)) return NaN;
    i++;
    const dn = digitsAt(s, i, end, 2);
    if (dn === 0) return NaN;
    d = intAt(s, i, dn);
    i += dn;
    if (chinese) {
      const c = s.charCodeAt(i);
      if (c !== DAY && c !== DAY_SPOKEN) return NaN;
      i++;
    }
  } else if (n === 1 || n === 2) {
    if (sep !== 47 && sep !== 46 && sep !== 45) return NaN;
    const a = intAt(s, start, n);
    i++;
    const bn = digitsAt(s, i, end, 2);
    if (bn === 0 || s.charCodeAt(i + bn) !== sep) return NaN;
    const b = intAt(s, i, bn);
    i += bn + 1;
    if (digitsAt(s, i, end, 5) !== 4) return NaN;
    y = intAt(s, i, 4);
    i += 4;
    if (clock.dayFirst) { d = a; m = b; } else { m = a; d = b; }
  } else return NaN;
  if (!isValidCivil(y, m, d)) return NaN;
  let wall = daysFromCivil(y, m, d) * DAY_MS;
  if (i === end) return wall;
  const t = s.charCodeAt(i);
  const iso = n === 4 && !chinese;
  if (t === 84 || t === 116) i++; // 'T', 't'
  else if (t === 32) while (i < end && s.charCodeAt(i) === 32) i++;
  else if (!chinese) return NaN;
  let meridiem = chineseMeridiem(s, i);
  if (meridiem) {
    i += meridiem.length;
    while (i < end && s.charCodeAt(i) === 32) i++;
  }
  const hn = digitsAt(s, i, end, 2);
  if (hn === 0) return NaN;
  const hh0 = intAt(s, i, hn);
  i += hn;
  let mi = 0, ss = 0, frac = 0;
  const tc = s.charCodeAt(i);
  if (tc === 58) { // ':'
    if (digitsAt(s, i + 1, end, 2) !== 2) return NaN;
    mi = intAt(s, i + 1, 2);
    i += 3;
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
  } else if (tc === 0x65f6 || tc === 0x70b9) { // 时 点: 9时5分[3秒]
    i++;
    const mn = digitsAt(s, i, end, 2);
    if (mn > 0) {
      mi = intAt(s, i, mn);
      i += mn;
      if (s.charCodeAt(i) === 0x5206) i++; // 分
      const sn = digitsAt(s, i, end, 2);
      if (sn > 0) {
        ss = intAt(s, i, sn);
        i += sn;
        if (s.charCodeAt(i) === 0x79d2) i++; // 秒
      }
    }
  } else return NaN;
  if (meridiem === null && i < end) {
    let j = i;
    while (j < end && s.charCodeAt(j) === 32) j++;
    const latin = latinMeridiem(s, j, end);
    if (latin) {
      meridiem = { pm: latin.pm, length: 0 };
      i = end;
    }
  }
  let hh = hh0;
  if (meridiem) {
    if (hh0 < 1 || hh0 > 12) return NaN;
    hh = (hh0 % 12) + (meridiem.pm ? 12 : 0);
  }
  if (hh > 23 || mi > 59 || ss > 59) return NaN;
  wall += hh * 3_600_000 + mi * 60_000 + ss * 1000 + frac;
  if (i === end) return wall;
  if (!iso) return NaN;
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

/**
 * Excel serial day (1900 date system) → wall ms; the fraction is the time of day. Excel counts
 * 1900-02-29, a day that did not exist (kept from Lotus 1-2-3), so serials from 61 on are one day
 * ahead of the real calendar: serial 25569 is 1970-01-01. Serials below 1 or beyond 9999-12-31 → NaN.
 *
 * @example excelSerialMs(45292) / 86_400_000; // 19723 (2024-01-01)
 */
export function excelSerialMs(serial: number): number {
  if (!(serial >= 1 && serial < 2958466)) return NaN;
  const whole = Math.floor(serial);
  const days = whole - (whole >= 61 ? 25569 : 25568);
  return days * DAY_MS + Math.round((serial - whole) * DAY_MS / 1000) * 1000;
}

/** Numbers: Excel serial days when the clock says so; epoch ms when > 1e11 (instant), an integer YYYYMMDD (wall), else NaN. */
export function dateFromNumber(v: number, clock: ZoneClock): number {
  if (!Number.isFinite(v)) return NaN;
  if (clock.excelSerial && v < 1e7) return excelSerialMs(v);
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
