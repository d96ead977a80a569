// The one data source of the dashboard (<rw-orders id="shop">) and what it currently shows: the
// bundled datasets, a synthetic log or the visitor's own file all go through `useSource`, so the
// controls and the "copy embed code" snippets always know what the widgets are looking at.

/** Every attribute of <rw-orders> that says what to load and how (not the from/to filters). */
export const SOURCE_ATTRIBUTES = ['src', 'customer-field', 'order-field', 'date-field', 'amount-field', 'product-field',
  'product-name-field', 'category-field', 'time-zone', 'returns', 'zero-amounts', 'duplicates'] as const;

/** A dataset for the dashboard. */
export interface SourceChoice {
  /** Value of the dataset select: 'retail', 'cdnow', 'synthetic' or 'file'. */
  dataset: string;
  /** Source attributes (see SOURCE_ATTRIBUTES); `src` relative to the page or a blob: URL. */
  attributes: Record<string, string>;
  /** What `src` becomes in an embed snippet when it is local to this page (a blob: URL), e.g. `/path/to/your-orders.csv`. */
  embedSrc?: string;
  /** The currency its amounts are in, when known. */
  currency?: string;
}

/** Fired on document after `useSource` changed the source: detail is the SourceChoice. */
export const SOURCE_CHOSEN_EVENT = 'demo-source-chosen';

let current: SourceChoice | undefined;

/** The <rw-orders> element of the page. */
export function sourceElement(): HTMLElement {
  const el = document.querySelector<HTMLElement>('rw-orders#shop');
  if (!el) throw new Error('The demo page has no <rw-orders id="shop">');
  return el;
}

/** The dataset shown now (undefined before the first `useSource`: the page's own markup). */
export function currentSource(): SourceChoice | undefined {
  return current;
}

/**
 * Points <rw-orders> at another dataset: clears every source attribute, sets the new ones (every
 * linked widget reloads once), and revokes the previous blob: URL unless the new choice reuses it.
 * @example useSource({ dataset: 'cdnow', attributes: { src: '../data/cdnow/CDNOW_master.txt' } });
 */
export function useSource(choice: SourceChoice): void {
  const el = sourceElement();
  const oldSrc = el.getAttribute('src');
  for (const name of SOURCE_ATTRIBUTES) if (!(name in choice.attributes)) el.removeAttribute(name);
  for (const [name, value] of Object.entries(choice.attributes)) el.setAttribute(name, value);
  if (oldSrc?.startsWith('blob:') && oldSrc !== choice.attributes.src && !isKept(oldSrc)) URL.revokeObjectURL(oldSrc);
  current = choice;
  document.dispatchEvent(new CustomEvent(SOURCE_CHOSEN_EVENT, { detail: choice }));
}

// blob: URLs the page keeps for switching back (the visitor's applied file, the last synthetic log).
const kept = new Set<string>();

/** Marks a blob: URL as owned by its creator (useSource will not revoke it). */
export function keepBlobUrl(url: string, keep: boolean): void {
  if (keep) kept.add(url);
  else kept.delete(url);
}

function isKept(url: string): boolean {
  return kept.has(url);
}
