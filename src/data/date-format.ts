/**
 * Deciding, once per load, how the date column's numeric dates are written: `3/4/2024` is March 4
 * in the US and 3 April nearly everywhere else, and nothing in one such value says which. Rules,
 * first that applies (`report.dates.rule` names it):
 * 1. `given`: the `dateFormat` option (`date-format` attribute) wins;
 * 2. `values`: a value whose first number is above 12 (`31/01/2024`) can only be day first, one
 *    whose second is above 12 (`12/13/2010`) only month first; a column of Excel serial numbers is
 *    Excel. Values of both kinds → LoadError 'mixed-date-formats' (the file is reported, not guessed);
 * 3. `lang`: the order of month and day in that language's short date (en-US month first, en-GB,
 *    de, fr… day first);
 * 4. `default`: month first (Excel's US exports, the UCI Online Retail original).
 * Files with year-first dates only (ISO, `2024/3/7`, `2024年1月5日`) are `YYYY-MM-DD` by their values.
 */
import type { ZoneClock } from './time-zone.js';
import { LoadError, type DateFormat, type DateReading } from './types.js';

/** Values looked at (the first rows of the date column). */
export const DATE_SAMPLE_ROWS = 5000;

const YEAR_LAST = /^(\d{1,2})([/.-])(\d{1,2})\2\d{4}(?!\d)/;
const YEAR_FIRST = /^\d{4}([-/.年])\d{1,2}|^\d{8}$/;
const SERIAL = /^\d{4,5}(\.\d+)?$/;

/** Whether `lang`'s short numeric date puts the day before the month (undefined: unknown language). */
export function langIsDayFirst(lang: string): boolean | undefined {
  try {
    const parts = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' })
      .formatToParts(Date.UTC(2024, 0, 15));
    const order = parts.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type);
    if (order[0] === 'year') return false; // zh, ja, ko, sv: year-first; their rare year-last dates are month first
    return order.indexOf('day') < order.indexOf('month');
  } catch {
    return undefined;
  }
}

function dayFirstFormat(sep: string): DateFormat {
  return sep === '.' ? 'DD.MM.YYYY' : sep === '-' ? 'DD-MM-YYYY' : 'DD/MM/YYYY';
}

function monthFirstFormat(sep: string): DateFormat {
  return sep === '-' ? 'MM-DD-YYYY' : 'MM/DD/YYYY';
}

/**
 * The date convention of a load from up to `DATE_SAMPLE_ROWS` values of its date column, by the
 * rules above. Throws LoadError 'mixed-date-formats' when the values contradict each other.
 *
 * @example
 * chooseDateReading(['12/1/2010 8:26', '12/13/2010 9:01'], {}); // { format: 'MM/DD/YYYY', rule: 'values' }
 * chooseDateReading(['3/4/2024'], { lang: 'en-GB' });           // { format: 'DD/MM/YYYY', rule: 'lang' }
 */
export function chooseDateReading(samples: readonly unknown[], options: { dateFormat?: DateFormat; lang?: string }): DateReading {
  if (options.dateFormat !== undefined) return { format: options.dateFormat, rule: 'given' };
  let dayFirstOnly: string | undefined, monthFirstOnly: string | undefined, sep = '/';
  let yearLast = 0, yearFirst = 0, serials = 0, others = 0;
  for (const v of samples) {
    if (typeof v === 'number') {
      if (v >= 20000 && v < 80000) serials++; // 1954–2119 as Excel serials
      else if (Number.isInteger(v) && v >= 10000101 && v <= 99991231) yearFirst++; // YYYYMMDD
      else others++;
      continue;
    }
    if (typeof v !== 'string') continue;
    const t = v.trim();
    if (t === '') continue;
    const m = YEAR_LAST.exec(t);
    if (m) {
      yearLast++;
      sep = m[2];
      const a = Number(m[1]), b = Number(m[3]);
      if (a > 12 && b <= 12) dayFirstOnly ??= t;
      else if (b > 12 && a <= 12) monthFirstOnly ??= t;
    } else if (YEAR_FIRST.test(t)) yearFirst++;
    else if (SERIAL.test(t) && Number(t) >= 20000 && Number(t) < 80000) serials++;
    else others++;
  }
  if (dayFirstOnly !== undefined && monthFirstOnly !== undefined) {
    throw new LoadError('mixed-date-formats',
      `The date column mixes day-first and month-first dates ("${dayFirstOnly}" can only be day first, "${monthFirstOnly}" only month first): ` +
      'fix the file, or set date-format (option dateFormat) to "DD/MM/YYYY" or "MM/DD/YYYY" to read every date one way.');
  }
  if (dayFirstOnly !== undefined) return { format: dayFirstFormat(sep), rule: 'values' };
  if (monthFirstOnly !== undefined) return { format: monthFirstFormat(sep), rule: 'values' };
  if (serials > 0 && yearLast === 0 && yearFirst === 0 && others === 0) return { format: 'excel', rule: 'values' };
  if (yearLast > 0) {
    const dayFirst = options.lang ? langIsDayFirst(options.lang) : undefined;
    if (dayFirst !== undefined) return { format: dayFirst ? dayFirstFormat(sep) : monthFirstFormat(sep), rule: 'lang' };
    return { format: monthFirstFormat(sep), rule: 'default' };
  }
  return { format: 'YYYY-MM-DD', rule: yearFirst > 0 ? 'values' : 'default' };
}

/** Sets the clock's date reading for the rows to come. */
export function applyDateReading(clock: ZoneClock, reading: DateReading): void {
  clock.dayFirst = reading.format.startsWith('DD');
  clock.excelSerial = reading.format === 'excel';
}
