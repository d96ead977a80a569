/** Styles specific to <rw-churn> (shared ones live in ../shared/styles.ts). */
import { css } from 'lit';

export const churnStyles = css`
  .controls {
    display: flex;
    flex-direction: column;
    gap: 0.35em;
    min-width: 0;
  }
  .threshold {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em 0.6em;
  }
  .threshold input[type='range'] {
    flex: 1 1 8em;
    min-width: 0;
    accent-color: var(--rw-color-accent);
  }
  .threshold input[type='number'] {
    width: 5em;
    font: inherit;
    padding: 0.15em 0.3em;
    border: 1px solid var(--rw-color-border);
    border-radius: var(--rw-radius);
    background: var(--rw-color-raised);
    color: var(--rw-color-text);
  }
  .threshold button,
  .select-all,
  .list button {
    padding: 0.15em 0.7em;
    border: 1px solid var(--rw-color-border);
    border-radius: var(--rw-radius);
    background: var(--rw-color-raised);
    color: var(--rw-color-text);
    cursor: pointer;
  }
  .threshold button[aria-pressed='true'] {
    border-color: var(--rw-color-accent);
    color: var(--rw-color-accent);
  }
  .threshold-source,
  .note,
  .count {
    margin: 0;
    font-size: 0.8125em;
    color: var(--rw-color-muted);
  }
  .headline {
    margin: 0;
    font-weight: 600;
  }
  .chart {
    width: 100%;
    min-width: 0;
  }
  .chart svg,
  .chart canvas {
    display: block;
    max-width: 100%;
  }
  .at-risk {
    display: flex;
    flex-direction: column;
    gap: 0.4em;
    min-width: 0;
  }
  .at-risk h3 {
    margin: 0;
    font-size: 1em;
  }
  .at-risk-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.4em;
  }
  .none {
    margin: 0;
    color: var(--rw-color-muted);
  }
  .list button {
    padding: 0.05em 0.4em;
    font-variant-numeric: tabular-nums;
  }
  .threshold button:focus-visible,
  .select-all:focus-visible,
  .list button:focus-visible,
  .rates button:focus-visible,
  .threshold input:focus-visible {
    outline: 2px solid var(--rw-color-accent);
    outline-offset: 1px;
  }
  .rates {
    border-collapse: collapse;
    font-size: 0.8125em;
  }
  .rates caption {
    text-align: start;
    font-weight: 600;
  }
  .rates th,
  .rates td {
    padding: 0.15em 0.4em;
    text-align: start;
    font-weight: normal;
  }
  .rates button {
    border: 0;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
`;
