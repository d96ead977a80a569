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
