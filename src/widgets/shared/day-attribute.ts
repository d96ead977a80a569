import { parseIsoDate } from '../../core/calendar.js';
import { LoadError } from '../../data/types.js';

/**
 * The day number of a date attribute (`as-of`, `calibration-end`, `from`, `to`): undefined when
 * absent or empty; otherwise a strict `YYYY-MM-DD` date, or a `bad-option` error that names the
 * attribute and the fix, which the widget shows in its error state.
 * @example dayAttribute('1998-06-30', 'as-of') // 10407
 */
export function dayAttribute(value: string | null | undefined, attribute: string): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const day = parseIsoDate(value);
  if (day === undefined) {
    throw new LoadError('bad-option', `${attribute}="${value}" is not a date: write it as YYYY-MM-DD, e.g. ${attribute}="1998-06-30".`);
  }
  return day;
}
