/**
 * The drop-in build's `vega` (vite.config.ts, mode 'dropin', aliases the bare `vega` import here).
 *
 * The `vega` package registers every transform of the Vega family when imported: geo (d3-geo
 * projections, topojson), force, hierarchy, label, regression, voronoi (d3-delaunay), wordcloud
 * and crossfilter. Specs compiled from Vega-Lite by the widgets use none of them: they need the
 * dataflow transforms (vega-transforms: aggregate, bin, collect, filter, formula, stack, …), the
 * view transforms (vega-view-transforms: bound, mark, layout, render, …) and the encoders
 * (vega-encode: scale, legend, axis ticks, …). Registering only these three families keeps
 * ~40 KB gzip of unused code out of the single file. A spec needing another transform fails with
 * Vega's "Unrecognized transform type" error, which the widgets' chart tests would show.
 *
 * Exports: what src/widgets/shared/vega-chart.ts and vega-lite's compiler import from `vega`.
 * @example import { parse, View } from 'vega'; // resolved to this file in the drop-in build only
 */
/// <reference path="./vega-modules.d.ts" />
import { transforms } from 'vega-dataflow';
import * as encode from 'vega-encode';
import { parse as parseSpec } from 'vega-parser';
import * as tx from 'vega-transforms';
import { extend } from 'vega-util';
import * as vtx from 'vega-view-transforms';

/**
 * The transform families a compiled Vega-Lite spec can need (see `missingTransforms` in
 * test/charts/dropin-vega.test.ts, which checks every chart's operators against this list).
 */
export const transformFamilies = [tx, vtx, encode] as const;

let registered = false;

/**
 * Vega's `parse`, registering the transforms first. Registration happens here, not as a module
 * side effect: package.json's `sideEffects` list does not include this file, so a bundler may drop
 * a top-level call. The View instantiates transforms only from a parsed runtime spec, so
 * registering in `parse` is early enough.
 */
export function parse(...args: Parameters<typeof parseSpec>): ReturnType<typeof parseSpec> {
  if (!registered) {
    extend(transforms, ...transformFamilies);
    registered = true;
  }
  return parseSpec(...args);
}
export { View } from 'vega-view';
// vega-lite's compiler imports these four from `vega` (they live in vega-util).
export { hasOwnProperty, isObject, isString, stringValue } from 'vega-util';
