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
export interface GeneratorAttributes {
  channelShares: readonly number[];
  regionShares: readonly number[];
  loyalty: number;
  plantedChannel: string;
  rateFactor: number;
}
export declare const CHANNELS: readonly string[];
export declare const REGIONS: readonly string[];
export declare const CATEGORIES: readonly string[];
export declare const PRODUCTS: readonly string[];
export declare const DEFAULT_ATTRIBUTES: Readonly<GeneratorAttributes>;
export declare function generateOrders(options: { orders: number; seed?: number; params?: Partial<GeneratorParams>; attributes?: boolean | Partial<GeneratorAttributes> }): {
  length: number;
  customers: number;
  customer: Int32Array;
  day: Int32Array;
  amount: Float64Array;
  /** With `attributes`: codes into CHANNELS, REGIONS, PRODUCTS, CATEGORIES per order. */
  channel?: Int32Array;
  region?: Int32Array;
  product?: Int32Array;
  category?: Int32Array;
};
