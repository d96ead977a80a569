/** Styles of <rw-orders>: one small status line (it draws no chart). */
import { css } from 'lit';
import { themeTokens } from '../shared/styles.js';

export const ordersStyles = css`
  ${themeTokens}
  :host {
    display: block;
    font-family: var(--rw-font-family, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    font-size: calc(var(--rw-font-size, 14px) * 0.875);
    color: var(--rw-color-muted, #59636e);
    /* Transparent in light; dark paints its own, so the muted text never lands on a light page. */
    background: var(--rw-color-background, transparent);
  }
  :host([hidden]) {
    display: none;
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.75em;
    min-height: 1.5em;
  }
  .status.error {
    color: var(--rw-color-error, #cf222e);
  }
  .filters {
    color: var(--rw-color-text, #1f2328);
  }
  button {
    font: inherit;
    padding: 0.1em 0.75em;
    border: 1px solid var(--rw-color-border, #d1d9e0);
    border-radius: var(--rw-radius, 6px);
    background: var(--rw-color-raised, #fff);
    color: var(--rw-color-text, #1f2328);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--rw-color-accent, #0969da);
    outline-offset: 1px;
  }
`;
