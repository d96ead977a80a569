/**
 * The segment table every analysis widget shows under `breakdown="…"`: one row per segment (core
 * `breakdown`'s order, the "other" segment last), its customers, and per metric the value, its 95 %
 * interval and ↑ / ↓ where it differs from the rest beyond chance. Rows are buttons (keyboard and
 * pointer) that select the segment's customers. Many segments stay readable: `breakdown-top` keeps
 * the largest and merges the rest, and the table scrolls past a fixed height.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { OTHER_KEY, MISSING_KEY } from '../../core/breakdown.js';
import type { Period } from '../../core/calendar.js';
import { DEFAULT_SEGMENT_RULES, OTHERS_SEGMENT } from '../../core/rfm-segments.js';
import { LIFECYCLE_STAGE_LABELS, type LifecycleStage } from '../../core/lifecycle.js';
import type { SegmentComparisonResult, SegmentMetric, SegmentMetricColumn, SegmentMetricValue } from '../../analyses/segment-comparison.js';
import { formatAmount, formatInteger, formatMoney, formatPercent } from '../../i18n/format.js';
import type { Lang, SegmentMessages } from '../../i18n/messages.js';
import type { ExportTable } from './export.js';

export interface SegmentTableOptions {
  lang: Lang;
  m: SegmentMessages;
  currency?: string;
  /** Period of `retention:k` column titles. */
  period: Period;
  withinDays: number;
  onSelect: (key: string) => void;
}

/** Display name of a segment key (the "other" and "no value" segments have words). */
export function segmentLabel(result: SegmentComparisonResult, index: number, o: Pick<SegmentTableOptions, 'lang' | 'm'>): string {
  const s = result.segments[index];
  if (s.other && s.key === OTHER_KEY) return o.m.other(formatInteger(o.lang, s.members?.length ?? 0));
  if (s.key === MISSING_KEY) return o.m.missing;
  return s.key;
}

/** Column title of a metric, in the language of `o`. */
export function metricLabel(metric: SegmentMetric, o: Pick<SegmentTableOptions, 'lang' | 'm' | 'period' | 'withinDays'>): string {
  const t = o.m.metric;
  if (metric.startsWith('retention:')) return t.retention(formatInteger(o.lang, Number(metric.slice(10))), o.period);
  if (metric.startsWith('rfm:')) {
    const key = metric.slice(4);
    const rule = DEFAULT_SEGMENT_RULES.find((r) => r.key === key) ?? (key === OTHERS_SEGMENT.key ? OTHERS_SEGMENT : undefined);
    return t.share(rule ? rule.label[o.lang] : key);
  }
  if (metric.startsWith('stage:')) {
    const label = LIFECYCLE_STAGE_LABELS[metric.slice(6) as LifecycleStage];
    return t.share(label ? label[o.lang] : metric.slice(6));
  }
  if (metric === 'repurchaseWithinDays') return t.repurchaseWithinDays(formatInteger(o.lang, o.withinDays));
  const simple = t[metric as Exclude<keyof SegmentMessages['metric'], 'repurchaseWithinDays' | 'retention' | 'share'>];
  return typeof simple === 'string' ? simple : metric;
}

function formatValue(column: SegmentMetricColumn, v: number, o: Pick<SegmentTableOptions, 'lang' | 'currency'>): string {
  if (!Number.isFinite(v)) return '–';
  if (column.kind === 'proportion') return formatPercent(o.lang, v);
  if (column.kind === 'count') return formatInteger(o.lang, v);
  return o.currency ? formatMoney(o.lang, v, o.currency) : formatAmount(o.lang, v, 2);
}

function intervalText(column: SegmentMetricColumn, v: SegmentMetricValue, o: Pick<SegmentTableOptions, 'lang' | 'currency'>): string {
  if (column.kind === 'count' || !Number.isFinite(v.low) || !Number.isFinite(v.high)) return '';
  return `${formatValue(column, v.low, o)} – ${formatValue(column, v.high, o)}`;
}

function flagText(v: SegmentMetricValue, m: SegmentMessages): string {
  return v.differs === 'higher' ? m.higher : v.differs === 'lower' ? m.lower : '';
}

