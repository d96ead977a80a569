/**
 * Validation of `LoadOptions` with zod (zod.ts: zod/mini, jitless for strict-CSP pages).
 */
import { LoadError, type LoadOptions } from './types.js';
import { z } from './zod.js';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const columnName = z.string({ error: 'must be a column name (text)' }).check(z.trim(), z.minLength(1, { error: 'must not be blank' }));
const oneOf = <const T extends readonly string[]>(values: T) =>
  z.optional(z.enum(values, { error: `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}` }));

const optionsSchema = z.strictObject(
  {
    mapping: z.optional(
      z.strictObject(
        {
          customer: z.optional(columnName),
          date: z.optional(columnName),
          amount: z.optional(z.nullable(columnName)),
          order: z.optional(z.nullable(columnName)),
          product: z.optional(z.nullable(columnName)),
          category: z.optional(z.nullable(columnName)),
          channel: z.optional(z.nullable(columnName)),
          region: z.optional(z.nullable(columnName)),
          productName: z.optional(z.nullable(columnName)),
          dimensions: z.optional(z.array(columnName, { error: 'must be a list of column names' })),
        },
        { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown role(s) ${issue.keys.join(', ')}: use customer, date, amount, order, product, category, channel, region, productName, dimensions` : 'must be an object of column names') },
      ),
    ),
    timeZone: z.optional(z.string({ error: 'must be text' }).check(z.refine(isTimeZone, { error: 'not an IANA time zone (e.g. "Europe/London")' }))),
    returns: oneOf(['exclude', 'net']),
    zeroAmounts: oneOf(['exclude', 'keep']),
    duplicates: oneOf(['reject', 'keep']),
    format: oneOf(['csv', 'tsv', 'json', 'arrow', 'parquet']),
    kind: oneOf(['orders', 'customer-summary', 'cohort-matrix']),
    header: z.optional(z.boolean({ error: 'must be true or false' })),
    columns: z.optional(z.array(columnName, { error: 'must be a list of column names' }).check(z.minLength(1, { error: 'must name at least one column' }))),
    signal: z.optional(z.custom<AbortSignal>((v) => typeof AbortSignal !== 'undefined' && v instanceof AbortSignal, 'must be an AbortSignal')),
    fetchOptions: z.optional(z.custom<RequestInit>((v) => typeof v === 'object' && v !== null, 'must be an object (RequestInit)')),
    timeoutMs: z.optional(z.number({ error: 'must be a number of milliseconds' }).check(z.nonnegative({ error: 'must be 0 or more' }))),
    onProgress: z.optional(z.custom<(p: unknown) => void>((v) => typeof v === 'function', 'must be a function')),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown option(s) ${issue.keys.join(', ')}` : 'options must be an object') },
);

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
