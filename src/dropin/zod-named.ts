/**
 * The drop-in build's `zod` (vite.config.ts, mode 'dropin', aliases the bare `zod` import here).
 *
 * src/data/options.ts does `import { z } from 'zod'`: `z` is zod's whole namespace object
 * (every schema, JSON-Schema conversion, 40+ error-message locales), and a bundler cannot drop
 * members of a namespace object that is passed around as a value: ~90 KB gzip land in the file.
 * This `z` is a plain object of the eight factories options.ts calls, imported by name, so
 * everything else is tree-shaken (zod classic then costs ~27 KB gzip). Same functions, same
 * behaviour; add a member here when options.ts starts using another `z.<name>`.
 * @example import { z } from 'zod'; z.config({ jitless: true }); // resolved here in the drop-in build
 */
import { array, boolean, config, custom, enum as enumeration, number, object, string } from 'zod/v4';

export const z = { array, boolean, config, custom, enum: enumeration, number, object, string };
