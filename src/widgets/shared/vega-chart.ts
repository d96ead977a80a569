/**
 * One Vega view inside a widget's shadow root, with its lifecycle: the view is kept, finalized
 * before every re-render and when the host disconnects (finalize removes Vega's listeners and
 * timers; without it every re-render leaks a view).
 *
 * The Vega-Lite spec is compiled with vega-lite's `compile` and rendered with a plain `vega.View`
 * (no vega-embed: it adds vega-themes, vega-tooltip, a JSON-patch library and its action menu,
 * none of which the widgets use, ~17 KB gzip in the drop-in). What vega-embed did for us is done
 * here: clear the container, set the tooltip handler, `initialize(container)` and `runAsync()`.
 *
 * Rendering is CSP-safe: Vega normally compiles expressions with `new Function`; `ast: true` plus
 * vega-interpreter evaluates the parsed AST instead, so no `unsafe-eval` is needed. No stylesheet
 * is injected (a strict `style-src` would block it): the component's own static styles cover the
 * container and `shadowTooltip` replaces vega-tooltip.
 *
 * Rendering is also split into tasks: a chart's stages (Vega-Lite compile, Vega parse, the view's
 * dataflow graph, its first dataflow run, the SVG/canvas render) can each take tens of
 * milliseconds on large data, and with every widget of a page drawing at once they used to fuse
 * into one long task. `VegaChart` draws through the page-wide `chartQueue` (one chart at a time)
 * and yields to the browser between stages, so input and painting are never blocked for more
 * than one stage of one chart. What is drawn is unchanged.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { chartQueue, runDataflowInSlices, yieldToMain } from './render-scheduler.js';
import { shadowTooltip } from './tooltip.js';

/** The Vega View type. */
export type VegaView = View;

/** What one finished render holds: the view and the Vega spec it runs. */
export interface VegaRenderResult {
  view: VegaView;
  /** The compiled Vega spec (for debugging and tests). */
  spec: ReturnType<typeof compile>['spec'];
  /** Removes the view's listeners and timers. */
  finalize(): void;
}

export interface VegaRenderOptions {
  renderer?: 'svg' | 'canvas';
  /** Tooltip element and its positioned frame, both in the shadow root. */
  tooltip?: { element: () => HTMLElement | null; frame: () => HTMLElement | null };
  /** Called with the datum of a clicked mark item (undefined datum when the click hit no item). */
  onClick?: (datum: Record<string, unknown> | undefined, event: Event) => void;
  /**
   * Awaited between the stages of the render (compile, parse, dataflow, first run, draw): e.g.
   * `yieldToMain` to let the browser handle input in between. If it throws, the render stops there
   * (the view, if made, is finalized; the container is untouched until the draw stage) and
   * `renderVegaLite` rejects with that error.
   */
  between?: () => Promise<void> | void;
}

/** Vega's "None" log level: the widgets report problems themselves. */
const LOG_NONE = 0;

/**
 * A logger that drops everything, for vega-lite's compiler (it warns about harmless spec choices,
 * e.g. "Dropping color encoding as the plot also has fill and stroke"; vega-embed silenced them
 * the same way with `logLevel: 0`). Errors still throw.
 */
const silentLogger: NonNullable<Parameters<typeof compile>[1]>['logger'] = {
  level(_?: number) {
    return LOG_NONE;
  },
  error() {
    return this;
  },
  warn() {
    return this;
  },
  info() {
    return this;
  },
  debug() {
    return this;
  },
};

/**
 * Compiles `spec` and renders it into `container` under a strict CSP (AST interpreter, no styles).
 * The container keeps its previous content until the last stage, which replaces it.
 * @example const { view, finalize } = await renderVegaLite(div, spec, { renderer: 'svg' });
 */
export async function renderVegaLite(container: HTMLElement, spec: TopLevelSpec, options: VegaRenderOptions = {}): Promise<VegaRenderResult> {
  const between = options.between ?? (() => undefined);
  const vgSpec = compile(spec, { logger: silentLogger }).spec;
  await between();
  const runtime = parse(vgSpec, {}, { ast: true });
  await between();
  const view = new View(runtime, { renderer: options.renderer ?? 'svg', expr: expressionInterpreter, logLevel: LOG_NONE } as ConstructorParameters<typeof View>[1]);
  try {
    await between();
    // The first run without a container evaluates the dataflow (data, scales, layout, text
    // measurement) and draws nothing; the run after `initialize` only draws the scenegraph.
    await (options.between ? runDataflowInSlices(view, options.between) : view.runAsync());
    await between();
    if (options.tooltip) view.tooltip(shadowTooltip(options.tooltip.element, options.tooltip.frame));
    container.replaceChildren();
    await view.initialize(container).runAsync();
  } catch (e) {
    view.finalize();
    throw e;
  }
  return { view, spec: vgSpec, finalize: () => view.finalize() };
}

/** Thrown by a superseded render's `between` to stop it (never escapes VegaChart). */
const SUPERSEDED = Symbol('superseded render');

/**
 * @example
 * private heatmap = new VegaChart(this);
 * updated() { void this.heatmap.render(this.renderRoot.querySelector('.heatmap')!, spec, { onClick }); }
 */
export class VegaChart implements ReactiveController {
  /** The current render (undefined before the first render and after finalize). */
  result?: VegaRenderResult;
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

  /**
   * Replaces the chart in `container` with `spec`; a newer call supersedes an unfinished one.
   * The chart is drawn in its turn in the page-wide `chartQueue`, one stage per task; `pending`
   * (and the returned promise) settles once it is on screen, or superseded.
   */
  render(container: HTMLElement, spec: TopLevelSpec, options: VegaRenderOptions = {}): Promise<void> {
    const token = ++this.token;
    this.finalize();
    const between = async (): Promise<void> => {
      await yieldToMain();
      if (token !== this.token) throw SUPERSEDED;
    };
    const run = async (): Promise<void> => {
      try {
        // A render superseded while it waited for its turn costs nothing.
        const result = await chartQueue.run(() => (token === this.token ? renderVegaLite(container, spec, { ...options, between }) : undefined));
        if (result === undefined) return;
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
