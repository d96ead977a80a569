/**
 * The render scheduler: everything the widgets do to keep the page responsive while they draw, in
 * one place, with the one private hook it relies on.
 *
 * - `yieldToMain()`: give the browser a turn between two pieces of work;
 * - `chartQueue`: one page-wide queue that runs chart renders one at a time, one stage per task;
 * - `runDataflowInSlices()`: a Vega view's dataflow run spread over several tasks. It wraps the
 *   operators of `view._runtime` (private Vega API): test/widgets/render-scheduler.test.ts fails
 *   loudly when a Vega upgrade removes that structure;
 * - `sameInputs()` / `InputsMemo`: skip a recompute or a redraw whose inputs did not change (the
 *   analysis parameters of RwAnalysisElement, the inputs a widget's charts were drawn from);
 * - RwAnalysisElement's `scheduleUpdate` puts the Lit render of a new result in a task of its own,
 *   and its `updated` draws charts in the task after (see there: they use `yieldToMain`).
 *
 * Why: every widget on a page gets its result at about the same time, and drawing a chart
 * (Vega-Lite compile, Vega parse, the view's first dataflow run and SVG render) costs tens to
 * hundreds of milliseconds. Done back to back in microtasks, the renders of several charts fuse
 * into one long task (seconds with seven widgets on a million orders) during which clicks, typing
 * and scrolling wait. Splitting the work into tasks, one stage of one chart per task, lets input
 * and painting run in between; the total work is the same.
 */

import type { View } from 'vega';

/** The Prioritized Task Scheduling API where the browser has it (Chromium 129+, Firefox 142+). */
interface SchedulerWithYield {
  yield(): Promise<void>;
}

function nativeScheduler(): SchedulerWithYield | undefined {
  const s = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler;
  return typeof s?.yield === 'function' ? (s as SchedulerWithYield) : undefined;
}

/**
 * Ends the current task and resumes in a new one, after input and rendering that were waiting.
 * `scheduler.yield()` when the browser has it (the continuation keeps its place ahead of other
 * queued tasks), otherwise a MessageChannel message: unlike `setTimeout(0)` it is not clamped to
 * 4 ms after nesting nor throttled to once a second in a background tab.
 * @example for (const part of parts) { work(part); await yieldToMain(); }
 */
export function yieldToMain(): Promise<void> {
  const scheduler = nativeScheduler();
  if (scheduler) return scheduler.yield();
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/**
 * Runs async jobs one at a time in the order they were queued (FIFO); a job that throws does not
 * stop the queue. Each job starts in a task of its own (after a `yieldToMain`), so the synchronous
 * head of one job never shares a task with the tail of the previous one.
 * @example
 * const queue = new SerialQueue();
 * const a = queue.run(async () => drawFirstChart());
 * const b = queue.run(async () => drawSecondChart()); // starts after a has settled
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;

  /** Jobs queued or running. */
  get size(): number {
    return this.queued;
  }

  /** Queues `job`; resolves or rejects with its outcome once it has run. */
  run<T>(job: () => Promise<T> | T): Promise<T> {
    this.queued++;
    const result = this.tail.then(async () => {
      await yieldToMain();
      return job();
    });
    const settle = () => {
      this.queued--;
    };
    this.tail = result.then(settle, settle);
    return result;
  }
}

/**
 * The queue every widget chart renders through (see VegaChart): charts of all widgets on the page
 * are drawn one after another, one stage per task.
 */
export const chartQueue = new SerialQueue();

/** Longest stretch of dataflow operators run in one task before `runDataflowInSlices` pauses (ms). */
const SLICE_MS = 12;

/** An operator of a Vega dataflow, as far as `runDataflowInSlices` uses it. */
interface DataflowOperator {
  run(pulse: unknown): unknown;
}

/**
 * Evaluates `view`'s dataflow like `view.runAsync()`, but awaits `pause` before an operator when
 * the operators run since the last pause took more than SLICE_MS: the dataflow of a large chart
 * (a heatmap's thousands of encoded cells and their text) then spans several tasks instead of one.
 * Vega's evaluation loop awaits an operator that returns a promise, which is what the wrapper
 * does; the operators of the view's top-level runtime (`view._runtime.nodes`, not public API) are
 * wrapped for this one run and restored after. When that structure is not there (a future Vega),
 * it is a plain `runAsync`. Operators of subflows (facets) run unsliced inside their parent.
 */
export async function runDataflowInSlices(view: View, pause: () => Promise<void> | void): Promise<void> {
  const nodes = (view as unknown as { _runtime?: { nodes?: Record<string, DataflowOperator> } })._runtime?.nodes;
  const wrapped: DataflowOperator[] = [];
  let sliceStart = performance.now();
  if (nodes && typeof nodes === 'object') {
    for (const op of Object.values(nodes)) {
      if (typeof op?.run !== 'function' || Object.hasOwn(op, 'run')) continue;
      const run = op.run;
      op.run = function (this: DataflowOperator, pulse: unknown) {
        if (performance.now() - sliceStart < SLICE_MS) return run.call(this, pulse);
        return Promise.resolve(pause()).then(() => {
          sliceStart = performance.now();
          return run.call(this, pulse);
        });
      };
      wrapped.push(op);
    }
  }
  try {
    await view.runAsync();
  } finally {
    for (const op of wrapped) delete (op as Partial<DataflowOperator>).run;
  }
}

/**
 * Whether two input lists are the same, element by element with `===`, or (for plain parameter
 * objects made fresh on every update) by their JSON text.
 * @example sameInputs([result, lang, width], drawnWith)
 */
export function sameInputs(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * Remembers the last inputs something was made from; `changed(...inputs)` says whether they differ
 * (and records them). `forget()` after the thing is gone (charts finalized, no result on screen).
 * @example if (!this.drawn.changed(result, lang, width)) return;
 */
export class InputsMemo {
  private last?: unknown[];

  changed(...inputs: unknown[]): boolean {
    if (sameInputs(inputs, this.last)) return false;
    this.last = inputs;
    return true;
  }

  forget(): void {
    this.last = undefined;
  }
}
