/**
 * Styles shared by the widget family, adopted into each shadow root (Lit static styles: constructable
 * stylesheets, nothing injected into document.head, so a strict `style-src` CSP is fine).
 *
 * Theming: `--rw-*` custom properties on the host, and parts (`base`, `chart`, `summary`, `error`, …).
 */
import { css } from 'lit';

/** The dark palette: applied under prefers-color-scheme: dark, or forced with theme="dark". */
const darkTokens = css`
  --rw-color-text: #e6edf3;
  --rw-color-muted: #9198a1;
  --rw-color-surface: #151b23;
  --rw-color-border: #3d444d;
  --rw-color-accent: #4493f8;
  --rw-color-error: #f85149;
  --rw-color-low: #0d1f33;
  --rw-color-high: #6cb6ff;
  --rw-color-raised: #212830;
`;

/** @example static override styles = [widgetStyles, css`.chart { … }`]; */
export const widgetStyles = css`
  :host {
    --rw-font-family: system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif;
    --rw-font-size: 14px;
    --rw-color-text: #1f2328;
    --rw-color-muted: #59636e;
    --rw-color-background: transparent;
    --rw-color-surface: #f6f8fa;
    --rw-color-border: #d1d9e0;
    --rw-color-accent: #0969da;
    --rw-color-error: #cf222e;
    --rw-color-low: #eef4fb;
    --rw-color-high: #08519c;
    --rw-color-raised: #ffffff;
    --rw-radius: 6px;
    display: block;
    font-family: var(--rw-font-family);
    font-size: var(--rw-font-size);
    color: var(--rw-color-text);
    background: var(--rw-color-background);
  }
  /* Dark colours follow the page's colour scheme; theme="light" | "dark" forces one. A host page's
     own --rw-* declarations on the element win over these (outer styles beat :host rules). */
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }
  :host([theme='dark']) {
    ${darkTokens}
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
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
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
  .export button:focus-visible {
    outline: 2px solid var(--rw-color-accent);
    outline-offset: 1px;
  }
  .retry:focus-visible,
  .matrix button:focus-visible {
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
