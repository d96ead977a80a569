import { html, nothing, type TemplateResult } from 'lit';
import type { OutcomeTarget } from '../../core/customer-outcome.js';
import type { DriverFactor, DriverFeatureName, DriverNode, Drivers, DriversOptions } from '../../core/drivers.js';
import type { OrderTable } from '../../core/order-table.js';
import type { DriversSelection } from '../../analyses/drivers-customers.js';
import { driverLiftBars, driverLiftSpec } from '../../charts/drivers.js';
import { formatInteger, formatPercent } from '../../i18n/format.js';
import type { Lang, Messages } from '../../i18n/messages.js';
import { RwAnalysisElement } from '../shared/analysis-element.js';
import type { ExportTable } from '../shared/export.js';
import { ResizeController } from '../shared/resize-controller.js';
import { VegaChart, type VegaView } from '../shared/vega-chart.js';
import { listTableStyles, widgetStyles } from '../shared/styles.js';
import { driverFindings, nodeConditions, type DriverCondition } from './drivers.findings.js';
import { conditionsText, driversMessages, findingSentence, liftText, rateNameOf, type PhraseContext } from './drivers.messages.js';
import { driversStyles } from './drivers.styles.js';

/**
 * Detail of `rw-select` from <rw-drivers>:
 * - `factor`: a row of the factor table (or a finding about one value) → every eligible customer
 *   with `value` of `feature` (core `driversCustomers`);
 * - `leaf`: a segment of the tree (or a finding about one) → the eligible customers of node `node`.
 */
export type DriversSelectDetail =
  | { kind: 'factor'; feature: DriverFeatureName; value: string; customerIds: string[] }
  | { kind: 'leaf'; node: number; customerIds: string[] };

declare module '../shared/events.js' {
  interface RwSelectDetailMap {
    'rw-drivers': DriversSelectDetail;
  }
}

/** The attributes as the widget read them (validated in compute, so a bad value shows as an error). */
interface DriversParams {
  target: string;
  withinDays: number;
  inactiveDays: number | 'auto';
  maxDepth: number;
  minLeaf: number | null;
  features: string[] | null;
}

/** `target` attribute values and the core target each names. */
const TARGETS: Record<string, OutcomeTarget> = { repurchase: 'repurchase', churn: 'churn', 'high-value': 'highValue', highValue: 'highValue' };

/** Factor rows shown before "Show all" (the CSV has every row). */
const DEFAULT_LIMIT = 15;

