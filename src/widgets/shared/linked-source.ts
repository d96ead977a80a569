/**
 * A widget's link to a shared data source: `<rw-cohort-retention source="shop">` reads the orders
 * of `<rw-orders id="shop">` instead of loading its own.
 *
 * `sourceOf(widget)` returns a `LinkedSource` as the loader input when `source` is set, and the
 * AnalysisController resolves it instead of calling `loadOrders`, so widgets need no code of
 * their own for it. The link is resolved lazily, by id, in the widget's root node (the document or
 * the shadow root the widget lives in), at load time:
 * - while the document is still being parsed, it waits for DOMContentLoaded (the source element
 *   may come later in the HTML);
 * - an element that is not upgraded yet waits for `customElements.whenDefined('rw-orders')`;
 * - a missing id is an error state that says how to fix it; the widget keeps watching its root,
 *   and an `<rw-orders>` with that id connected later (or renamed to it) makes it load again.
 *
 * The source element talks to widgets through DOM events only (`rw-source-change` on itself,
 * `rw-source-connected` on its root node) and one method (`whenReady`), so two copies of the
 * library on one page (an app bundle and the drop-in script) still interoperate.
 */
import type { OrderTable } from '../../core/order-table.js';
import { LoadError, type LoadReport } from '../../data/types.js';

/** Tag name of the data-source element. */
export const ORDERS_SOURCE_TAG = 'rw-orders';
/** Fired (not bubbling) on the source element when its orders change: reload, filter change, error, removal. */
export const SOURCE_CHANGE_EVENT = 'rw-source-change';
/**
 * `detail` of a SOURCE_CHANGE_EVENT when the source replaced orders it was showing (a refresh or an
 * `append`): linked widgets keep their view while they recompute, instead of showing a loading state.
 */
export const QUIET_CHANGE = 'quiet';
/** Fired on the source element's root node (document or shadow root) when it is connected or renamed; detail `{ id }`. */
export const SOURCE_CONNECTED_EVENT = 'rw-source-connected';

/** What a linked load yields: the source's (filtered) orders and its load report. */
export interface LinkedLoad {
  orders: OrderTable;
  report: LoadReport;
}

/** The contract of a data-source element (implemented by `<rw-orders>`). */
export interface OrdersSourceElement extends HTMLElement {
  /**
   * Settles with the current orders once the source's current load and filter are done: at once
   * when they already are. Rejects with the source's error, or with an AbortError when `signal`
   * aborts.
   */
  whenReady(signal?: AbortSignal): Promise<LinkedLoad>;
  /** 'idle' | 'loading' | 'ready' | 'empty' | 'error'. */
  readonly status?: string;
  /** Loads the source again. */
  retry?(): void;
}

