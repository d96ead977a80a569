/**
 * Resolves the language of an element: its own `lang` attribute, else the document's
 * `<html lang>`; re-renders the host when either changes. One MutationObserver on <html> is
 * shared by every connected element (as Shoelace's localize controller does).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { normalizeLang, type Lang } from './messages.js';

type Host = ReactiveControllerHost & HTMLElement;

const connected = new Set<Host>();
let documentObserver: MutationObserver | undefined;

function watchDocument(): void {
  if (documentObserver || typeof MutationObserver === 'undefined') return;
  documentObserver = new MutationObserver(() => {
    for (const host of connected) host.requestUpdate();
  });
  documentObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

/**
 * @example
 * class MyWidget extends LitElement {
 *   private i18n = new LangController(this);
 *   render() { return html`${this.i18n.messages.retentionRate}`; }
 * }
 */
export class LangController implements ReactiveController {
  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    connected.add(this.host);
    watchDocument();
  }

  hostDisconnected(): void {
    connected.delete(this.host);
    if (connected.size === 0) {
      documentObserver?.disconnect();
      documentObserver = undefined;
    }
  }

  /** The element's `lang` attribute when set, else `<html lang>`, normalised to a supported language. */
  get lang(): Lang {
    // The property, not the attribute: a Lit host renders before it reflects `lang` to the attribute.
    const own = this.host.lang || this.host.getAttribute('lang');
    // No document when rendered on the server: the element's own lang, else the default language.
    return normalizeLang(own || (typeof document === 'undefined' ? null : document.documentElement?.getAttribute('lang')));
  }
}
