/**
 * Lit templates for the states every widget shares: loading (with progress), empty, error (with
 * Retry) and the summary of rejected rows. They are pure functions of their inputs; the widget
 * decides where they go.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LoadReport } from '../../data/types.js';
import { formatBytes, formatInteger } from '../../i18n/format.js';
import type { Lang, Messages } from '../../i18n/messages.js';
import type { AnalysisProgress } from './analysis-controller.js';
import type { RwErrorDetail } from './events.js';

/**
 * Progress as text: bytes of total while fetching, rows while parsing.
 * @example progressText('en', messagesFor('en'), { phase: 'fetch', bytes: 1e6, totalBytes: 2e6 }) // 'Downloading · 1 MB of 2 MB'
 */
export function progressText(lang: Lang, m: Messages, p: AnalysisProgress | undefined): string {
  if (!p) return '';
  const phase = m.loadingPhase[p.phase];
  if (p.phase === 'compute') return phase;
  if (p.rows !== undefined && p.phase !== 'fetch') return `${phase} · ${m.rows(formatInteger(lang, p.rows))}`;
  if (p.bytes !== undefined) {
    const done = formatBytes(lang, p.bytes);
    return `${phase} · ${p.totalBytes ? m.bytesOf(done, formatBytes(lang, p.totalBytes)) : done}`;
  }
  return phase;
}

/**
 * Loading state: a status message and, when the total is known, a determinate progress bar.
 * @example html`${status === 'loading' ? loadingTemplate(lang, m, controller.progress) : nothing}`
 */
export function loadingTemplate(lang: Lang, m: Messages, p: AnalysisProgress | undefined): TemplateResult {
  const fraction = p && p.phase !== 'compute' && p.bytes !== undefined && p.totalBytes ? p.bytes / p.totalBytes : undefined;
  return html`<div class="state loading" part="loading" role="status" aria-live="polite">
    <span class="spinner" aria-hidden="true"></span>
    <span class="state-text">${m.loading(progressText(lang, m, p))}</span>
    ${fraction === undefined ? nothing : html`<progress max="1" .value=${fraction}></progress>`}
  </div>`;
}

/**
 * Empty state: the data loaded but holds no orders.
 * @example html`${status === 'empty' ? emptyTemplate(m) : nothing}`
 */
export function emptyTemplate(m: Messages): TemplateResult {
  return html`<div class="state empty" part="empty" role="status">
    <strong>${m.empty}</strong>
    <span class="state-text">${m.emptyHint}</span>
  </div>`;
}

/**
 * Error state: the loader's message (what went wrong and how to fix it) and a Retry button.
 * @example html`${controller.error ? errorTemplate(m, controller.error, () => controller.retry()) : nothing}`
 */
export function errorTemplate(m: Messages, error: RwErrorDetail, onRetry: () => void): TemplateResult {
  return html`<div class="state error" part="error" role="alert">
    <strong>${m.errorTitle}</strong>
    <span class="state-text error-message">${error.message}</span>
    <button type="button" part="retry-button" class="retry" @click=${onRetry}>${m.retry}</button>
  </div>`;
}

/** Id of a widget's chart description (ids are per shadow root); a second chart passes its own. */
export const CHART_DESCRIPTION_ID = 'chart-description';

/**
 * The text alternative of a chart beside its title (the figure's aria-label): what the chart shows
 * at a glance and where its data table is. Visually hidden; the figure names it with
 * `aria-describedby=${CHART_DESCRIPTION_ID}`. (The Vega SVG inside carries no summary of its own.)
 * @example html`<div role="figure" aria-label=${title} aria-describedby=${CHART_DESCRIPTION_ID}>…</div>${chartDescription(m, takeaway, 'below')}`
 */
export function chartDescription(m: Messages, takeaway: string, table: 'above' | 'below', id = CHART_DESCRIPTION_ID): TemplateResult {
  return html`<p id=${id} class="visually-hidden" part="chart-description">${takeaway} ${m.chartTableHint(table)}</p>`;
}

function exampleText(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
}

/**
 * Load summary, always visible once data is loaded: rows read, accepted, rejected. When rows were
 * rejected it expands (a native <details>) to each reason with its count and example rows.
 * @example html`${rejectedSummaryTemplate(lang, m, controller.report)}`
 */
export function rejectedSummaryTemplate(lang: Lang, m: Messages, report: LoadReport | undefined): TemplateResult | typeof nothing {
  if (!report) return nothing;
  const n = (x: number) => formatInteger(lang, x);
  const line = m.loadSummary(n(report.rowsRead), n(report.rowsAccepted), n(report.rowsRejected));
  if (report.rowsRejected === 0 || report.reasons.length === 0) {
    return html`<div class="summary" part="summary"><span class="summary-line">${line}</span></div>`;
  }
  return html`<details class="summary" part="summary">
    <summary class="summary-line">${line}</summary>
    <table class="reasons">
      <caption>${m.rejectedReasons}</caption>
      <thead><tr><th scope="col">${m.reason}</th><th scope="col">${m.count}</th><th scope="col">${m.examples}</th></tr></thead>
      <tbody>
        ${report.reasons.map(
          (r) => html`<tr data-reason=${r.reason}>
            <td>${r.message}</td>
            <td class="num">${n(r.count)}</td>
            <td>
              <ul>
                ${r.examples.map((ex) => html`<li><span class="row-no">${m.row(n(ex.row))}</span> <code>${exampleText(ex.values)}</code></li>`)}
              </ul>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}
