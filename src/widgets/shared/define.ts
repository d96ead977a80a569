/**
 * Registers a custom element unless the tag is taken. Two copies of the library on one page (an
 * app bundle plus the drop-in script, say) would otherwise throw on the second `define`.
 * @example defineElement('rw-cohort-retention', RwCohortRetention);
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  customElements.define(tag, ctor);
}