/**
 * The table (caption "By channel", a row per segment, scrollable).
 * @example segmentTable(result, { lang, m: messagesFor(lang).segments, period: 'month', withinDays: 30, onSelect: (key) => … })
 */
export function segmentTable(result: SegmentComparisonResult, o: SegmentTableOptions): TemplateResult {
  const m = o.m;
  const by = m.byNames[result.by] ?? result.by;
  const onClick = (event: Event) => {
    const button = (event.target as Element | null)?.closest?.('button[data-segment]') as HTMLButtonElement | null;
    if (button) o.onSelect(button.dataset.segment!);
  };
  return html`<div class="segments" part="segments" @click=${onClick}>
    <table data-breakdown=${result.by}>
      <caption>${m.title(by)}</caption>
      <thead>
        <tr>
          <th scope="col">${m.segment}</th>
          <th scope="col">${m.customers}</th>
          ${result.metrics.map(
            (c) => html`<th scope="col" data-metric=${c.metric}>${metricLabel(c.metric, o)}</th>
              ${c.kind === 'count' ? nothing : html`<th scope="col">${m.interval}</th><th scope="col">${m.vsRest}</th>`}`,
          )}
        </tr>
      </thead>
      <tbody>
        ${result.segments.map((s, i) => {
          const label = segmentLabel(result, i, o);
          return html`<tr data-segment=${s.key} part="segment-row">
            <th scope="row">
              <button type="button" data-segment=${s.key} aria-label=${m.rowButton(label, formatInteger(o.lang, s.customers))}>${label}</button>
            </th>
            <td data-customers=${s.customers}>${formatInteger(o.lang, s.customers)}</td>
            ${result.metrics.map((c) => {
              const v = c.values[i];
              const cell = html`<td data-metric=${c.metric} data-value=${String(v.value)}>${formatValue(c, v.value, o)}</td>`;
              if (c.kind === 'count') return cell;
              return html`${cell}<td class="interval">${intervalText(c, v, o)}</td>
                <td class="flag" data-differs=${v.differs ?? ''}>${v.differs ? html`<span class=${v.differs}>${flagText(v, m)}</span>` : v.belowMinSize ? html`<span class="small">${m.tooSmall}</span>` : nothing}</td>`;
            })}
          </tr>`;
        })}
      </tbody>
    </table>
    <p class="segments-note">${m.note}</p>
  </div>`;
}

/** The segment table as rows for the CSV export (values unformatted). */
export function segmentExportTable(result: SegmentComparisonResult, o: Pick<SegmentTableOptions, 'lang' | 'm' | 'period' | 'withinDays'>): ExportTable {
  const columns = [o.m.segment, o.m.customers];
  for (const c of result.metrics) {
    const name = metricLabel(c.metric, o);
    columns.push(name);
    if (c.kind !== 'count') columns.push(`${name}: ${o.m.interval} low`, `${name}: ${o.m.interval} high`, `${name}: ${o.m.vsRest}`);
  }
  const rows = result.segments.map((s, i) => {
    const row: (string | number)[] = [segmentLabel(result, i, o), s.customers];
    for (const c of result.metrics) {
      const v = c.values[i];
      row.push(v.value);
      if (c.kind !== 'count') row.push(v.low, v.high, v.differs ?? '');
    }
    return row;
  });
  return { columns, rows };
}

/** Styles of the segment table (part of the shared widget styles). */
export const segmentTableStyles = css`
  .segments {
    max-height: var(--rw-segments-max-height, 24rem);
    overflow: auto;
    margin-top: 1rem;
  }
  .segments table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  .segments caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.25rem;
  }
  .segments thead th {
    position: sticky;
    top: 0;
    background: var(--rw-color-background, Canvas);
  }
  .segments th,
  .segments td {
    padding: 0.25rem 0.5rem;
    text-align: end;
    white-space: nowrap;
  }
  .segments th[scope='row'] {
    text-align: start;
  }
  .segments button {
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
    text-decoration: underline;
  }
  .segments .interval,
  .segments .small,
  .segments-note {
    color: var(--rw-color-muted, #595959);
  }
  .segments-note {
    font-size: 0.85em;
  }
`;