/**
 * @summary Drivers (影响因素): what the customers who repurchase, churn or become high value had in
 * common at their first order — a ranked factor table (each value against everyone else, 95 %
 * Wilson interval, lift, Holm-corrected flags), a shallow decision tree whose leaves are customer
 * segments, and the top findings in plain words. Core `drivers` (CART, Breiman et al. 1984).
 *
 * Features come from the first order: first product and category (when mapped), first-order value
 * band, channel and region (when the data has such columns), acquisition month, weekday, and for
 * churn / high value the days to the second order.
 *
 * @attr target - What to explain: `repurchase` (default: bought again within `within-days` of the first purchase), `churn` (inactive longer than `inactive-days`) or `high-value` (top 20 % of 12-month CLV).
 * @attr within-days - The repurchase window in days (default 90). Customers whose window is not over by the last day of the data are left out.
 * @attr inactive-days - Churn threshold in days, or `auto` (default; see `<rw-churn>`).
 * @attr max-depth - Levels of the tree (default 3; 0 shows no tree).
 * @attr min-leaf - Smallest tree segment and smallest tested factor value (default max(30, 1 % of the customers)).
 * @attr features - Comma-separated features to use (e.g. `channel,region,firstOrderValue`); default every feature the data has.
 * @attr limit - Factor rows shown before "Show all" (default 15; the CSV holds every row).
 *
 * @fires {CustomEvent<RwLoadDetail>} rw-load - Data loaded.
 * @fires {CustomEvent<RwErrorDetail>} rw-error - Loading or computing failed.
 * @fires {CustomEvent<DriversSelectDetail>} rw-select - A factor row, lift bar or finding about one value (`kind: 'factor'`, `feature`, `value`) or a tree segment or finding about one (`kind: 'leaf'`, `node`) was activated; `customerIds`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart overall - The line with the eligible customers and their overall rate.
 * @csspart findings - The findings in plain words.
 * @csspart finding-button - One finding (a button selecting its customers).
 * @csspart chart - The lift chart of the top-ranked values (bars from 1 on a log scale; click a bar to select its customers).
 * @csspart factors - The ranked factor table (and the lift chart above it).
 * @csspart factor-button - The button of a factor row.
 * @csspart tree - The decision tree (an indented list).
 * @csspart leaf-button - The button of a tree segment (leaf).
 * @csspart summary - The rows read/accepted/rejected summary.
 * @csspart loading - The loading state.
 * @csspart empty - The "no orders" state.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of the error state.
 * @csspart tooltip - The chart tooltip.
 * @csspart export - The export toolbar (CSV of the factor table, PNG / SVG of the lift chart).
 * @csspart export-button - One export button.
 *
 * @cssproperty --rw-font-family - Font of the element.
 * @cssproperty --rw-font-size - Base font size.
 * @cssproperty --rw-color-text - Text colour.
 * @cssproperty --rw-color-muted - Secondary text colour.
 * @cssproperty --rw-color-background - Background of the element.
 * @cssproperty --rw-color-surface - Background of state panels and table headers.
 * @cssproperty --rw-color-border - Borders.
 * @cssproperty --rw-color-accent - Buttons, focus rings and the bars of values flagged higher.
 * @cssproperty --rw-color-secondary - Bars of values flagged lower.
 * @cssproperty --rw-color-good - Marks of values whose rate is higher than the rest's.
 * @cssproperty --rw-color-error - Error accents and marks of values whose rate is lower.
 *
 * @example
 * <rw-drivers src="/orders.csv" target="repurchase" within-days="90" currency="CNY" lang="zh-CN"></rw-drivers>
 */
export class RwDrivers extends RwAnalysisElement<DriversParams, Drivers> {
  static override styles = [widgetStyles, listTableStyles, driversStyles];

  static override properties = {
    ...RwAnalysisElement.properties,
    target: { type: String, reflect: true },
    withinDays: { type: Number, attribute: 'within-days' },
    inactiveDays: { type: String, attribute: 'inactive-days' },
    maxDepth: { type: Number, attribute: 'max-depth' },
    minLeaf: { type: Number, attribute: 'min-leaf' },
    features: { type: String },
    limit: { type: Number },
  };

  declare target: string;
  declare withinDays: number;
  /** A whole number of days (as a number or a numeric string) or `'auto'`. */
  declare inactiveDays: string | number;
  declare maxDepth: number;
  declare minLeaf: number | undefined;
  /** Comma-separated feature names, or undefined for every feature the data has. */
  declare features: string | undefined;
  declare limit: number;
  /** Whether the factor table shows every row ("Show all") or the first `limit`. */
  private showAllFactors = false;

  protected readonly exportName = 'drivers';
  private readonly liftChart = new VegaChart(this);
  private readonly size = new ResizeController(this, () => this.renderRoot.querySelector('.lift-chart'));

  constructor() {
    super();
    this.target = 'repurchase';
    this.withinDays = 90;
    this.inactiveDays = 'auto';
    this.maxDepth = 3;
    this.limit = DEFAULT_LIMIT;
  }

  /** The Vega view of the lift chart (dataset `bars`), once drawn. */
  get chartView(): VegaView | undefined {
    return this.liftChart.view;
  }

  protected override charts(): VegaChart[] {
    return [this.liftChart];
  }

  protected override drawCharts(result: Drivers, lang: Lang): void {
    const chartEl = this.renderRoot.querySelector<HTMLElement>('.lift-chart');
    if (!chartEl) return;
    const width = Math.min(720, this.size.width || chartEl.clientWidth || 480);
    if (!this.chartsStale(result, lang, width, this.currency)) return;
    const dm = driversMessages(lang);
    const ctx = this.phrase(result, lang);
    const directions = { higher: dm.higher, lower: dm.lower, none: dm.notSignificant };
    const bars = driverLiftBars(result.factors, lang, (f) => dm.featureValue(dm.feature(f.feature), dm.valueText(f.feature, f.value, ctx)), directions);
    if (!bars.length) return;
    const spec = driverLiftSpec(bars, { lang, width, ...this.chartTheme() }, {
      title: dm.liftTitle(rateNameOf(ctx)),
      lift: dm.lift,
      rate: rateNameOf(ctx),
      rest: dm.rateElsewhere,
      customers: dm.customers,
      ...directions,
    });
    void this.liftChart.render(chartEl, spec, {
      tooltip: this.tooltipTarget,
      onClick: (datum) => {
        if (datum && typeof datum.feature === 'string' && typeof datum.value === 'string') this.select({ kind: 'factor', feature: datum.feature, value: datum.value });
      },
    });
  }

