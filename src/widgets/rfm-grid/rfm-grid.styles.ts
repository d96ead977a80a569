/** Styles specific to <rw-rfm-grid> (shared ones live in ../shared/styles.ts). */
import { css } from 'lit';

export const rfmGridStyles = css`
  .layout {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 1em 1.5em;
    min-width: 0;
  }
  .chart {
    flex: 1 1 300px;
    max-width: 640px;
    min-width: 0;
  }
  .grid svg,
  .grid canvas {
    display: block;
    max-width: 100%;
    height: auto;
  }
  .note {
    margin: 0.25em 0 0;
    font-size: 0.8125em;
    color: var(--rw-color-muted);
  }
  .segments-wrap {
    flex: 1 1 300px;
    min-width: 0;
    max-width: 100%;
    overflow-x: auto;
  }
  .segments {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875em;
  }
  .segments caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.35em;
  }
  .segments th,
  .segments td {
    padding: 0.3em 0.5em;
    border-bottom: 1px solid var(--rw-color-border);
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .segments thead th {
    font-weight: 600;
    color: var(--rw-color-muted);
    vertical-align: bottom;
  }
  .segments th[scope='row'],
  .segments thead th:first-child {
    text-align: start;
  }
  .segments th[scope='row'] {
    font-weight: normal;
  }
  .segments button {
    padding: 0;
    border: 0;
    background: transparent;
    color: var(--rw-color-accent);
    text-align: start;
    text-decoration: underline dotted;
    text-underline-offset: 0.2em;
    cursor: pointer;
  }
  .segments button:focus-visible {
    outline: 2px solid var(--rw-color-accent);
    outline-offset: 1px;
  }
`;
