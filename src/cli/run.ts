/**
 * `retention-widgets report`: load → every analysis → one JSON document. Returns the exit code
 * (0 done, 1 load or analysis failure, 2 bad arguments) instead of exiting, so it can be tested and
 * embedded.
 */
import { loadOrders } from '../data/load-orders.js';
import { looksLikeUrl } from '../data/input.js';
import { LoadError, type LoadOptions } from '../data/types.js';
import { isoDate } from '../core/calendar.js';
import { filterOrders } from '../core/filter-orders.js';
import { parseArgs, USAGE, UsageError, type ReportArgs } from './args.js';
import { formatLoadReport } from './load-report-table.js';
import type { CliHost } from './node-host.js';
import { buildReport, reportReplacer } from './report.js';

/** Whether the input names a URL to fetch (http(s) or data URL) rather than a file. */
function isUrl(input: string): boolean {
  return /^(https?|data):/i.test(input) && looksLikeUrl(input);
}

/** File path of the input: itself, or the path of a file: URL (Node's fetch does not read files). */
function filePath(input: string): string {
  return /^file:/i.test(input) ? decodeURIComponent(new URL(input).pathname) : input;
}

/**
 * The loadOrders options a report's arguments stand for (also written into the report).
 * @example loadOptionsOf(parseArgs(['report', 'a.csv', '--time-zone', 'Asia/Tokyo']) as ReportArgs).timeZone // 'Asia/Tokyo'
 */
export function loadOptionsOf(args: ReportArgs): LoadOptions {
  return {
    ...(Object.keys(args.mapping).length ? { mapping: args.mapping } : {}),
    ...(args.columns ? { columns: args.columns } : {}),
    timeZone: args.timeZone,
    returns: args.returns,
    zeroAmounts: args.zeroAmounts,
    duplicates: args.duplicates,
    ...(args.encoding !== undefined ? { encoding: args.encoding } : {}),
    ...(args.dateFormat !== undefined ? { dateFormat: args.dateFormat } : {}),
    ...(args.rowsPath !== undefined ? { rowsPath: args.rowsPath } : {}),
  };
}

/**
 * A loader message with the library's option names replaced by this command's flags: the person
 * at the terminal can pass `--customer`, not `mapping.customer` or an element attribute.
 * @example cliMessage('… set customer-field (option mapping.customer) to …'); // '… pass --customer <column> to …'
 */
export function cliMessage(message: string): string {
  return message
    .replace(/set (customer|date|amount|order)-field \(option mapping\.\w+\)/g, 'pass --$1 <column>')
    .replace(/Set mapping\.(\w+) \(the \w+-field attribute\)/g, 'Pass --$1 <column>')
    .replace(/\(?(?:set )?(?:customer|date|amount|order)-field \/ mapping\.(\w+)\)?/g, '--$1')
    .replace(/set date-format \(option dateFormat\)/g, 'pass --date-format')
    .replace(/set rows-path \(option rowsPath\)/g, 'pass --rows-path')
    .replace(/\(the encoding attribute \/ option\)/g, '(--encoding)');
}

async function report(args: ReportArgs, host: CliHost): Promise<number> {
  const options = loadOptionsOf(args);
  let loaded;
  try {
    const input = isUrl(args.input) ? args.input : await host.readFile(filePath(args.input));
    loaded = await loadOrders(input, options);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err instanceof LoadError) host.stderr(`retention-widgets: ${cliMessage(err.message)} [${err.code}]\n`);
    else if (err.code === 'ENOENT') host.stderr(`retention-widgets: no such file: ${args.input}\n`);
    else host.stderr(`retention-widgets: cannot read ${args.input}: ${err.message}\n`);
    return 1;
  }
  host.stderr(formatLoadReport(loaded.report, args.input));
  const orders = args.asOf === undefined ? loaded.orders : filterOrders(loaded.orders, { toDay: args.asOf });
  const doc = buildReport(orders, loaded.report, {
    ...(args.asOf !== undefined ? { asOf: args.asOf } : {}),
    period: args.period,
    unit: args.unit,
    inactiveDays: args.inactiveDays,
    horizonMonths: args.horizonMonths,
    discountRatePerMonth: args.discountRatePerMonth,
  });
  Object.assign(doc.options, { input: args.input, load: options });
  const sections: [string, object][] = [['rfm', doc.rfm], ['churn', doc.churn], ['lifecycle', doc.lifecycle],
    ['models.bgNbd', doc.models.bgNbd], ['models.gammaGamma', doc.models.gammaGamma], ['models.clv', doc.models.clv]];
  for (const [name, section] of sections) if ('error' in section) host.stderr(`Not computed: ${name}: ${String(section.error)}\n`);
  const json = JSON.stringify(doc, reportReplacer);
  if (args.out !== undefined) {
    await host.writeFile(args.out, json + '\n');
    const s = doc.summary;
    host.stderr(`Wrote ${args.out}: ${s.customers} customers, ${s.orders} orders, ${s.firstDate} … ${s.lastDate}` +
      `${args.asOf !== undefined ? ` (as of ${isoDate(args.asOf)})` : ''}.\n`);
  } else host.stdout(json + '\n');
  return 0;
}

/**
 * Runs the CLI on an argument list (without `node` and the script path).
 * @example process.exitCode = await runCli(process.argv.slice(2), await nodeHost());
 */
export async function runCli(argv: readonly string[], host: CliHost): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    host.stderr(`retention-widgets: ${e.message}\nRun "retention-widgets --help" for usage.\n`);
    return 2;
  }
  if (args.command === 'help') {
    host.stdout(USAGE);
    return 0;
  }
  try {
    return await report(args, host);
  } catch (e) {
    host.stderr(`retention-widgets: ${(e as Error).message}\n`);
    return 1;
  }
}