  protected analysisParams(): DriversParams {
    const raw = String(this.inactiveDays ?? 'auto').trim();
    const n = Number(raw);
    const features = typeof this.features === 'string' && this.features.trim() ? this.features.split(',').map((s) => s.trim()).filter(Boolean) : null;
    return {
      target: String(this.target ?? 'repurchase').trim() || 'repurchase',
      withinDays: Number(this.withinDays ?? 90),
      inactiveDays: raw === '' || raw === 'auto' || !Number.isFinite(n) ? 'auto' : Math.max(0, Math.floor(n)),
      maxDepth: Number(this.maxDepth ?? 3),
      minLeaf: this.minLeaf === undefined || this.minLeaf === null ? null : Number(this.minLeaf),
      features,
    };
  }

  /** The core options the attributes describe; throws (error state) on a value core would misread. */
  private static options(p: DriversParams): DriversOptions {
    const target = TARGETS[p.target];
    if (!target) throw new RangeError(`target must be repurchase, churn or high-value, got "${p.target}"`);
    if (!(Number.isInteger(p.withinDays) && p.withinDays >= 1)) throw new RangeError(`within-days must be a whole number of days ≥ 1, got ${p.withinDays}`);
    if (!(Number.isInteger(p.maxDepth) && p.maxDepth >= 0 && p.maxDepth <= 6)) throw new RangeError(`max-depth must be a whole number from 0 to 6, got ${p.maxDepth}`);
    if (p.minLeaf !== null && !(Number.isInteger(p.minLeaf) && p.minLeaf >= 1)) throw new RangeError(`min-leaf must be a whole number ≥ 1, got ${p.minLeaf}`);
    const options: DriversOptions = { target, maxDepth: p.maxDepth };
    if (target === 'repurchase') options.withinDays = p.withinDays;
    if (target === 'churn') options.inactiveDays = p.inactiveDays;
    if (p.minLeaf !== null) options.minLeaf = p.minLeaf;
    if (p.features) options.features = p.features;
    return options;
  }

  protected compute(orders: OrderTable, params: DriversParams, signal: AbortSignal): Promise<Drivers> {
    // Core `drivers`, in the shared compute worker when there is one.
    return this.runRegistered(orders, 'drivers', RwDrivers.options(params), signal);
  }

  private phrase(result: Drivers, lang: Lang): PhraseContext {
    return { lang, currency: this.currency, target: result.target, withinDays: result.withinDays };
  }

  /** The factor table, every row, in the current language (the CSV export). */
  protected exportTable(result: Drivers, lang: Lang): ExportTable {
    const dm = driversMessages(lang);
    const ctx = this.phrase(result, lang);
    return {
      columns: [dm.factor, dm.value, dm.customers, dm.csv.successes, dm.rate, dm.csv.low, dm.csv.high, dm.rateElsewhere, dm.lift, dm.csv.pValue, dm.csv.adjustedP, dm.flag, dm.csv.featureKey, dm.csv.valueKey],
      rows: result.factors.map((f) => [
        dm.feature(f.feature),
        dm.valueText(f.feature, f.value, ctx),
        f.customers,
        f.successes,
        f.rate,
        f.low,
        f.high,
        f.restRate,
        f.lift,
        f.pValue,
        f.adjustedP,
        f.differs ?? '',
        f.feature,
        f.value,
      ]),
    };
  }

  /** Emits rw-select with the customers behind a factor row, a tree node or a finding. */
  private select(selection: DriversSelection): void {
    const detail = selection.kind === 'factor' ? { kind: 'factor', feature: selection.feature, value: selection.value } : { kind: 'leaf', node: selection.node };
    void this.selectCustomers<'drivers'>(selection, detail);
  }

