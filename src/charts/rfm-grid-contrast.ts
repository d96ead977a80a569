/**
 * Text colour on a sequential heatmap cell from its position on a two-colour ramp (kept for callers
 * of the 0.1 API; the builders now pick each cell's text with `readableTextOn` in `theme.ts`).
 */
import { contrastRatio, rampColor } from './theme.js';

export { relativeLuminance } from './theme.js';

/**
 * Whether a cell at ramp position `t` (0…1) of `range` (two `#rrggbb` colours) needs white text:
 * white contrasts more than black with the fill Vega draws there (`rampColor`, rgb interpolation).
 * Falls back to "the upper 45 % of the ramp is dark" when a colour is not `#rgb` / `#rrggbb`.
 * @example needsLightText(0.95, ['#eef4fb', '#08519c']) // true
 * @example needsLightText(0.05, ['#0d1f33', '#6cb6ff']) // true (dark theme: the low end is dark)
 */
export function needsLightText(t: number, range: [string, string]): boolean {
  if (!range.every((c) => /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(c.trim()))) return t > 0.55;
  const fill = rampColor(t, range);
  return contrastRatio('#ffffff', fill) > contrastRatio('#000000', fill);
}
