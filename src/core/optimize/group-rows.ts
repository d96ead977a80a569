/**
 * Groups rows with identical (u, v, w) number triples, so a likelihood over a million customers is
 * evaluated once per distinct triple with a weight (CDNOW's 2,357 customers have ~1,400 distinct
 * (x, t_x, T); a simulated million with week-rounded times has a few hundred thousand at most).
 *
 * Open-addressing hash table keyed on the raw float64 bits (−0 is folded into +0), sized once to
 * a power of two ≥ 2 × rows, so there is no rehashing and no per-row allocation.
 */

/** Distinct triples, their summed weights, and the group of every input row. */
export interface GroupedTriples {
  u: Float64Array;
  v: Float64Array;
  w: Float64Array;
  /** Sum of the row weights (1 per row when no weights are given) of each group. */
  weight: Float64Array;
  /** groupOfRow[i] is the group index of input row i. */
  groupOfRow: Int32Array;
  groups: number;
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

function mixBits(value: number, hash: number): number {
  bits[0] = value + 0; // folds −0 into +0 so they share a group
  hash = Math.imul(hash ^ words[0], 0x9e3779b1);
  hash = Math.imul(hash ^ words[1], 0x85ebca77);
  return hash ^ (hash >>> 15);
}

/**
 * Group rows i with equal (u[i], v[i], w[i]); rows with a falsy `include[i]` are skipped (groupOfRow −1).
 * @example
 * const g = groupTriples([1, 1, 2], [3, 3, 4], [5, 5, 6]);
 * // g.groups === 2, g.weight = [2, 1], g.groupOfRow = [0, 0, 1]
 */
export function groupTriples(
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  w: ArrayLike<number>,
  rowWeights?: ArrayLike<number>,
  include?: ArrayLike<number>,
): GroupedTriples {
  const rows = u.length;
  let capacity = 16;
  while (capacity < rows * 2) capacity *= 2;
  const mask = capacity - 1;
  const table = new Int32Array(capacity).fill(-1);
  const groupOfRow = new Int32Array(rows);
  const firstRow = new Int32Array(rows);
  const weightSums = new Float64Array(rows);
  let groups = 0;
  for (let i = 0; i < rows; i++) {
    if (include !== undefined && !include[i]) {
      groupOfRow[i] = -1;
      continue;
    }
    const a = u[i] + 0;
    const b = v[i] + 0;
    const c = w[i] + 0;
    let slot = mixBits(c, mixBits(b, mixBits(a, 0x811c9dc5))) & mask;
    let group = -1;
    for (;;) {
      const candidate = table[slot];
      if (candidate < 0) break;
      const row = firstRow[candidate];
      if (u[row] + 0 === a && v[row] + 0 === b && w[row] + 0 === c) {
        group = candidate;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (group < 0) {
      group = groups++;
      table[slot] = group;
      firstRow[group] = i;
    }
    groupOfRow[i] = group;
    weightSums[group] += rowWeights === undefined ? 1 : rowWeights[i];
  }
  const out: GroupedTriples = {
    u: new Float64Array(groups),
    v: new Float64Array(groups),
    w: new Float64Array(groups),
    weight: weightSums.slice(0, groups),
    groupOfRow,
    groups,
  };
  for (let g = 0; g < groups; g++) {
    const row = firstRow[g];
    out.u[g] = u[row];
    out.v[g] = v[row];
    out.w[g] = w[row];
  }
  return out;
}
