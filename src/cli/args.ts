/**
 * Command-line arguments of `retention-widgets report` → validated options. No dependency on Node:
 * takes the argument list, returns options or throws a UsageError (exit code 2).
 */
import { daysFromCivil, isValidCivil, type Period } from '../core/calendar.js';
import type { ColumnMapping, DateFormat } from '../data/types.js';
import { DATE_FORMATS } from '../data/options.js';

/** The `--help` text. */
export const USAGE = `Usage: retention-widgets report <file|url> [options]

Reads orders (CSV, TSV, whitespace-aligned text, JSON, Parquet or Arrow; sniffed from the bytes),
prints the rejected-rows report to stderr and writes one JSON with every analysis
(format "retention-widgets/report@1") that the widgets can render without recomputing.

Column mapping (default: detected from the column names):
  --customer C        customer id column
  --order O           order id column (lines of one order are summed into one order)
  --date D            order date or timestamp column
  --amount A          amount column, or a product such as 'Quantity*UnitPrice'
  --product P         product column (detected too): products bought together in the report
  --product-name N    product name column, shown next to product ids (e.g. Description)
  --dimensions a,b    extra columns kept as per-order dimensions (e.g. coupon,store)
  --columns a,b,c     column names for a file without a header line

Reading the file (default: detected):
  --encoding E        text encoding: utf-8, gb18030 (gbk), big5, utf-16le, windows-1252…
  --date-format F     YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or excel, for dates like 3/4/2024
  --rows-path P       JSON: dotted path of the rows inside the envelope, e.g. data.items

Loading rules (as loadOrders):
  --time-zone Z       IANA zone that decides the calendar day of timestamps (default UTC)
  --returns exclude|net        negative lines rejected (default) or netted into their order
  --zero-amounts exclude|keep  zero-amount lines rejected (default) or counted as purchases
  --duplicates reject|keep     identical lines rejected (default) or kept as separate purchases

Analyses:
  --as-of YYYY-MM-DD  analyse the orders up to this day, and measure recency/T to it (default: last order day)
  --period month|week|day      cohorts, repurchase, churn and lifecycle periods (default month)
  --unit days|weeks   time unit of recency/T and of the BG/NBD model (default weeks)
  --inactive-days N|auto       churn threshold in days (default auto: p90 of repurchase intervals)
  --horizon N         CLV horizon in months (default 12)
  --discount R        CLV discount rate per month (default 0.01)

Output:
  --out FILE          write the JSON there (default: stdout)
  --help, -h          show this help

Exit codes: 0 done, 1 the input could not be loaded or analysed, 2 bad arguments.
Example: npx retention-widgets report orders.parquet --time-zone Europe/London --out report.json
`;

/**
 * A problem with the command line (exit code 2).
 * @example throw new UsageError('--period must be one of month, week, day (got "year")');
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parsed `report` arguments, defaults applied (see USAGE for each option). */
export interface ReportArgs {
  command: 'report';
  input: string;
  mapping: ColumnMapping;
  columns?: string[];
  timeZone: string;
  returns: 'exclude' | 'net';
  zeroAmounts: 'exclude' | 'keep';
  duplicates: 'reject' | 'keep';
  /** Day number, when given. */
  asOf?: number;
  period: Period;
  unit: 'days' | 'weeks';
  inactiveDays: number | 'auto';
  horizonMonths: number;
  discountRatePerMonth: number;
  out?: string;
  encoding?: string;
  dateFormat?: DateFormat;
  rowsPath?: string;
}

/** What the command line asks for: a report, or the help text. */
export type CliArgs = ReportArgs | { command: 'help' };

const VALUE_FLAGS = ['customer', 'order', 'date', 'amount', 'product', 'product-name', 'dimensions', 'encoding', 'date-format', 'rows-path', 'columns', 'time-zone', 'returns', 'zero-amounts', 'duplicates',
  'as-of', 'period', 'unit', 'inactive-days', 'horizon', 'discount', 'out'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

function timeZone(value: string | undefined): string {
  if (value === undefined) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value;
  } catch {
    throw new UsageError(`--time-zone must be an IANA time zone such as Europe/London (got "${value}")`);
  }
}

