/**
 * The one glob shape the generators need: path segments where `*` matches within one segment
 * (e.g. `src/widgets/<star>/index.ts`). Node 20 has no stable `fs.globSync`; this avoids a
 * dependency for it.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const toRegExp = (segment) => new RegExp(`^${segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

/**
 * Paths (posix, relative to `root`, sorted) of existing files or folders matching `pattern`.
 * @example globSync('/repo', 'src/widgets/' + '*' + '/index.ts') // → ['src/widgets/cohort-retention/index.ts', …]
 */
export function globSync(root, pattern) {
  let paths = [''];
  for (const segment of pattern.split('/')) {
    const next = [];
    for (const base of paths) {
      if (!segment.includes('*')) {
        next.push(base ? `${base}/${segment}` : segment);
        continue;
      }
      const dir = path.join(root, base);
      const re = toRegExp(segment);
      for (const name of existsSync(dir) ? readdirSync(dir) : []) if (re.test(name)) next.push(base ? `${base}/${name}` : name);
    }
    paths = next;
  }
  return paths.filter((p) => existsSync(path.join(root, p))).sort();
}
