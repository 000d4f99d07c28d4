/**
 * Contrast between a chart line and the background it is drawn on, by WCAG 2's formula, and a
 * nudge for theme colours that fall short: a theme's `charts.*` colours are tuned for small
 * badges, and some (orange and yellow on a white editor) are too faint for a 1.5 px line.
 * Pure: no DOM, no Node.
 */

/** WCAG 2.1 asks 3:1 of graphical objects a reader needs (SC 1.4.11). */
export const LINE_CONTRAST = 3;

type Rgb = [number, number, number];

/** `#rgb`, `#rrggbb`, `#rrggbbaa` or `rgb[a](r, g, b[, a])`; the alpha is ignored. Undefined for anything else. */
export function parseColour(text: string): Rgb | undefined {
  const value = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(value)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex.slice(0, 6);
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
  }
  const fn = /^rgba?\(\s*(\d+(?:\.\d+)?)\s*[, ]\s*(\d+(?:\.\d+)?)\s*[, ]\s*(\d+(?:\.\d+)?)\s*(?:[,/]\s*[\d.]+%?\s*)?\)$/.exec(value);
  if (!fn) return undefined;
  const rgb = fn.slice(1, 4).map(Number) as Rgb;
  return rgb.every((c) => c <= 255) ? rgb : undefined;
}

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** From 1 (the same) to 21 (black on white). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function hex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * `colour`, or the closest mix of it towards black (on a light background) or white (on a dark
 * one) that reaches `minimum` against `background`. Colours that cannot be read are kept as given.
 */
export function readableOn(colour: string, background: string, minimum = LINE_CONTRAST): string {
  const fg = parseColour(colour);
  const bg = parseColour(background);
  if (!fg || !bg || contrastRatio(fg, bg) >= minimum) return colour;
  const target: Rgb = luminance(bg) > 0.18 ? [0, 0, 0] : [255, 255, 255];
  for (let step = 1; step <= 20; step++) {
    const t = step / 20;
    const mixed = fg.map((c, i) => c + (target[i]! - c) * t) as Rgb;
    if (contrastRatio(mixed, bg) >= minimum) return hex(mixed);
  }
  return hex(target);
}
