/** Styles specific to <rw-kpis> (shared ones live in ../shared/styles.ts). */
import { css } from 'lit';

export const kpisStyles = css`
  .caption {
    font-size: 0.8125em;
    color: var(--rw-color-muted);
    overflow-wrap: anywhere;
  }
  /* Tiles wrap as a row that fills the width: each grows from 9em and is never narrower than its
     value (min-width: auto on a flex item is its min-content, which the nowrap value sets). A grid of
     auto-fill tracks left half the row empty and broke numbers inside fixed ~131 px tracks. */
  .tiles {
    display: flex;
    flex-wrap: wrap;
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
  .tiles > li {
    flex: 1 1 9em;
    display: flex;
  }
  .tile-value {
    white-space: nowrap;
    overflow-wrap: normal;
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
