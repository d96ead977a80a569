/**
 * Validation of `LoadOptions` with zod. zod is configured jitless here (once, in the only data module
 * that imports it) so validation never calls `new Function` and pages with a strict CSP work.
 */
import { z } from 'zod';
import { LoadError, type LoadOptions } from './types.js';

z.config({ jitless: true });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const columnName = z.string().trim().min(1);

const optionsSchema = z
  .object({
    mapping: z
      .object({
        customer: columnName.optional(),
        date: columnName.optional(),
        amount: columnName.optional(),
        order: columnName.optional(),
        product: columnName.optional(),
        category: columnName.optional(),
        channel: columnName.optional(),
        region: columnName.optional(),
      })
      .strict()
      .optional(),
    timeZone: z.string().refine(isTimeZone, { message: 'not an IANA time zone (e.g. "Europe/London")' }).optional(),
    returns: z.enum(['exclude', 'net']).optional(),
    zeroAmounts: z.enum(['exclude', 'keep']).optional(),
    duplicates: z.enum(['reject', 'keep']).optional(),
    format: z.enum(['csv', 'tsv', 'json', 'arrow', 'parquet']).optional(),
    kind: z.enum(['orders', 'customer-summary', 'cohort-matrix']).optional(),
    header: z.boolean().optional(),
    columns: z.array(columnName).min(1).optional(),
    signal: z.custom<AbortSignal>((v) => typeof AbortSignal !== 'undefined' && v instanceof AbortSignal, 'must be an AbortSignal').optional(),
    fetchOptions: z.custom<RequestInit>((v) => typeof v === 'object' && v !== null, 'must be an object (RequestInit)').optional(),
    timeoutMs: z.number().nonnegative().optional(),
    onProgress: z.custom<(p: unknown) => void>((v) => typeof v === 'function', 'must be a function').optional(),
  })
  .strict();

/** Options with defaults applied. */
export interface ValidOptions extends LoadOptions {
  timeZone: string;
  returns: 'exclude' | 'net';
  zeroAmounts: 'exclude' | 'keep';
  duplicates: 'reject' | 'keep';
}

/** Checks `options`; throws a LoadError('bad-option') naming the offending option. */
export function validateOptions(options: LoadOptions | undefined): ValidOptions {
  const result = optionsSchema.safeParse(options ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ');
    throw new LoadError('bad-option', `Invalid loadOrders option — ${issues}.`, result.error);
  }
  const o = options ?? {};
  return {
    ...o,
    mapping: result.data.mapping,
    timeZone: o.timeZone ?? 'UTC',
    returns: o.returns ?? 'exclude',
    zeroAmounts: o.zeroAmounts ?? 'exclude',
    duplicates: o.duplicates ?? 'reject',
  };
}
