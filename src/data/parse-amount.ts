/**
 * Amount parsing. Numbers pass through (NaN/±Infinity are not amounts). Strings may carry currency
 * symbols or codes (`€12`, `$1,200`, `12 EUR`), spaces, thousands separators and accounting
 * parentheses (`(12.50)` = −12.50). Separator rule: when both `,` and `.` occur, the last one is the
 * decimal point; with only commas, `1,234` / `1,234,567` (groups of three) are thousands and `12,5`
 * is a decimal comma. Anything else (empty, `NaN`, `Infinity`, words) returns NaN → 'non-numeric-amount'.
 */

const THOUSANDS_COMMA = /^\d{1,3}(,\d{3})+(\.\d*)?$/;

/** The general amount parser (see the module comment). */
export function parseAmountString(raw: string): number {
  let s = raw.trim();
  if (s === '') return NaN;
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  }
  // Drop currency symbols/codes and spaces (incl. no-break spaces) around and inside the number.
  s = s.replace(/[\s\u00a0\u202f']/g, '').replace(/^[^\d+\-.,]+|[^\d.,]+$/g, '');
  if (s.startsWith('-')) { negative = !negative; s = s.slice(1); } else if (s.startsWith('+')) s = s.slice(1);
  s = s.replace(/^[^\d.,]+/, ''); // "-$12": symbol after the sign
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) {
    // Plain JS numbers with exponents ("1e3") are fine; "NaN"/"Infinity" are not.
    const v = Number(raw.trim());
    return Number.isFinite(v) ? v : NaN;
  }
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    s = lastDot > lastComma ? s.replace(/,/g, '') : s.replace(/\./g, '').replace(',', '.');
  } else if (lastComma >= 0) {
    s = THOUSANDS_COMMA.test(s) ? s.replace(/,/g, '') : s.indexOf(',') === lastComma ? s.replace(',', '.') : '';
  } else if (s.indexOf('.') !== lastDot) {
    s = /^\d{1,3}(\.\d{3})+$/.test(s) ? s.replace(/\./g, '') : ''; // 1.234.567
  }
  if (s === '' || s === '.') return NaN;
  const v = Number(s);
  if (!Number.isFinite(v)) return NaN;
  return negative ? -v : v;
}

/** Any JS value → amount, NaN when not a finite number. */
export function amountFromValue(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v === 'string') return parseAmountString(v);
  if (typeof v === 'bigint') return Number(v);
  return NaN;
}
