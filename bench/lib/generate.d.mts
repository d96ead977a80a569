// Types of generate.mjs, for the demo's TypeScript (demo/synthetic.ts writes its output as CSV).
export declare const GENERATOR_VERSION: number;
export declare const START_DAY: number;
export declare const WINDOW_DAYS: number;
export declare const AMOUNT_STEP: number;
export interface GeneratorParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
  logMean: number;
  logSd: number;
}
export declare const DEFAULT_PARAMS: Readonly<GeneratorParams>;
export declare function makeRandom(seed: number): () => number;
export declare function generateOrders(options: { orders: number; seed?: number; params?: Partial<GeneratorParams> }): {
  length: number;
  customers: number;
  customer: Int32Array;
  day: Int32Array;
  amount: Float64Array;
};
