/** Styles specific to <rw-drivers> (shared ones live in ../shared/styles.ts). */
import { css } from 'lit';

export const driversStyles = css`
  h3 {
    margin: 0 0 0.35em;
    font-size: 1em;
    font-weight: 600;
  }
  .overall {
    margin: 0;
    font-weight: 600;
  }
  .overall .note {
    display: block;
    font-weight: normal;
  }
  .note {
    margin: 0.35em 0 0;
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
  .factors {
    flex: 2 1 420px;
    min-width: 0;
  }
  .lift-chart {
    max-width: 720px;
    margin-bottom: 0.5em;
  }
  .lift-chart svg,
  .lift-chart canvas {
    display: block;
    max-width: 100%;
    height: auto;
  }
  .tree {
    flex: 1 1 280px;
    min-width: 0;
  }
  .findings ul {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .findings li {
    margin: 0.2em 0;
  }
  .findings li[data-direction='higher']::marker {
    color: var(--rw-color-good);
  }
  .findings li[data-direction='lower']::marker {
    color: var(--rw-color-error);
  }
  button[part='finding-button'],
  button[part='factor-button'],
  button[part='leaf-button'],
  .more {
    padding: 0;
    border: 0;
    background: transparent;
    color: var(--rw-color-accent);
    text-align: start;
    text-decoration: underline dotted;
    text-underline-offset: 0.2em;
    cursor: pointer;
  }
  button[part='finding-button'] {
    color: var(--rw-color-text);
  }
  .more {
    margin-top: 0.35em;
    font-size: 0.875em;
  }
  button:focus-visible {
    outline: 2px solid var(--rw-color-accent);
    outline-offset: 1px;
  }
  .list tbody tr {
    cursor: pointer;
  }
  .list tbody tr:hover {
    background: var(--rw-color-surface);
  }
  .ci {
    color: var(--rw-color-muted);
    font-size: 0.9em;
  }
  .flag[data-differs='higher'] {
    color: var(--rw-color-good);
  }
  .flag[data-differs='lower'] {
    color: var(--rw-color-error);
  }
  .untested {
    color: var(--rw-color-muted);
  }
  .tree ul {
    list-style: none;
    margin: 0;
    padding-inline-start: 1.1em;
    border-inline-start: 1px solid var(--rw-color-border);
  }
  .tree ul.tree-root {
    padding-inline-start: 0;
    border: 0;
  }
  .tree li {
    margin: 0.25em 0;
    font-size: 0.875em;
  }
  .tree li li {
    font-size: 1em;
  }
  .node-n,
  .node-rate {
    font-variant-numeric: tabular-nums;
    color: var(--rw-color-muted);
    margin-inline-start: 0.4em;
  }
  .node-rate {
    color: var(--rw-color-text);
    font-weight: 600;
  }
`;
