/**
 * Sniffing delimited text: which delimiter, and whether the first line is a header.
 */
import { parseAmountString } from './parse-amount.js';
import { parseDateText } from './parse-date.js';
import { ZoneClock } from './time-zone.js';

/** Delimiter char code, or WHITESPACE for columns separated by runs of spaces/tabs (CDNOW_master.txt). */
export const WHITESPACE = -1;

const CANDIDATES = [44, 9, 59, 124]; // , \t ; |

function countOutsideQuotes(line: string, code: number): number {
  let n = 0, quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === code && !quoted) n++;
  }
  return n;
}

/**
 * Picks the delimiter whose count is the same (and non-zero) on the first lines, preferring the
 * largest count; falls back to whitespace runs when the lines split into a steady number (≥ 2) of
 * fields that way; else to a comma.
 */
export function sniffDelimiter(sample: string, forced?: 'csv' | 'tsv'): number {
  if (forced === 'tsv') return 9;
  const lines = sample.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 20);
  let best = -2, bestCount = 0;
  for (const code of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, code));
    const first = counts[0] ?? 0;
    if (first > 0 && counts.every((c) => c === first) && first > bestCount) {
      best = code;
      bestCount = first;
    }
  }
  if (best !== -2) return best;
  const widths = lines.map((l) => l.trim().split(/[ \t]+/).length);
  if (widths.length > 0 && widths[0] >= 2 && widths.every((w) => w === widths[0])) return WHITESPACE;
  // Inconsistent lines: the candidate that appears most on the first line.
  for (const code of CANDIDATES) if (lines[0] !== undefined && countOutsideQuotes(lines[0], code) > 0) return code;
  return 44;
}

export function formatName(delimiter: number): string {
  return delimiter === 9 ? 'tsv' : delimiter === 59 ? 'csv-semicolon' : delimiter === 124 ? 'csv-pipe' : delimiter === WHITESPACE ? 'whitespace' : 'csv';
}

const UTC = new ZoneClock('UTC');

/** A first line is a header when all its fields are non-blank and none looks like a number or a date. */
export function looksLikeHeader(fields: string[]): boolean {
  return fields.length > 0 && fields.every((f) => {
    const t = f.trim();
    return t !== '' && Number.isNaN(parseAmountString(t)) && Number.isNaN(parseDateText(t, 0, t.length, UTC));
  });
}

/** Splits one record starting at `pos` (for the header and examples; allocates). */
export function splitRecord(text: string, pos: number, delimiter: number): { fields: string[]; next: number } {
  const fields: string[] = [];
  let i = pos;
  const n = text.length;
  if (delimiter === WHITESPACE) {
    let end = i;
    while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const line = text.slice(i, end).trim();
    if (line !== '') fields.push(...line.split(/[ \t]+/));
    if (end < n && text.charCodeAt(end) === 13) end++;
    if (end < n && text.charCodeAt(end) === 10) end++;
    return { fields, next: end };
  }
  for (;;) {
    let value = '';
    if (i < n && text.charCodeAt(i) === 34) {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) { value += text.slice(i); i = n; break; }
        value += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 34) { value += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
      while (i < n && text.charCodeAt(i) !== delimiter && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else {
      const s = i;
      while (i < n && text.charCodeAt(i) !== delimiter && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      value = text.slice(s, i);
    }
    fields.push(value);
    if (i < n && text.charCodeAt(i) === delimiter) { i++; continue; }
    if (i < n && text.charCodeAt(i) === 13) i++;
    if (i < n && text.charCodeAt(i) === 10) i++;
    return { fields, next: i };
  }
}
