/**
 * Text colour on a sequential heatmap cell, for light and dark themes: the fill at position t of a
 * two-colour ramp is approximated by interpolating the two ends' sRGB channels, and text is white
 * when white has more contrast with that fill than black (WCAG 2.x relative luminance below
 * ≈ 0.179). With the light theme (light → dark blue) the high end gets white text; with the dark
 * theme (dark → light blue) the low end does.
 */

function rgb(color: string): [number, number, number] | undefined {
  let hex = color.trim().toLowerCase();
  if (/^#[0-9a-f]{3}$/.test(hex)) hex = `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}`;
  if (!/^#[0-9a-f]{6}$/.test(hex)) return undefined;
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

/**
 * WCAG relative luminance of 8-bit sRGB channels.
 * @example relativeLuminance([255, 255, 255]) // 1
 */
export function relativeLuminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number): number => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * Whether a cell at ramp position `t` (0…1) of `range` (two `#rrggbb` colours) needs white text.
 * Falls back to "the upper 45 % of the ramp is dark" when a colour is not hex.
 * @example needsLightText(0.95, ['#eef4fb', '#08519c']) // true
 * @example needsLightText(0.05, ['#0d1f33', '#6cb6ff']) // true (dark theme: the low end is dark)
 */
export function needsLightText(t: number, range: [string, string]): boolean {
  const lo = rgb(range[0]);
  const hi = rgb(range[1]);
  if (!lo || !hi) return t > 0.55;
  const k = Math.min(1, Math.max(0, t));
  const mix: [number, number, number] = [lo[0] + (hi[0] - lo[0]) * k, lo[1] + (hi[1] - lo[1]) * k, lo[2] + (hi[2] - lo[2]) * k];
  return relativeLuminance(mix) < 0.179;
}
