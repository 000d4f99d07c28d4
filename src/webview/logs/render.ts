/**
 * One log line as DOM: text nodes only (never innerHTML), styles set through the CSSOM from
 * numbers. Markers, the end line and stderr get classes the stylesheet marks.
 */
import type { AnsiColor, AnsiSegment, AnsiStyle } from '../../logs/ansi';
import type { WireLine } from '../../logs/logProtocol';
import type { LogSource } from '../../logs/logRecord';

export interface RenderContext {
  sources: LogSource[];
  /** Width of the source column (0: a single source, no column). */
  prefixWidth: number;
  showTimestamps: boolean;
  query: string;
  currentMatch: number | undefined;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the log view's page has no #${id}`);
  return element as T;
}

function span(className: string, text: string): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

/** `2026-11-30 05:21:48.123`: the engine's time, to the millisecond. */
function shortTime(timestamp: string): string {
  return timestamp ? timestamp.replace('T', ' ').replace(/(\.\d{3})\d*/, '$1').replace(/Z$/, '') : ''.padEnd(23);
}

function applyStyle(element: HTMLElement, style: AnsiStyle, css: (c: AnsiColor) => string): void {
  const fg = style.inverse ? style.bg ?? 'var(--vscode-editor-background)' : style.fg;
  const bg = style.inverse ? style.fg ?? 'var(--vscode-editor-foreground)' : style.bg;
  if (fg !== undefined) element.style.color = typeof fg === 'string' ? fg : css(fg);
  if (bg !== undefined) element.style.backgroundColor = typeof bg === 'string' ? bg : css(bg);
  if (style.bold) element.style.fontWeight = 'bold';
  if (style.dim) element.style.opacity = '0.7';
  if (style.italic) element.style.fontStyle = 'italic';
  const lines = [style.underline ? 'underline' : '', style.strike ? 'line-through' : ''].filter(Boolean).join(' ');
  if (lines) element.style.textDecoration = lines;
}

/** Appends `text`, with each case-insensitive occurrence of `query` in a <mark>. */
function appendMarked(parent: HTMLElement, text: string, query: string): void {
  if (!query) {
    parent.append(text);
    return;
  }
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  let at = 0;
  for (let hit = lower.indexOf(needle); hit >= 0; hit = lower.indexOf(needle, at)) {
    parent.append(text.slice(at, hit));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(hit, hit + needle.length);
    parent.append(mark);
    at = hit + needle.length;
  }
  parent.append(text.slice(at));
}

export function renderLine(
  line: WireLine | undefined,
  index: number,
  context: RenderContext,
  parse: (text: string) => AnsiSegment[],
  css: (c: AnsiColor) => string,
): HTMLElement {
  const row = document.createElement('div');
  row.className = 'row';
  if (!line) {
    row.classList.add('pending');
    row.textContent = ' ';
    return row;
  }
  row.classList.add(line.kind);
  if (index === context.currentMatch) row.classList.add('current-match');
  if (line.kind === 'stderr') row.title = 'stderr';
  if (context.showTimestamps) row.append(span('ts', shortTime(line.timestamp)));
  const source = context.sources[line.source];
  if (context.prefixWidth > 0) {
    const prefix = span('prefix', `${(source?.name ?? '').padEnd(context.prefixWidth)} | `);
    if (source) prefix.style.color = css(source.color);
    row.append(prefix);
  }
  if (line.kind === 'marker' || line.kind === 'end' || line.kind === 'info') {
    const note = span('note', line.kind === 'marker' ? `── ${line.text} ──` : line.text);
    row.append(note);
    return row;
  }
  const text = document.createElement('span');
  text.className = 'text';
  for (const segment of parse(line.text)) {
    const piece = document.createElement('span');
    applyStyle(piece, segment.style, css);
    appendMarked(piece, segment.text, context.query);
    text.append(piece);
  }
  row.append(text);
  if (line.truncated) row.append(span('truncated', ' … (cut here: the whole line is in the spool file)'));
  return row;
}
