/**
 * One Vega view inside a widget's shadow root, with its lifecycle: the vega-embed result is kept,
 * finalized before every re-render and when the host disconnects (finalize removes Vega's
 * listeners and timers; without it every re-render leaks a view).
 *
 * Rendering is CSP-safe: Vega normally compiles expressions with `new Function`; `ast: true` plus
 * vega-interpreter evaluates the parsed AST instead, so no `unsafe-eval` is needed. vega-embed's
 * stylesheet and vega-tooltip's stylesheet (both injected as <style> elements, blocked by a strict
 * `style-src`) are turned off: the component's own static styles cover the container and
 * `shadowTooltip` replaces the default tooltip.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import embed, { type EmbedOptions, type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';
import { shadowTooltip } from './tooltip.js';

/** The Vega View type, as vega-embed returns it. */
export type VegaView = Result['view'];

/**
 * vega-embed options that keep a strict Content-Security-Policy happy.
 * @example await embed(el, spec, { ...CSP_SAFE_EMBED_OPTIONS, renderer: 'svg', tooltip: false });
 */
export const CSP_SAFE_EMBED_OPTIONS: EmbedOptions = {
  ast: true,
  expr: expressionInterpreter,
  actions: false,
  defaultStyle: false,
  // Vega logs warnings to the console by default; the widgets report problems themselves.
  logLevel: 0,
};

export interface VegaRenderOptions {
  renderer?: 'svg' | 'canvas';
  /** Tooltip element and its positioned frame, both in the shadow root. */
  tooltip?: { element: () => HTMLElement | null; frame: () => HTMLElement | null };
  /** Called with the datum of a clicked mark item (undefined datum when the click hit no item). */
  onClick?: (datum: Record<string, unknown> | undefined, event: Event) => void;
}

/**
 * @example
 * private heatmap = new VegaChart(this);
 * updated() { void this.heatmap.render(this.renderRoot.querySelector('.heatmap')!, spec, { onClick }); }
 */
export class VegaChart implements ReactiveController {
  /** The current vega-embed result (undefined before the first render and after finalize). */
  result?: Result;
  /** Settles when the latest render call has finished (successfully or not). */
  pending: Promise<void> = Promise.resolve();
  /** Error of the last render, if it failed (a bad spec is a bug: it is also logged). */
  renderError?: unknown;
  private token = 0;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  get view(): VegaView | undefined {
    return this.result?.view;
  }

  /** Replaces the chart in `container` with `spec`; a newer call supersedes an unfinished one. */
  render(container: HTMLElement, spec: TopLevelSpec, options: VegaRenderOptions = {}): Promise<void> {
    const token = ++this.token;
    this.finalize();
    const run = async (): Promise<void> => {
      try {
        const opts: EmbedOptions = {
          ...CSP_SAFE_EMBED_OPTIONS,
          renderer: options.renderer ?? 'svg',
          tooltip: options.tooltip ? shadowTooltip(options.tooltip.element, options.tooltip.frame) : false,
        };
        const result = await embed(container, spec as Parameters<typeof embed>[1], opts);
        if (token !== this.token) {
          result.finalize();
          return;
        }
        this.result = result;
        this.renderError = undefined;
        const onClick = options.onClick;
        if (onClick) {
          result.view.addEventListener('click', (event, item) => {
            const datum = (item as { datum?: Record<string, unknown> } | null | undefined)?.datum;
            onClick(datum, event);
          });
        }
      } catch (e) {
        if (token !== this.token) return;
        this.renderError = e;
        console.error('retention-widgets: chart rendering failed', e);
      }
    };
    this.pending = run();
    return this.pending;
  }

  /** Removes the view: Vega listeners, timers and the rendered DOM. */
  finalize(): void {
    this.result?.finalize();
    this.result = undefined;
  }

  /** Drops the chart and supersedes any render in flight. */
  clear(): void {
    this.token++;
    this.finalize();
  }

  hostDisconnected(): void {
    this.clear();
  }
}