function parseDay(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m || !isValidCivil(+m[1], +m[2], +m[3])) throw new UsageError(`--as-of must be a date YYYY-MM-DD (got "${value}")`);
  return daysFromCivil(+m[1], +m[2], +m[3]);
}

function positiveNumber(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || !(x > min)) throw new UsageError(`--${flag} must be a number > ${min} (got "${value}")`);
  return x;
}

/**
 * Parses `report <input> [--flag value | --flag=value]…` (or `--help`).
 * @example parseArgs(['report', 'orders.csv', '--period', 'week']).period // 'week'
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const values: Partial<Record<ValueFlag, string>> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { command: 'help' };
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!(VALUE_FLAGS as readonly string[]).includes(name)) throw new UsageError(`unknown option ${arg.slice(0, eq < 0 ? undefined : eq)}`);
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) throw new UsageError(`--${name} needs a value`);
      value = argv[++i];
    }
    if (values[name as ValueFlag] !== undefined) throw new UsageError(`--${name} is given twice`);
    values[name as ValueFlag] = value;
  }
  if (positional.length === 0) throw new UsageError('missing command: use "retention-widgets report <file|url>"');
  if (positional[0] !== 'report') throw new UsageError(`unknown command "${positional[0]}" (the only command is "report")`);
  if (positional.length < 2) throw new UsageError('report needs an input file or URL');
  if (positional.length > 2) throw new UsageError(`unexpected argument "${positional[2]}"`);

  const mapping: ColumnMapping = {};
  for (const [flag, role] of [['customer', 'customer'], ['order', 'order'], ['date', 'date'], ['amount', 'amount'], ['product', 'product'], ['product-name', 'productName']] as const) {
    const v = values[flag];
    if (v !== undefined) {
      if (v.trim() === '') throw new UsageError(`--${flag} needs a column name`);
      mapping[role] = v;
    }
  }
  const dimensions = values.dimensions?.split(',').map((c) => c.trim());
  if (dimensions) {
    if (dimensions.some((c) => c === '')) throw new UsageError('--dimensions needs comma-separated, non-empty names');
    mapping.dimensions = dimensions;
  }
  const columns = values.columns?.split(',').map((c) => c.trim());
  if (columns && columns.some((c) => c === '')) throw new UsageError('--columns needs comma-separated, non-empty names');
  const inactive = values['inactive-days'];
  let inactiveDays: number | 'auto' = 'auto';
  if (inactive !== undefined && inactive !== 'auto') {
    inactiveDays = Number(inactive);
    if (!/^\d+$/.test(inactive)) throw new UsageError(`--inactive-days must be a whole number of days or "auto" (got "${inactive}")`);
  }
  return {
    command: 'report',
    input: positional[1],
    mapping,
    ...(columns ? { columns } : {}),
    timeZone: timeZone(values['time-zone']),
    returns: oneOf('returns', values.returns, ['exclude', 'net'], 'exclude'),
    zeroAmounts: oneOf('zero-amounts', values['zero-amounts'], ['exclude', 'keep'], 'exclude'),
    duplicates: oneOf('duplicates', values.duplicates, ['reject', 'keep'], 'reject'),
    ...(values['as-of'] !== undefined ? { asOf: parseDay(values['as-of']) } : {}),
    period: oneOf('period', values.period, ['month', 'week', 'day'], 'month'),
    unit: oneOf('unit', values.unit, ['days', 'weeks'], 'weeks'),
    inactiveDays,
    horizonMonths: positiveNumber('horizon', values.horizon, 12, 0),
    discountRatePerMonth: positiveNumber('discount', values.discount, 0.01, -1),
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(values.encoding !== undefined ? { encoding: values.encoding } : {}),
    ...(values['date-format'] !== undefined ? { dateFormat: oneOf('date-format', values['date-format'], DATE_FORMATS, 'YYYY-MM-DD') } : {}),
    ...(values['rows-path'] !== undefined ? { rowsPath: values['rows-path'] } : {}),
  };
}
