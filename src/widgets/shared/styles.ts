/**
 * Styles shared by the widget family, adopted into each shadow root (Lit static styles: constructable
 * stylesheets, nothing injected into document.head, so a strict `style-src` CSP is fine).
 *
 * Theming: `--rw-*` custom properties on the host, and parts (`base`, `chart`, `summary`, `error`, …).
 */
import { css, unsafeCSS } from 'lit';
import { paletteCustomProperties, WIDGET_PALETTES } from '../../charts/theme.js';
import { segmentTableStyles } from './segment-table.js';

/**
 * The `--rw-*` colour tokens of both schemes, generated from the palettes the charts draw with
 * (`charts/theme.ts`), so the HTML and the SVG of a widget always agree. Dark colours follow the
 * page's colour scheme; theme="light" | "dark" forces one (the same rule as ColorSchemeController).
 * A host page's own --rw-* declarations on the element win over these (outer styles beat :host rules).
 * @example static override styles = css`${themeTokens} .status { color: var(--rw-color-muted); }`;
 */
export const themeTokens = css`
  :host {
    ${unsafeCSS(paletteBlock('light'))}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${unsafeCSS(paletteBlock('dark'))}
    }
  }
  :host([theme='dark']) {
    ${unsafeCSS(paletteBlock('dark'))}
  }
`;

function paletteBlock(scheme: 'light' | 'dark'): string {
  return paletteCustomProperties(WIDGET_PALETTES[scheme]);
}

/** @example static override styles = [widgetStyles, css`.chart { … }`]; */
export const widgetStyles = css`
  ${themeTokens}
  :host {
    --rw-font-size: 14px;
    --rw-radius: 6px;
    display: block;
    font-family: var(--rw-font-family);
    font-size: var(--rw-font-size);
    color: var(--rw-color-text);
    background: var(--rw-color-background);
    /* Inherited typography and alignment reset: a host that centres, upper-cases, indents or
       spaces its text (text-align: center on a parent is common) must not reach the widget. */
    text-align: start;
    text-indent: 0;
    text-transform: none;
    font-style: normal;
    font-weight: normal;
    line-height: normal;
    letter-spacing: normal;
    word-spacing: normal;
    white-space: normal;
  }
  :host([hidden]) {
    display: none;
  }
  [hidden] {
    display: none !important;
  }
  .base {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 0.75em;
    /* Set again, not inherited: a page rule such as '* { color: red !important }' matches the host
       element and beats :host, and would otherwise reach every label through inheritance. */
    color: var(--rw-color-text);
    font-family: var(--rw-font-family);
    font-size: var(--rw-font-size);
    letter-spacing: normal;
    text-align: start;
    text-indent: 0;
    text-transform: none;
    line-height: normal;
    white-space: normal;
  }
  .state {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
    padding: 1em;
    border: 1px solid var(--rw-color-border);
    border-radius: var(--rw-radius);
    background: var(--rw-color-surface);
  }
  .state-text {
    color: var(--rw-color-muted);
  }
  .state.error {
    border-color: var(--rw-color-error);
  }
  .state.error strong {
    color: var(--rw-color-error);
  }
  .state.error .state-text {
    flex-basis: 100%;
    color: var(--rw-color-text);
  }
  .state progress {
    flex-basis: 100%;
    accent-color: var(--rw-color-accent);
  }
  .spinner {
    width: 1em;
    height: 1em;
    border: 2px solid var(--rw-color-border);
    border-top-color: var(--rw-color-accent);
    border-radius: 50%;
    animation: rw-spin 0.8s linear infinite;
  }
  @keyframes rw-spin {
    to {
      transform: rotate(360deg);
    }
  }
  /* No motion for those who asked for none: the spinner stands still (the text says it is loading),
     and any transition or animation a widget adds later is covered too. Charts have none (Vega 5
     does not animate). */
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
  button {
    font: inherit;
  }
  .retry {
    padding: 0.3em 1em;
    border: 1px solid var(--rw-color-border);
    border-radius: var(--rw-radius);
    background: var(--rw-color-raised);
    color: var(--rw-color-text);
    cursor: pointer;
  }
  .export {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.4em;
    font-size: 0.8125em;
  }
  .export button {
    padding: 0.2em 0.7em;
    border: 1px solid var(--rw-color-border);
    border-radius: var(--rw-radius);
    background: var(--rw-color-raised);
    color: var(--rw-color-text);
    cursor: pointer;
  }
  /* A visible focus ring on everything focusable in the shadow root, in both schemes: the accent is
     ≥ 3:1 against the background in each palette (tested in test/charts/theme.test.ts). */
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  summary:focus-visible,
  a:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--rw-color-accent);
    outline-offset: 1px;
  }
  .summary {
    font-size: 0.875em;
    color: var(--rw-color-muted);
  }
  .summary > summary {
    cursor: pointer;
  }
  .reasons {
    margin-top: 0.5em;
    border-collapse: collapse;
    width: 100%;
  }
  .reasons caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.25em;
  }
  .reasons th,
  .reasons td {
    text-align: start;
    vertical-align: top;
    padding: 0.25em 0.5em;
    border-top: 1px solid var(--rw-color-border);
  }
  .reasons td.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .reasons ul {
    margin: 0;
    padding-inline-start: 1em;
  }
  .tooltip {
    position: absolute;
    z-index: 10;
    pointer-events: none;
    max-width: 22em;
    padding: 0.4em 0.6em;
    border: 1px solid var(--rw-color-border);
    border-radius: var(--rw-radius);
    background: var(--rw-color-raised);
    color: var(--rw-color-text);
    box-shadow: 0 2px 8px rgb(0 0 0 / 15%);
    font-size: 0.8125em;
  }
  .tooltip th {
    text-align: start;
    font-weight: normal;
    color: var(--rw-color-muted);
    padding-inline-end: 0.75em;
  }
  /* Visually hidden but read by screen readers; focusable children become visible on focus. */
  .visually-hidden:not(:focus-within) {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
  ${segmentTableStyles}
`;

