/**
 * The CLI's `retention-widgets/report@1` JSON → a pre-aggregated input: widgets are answered from
 * the results stored in its `analyses` section (computed by the CLI with the widgets' default
 * parameters), without the order log.
 *
 * Validated with zod: the format tag, the customer ids and the sections the widgets read. The load
 * report returned is the one the CLI wrote (what happened to the rows of the original orders).
 */
import type { CohortRetention } from '../../core/cohort-retention.js';
import type { CustomerSummary } from '../../core/customer-summary.js';
import type { PreAggregated, StoredAnalysis } from '../../core/pre-aggregated.js';
import { LoadError, type LoadReport } from '../types.js';
import { withPlainObjectPrototype, z } from '../zod.js';
import { reviveTyped } from './typed-json.js';

/** The `format` of report documents, of any version, and of the one this library writes and reads. */
export const REPORT_FORMAT_PREFIX = 'retention-widgets/report@';
/** Value of a report's `format` field (src/cli/report.ts writes it); bumped when the layout changes incompatibly. */
export const REPORT_FORMAT = `${REPORT_FORMAT_PREFIX}1` as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const reportDocument = withPlainObjectPrototype(() => z.object({
  format: z.string().check(z.refine((f) => f === REPORT_FORMAT, { error: `this library reads ${REPORT_FORMAT} reports` })),
  customerIds: z.custom<string[]>((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), 'customerIds must be an array of strings'),
  customerSummary: z.custom<Record<string, unknown>>(isRecord, 'customerSummary must be an object'),
  cohorts: z.custom<Record<string, unknown>>(isRecord, 'cohorts must be an object'),
  load: z.custom<LoadReport | null>((v) => v === null || isRecord(v), 'load must be an object or null'),
  analyses: z.custom<StoredAnalysis[]>(
    (v) => Array.isArray(v) && v.every((a) => isRecord(a) && typeof a.analysis === 'string' && 'params' in a && 'result' in a),
    'analyses must be a list of { analysis, params, result } (written by retention-widgets report ≥ 0.2)',
  ),
}));

/** Whether a parsed JSON value claims to be a report (then it is read as one, or rejected with the reason). */
export function looksLikeReport(json: unknown): boolean {
  return isRecord(json) && typeof json.format === 'string' && json.format.startsWith(REPORT_FORMAT_PREFIX);
}

const INT_FIELDS = ['customerCode', 'firstDay', 'lastDay', 'orders', 'purchaseDays'] as const;
const FLOAT_FIELDS = ['revenue', 'frequency', 'recency', 'T', 'monetary'] as const;

/** The report's customerSummary section (plain arrays in JSON, null for NaN) as a CustomerSummary. */
function summaryOf(s: Record<string, unknown>): CustomerSummary {
  const length = Number(s.length);
  const out: Record<string, unknown> = { length, unit: s.unit === 'days' ? 'days' : 'weeks', endDay: Number(s.endDay), customerId: s.customerId };
  for (const f of INT_FIELDS) out[f] = Int32Array.from(s[f] as number[]);
  for (const f of FLOAT_FIELDS) out[f] = Float64Array.from(s[f] as (number | null)[], (x) => (x === null ? NaN : x));
  if (!Array.isArray(s.customerId) || [...INT_FIELDS, ...FLOAT_FIELDS].some((f) => (out[f] as ArrayLike<number>).length !== length)) {
    throw new LoadError('invalid-report', 'The report\'s customerSummary columns do not all have `length` entries: the file is damaged.');
  }
  return out as unknown as CustomerSummary;
}

/**
 * Reads a report document.
 * @example const { aggregate, customerIds, report } = reportFromJson(JSON.parse(text), performance.now());
 */
export function reportFromJson(json: unknown, startedAt: number): { aggregate: Extract<PreAggregated, { kind: 'report' }>; customerIds: string[]; report: LoadReport; timeZone: string | undefined; hasAmount: boolean } {
  const checked = withPlainObjectPrototype(() => reportDocument.safeParse(json));
  if (!checked.success) {
    const problems = checked.error.issues.map((i) => `${i.path.join('.') || 'document'}: ${i.message}`).join('; ');
    throw new LoadError('invalid-report', `This retention-widgets report cannot be read (${problems}). Write it again with this version's CLI: retention-widgets report <orders> --out report.json.`);
  }
  const doc = checked.data;
  const analyses = doc.analyses.map((a) => ({ analysis: a.analysis, params: a.params, result: reviveTyped(a.result) }));
  const cohorts = Object.values(doc.cohorts).filter(isRecord) as unknown as CohortRetention[];
  const summary = summaryOf(doc.customerSummary);
  const load = doc.load;
  const customers = doc.customerIds.length;
  const report: LoadReport = load
    ? { ...load, format: `report:${load.format}`, ms: performance.now() - startedAt }
    : { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, reasons: [], orders: 0, customers, format: 'report', mapping: { customer: 'customer', date: 'date' }, ms: performance.now() - startedAt };
  const summarySection = (json as Record<string, unknown>).summary;
  const timeZone = isRecord(summarySection) && typeof summarySection.timeZone === 'string' ? summarySection.timeZone : undefined;
  const hasAmount = isRecord(summarySection) && summarySection.hasAmount === true;
  return { aggregate: { kind: 'report', format: doc.format, analyses, summary, cohorts }, customerIds: doc.customerIds, report, timeZone, hasAmount };
}
