/** Styles specific to <rw-clv> (shared ones live in ../shared/styles.ts). */
import { css } from 'lit';

export const clvStyles = css`
  .clv {
    display: flex;
    flex-direction: column;
    gap: 1em;
    min-width: 0;
  }
  .headline {
    margin: 0;
    font-weight: 600;
  }
  .chart {
    display: flex;
    flex-direction: column;
    gap: 1.25em;
    width: 100%;
    min-width: 0;
  }
  .chart svg,
  .chart canvas {
    display: block;
    max-width: 100%;
  }
  h3 {
    margin: 0 0 0.4em;
    font-size: 1em;
  }
  .param-groups {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 2em;
  }
  .params dl {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.2em 1em;
    margin: 0;
    font-size: 0.875em;
  }
  .params .group-name {
    margin: 0 0 0.2em;
    font-size: 0.875em;
    color: var(--rw-color-muted);
  }
  .params dl > div {
    display: flex;
    gap: 0.35em;
  }
  .params dt {
    font-style: italic;
    color: var(--rw-color-muted);
  }
  .params dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .list button,
  .bins button {
    padding: 0.05em 0.4em;
    border: 1px solid var(--rw-color-border);
    border-radius: var(--rw-radius);
    background: var(--rw-color-raised);
    color: var(--rw-color-text);
    cursor: pointer;
  }
  .list button:focus-visible,
  .bins button:focus-visible {
    outline: 2px solid var(--rw-color-accent);
    outline-offset: 1px;
  }
  .bins caption {
    text-align: start;
    font-weight: 600;
  }
  .calibration-table {
    border-collapse: collapse;
    font-size: 0.8125em;
    margin: 0.4em 0;
  }
  .calibration-table caption {
    text-align: start;
    font-weight: 600;
  }
  .calibration-table th,
  .calibration-table td {
    padding: 0.15em 0.5em;
    text-align: start;
    font-weight: normal;
  }
  .calibration-table .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
`;
