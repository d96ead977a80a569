/**
 * The load report as a plain-text table for a terminal (the CLI prints it to stderr, so stdout can
 * carry the JSON).
 */
import type { LoadReport } from '../data/types.js';

const num = (n: number): string => n.toLocaleString('en-US');
const pad = (s: string, width: number, right = false): string => (right ? s.padStart(width) : s.padEnd(width));

/**
 * @example process.stderr.write(formatLoadReport(report, 'orders.csv'));
 * // Loaded orders.csv (csv, 12 ms): 1,000 rows read, 990 accepted → 400 orders of 120 customers; 10 rejected
 * //   reason         rows  first row rejected
 * //   zero-amount      10  row 4: customer=17850, date=2011-01-02, amount=0
 */
export function formatLoadReport(report: LoadReport, source: string): string {
  const m = report.mapping;
  const ruleOf = new Map((report.columns ?? []).map((c) => [c.role, c.rule]));
  // A column chosen by its values is worth a look: the name said nothing.
  const roles = (['customer', 'order', 'date', 'amount', 'product', 'category', 'channel', 'region'] as const)
    .filter((r) => m[r] !== undefined)
    .map((r) => `${r}=${m[r]}${ruleOf.get(r) === 'values' ? ' (by its values)' : ''}`)
    .join(', ');
  const reading = [
    report.encoding && `encoding ${report.encoding}`,
    report.compression,
    report.pages !== undefined && `${report.pages} pages`,
    report.dates && report.dates.format !== 'YYYY-MM-DD' && `dates ${report.dates.format} (${report.dates.rule === 'values' ? 'by the values' : report.dates.rule === 'given' ? '--date-format' : report.dates.rule === 'lang' ? 'by the language' : 'the default: pass --date-format if day first'})`,
  ].filter(Boolean).join(', ');
  const out = [
    `Loaded ${source} (${report.format}, ${Math.round(report.ms)} ms): ${num(report.rowsRead)} rows read, ` +
      `${num(report.rowsAccepted)} accepted → ${num(report.orders)} orders of ${num(report.customers)} customers; ` +
      `${num(report.rowsRejected)} rejected`,
    `  columns: ${roles}`,
    ...(reading ? [`  read: ${reading}`] : []),
  ];
  if (report.reasons.length) {
    const width = Math.max(6, ...report.reasons.map((r) => r.reason.length));
    const countWidth = Math.max(4, ...report.reasons.map((r) => num(r.count).length));
    out.push(`  ${pad('reason', width)}  ${pad('rows', countWidth, true)}  first row rejected`);
    for (const r of report.reasons) {
      const e = r.examples[0];
      let example = e ? `row ${e.row}: ${Object.entries(e.values).map(([k, v]) => `${k}=${v}`).join(', ')}` : '';
      if (example.length > 110) example = `${example.slice(0, 109)}…`;
      out.push(`  ${pad(r.reason, width)}  ${pad(num(r.count), countWidth, true)}  ${example}`);
    }
    out.push('', ...report.reasons.map((r) => `  ${r.reason}: ${r.message}`));
  }
  return out.join('\n') + '\n';
}
