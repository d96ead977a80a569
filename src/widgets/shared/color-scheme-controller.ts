/**
 * The colour scheme a widget draws with, and an update whenever it changes: the `theme` attribute
 * (`light` | `dark`) when set, else the page's `prefers-color-scheme`. The CSS follows both by
 * itself (`styles.ts`), but charts are drawn once into SVG with colours passed in, so the host must
 * be told to redraw: this controller watches the attribute (a MutationObserver, so the attribute
 * needs no reactive property) and the media query, from connect to disconnect.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ColorScheme } from '../../charts/theme.js';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * @example
 * private readonly colorScheme = new ColorSchemeController(this);
 * // in drawCharts: if (!this.chartsStale(result, this.colorScheme.scheme)) return;
 */
export class ColorSchemeController implements ReactiveController {
  private media?: MediaQueryList;
  private observer?: MutationObserver;
  /** The scheme at the last update request, so a change that does not change it is ignored. */
  private last?: ColorScheme;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** The effective scheme: a `theme` attribute of `light` or `dark` wins, else the media query. */
  get scheme(): ColorScheme {
    const forced = this.host.getAttribute('theme');
    if (forced === 'light' || forced === 'dark') return forced;
    const media = this.media ?? (typeof matchMedia === 'function' ? matchMedia(DARK_QUERY) : undefined);
    return media?.matches ? 'dark' : 'light';
  }

  hostConnected(): void {
    this.last = this.scheme;
    if (typeof matchMedia === 'function') {
      this.media = matchMedia(DARK_QUERY);
      this.media.addEventListener('change', this.changed);
    }
    this.observer = new MutationObserver(this.changed);
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['theme'] });
  }

  hostDisconnected(): void {
    this.media?.removeEventListener('change', this.changed);
    this.media = undefined;
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private readonly changed = (): void => {
    const scheme = this.scheme;
    if (scheme === this.last) return;
    this.last = scheme;
    this.host.requestUpdate();
  };
}