/** The matrix tables behind heatmaps (cohorts, RFM grid, transitions): a bordered grid of cell buttons. */
export const matrixTableStyles = css`
  .matrix-wrap {
    max-width: 100%;
    overflow-x: auto;
  }
  .matrix {
    border-collapse: collapse;
    font-size: 0.8125em;
  }
  .matrix caption {
    text-align: start;
    font-weight: 600;
  }
  .matrix th,
  .matrix td {
    padding: 0;
    border: 1px solid var(--rw-color-border);
    font-weight: normal;
    white-space: nowrap;
  }
  .matrix th {
    padding: 0.2em 0.4em;
  }
  .matrix button {
    width: 100%;
    padding: 0.2em 0.4em;
    border: 0;
    background: transparent;
    color: inherit;
    font-variant-numeric: tabular-nums;
    cursor: pointer;
  }
`;

/** Scrolling data tables with a sticky header (at-risk list, top customers). */
export const listTableStyles = css`
  .table-wrap {
    max-width: 100%;
    max-height: 28em;
    overflow: auto;
    border: 1px solid var(--rw-color-border);
    border-radius: var(--rw-radius);
  }
  .list {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.8125em;
  }
  .list th,
  .list td {
    padding: 0.25em 0.5em;
    text-align: start;
    white-space: nowrap;
    border-bottom: 1px solid var(--rw-color-border);
  }
  .list thead th {
    position: sticky;
    top: 0;
    background: var(--rw-color-surface);
    font-weight: 600;
    white-space: normal;
    vertical-align: bottom;
  }
  .list .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .list tbody th {
    font-weight: normal;
  }
`;

/** The label and the number of a headline tile (KPIs, repurchase). */
export const tileStyles = css`
  .tile-label {
    font-size: 0.8125em;
    color: var(--rw-color-muted);
    overflow-wrap: anywhere;
  }
  .tile-value {
    font-size: 1.5em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
`;
