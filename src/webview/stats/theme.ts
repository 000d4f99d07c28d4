/**
 * Colours from the VS Code theme the webview is in: text, grid and background from the workbench's
 * CSS variables, series from its `charts.*` colours (tuned by every theme, high contrast included)
 * and then the terminal's bright ANSI colours, each darkened or lightened where it would be too faint
 * a line on the editor's background. VS Code marks the theme kind on <body>; a change of theme
 * re-reads everything.
 */
import { readableOn } from '../../shared/colourContrast';

export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

export interface Theme {
  kind: ThemeKind;
  foreground: string;
  muted: string;
  grid: string;
  font: string;
  palette: string[];
}

const SERIES_VARIABLES = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
  '--vscode-terminal-ansiBrightCyan',
  '--vscode-terminal-ansiBrightMagenta',
  '--vscode-terminal-ansiBrightGreen',
  '--vscode-terminal-ansiBrightBlue',
  '--vscode-terminal-ansiBrightYellow',
  '--vscode-terminal-ansiBrightRed',
];

function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'highContrastLight';
  if (c.contains('vscode-high-contrast')) return 'highContrast';
  return c.contains('vscode-light') ? 'light' : 'dark';
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const css = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const kind = themeKind();
  const light = kind === 'light' || kind === 'highContrastLight';
  const foreground = css('--vscode-foreground', light ? '#3b3b3b' : '#cccccc');
  const background = css('--vscode-editor-background', light ? '#ffffff' : '#1e1e1e');
  const palette = [...new Set(SERIES_VARIABLES.map((v) => css(v, '')).filter((c) => c !== ''))];
  if (palette.length === 0) palette.push(light ? '#1a85ff' : '#3794ff', '#d18616', '#388a34', '#652d90', '#e51400', '#bf8803');
  return {
    kind,
    foreground,
    muted: css('--vscode-descriptionForeground', foreground),
    grid: css('--vscode-charts-lines', light ? 'rgba(0,0,0,0.12)' : 'rgba(255,255,255,0.12)'),
    font: `${css('--vscode-font-size', '13px')} ${css('--vscode-font-family', 'sans-serif')}`,
    palette: [...new Set(palette.map((c) => readableOn(c, background)))],
  };
}

/** Dash patterns used once the palette's colours run out, so series 13 and up stay distinguishable. */
export function seriesStyle(theme: Theme, index: number): { stroke: string; dash: number[] | undefined } {
  const round = Math.floor(index / theme.palette.length);
  const dashes = [undefined, [6, 3], [2, 3], [8, 3, 2, 3]];
  return { stroke: theme.palette[index % theme.palette.length]!, dash: dashes[round % dashes.length] };
}

/** Calls `changed` whenever VS Code switches the theme (it rewrites <body>'s classes). */
export function onThemeChange(changed: () => void): void {
  new MutationObserver(() => changed()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
