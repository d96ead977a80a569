/**
 * The drop-in build's `d3-geo` and `topojson-client` (vite.config.ts, mode 'dropin', aliases those
 * imports here).
 *
 * Vega pulls both in for map features: the geo expression functions of vega-functions (geoArea,
 * geoBounds, geoCentroid) and the TopoJSON data format of vega-loader. The widgets draw no maps —
 * their specs use inline data and no geo expression (test/charts/dropin-vega.test.ts checks compiled
 * specs; test/node/faults-hostile.test.mjs draws every widget with the built drop-in) — so the single
 * file leaves them out. A spec that did use them fails with this error instead of drawing wrongly.
 * @example geoArea({}) // throws: maps are not part of the drop-in
 */
function noMaps(): never {
  throw new Error('retention-widgets drop-in: map features (geo expressions, TopoJSON) are not included in dist/retention-widgets.js.');
}

// d3-geo (imported by vega-functions)
export const geoArea = noMaps;
export const geoBounds = noMaps;
export const geoCentroid = noMaps;
// topojson-client (imported by vega-loader)
export const feature = noMaps;
export const mesh = noMaps;
