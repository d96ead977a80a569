/**
 * Counting rejected rows of a pre-aggregated input: one reason per row, the first five examples
 * per reason with the row's raw values, in the same LoadReport shape the order path produces.
 */
import { setOwn } from '../decoded.js';
import type { AggregateRejectionCode, RejectionCode, RejectionReason } from '../types.js';
import { cellValue } from './read-table.js';
import type { ValueTable } from '../values.js';

type Code = RejectionCode | AggregateRejectionCode;

const EXAMPLES = 5;

/** Collects rejections of rows of `table`; `messageOf` words each reason for people. */
export class Rejections {
  private readonly byCode = new Map<Code, RejectionReason>();
  total = 0;

  constructor(
    private readonly table: ValueTable,
    private readonly messageOf: (code: Code, count: number) => string,
  ) {}

  /** Rejects row `row` (0-based) for `code`. */
  add(code: Code, row: number): void {
    this.total++;
    let r = this.byCode.get(code);
    if (!r) {
      r = { reason: code, message: '', count: 0, examples: [] };
      this.byCode.set(code, r);
    }
    r.count++;
    if (r.examples.length < EXAMPLES) {
      const values: Record<string, string> = {};
      for (const column of this.table.columns) {
        const v = cellValue(column, row);
        setOwn(values, column.name, v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v));
      }
      r.examples.push({ row: row + 1, values });
    }
  }

  /** The reasons, most frequent first, with their messages. */
  reasons(): RejectionReason[] {
    const out = [...this.byCode.values()].sort((a, b) => b.count - a.count);
    for (const r of out) r.message = this.messageOf(r.reason, r.count);
    return out;
  }
}

/** "3 rows" / "1 row". */
export function rowsText(count: number): string {
  return `${count} row${count === 1 ? '' : 's'}`;
}
