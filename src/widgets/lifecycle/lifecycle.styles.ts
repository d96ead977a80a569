/** Styles specific to <rw-lifecycle> (shared ones live in ../shared/styles.ts). */
import { css } from 'lit';

export const lifecycleStyles = css`
  .chart {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
    min-width: 0;
  }
  .stages,
  .transitions {
    width: 100%;
    min-width: 0;
  }
  .transitions {
    max-width: 560px;
  }
  .stages svg,
  .transitions svg,
  .stages canvas,
  .transitions canvas {
    display: block;
    max-width: 100%;
  }
  .threshold {
    margin: 0;
    font-size: 0.8125em;
    color: var(--rw-color-muted);
  }
  .period-select {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em;
    font-size: 0.875em;
  }
  .period-select select {
    font: inherit;
    max-width: 100%;
    padding: 0.15em 0.3em;
    border: 1px solid var(--rw-color-border);
    border-radius: var(--rw-radius);
    background: var(--rw-color-raised);
    color: var(--rw-color-text);
  }
  .period-select select:focus-visible {
    outline: 2px solid var(--rw-color-accent);
    outline-offset: 1px;
  }
  .matrix th,
  .matrix td:not(:has(button)) {
    padding: 0.2em 0.4em;
    text-align: start;
  }
`;