  private onFactorClick = (event: Event): void => {
    const row = (event.target as Element | null)?.closest?.('tr[data-feature]') as HTMLElement | null;
    if (row) this.select({ kind: 'factor', feature: row.dataset.feature!, value: row.dataset.value! });
  };

  private onTreeClick = (event: Event): void => {
    const button = (event.target as Element | null)?.closest?.('button[data-node]') as HTMLButtonElement | null;
    if (button) this.select({ kind: 'leaf', node: Number(button.dataset.node) });
  };

  private onFindingClick = (event: Event): void => {
    const button = (event.target as Element | null)?.closest?.('button[data-finding]') as HTMLButtonElement | null;
    if (!button) return;
    const finding = this.findings?.[Number(button.dataset.finding)];
    if (finding) this.select(finding.selection);
  };

  private toggleFactors = (): void => {
    this.showAllFactors = !this.showAllFactors;
    this.requestUpdate();
  };

  /** Findings of the result on screen (clicks read them back by index). */
  private findings?: ReturnType<typeof driverFindings>;

  private get rowLimit(): number {
    const l = Number(this.limit);
    return Number.isFinite(l) && l >= 0 ? Math.floor(l) : DEFAULT_LIMIT;
  }

  private findingsSection(result: Drivers, lang: Lang): TemplateResult {
    const dm = driversMessages(lang);
    const ctx = this.phrase(result, lang);
    const findings = (this.findings = driverFindings(result));
    return html`<section class="findings" part="findings" @click=${this.onFindingClick}>
      <h3>${dm.findingsTitle}</h3>
      ${findings.length
        ? html`<ul>
            ${findings.map(
              (f, i) => html`<li data-direction=${f.direction} data-source=${f.source}>
                <button type="button" part="finding-button" data-finding=${i}>${findingSentence(f, ctx)}</button>
              </li>`,
            )}
          </ul>`
        : html`<p class="note" data-note="no-findings">${dm.noFindings}</p>`}
    </section>`;
  }

  private factorRow(f: DriverFactor, ctx: PhraseContext): TemplateResult {
    const dm = driversMessages(ctx.lang);
    const lang = ctx.lang;
    const condition: DriverCondition = { feature: f.feature, op: 'eq', value: f.value };
    const mark = f.differs === 'higher' ? '▲' : f.differs === 'lower' ? '▼' : '';
    return html`<tr data-feature=${f.feature} data-value=${f.value} data-customers=${f.customers} data-rate=${f.rate} data-differs=${f.differs ?? ''}>
      <td>${dm.feature(f.feature)}</td>
      <th scope="row">
        <button type="button" part="factor-button" data-feature=${f.feature} data-value=${f.value}
          aria-label=${dm.selectLabel(conditionsText([condition], ctx), formatInteger(lang, f.customers))}>${dm.valueText(f.feature, f.value, ctx)}</button>
      </th>
      <td class="num">${formatInteger(lang, f.customers)}</td>
      <td class="num">${formatPercent(lang, f.rate)} <span class="ci">${formatPercent(lang, f.low)}–${formatPercent(lang, f.high)}</span></td>
      <td class="num">${formatPercent(lang, f.restRate)}</td>
      <td class="num">${liftText(lang, f.lift)}</td>
      <td class="flag" data-differs=${f.differs ?? ''}>
        ${f.belowMinSize ? html`<span class="untested">${dm.notTested}</span>` : mark ? html`<span aria-label=${f.differs === 'higher' ? dm.higher : dm.lower}>${mark}</span>` : nothing}
      </td>
    </tr>`;
  }

