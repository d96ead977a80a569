/** Styles specific to <rw-kpis> (shared ones live in ../shared/styles.ts). */
import { css } from 'lit';

export const kpisStyles = css`
  .caption {
    font-size: 0.8125em;
    color: var(--rw-color-muted);
    overflow-wrap: anywhere;
  }
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 9em), 1fr));
    gap: 0.5em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .tile {
    display: flex;
    flex-direction: column;
    align-items: stretch;
    gap: 0.15em;
    width: 100%;
    height: 100%;
    min-width: 0;
    padding: 0.6em 0.75em;
    border: 1px solid var(--rw-color-border);
    border-radius: var(--rw-radius);
    background: var(--rw-color-surface);
    color: var(--rw-color-text);
    text-align: start;
    cursor: pointer;
  }
  .tile:hover {
    border-color: var(--rw-color-accent);
  }
  .tile:focus-visible {
    outline: 2px solid var(--rw-color-accent);
    outline-offset: 1px;
  }
  .tile-change {
    font-size: 0.8125em;
    font-variant-numeric: tabular-nums;
  }
  .tile-change.good {
    color: var(--rw-color-good, #1a7f37);
  }
  .tile-change.bad {
    color: var(--rw-color-error);
  }
  .tile-change .vs,
  .tile-note {
    font-size: 0.75em;
    color: var(--rw-color-muted);
    overflow-wrap: anywhere;
  }
`;
