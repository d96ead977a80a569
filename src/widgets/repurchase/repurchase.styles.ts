/** Styles specific to <rw-repurchase> (shared ones live in ../shared/styles.ts). */
import { css } from 'lit';

export const repurchaseStyles = css`
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 9.5em), 1fr));
    gap: 0.5em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .tile {
    min-width: 0;
    padding: 0.6em 0.75em;
    border: 1px solid var(--rw-color-border);
    border-radius: var(--rw-radius);
    background: var(--rw-color-surface);
  }
  .tile-note {
    font-size: 0.75em;
    color: var(--rw-color-muted);
    overflow-wrap: anywhere;
  }
  .chart {
    display: flex;
    flex-direction: column;
    gap: 1.25em;
    min-width: 0;
  }
  .trend,
  .cycle,
  .frequency {
    width: 100%;
    min-width: 0;
  }
  .chart svg,
  .chart canvas {
    display: block;
    max-width: 100%;
  }
  .items {
    min-width: 0;
    max-width: 100%;
    overflow-x: auto;
  }
  .items table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.8125em;
  }
  .items caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.35em;
  }
  .items th,
  .items td {
    padding: 0.25em 0.4em;
    border-bottom: 1px solid var(--rw-color-border);
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .items th:first-child,
  .items td:first-child {
    text-align: start;
    overflow-wrap: anywhere;
  }
  .items thead th {
    font-weight: 600;
    color: var(--rw-color-muted);
  }
  .items button {
    padding: 0;
    border: 0;
    background: none;
    color: var(--rw-color-accent);
    text-align: start;
    cursor: pointer;
    text-decoration: underline dotted;
  }
  .items button:focus-visible,
  .data-tables button:focus-visible {
    outline: 2px solid var(--rw-color-accent);
    outline-offset: 1px;
  }
  .data-tables table {
    border-collapse: collapse;
    font-size: 0.8125em;
  }
  .data-tables th,
  .data-tables td {
    padding: 0.2em 0.4em;
    border: 1px solid var(--rw-color-border);
    font-weight: normal;
    white-space: nowrap;
  }
  .data-tables button {
    border: 0;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
`;
