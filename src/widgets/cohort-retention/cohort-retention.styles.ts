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
    text-align: start;
  }
`;
