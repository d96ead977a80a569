/** Styles specific to <rw-cohort-retention> (shared ones live in ../shared/styles.ts). */
import { css } from 'lit';

export const cohortRetentionStyles = css`
  .chart {
    display: flex;
    flex-direction: column;
    gap: 1.25em;
    min-width: 0;
  }
  .heatmap,
  .curves {
    width: 100%;
    min-width: 0;
  }
  .heatmap svg,
  .curves svg,
  .heatmap canvas,
  .curves canvas {
    display: block;
    max-width: 100%;
  }
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
    text-align: start;
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