/** Whether `el` is an upgraded data-source element (duck-typed on purpose, see the module comment). */
export function isOrdersSourceElement(el: Element | null | undefined): el is OrdersSourceElement {
  return !!el && typeof (el as Partial<OrdersSourceElement>).whenReady === 'function';
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** `promise`, or a rejection as soon as `signal` aborts (the promise itself keeps running). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function domContentLoaded(): Promise<void> {
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

type Root = Document | ShadowRoot;

function isRoot(node: Node): node is Root {
  return node.nodeType === Node.DOCUMENT_NODE || node instanceof ShadowRoot;
}

/**
 * The loader input of a widget with a `source` attribute.
 * @example
 * const linked = new LinkedSource('shop', widget);
 * const { orders, report } = await linked.load(abortController.signal);
 * const stop = linked.watch(() => reloadFromSource());
 */
export class LinkedSource {
  constructor(
    /** The id of the `<rw-orders>` element. */
    readonly id: string,
    /** The widget; the id is looked up in its root node. */
    readonly host: Element,
  ) {}

  /** The root node the id is looked up in, or undefined while the widget is not in a document or shadow root. */
  root(): Root | undefined {
    const root = this.host.getRootNode();
    return isRoot(root) ? root : undefined;
  }

  /** The element with the id in the widget's root (any element; may not be upgraded yet), or null. */
  element(): Element | null {
    return (this.root()?.getElementById(this.id) as Element | null | undefined) ?? null;
  }

  private missing(root: Root | undefined): LoadError {
    const where = root instanceof ShadowRoot ? 'in the same shadow root as this widget' : 'on this page';
    return new LoadError(
      'no-source',
      `no <${ORDERS_SOURCE_TAG} id="${this.id}"> ${where}; add <${ORDERS_SOURCE_TAG} id="${this.id}" src="…"> ${root instanceof ShadowRoot ? 'next to the widget' : 'to the page'}, or fix the widget's source="${this.id}" attribute.`,
    );
  }

  /** Resolves the source element and waits for its current orders (see the module comment). */
  async load(signal?: AbortSignal): Promise<LinkedLoad> {
    if (typeof document !== 'undefined' && document.readyState === 'loading') await abortable(domContentLoaded(), signal);
    const root = this.root();
    let el: Element | null = root?.getElementById(this.id) ?? null;
    if (!el) throw this.missing(root);
    if (el.localName !== ORDERS_SOURCE_TAG) {
      throw new LoadError(
        'not-a-source',
        `source="${this.id}" names a <${el.localName}>, not an <${ORDERS_SOURCE_TAG}> element; point source at the id of an <${ORDERS_SOURCE_TAG}>.`,
      );
    }
    if (!isOrdersSourceElement(el)) {
      // Present in the DOM but its module has not run yet: wait for the definition (upgrades it).
      await abortable(customElements.whenDefined(ORDERS_SOURCE_TAG), signal);
      el = this.element();
      if (!el) throw this.missing(root);
      if (!isOrdersSourceElement(el)) {
        throw new LoadError('not-a-source', `<${ORDERS_SOURCE_TAG} id="${this.id}"> is defined by something else than retention-widgets (it has no whenReady method).`);
      }
    }
    return el.whenReady(signal);
  }

  /**
   * The Retry button of a linked widget: when the source itself failed, load the source again
   * (its change event then reloads every linked widget). Returns whether the source was retried.
   */
  retrySource(): boolean {
    const el = this.element();
    if (!isOrdersSourceElement(el) || el.status !== 'error' || typeof el.retry !== 'function') return false;
    el.retry();
    return true;
  }

  /**
   * Calls `onChange` whenever the source's orders change (reload, filter, error, removal; with the
   * change event, whose `detail` is QUIET_CHANGE for a refresh or append) and when an `<rw-orders>`
   * with this id is connected to the widget's root. Returns the unsubscribe
   * function; call it when the widget disconnects, so the source keeps no reference to it.
   */
  watch(onChange: (event?: Event) => void): () => void {
    const root = this.root();
    if (!root) return () => undefined;
    let el: Element | null = null;
    const listener = (event: Event) => onChange(event);
    const bind = () => {
      const next: Element | null = root.getElementById(this.id);
      if (next === el) return;
      el?.removeEventListener(SOURCE_CHANGE_EVENT, listener);
      el = next;
      el?.addEventListener(SOURCE_CHANGE_EVENT, listener);
    };
    const onConnected = (event: Event) => {
      if ((event as CustomEvent<{ id?: string }>).detail?.id !== this.id) return;
      bind();
      onChange();
    };
    root.addEventListener(SOURCE_CONNECTED_EVENT, onConnected);
    bind();
    return () => {
      root.removeEventListener(SOURCE_CONNECTED_EVENT, onConnected);
      el?.removeEventListener(SOURCE_CHANGE_EVENT, listener);
      el = null;
    };
  }
}

/**
 * Tells the widgets waiting in `el`'s root that a source with `el.id` is now there. Called by the
 * source element when it connects and when its id changes.
 */
export function announceSource(el: Element): void {
  const root = el.getRootNode();
  if (!el.id || !isRoot(root)) return;
  root.dispatchEvent(new CustomEvent(SOURCE_CONNECTED_EVENT, { detail: { id: el.id } }));
}
