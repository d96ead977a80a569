/**
 * Validation of `LoadOptions` with zod (zod.ts: zod/mini, jitless for strict-CSP pages).
 */
import { LoadError, type LoadOptions } from './types.js';
import { withPlainObjectPrototype, z } from './zod.js';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isEncoding(label: string): boolean {
  try {
    new TextDecoder(label.trim());
    return true;
  } catch {
    return false;
  }
}

/** Accepted `dateFormat` values (types.ts DateFormat). */
export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYY/MM/DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY', 'MM-DD-YYYY', 'DD-MM-YYYY', 'excel'] as const;

const columnName = withPlainObjectPrototype(() => z.string({ error: 'must be a column name (text)' }).check(z.trim(), z.minLength(1, { error: 'must not be blank' })));
const oneOf = <const T extends readonly string[]>(values: T) =>
  z.optional(z.enum(values, { error: `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}` }));

const optionsSchema = withPlainObjectPrototype(() => z.strictObject(
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
    format: oneOf(['csv', 'tsv', 'json', 'ndjson', 'xlsx', 'arrow', 'parquet']),
    encoding: z.optional(z.string({ error: 'must be an encoding name (text)' }).check(z.refine(isEncoding, { error: 'not an encoding this runtime can decode (e.g. "utf-8", "gb18030", "big5", "utf-16le", "windows-1252")' }))),
    dateFormat: oneOf(DATE_FORMATS),
    lang: z.optional(z.string({ error: 'must be a language tag (text)' })),
    rowsPath: z.optional(columnName),
    maxPages: z.optional(z.number({ error: 'must be a number of pages' }).check(z.refine(Number.isInteger, { error: 'must be a whole number' }), z.positive({ error: 'must be 1 or more' }))),
    kind: oneOf(['orders', 'customer-summary', 'cohort-matrix']),
    header: z.optional(z.boolean({ error: 'must be true or false' })),
    columns: z.optional(z.array(columnName, { error: 'must be a list of column names' }).check(z.minLength(1, { error: 'must name at least one column' }))),
    signal: z.optional(z.custom<AbortSignal>((v) => typeof AbortSignal !== 'undefined' && v instanceof AbortSignal, 'must be an AbortSignal')),
    fetchOptions: z.optional(z.custom<RequestInit>((v) => typeof v === 'object' && v !== null, 'must be an object (RequestInit)')),
    timeoutMs: z.optional(z.number({ error: 'must be a number of milliseconds' }).check(z.nonnegative({ error: 'must be 0 or more' }))),
    onProgress: z.optional(z.custom<(p: unknown) => void>((v) => typeof v === 'function', 'must be a function')),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown option(s) ${issue.keys.join(', ')}` : 'options must be an object') },
));

/** Options with defaults applied. */
export interface ValidOptions extends LoadOptions {
  timeZone: string;
  returns: 'exclude' | 'net';
  zeroAmounts: 'exclude' | 'keep';
  duplicates: 'reject' | 'keep';
}

/** Checks `options`; throws a LoadError('bad-option') naming the offending option. */
export function validateOptions(options: LoadOptions | undefined): ValidOptions {
  const result = withPlainObjectPrototype(() => optionsSchema.safeParse(options ?? {}));
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
