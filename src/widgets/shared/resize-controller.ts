/**
 * Tracks the content-box width of an element in the host's shadow root with a ResizeObserver and
 * re-renders the host when it changes by at least a pixel. Updates are coalesced to one per
 * animation frame, so a window drag does not re-render charts dozens of times a frame.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * @example
 * private size = new ResizeController(this, () => this.renderRoot.querySelector('[part=chart]'));
 * // in updated(): if (this.size.width) draw(this.size.width)
 */
export class ResizeController implements ReactiveController {
  /** Last observed width in CSS pixels (0 until the target has been laid out). */
  width = 0;
  private observer?: ResizeObserver;
  private observed?: Element;
  private frame = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => Element | null | undefined,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const el = this.target();
    if (!el || el === this.observed) return;
    this.observer ??= new ResizeObserver((entries) => {
      const w = Math.floor(entries[entries.length - 1].contentRect.width);
      if (Math.abs(w - this.width) < 1) return;
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => {
        this.width = w;
        this.host.requestUpdate();
      });
    });
    if (this.observed) this.observer.unobserve(this.observed);
    this.observer.observe(el);
    this.observed = el;
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = undefined;
  }
}
