/** Styles specific to <rw-product-affinity> (shared ones live in ../shared/styles.ts). */
import { css } from 'lit';

export const productAffinityStyles = css`
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
  .note {
    margin: 0.25em 0 0;
    font-size: 0.8125em;
    color: var(--rw-color-muted);
  }
  .layout {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 1em 1.5em;
    min-width: 0;
  }
  .pairs-wrap,
  .next-wrap {
    flex: 1 1 360px;
    min-width: 0;
  }
  .heatmap {
    width: 100%;
    min-width: 0;
    overflow-x: auto;
  }
  .heatmap svg,
  .heatmap canvas {
    display: block;
    max-width: 100%;
    height: auto;
  }
  .list caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.25em;
  }
  .list button {
    padding: 0;
    border: 0;
    background: transparent;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .list button:hover {
    text-decoration: underline;
  }
  .list button:focus-visible {
    outline: 2px solid var(--rw-color-accent);
    outline-offset: 1px;
  }
  .list thead button {
    font-weight: 600;
  }
  .name {
    display: block;
    font-size: 0.9em;
    color: var(--rw-color-muted);
    white-space: normal;
    max-width: 22em;
  }
  .follow-form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
    margin: 0.25em 0 0.5em;
    font-size: 0.8125em;
  }
`;