  private factorTable(result: Drivers, lang: Lang): TemplateResult {
    const dm = driversMessages(lang);
    const ctx = this.phrase(result, lang);
    const all = result.factors;
    const limit = this.rowLimit;
    const shown = this.showAllFactors ? all : all.slice(0, limit);
    return html`<section class="factors" part="factors">
      <h3 id="factors-title">${dm.factorsTitle}</h3>
      <div class="lift-chart" part="chart" role="figure" aria-label=${dm.liftTitle(rateNameOf(ctx))}></div>
      <div class="table-wrap" @click=${this.onFactorClick}>
        <table class="list" aria-labelledby="factors-title">
          <thead>
            <tr>
              <th scope="col">${dm.factor}</th>
              <th scope="col">${dm.value}</th>
              <th scope="col" class="num">${dm.customers}</th>
              <th scope="col" class="num">${rateNameOf(ctx)} <span class="ci">${dm.interval}</span></th>
              <th scope="col" class="num">${dm.rateElsewhere}</th>
              <th scope="col" class="num">${dm.lift}</th>
              <th scope="col">${dm.flag}</th>
            </tr>
          </thead>
          <tbody>
            ${shown.map((f) => this.factorRow(f, ctx))}
          </tbody>
        </table>
      </div>
      ${all.length > limit
        ? html`<button type="button" class="more" aria-expanded=${this.showAllFactors ? 'true' : 'false'} @click=${this.toggleFactors}>
            ${this.showAllFactors ? dm.showFewer : dm.showAll(formatInteger(lang, all.length))}
          </button>`
        : nothing}
      <p class="note">${dm.factorsNote('0.05', formatInteger(lang, result.minLeaf))}</p>
    </section>`;
  }

  private treeNode(result: Drivers, node: DriverNode, conditions: DriverCondition[][], ctx: PhraseContext, own: DriverCondition[]): TemplateResult {
    const dm = driversMessages(ctx.lang);
    const lang = ctx.lang;
    const label = node.id === 0 ? dm.allCustomers : conditionsText(own, ctx);
    const numbers = html`<span class="node-n">${formatInteger(lang, node.customers)}</span>
      <span class="node-rate">${formatPercent(lang, node.rate)}</span>`;
    const leaf = node.customerCodes !== undefined;
    const left = node.left !== undefined ? result.tree[node.left] : undefined;
    const right = node.right !== undefined ? result.tree[node.right] : undefined;
    const ownOf = (child: DriverNode) => conditions[child.id].filter((c) => !conditions[node.id].includes(c));
    return html`<li data-node=${node.id} data-customers=${node.customers} data-rate=${node.rate} class=${leaf ? 'leaf' : 'split'}>
      ${leaf
        ? html`<button type="button" part="leaf-button" data-node=${node.id}
            title=${dm.selectLabel(conditionsText(conditions[node.id], ctx), formatInteger(lang, node.customers))}><span class="cond">${label}</span> ${numbers}</button>`
        : html`<span class="cond">${label}</span> ${numbers}`}
      ${left && right
        ? html`<ul>
            ${this.treeNode(result, left, conditions, ctx, ownOf(left))} ${this.treeNode(result, right, conditions, ctx, ownOf(right))}
          </ul>`
        : nothing}
    </li>`;
  }

  private treeSection(result: Drivers, lang: Lang): TemplateResult {
    const dm = driversMessages(lang);
    const ctx = this.phrase(result, lang);
    const conditions = nodeConditions(result);
    return html`<section class="tree" part="tree" @click=${this.onTreeClick}>
      <h3>${dm.treeTitle}</h3>
      <ul class="tree-root">
        ${this.treeNode(result, result.tree[0], conditions, ctx, [])}
      </ul>
      <p class="note">${dm.treeNote(formatInteger(lang, result.maxDepth), formatInteger(lang, result.minLeaf))}</p>
    </section>`;
  }

  protected renderResult(result: Drivers, lang: Lang, _m: Messages): TemplateResult {
    const dm = driversMessages(lang);
    const ctx = this.phrase(result, lang);
    const rateName = rateNameOf(ctx);
    if (result.customers === 0) {
      this.findings = [];
      return html`<p class="note" part="overall" data-note="no-eligible">${dm.noEligible(rateName)}</p>`;
    }
    return html`<p class="overall" part="overall" data-customers=${result.customers} data-rate=${result.rate}>
        ${dm.overall(formatInteger(lang, result.customers), rateName, formatPercent(lang, result.rate))}
        ${result.target === 'repurchase' ? html`<span class="note">${dm.censoredNote(formatInteger(lang, result.withinDays ?? 0))}</span>` : nothing}
      </p>
      ${this.findingsSection(result, lang)}
      <div class="layout">${this.factorTable(result, lang)} ${this.treeSection(result, lang)}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rw-drivers': RwDrivers;
  }
}
