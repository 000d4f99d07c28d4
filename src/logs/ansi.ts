/**
 * ANSI escape codes in log lines: colours and text styles (SGR) become styled segments; every
 * other escape or control character is dropped. The segments carry plain text and numbers only,
 * and the webview puts them in the page as text nodes, so nothing in a log line is ever read as
 * HTML. Each line starts unstyled (a window of lines must render the same wherever it starts).
 * Pure: no DOM, no Node, no vscode.
 */

/** 0-255: the terminal palette (0-15 follow the theme); or a 24-bit colour. */
export type AnsiColor = number | { r: number; g: number; b: number };

export interface AnsiStyle {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

export interface AnsiSegment {
  text: string;
  style: AnsiStyle;
}

// CSI (ESC [ … final), OSC (ESC ] … BEL or ST), other two-byte escapes, C0 controls but tab.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[([0-9;:?<=>]*)[\x20-\x2f]*([\x40-\x7e])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[\x20-\x2f]*[\x30-\x7e]?|[\x00-\x08\x0b-\x1f\x7f\x9b]/g;

/** The line without any escape or control character. */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPES, '');
}

/** The line as styled segments (adjacent text with the same style is one segment). */
export function parseAnsi(text: string): AnsiSegment[] {
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let at = 0;
  const push = (piece: string): void => {
    if (!piece) return;
    const last = segments[segments.length - 1];
    if (last && last.style === style) last.text += piece;
    else segments.push({ text: piece, style });
  };
  ESCAPES.lastIndex = 0;
  for (let m = ESCAPES.exec(text); m; m = ESCAPES.exec(text)) {
    push(text.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[2] === 'm' && m[0].startsWith('\x1b[')) style = applySgr(style, m[1] ?? '');
  }
  push(text.slice(at));
  return segments;
}

function byte(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value >= 0 && value <= 255 ? value : undefined;
}

/** The style after one SGR sequence's parameters (`1;31`, `38;5;208`, `38;2;255;0;0`, `38:2::255:0:0`). */
export function applySgr(current: AnsiStyle, params: string): AnsiStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let style: AnsiStyle = { ...current };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code === 0) style = {};
    else if (code === 1) style.bold = true;
    else if (code === 2) style.dim = true;
    else if (code === 3) style.italic = true;
    else if (code === 4) style.underline = true;
    else if (code === 7) style.inverse = true;
    else if (code === 9) style.strike = true;
    else if (code === 22) {
      delete style.bold;
      delete style.dim;
    }
    else if (code === 23) delete style.italic;
    else if (code === 24) delete style.underline;
    else if (code === 27) delete style.inverse;
    else if (code === 29) delete style.strike;
    else if (code >= 30 && code <= 37) style.fg = code - 30;
    else if (code >= 90 && code <= 97) style.fg = code - 90 + 8;
    else if (code >= 40 && code <= 47) style.bg = code - 40;
    else if (code >= 100 && code <= 107) style.bg = code - 100 + 8;
    else if (code === 39) delete style.fg;
    else if (code === 49) delete style.bg;
    else if (code === 38 || code === 48) {
      const key = code === 38 ? 'fg' : 'bg';
      const mode = codes[i + 1];
      if (mode === 5) {
        const index = byte(codes[i + 2]);
        if (index !== undefined) style[key] = index;
        i += 2;
      } else if (mode === 2) {
        // `38:2::r:g:b` has a colour-space slot; `38;2;r;g;b` has not.
        const rgb = params.includes(':') && codes.length - i >= 6 ? codes.slice(i + 3, i + 6) : codes.slice(i + 2, i + 5);
        const [r, g, b] = rgb.map(byte);
        if (r !== undefined && g !== undefined && b !== undefined) style[key] = { r, g, b };
        i += params.includes(':') && codes.length - i >= 6 ? 5 : 4;
      } else {
        i += 1;
      }
    }
  }
  return style;
}

const THEME_NAMES = ['Black', 'Red', 'Green', 'Yellow', 'Blue', 'Magenta', 'Cyan', 'White'];

/**
 * A colour as CSS: the 16 theme colours as VS Code's terminal colour variables, the rest as
 * `rgb()` of numbers computed here, never text from the log.
 */
export function cssColor(color: AnsiColor): string {
  if (typeof color !== 'number') return `rgb(${byte(color.r) ?? 0}, ${byte(color.g) ?? 0}, ${byte(color.b) ?? 0})`;
  if (color < 16) return `var(--vscode-terminal-ansi${color >= 8 ? 'Bright' : ''}${THEME_NAMES[color % 8]})`;
  if (color < 232) {
    const level = (n: number): number => (n === 0 ? 0 : 55 + n * 40);
    const n = color - 16;
    return `rgb(${level(Math.floor(n / 36))}, ${level(Math.floor(n / 6) % 6)}, ${level(n % 6)})`;
  }
  const grey = 8 + (Math.min(color, 255) - 232) * 10;
  return `rgb(${grey}, ${grey}, ${grey})`;
}
