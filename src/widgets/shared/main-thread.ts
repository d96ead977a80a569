/**
 * Keeping the page responsive while widgets draw: a way to give the browser a turn between two
 * pieces of work, and one page-wide queue that runs chart renders one at a time.
 *
 * Why: every widget on a page gets its result at about the same time, and drawing a chart
 * (Vega-Lite compile, Vega parse, the view's first dataflow run and SVG render) costs tens to
 * hundreds of milliseconds. Done back to back in microtasks, the renders of several charts fuse
 * into one long task (seconds with seven widgets on a million orders) during which clicks, typing
 * and scrolling wait. Splitting the work into tasks, one stage of one chart per task, lets input
 * and painting run in between; the total work is the same.
 */

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
