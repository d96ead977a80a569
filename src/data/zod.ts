/**
 * The one place the data layer gets zod from: zod/mini (the same validator with a functional,
 * tree-shakable API — a few KB in the drop-in, where zod's classic API cost ~27 KB gzip), configured
 * jitless before any module builds or runs a schema, so validation never calls `new Function` and
 * pages with a strict CSP work. Messages are written next to each schema, so no locale is bundled.
 * @example import { z } from './zod.js'; z.optional(z.string())
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
