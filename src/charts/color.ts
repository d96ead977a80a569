/**
 * Colour arithmetic for contrast checks, pure and DOM-free: parsing the colour syntaxes of the
 * palettes and of a rendered SVG's computed styles, WCAG 2.x relative luminance and contrast ratio
 * (WCAG 2.2, definitions of "relative luminance" and "contrast ratio"), alpha compositing, and the
 * fill Vega draws at a point of a two-colour ramp. Re-exported by `theme.ts`.
 */

/** An sRGB colour with 8-bit channels and an alpha in 0…1. */
export type Rgba = [number, number, number, number];

/**
 * Parses `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb(…)` / `rgba(…)` (comma or space syntax),
 * `white`, `black` and `transparent`; undefined for anything else (named colours, hsl(), var()).
 * @example parseColor('#08519c') // [8, 81, 156, 1]
 * @example parseColor('rgba(0, 0, 0, 0.5)') // [0, 0, 0, 0.5]
 */
export function parseColor(color: string): Rgba | undefined {
  const c = color.trim().toLowerCase();
  if (c === 'transparent') return [0, 0, 0, 0];
  if (c === 'white') return [255, 255, 255, 1];
  if (c === 'black') return [0, 0, 0, 1];
  let m = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(c);
  if (m) {
    let hex = m[1];
    if (hex.length <= 4) hex = [...hex].map((d) => d + d).join('');
    const n = (i: number) => parseInt(hex.slice(i, i + 2), 16);
    return [n(0), n(2), n(4), hex.length === 8 ? n(6) / 255 : 1];
  }
  m = /^rgba?\(([^)]*)\)$/.exec(c);
  if (!m) return undefined;
  const parts = m[1].split(/[\s,/]+/).filter(Boolean);
  if (parts.length < 3) return undefined;
  const channel = (s: string) => (s.endsWith('%') ? (parseFloat(s) * 255) / 100 : parseFloat(s));
  const alpha = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
  const out: Rgba = [channel(parts[0]), channel(parts[1]), channel(parts[2]), alpha];
  return out.every(Number.isFinite) ? out : undefined;
}

function rgbOf(color: string | readonly number[]): readonly number[] {
  if (typeof color !== 'string') return color;
  const c = parseColor(color);
  if (!c) throw new Error(`Not a colour the contrast check can read: ${color}`);
  return c;
}

/**
 * WCAG 2.x relative luminance of an sRGB colour (`#rrggbb`, `rgb(…)` or 8-bit channels); alpha is ignored
 * (composite first with {@link compositeOver}). The linearisation threshold is sRGB's 0.04045 (IEC 61966-2-1).
 * @example relativeLuminance('#ffffff') // 1
 * @example relativeLuminance([0, 0, 0]) // 0
 */
export function relativeLuminance(color: string | readonly number[]): number {
  const [r, g, b] = rgbOf(color);
  const lin = (v: number): number => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * WCAG 2.x contrast ratio of two opaque colours, 1 … 21 (order does not matter).
 * @example contrastRatio('#777777', '#ffffff') // 4.478 (just below AA's 4.5)
 * @example contrastRatio('#000', '#fff') // 21
 */
export function contrastRatio(a: string | readonly number[], b: string | readonly number[]): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * `top` painted over an opaque `bottom` with top's alpha times `opacity` (simple alpha compositing
 * in sRGB, as browsers paint), as opaque 8-bit channels.
 * @example compositeOver('rgba(0,0,0,0.5)', '#ffffff') // [127.5, 127.5, 127.5, 1]
 */
export function compositeOver(top: string | readonly number[], bottom: string | readonly number[], opacity = 1): Rgba {
  const t = rgbOf(top);
  const b = rgbOf(bottom);
  const a = (t[3] ?? 1) * opacity;
  return [t[0] * a + b[0] * (1 - a), t[1] * a + b[1] * (1 - a), t[2] * a + b[2] * (1 - a), 1];
}

function hex([r, g, b]: readonly number[]): string {
  return `#${[r, g, b].map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The fill at position `t` (0…1, clamped) of a two-colour ramp, as Vega draws it with
 * `interpolate: 'rgb'` (d3-interpolate's interpolateRgb, gamma 1: each sRGB channel linear in t).
 * Builders set that interpolation on their heatmap scales so this is the fill on screen.
 * @example rampColor(0.5, ['#000000', '#ffffff']) // '#808080'
 */
export function rampColor(t: number, range: readonly [string, string]): string {
  const lo = rgbOf(range[0]);
  const hi = rgbOf(range[1]);
  const k = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  return hex([0, 1, 2].map((i) => lo[i] + (hi[i] - lo[i]) * k));
}
