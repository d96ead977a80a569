/**
 * Locale-aware number and period formatting with Intl. Formatters are cached per locale because
 * building an Intl.NumberFormat costs far more than using one.
 *
 * Dates never go through the machine's local time zone: period keys are civil dates already, so
 * they are formatted as UTC instants of that civil date with `timeZone: 'UTC'`.
 */
import type { Lang } from './messages.js';
import type { Period } from '../core/calendar.js';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(lang: Lang, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${lang}|n|${key}`;
  let f = cache.get(id) as Intl.NumberFormat | undefined;
  if (!f) cache.set(id, (f = new Intl.NumberFormat(lang, options)));
  return f;
}

/**
 * Integer with grouping, e.g. counts of customers or rows.
 * @example formatInteger('en', 7846) // '7,846'
 */
export function formatInteger(lang: Lang, n: number): string {
  return numberFormat(lang, 'int', { maximumFractionDigits: 0 }).format(n);
}

/**
 * Amount with at most `digits` decimals (currency unknown, so no symbol).
 * @example formatAmount('en', 1234.5) // '1,234.5'
 */
export function formatAmount(lang: Lang, n: number, digits = 2): string {
  return numberFormat(lang, `amt${digits}`, { maximumFractionDigits: digits }).format(n);
}

/**
 * Money in `currency` (ISO 4217, e.g. 'GBP', 'CNY') when one is given, else a plain amount. An
 * unknown currency code falls back to the plain amount instead of throwing in the middle of a render.
 * @example formatMoney('en', 1234.5, 'GBP') // '£1,234.50'
 */
export function formatMoney(lang: Lang, n: number, currency?: string, digits = 2): string {
  if (!currency) return formatAmount(lang, n, digits);
  try {
    return numberFormat(lang, `cur${currency}${digits}`, { style: 'currency', currency, maximumFractionDigits: digits }).format(n);
  } catch {
    return formatAmount(lang, n, digits);
  }
}

/**
 * A number with exactly `digits` decimals (ratios such as a lift, where 0.90 and 1.10 read better than 0.9 and 1.1).
 * @example formatDecimal('en', 0.9, 2) // '0.90'
 */
export function formatDecimal(lang: Lang, n: number, digits = 2): string {
  return numberFormat(lang, `dec${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/**
 * A model parameter: `digits` significant digits, so a degenerate 0.0000344 or 13,131 both show
 * what they are instead of rounding to 0 at fixed decimals.
 * @example formatParameter('en', 0.0000344) // '0.0000344'
 */
export function formatParameter(lang: Lang, n: number, digits = 4): string {
  return numberFormat(lang, `sig${digits}`, { maximumSignificantDigits: digits }).format(n);
}

/**
 * Short number for tight spaces (compact notation).
 * @example formatCompact('en', 7814) // '7.8K'
 */
export function formatCompact(lang: Lang, n: number): string {
  return numberFormat(lang, 'compact', { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/**
 * A share (0..1) as a percentage with `digits` decimals.
 * @example formatPercent('en', 0.1234) // '12.3%'
 */
export function formatPercent(lang: Lang, share: number, digits = 1): string {
  if (!Number.isFinite(share)) return '–';
  return numberFormat(lang, `pct${digits}`, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(share);
}

/**
 * Byte count in B/kB/MB with one decimal.
 * @example formatBytes('en', 1_950_500) // '1.9 MB'
 */
export function formatBytes(lang: Lang, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let i = 0;
  let v = bytes;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return numberFormat(lang, `bytes-${units[i]}`, {
    style: 'unit',
    unit: units[i],
    unitDisplay: 'short',
    maximumFractionDigits: i === 0 ? 0 : 1,
  }).format(v);
}

/**
 * A period key (`YYYY-MM`, `YYYY-Www`, `YYYY-MM-DD`) in words, e.g. "January 1997" / "1997年1月".
 * ISO week keys are returned unchanged (Intl has no week-of-year format).
 * @example formatPeriodKey('en', 'month', '1997-01') // 'January 1997'
 */
export function formatPeriodKey(lang: Lang, unit: Period, key: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(key);
  if (unit === 'week' || !m) return key;
  const id = `${lang}|d|${unit}`;
  let f = cache.get(id) as Intl.DateTimeFormat | undefined;
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      unit === 'month' ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' };
    cache.set(id, (f = new Intl.DateTimeFormat(lang, opts)));
  }
  return f.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1));
}
