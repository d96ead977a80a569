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

/**
 * Runs `run` with the host's enumerable `Object.prototype` members made non-enumerable for its
 * duration, then restores them. Why: zod walks its own tables and the parsed input with `for…in`, so
 * a page or app that adds `Object.prototype.junk = …` (old libraries do) made the first schema throw
 * "Cannot read properties of undefined (reading 'get')" at import, and a strict object reject every
 * input for its inherited "unrecognized" key. Build and parse every schema inside this. Synchronous
 * only: nothing else runs while the members are hidden, so the host never sees them change.
 * @example const schema = withPlainObjectPrototype(() => z.object({ a: z.string() }));
 *   const checked = withPlainObjectPrototype(() => schema.safeParse(input));
 */
export function withPlainObjectPrototype<T>(run: () => T): T {
  const hidden: string[] = [];
  // for…in over Object.prototype lists exactly its own enumerable string keys (its prototype is null)
  for (const key in Object.prototype) {
    if (Object.getOwnPropertyDescriptor(Object.prototype, key)?.configurable) hidden.push(key);
  }
  if (hidden.length === 0) return run();
  for (const key of hidden) Object.defineProperty(Object.prototype, key, { enumerable: false });
  try {
    return run();
  } finally {
    for (const key of hidden) Object.defineProperty(Object.prototype, key, { enumerable: true });
  }
}
