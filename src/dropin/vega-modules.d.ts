// Types for the Vega family packages src/dropin/vega-slim.ts imports directly (they ship no
// declarations; the `vega` package's types describe the same functions).
declare module 'vega-dataflow' {
  export const transforms: Record<string, unknown>;
}
declare module 'vega-parser' {
  export { parse } from 'vega';
}
declare module 'vega-view' {
  export { View } from 'vega';
}
declare module 'vega-encode';
declare module 'vega-transforms';
declare module 'vega-view-transforms';
