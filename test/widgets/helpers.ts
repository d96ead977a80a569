import { waitUntil } from '@open-wc/testing';
import type { VegaView } from '../../src/widgets/shared/vega-chart.js';

/**
 * Waits until `el` has a result or an error for its current properties. The pending update runs
 * first: a property just set starts its load / compute in that update, and until then the status
 * is still the previous one (with the compute worker on, nothing finishes within that update).
 */
export async function settled(el: { updateComplete: Promise<unknown>; status: string }, timeout = 60_000): Promise<void> {
  await el.updateComplete;
  await waitUntil(() => el.status !== 'loading' && el.status !== 'idle', `still ${el.status}`, { timeout });
  await el.updateComplete;
}

type Item = { items?: Item[]; datum?: Record<string, unknown>; x?: number; y?: number; bounds?: { x1: number; y1: number; x2: number; y2: number } };

/**
 * Centre of the first rect mark item whose datum matches, in the view's coordinates: the scenegraph
 * walked with group offsets summed (what a real mouse click has to hit).
 * @example rectCenter(el.gridView!, (d) => d.r === 2 && d.f === 3)
 */
export function rectCenter(view: VegaView, match: (datum: Record<string, unknown>) => boolean): { x: number; y: number } | undefined {
  let found: { x: number; y: number } | undefined;
  const visit = (node: Item, ox: number, oy: number): void => {
    const mark = node as unknown as { marktype: string; items: Item[] };
    for (const item of mark.items ?? []) {
      if (!found && mark.marktype === 'rect' && item.datum && item.bounds && match(item.datum)) {
        found = { x: ox + (item.bounds.x1 + item.bounds.x2) / 2, y: oy + (item.bounds.y1 + item.bounds.y2) / 2 };
      }
      if (mark.marktype === 'group') for (const child of item.items ?? []) visit(child, ox + (item.x ?? 0), oy + (item.y ?? 0));
    }
  };
  visit((view.scenegraph() as unknown as { root: Item }).root, 0, 0);
  return found;
}

/** Viewport position (for `sendMouse`) of a point in the view drawn into `svg`. */
export function pagePosition(view: VegaView, svg: Element, point: { x: number; y: number }): [number, number] {
  const box = svg.getBoundingClientRect();
  const [ox, oy] = view.origin();
  return [Math.round(box.left + ox + point.x), Math.round(box.top + oy + point.y)];
}
