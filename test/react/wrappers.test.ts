// The React wrappers (`retention-widgets/react`) rendered by react-dom in Chromium: for every
// element in custom-elements.json, its wrapper renders that element, passes props as properties
// (an array `data`, which no attribute could carry), and calls `onRwLoad` / `onRwError` /
// `onRwSelect` with the element's own events.
import { expect, waitUntil } from '@open-wc/testing';
import * as React from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import * as wrappers from '../../src/react/index.js';
import { RwCohortRetention, type CohortSelectDetail } from '../../src/react/index.js';
import type { RwCohortRetention as RwCohortRetentionElement } from '../../src/widgets/cohort-retention/index.js';
import { emit, type RwErrorDetail, type RwLoadDetail } from '../../src/widgets/shared/events.js';

interface ManifestDefinition {
  kind: string;
  name: string;
  declaration: { name: string };
}
interface Manifest {
  modules: { exports?: ManifestDefinition[]; declarations?: { kind: string; name: string; events?: { name: string }[] }[] }[];
}

// Two customers, one repeat purchase: enough for every analysis to load.
const rows = [
  { customer_id: 'a', order_date: '2024-01-05', amount: 10 },
  { customer_id: 'b', order_date: '2024-01-20', amount: 20 },
  { customer_id: 'a', order_date: '2024-02-10', amount: 12 },
];

let host: HTMLDivElement;
let root: Root;

function render(node: React.ReactNode): void {
  flushSync(() => root.render(node));
}

beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});

afterEach(() => {
  root.unmount();
  host.remove();
});

describe('retention-widgets/react', () => {
  let definitions: { tag: string; className: string; events: string[] }[] = [];

  before(async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;
    const classes = new Map(manifest.modules.flatMap((m) => m.declarations ?? []).map((d) => [d.name, d]));
    definitions = manifest.modules
      .flatMap((m) => m.exports ?? [])
      .filter((e) => e.kind === 'custom-element-definition')
      .map((e) => ({ tag: e.name, className: e.declaration.name, events: (classes.get(e.declaration.name)?.events ?? []).map((v) => v.name) }));
  });

  it('has one wrapper per element of the manifest, and nothing else', () => {
    expect(definitions.length).to.be.greaterThan(1);
    const components = Object.keys(wrappers).filter((k) => typeof (wrappers as Record<string, unknown>)[k] === 'object');
    expect(components.sort()).to.deep.equal(definitions.map((d) => d.className).sort());
  });

  it('every wrapper renders its element, sets `data` as a property and reports rw-load through onRwLoad', async () => {
    for (const { tag, className, events } of definitions) {
      const Wrapper = (wrappers as unknown as Record<string, React.ComponentType<Record<string, unknown>>>)[className];
      const loads: RwLoadDetail[] = [];
      const errors: RwErrorDetail[] = [];
      let element: HTMLElement | null = null;
      render(
        React.createElement(Wrapper, {
          ref: (el: HTMLElement | null) => {
            element = el;
          },
          id: `react-${tag}`,
          lang: 'en',
          data: rows,
          onRwLoad: (e: CustomEvent<RwLoadDetail>) => loads.push(e.detail),
          onRwError: (e: CustomEvent<RwErrorDetail>) => errors.push(e.detail),
        }),
      );
      const el = host.querySelector(tag) as (HTMLElement & { data?: unknown }) | null;
      expect(el, tag).to.exist;
      expect(element, `${tag} ref`).to.equal(el);
      expect(el).to.be.instanceOf(customElements.get(tag)!);
      expect(el!.data, `${tag}.data is the array itself (a property, not an attribute)`).to.equal(rows);
      expect(el!.hasAttribute('data'), tag).to.equal(false);
      expect(el!.id).to.equal(`react-${tag}`);
      expect(events, tag).to.include('rw-load');
      await waitUntil(() => loads.length > 0 || errors.length > 0, `${tag}: no rw-load`, { timeout: 20000 });
      expect(errors, tag).to.deep.equal([]);
      expect(loads[0], tag).to.include({ rowsAccepted: 3, rowsRejected: 0, customers: 2 });
      render(null);
    }
  });

  it('every wrapper with an rw-select event calls onRwSelect with the event; removing the callback unsubscribes', () => {
    for (const { tag, className, events } of definitions.filter((d) => d.events.includes('rw-select'))) {
      const Wrapper = (wrappers as unknown as Record<string, React.ComponentType<Record<string, unknown>>>)[className];
      const seen: CustomEvent[] = [];
      render(React.createElement(Wrapper, { onRwSelect: (e: CustomEvent) => seen.push(e) }));
      const el = host.querySelector(tag)!;
      emit(el, 'rw-select', { customerIds: ['a'] } as never);
      expect(seen.length, tag).to.equal(1);
      expect(seen[0].target).to.equal(el);
      expect((seen[0].detail as { customerIds: string[] }).customerIds).to.deep.equal(['a']);
      render(React.createElement(Wrapper, {}));
      emit(host.querySelector(tag)!, 'rw-select', { customerIds: ['b'] } as never);
      expect(seen.length, `${tag} after removing onRwSelect`).to.equal(1);
      expect(events).to.include('rw-select');
      render(null);
    }
  });

  it('a real click on a cohort cell reaches onRwSelect with typed detail', async () => {
    const selected: CohortSelectDetail[] = [];
    let el: RwCohortRetentionElement | null = null;
    render(
      React.createElement(RwCohortRetention, {
        ref: (e: RwCohortRetentionElement | null) => {
          el = e;
        },
        data: rows,
        period: 'month',
        percent: true,
        onRwSelect: (e) => selected.push(e.detail),
      }),
    );
    const widget = el! as RwCohortRetentionElement;
    expect(widget.percent, 'boolean prop reached the element').to.equal(true);
    await waitUntil(() => widget.status === 'ready', 'no result', { timeout: 20000 });
    await widget.updateComplete;
    const button = widget.shadowRoot!.querySelector<HTMLButtonElement>('button[data-cohort="2024-01"][data-k="1"]');
    expect(button, 'matrix button for 2024-01, month 1').to.exist;
    button!.click();
    // The customers behind a click are listed where the result was computed (maybe the worker): async.
    await waitUntil(() => selected.length > 0, 'no rw-select', { timeout: 20000 });
    expect(selected).to.deep.equal([{ cohort: '2024-01', periodIndex: 1, customerIds: ['a'] }]);
  });
});
