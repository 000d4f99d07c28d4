/**
 * The log view's page: draws only the lines in sight (virtual scrolling over the host's spool),
 * asks the host for each window, and keeps its settings with setState. Every string from the logs
 * goes in as a text node; styles come from numbers (src/logs/ansi.ts), never from log text.
 */
import { cssColor, parseAnsi } from '../../logs/ansi';
import type { HostMessage, SinceChoice, ViewMessage, WireLine } from '../../logs/logProtocol';
import type { DriverState, LogSource } from '../../logs/logRecord';
import { byId, renderLine, type RenderContext } from './render';
import { VirtualWindow } from './virtualWindow';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface ViewState {
  showTimestamps: boolean;
  following: boolean;
  query: string;
}

const vscode = acquireVsCodeApi();
const saved = (vscode.getState() ?? {}) as Partial<ViewState>;
const state: ViewState = { showTimestamps: saved.showTimestamps ?? false, following: saved.following ?? true, query: saved.query ?? '' };

const viewport = byId<HTMLElement>('viewport');
const rows = byId<HTMLElement>('rows');
const spacer = byId<HTMLElement>('spacer');
const followButton = byId<HTMLButtonElement>('follow');
const timestamps = byId<HTMLInputElement>('timestamps');
const since = byId<HTMLSelectElement>('since');
const search = byId<HTMLInputElement>('search');
const matchesLabel = byId<HTMLElement>('matches');

let sources: LogSource[] = [];
let total = 0;
let ended = false;
let matches: number[] = [];
let matchIndex = -1;
let searchRequest = 0;
let windowRequest = 0;
/** The lines last received: only the window in sight (plus a margin). */
let held: { start: number; lines: WireLine[] } = { start: 0, lines: [] };
const virtual = new VirtualWindow();

function save(): void {
  vscode.setState(state);
}

function prefixWidth(): number {
  return sources.length > 1 ? Math.max(...sources.map((s) => s.name.length)) : 0;
}

function render(): void {
  const { first, count, top } = virtual.layout(viewport.scrollTop, viewport.clientHeight, total);
  spacer.style.height = `${virtual.spacerHeight(total)}px`;
  rows.style.transform = `translateY(${top}px)`;
  const needed = held.start <= first && held.start + held.lines.length >= Math.min(total, first + count);
  if (!needed) requestWindow(first, count);
  const context: RenderContext = { sources, prefixWidth: prefixWidth(), showTimestamps: state.showTimestamps, query: state.query, currentMatch: matches[matchIndex] };
  const fragment = document.createDocumentFragment();
  for (let i = first; i < Math.min(total, first + count); i++) {
    const line = held.lines[i - held.start];
    fragment.append(renderLine(line, i, context, parseAnsi, cssColor));
  }
  rows.replaceChildren(fragment);
}

function requestWindow(first: number, count: number): void {
  const margin = count;
  windowRequest++;
  vscode.postMessage({ type: 'window', requestId: windowRequest, start: Math.max(0, first - margin), count: count + 2 * margin });
}

function scrollToEnd(): void {
  viewport.scrollTop = viewport.scrollHeight;
}

function setFollowing(following: boolean): void {
  state.following = following;
  followButton.textContent = following ? 'Pause' : 'Resume';
  followButton.setAttribute('aria-pressed', String(!following));
  save();
  if (following) {
    scrollToEnd();
    render();
  }
}

function showLine(line: number): void {
  setFollowing(false);
  viewport.scrollTop = virtual.scrollTopFor(line, viewport.clientHeight, total);
  render();
}

function showMatch(step: number): void {
  if (matches.length === 0) return;
  matchIndex = (matchIndex + step + matches.length) % matches.length;
  matchesLabel.textContent = `${matchIndex + 1} of ${matches.length}`;
  showLine(matches[matchIndex]!);
}

function header(m: Extract<HostMessage, { type: 'header' }>): void {
  sources = m.sources;
  byId('title').textContent = m.title;
  since.value = m.since;
  since.options[0]!.textContent = m.tail === 'all' ? 'all lines (berth.logs.tail)' : `last ${m.tail} lines (berth.logs.tail)`;
  byId('driver').textContent = driverText(m.drivers, m.sources);
  byId('driver').classList.toggle('unreadable', m.drivers.some((d) => !d.readable));
  render();
}

function driverText(drivers: DriverState[], names: LogSource[]): string {
  if (drivers.length === 0) return '';
  const kinds = [...new Set(drivers.map((d) => d.driver))];
  if (kinds.length === 1) return `Log driver: ${kinds[0]}${drivers[0]!.readable ? '' : ' (cannot be read back)'}`;
  return `Log drivers: ${drivers.map((d) => `${names[d.source]?.name ?? '?'} ${d.driver}${d.readable ? '' : ' (unreadable)'}`).join(', ')}`;
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'header':
      header(m);
      return;
    case 'count':
      total = m.total;
      ended = m.ended;
      byId('status').textContent = `${total.toLocaleString()} lines${ended ? ' · ended' : state.following ? ' · following' : ' · paused'}`;
      if (state.following) scrollToEnd();
      render();
      if (state.following) scrollToEnd();
      return;
    case 'lines':
      if (m.requestId !== windowRequest) return;
      held = { start: m.start, lines: m.lines };
      render();
      return;
    case 'searchResult':
      if (m.requestId !== searchRequest) return;
      matches = m.matches;
      matchIndex = -1;
      matchesLabel.textContent = matches.length === 0 ? 'No match' : `${matches.length}${m.capped ? '+' : ''} matches`;
      showMatch(1);
      return;
    case 'reset':
      total = 0;
      held = { start: 0, lines: [] };
      matches = [];
      matchesLabel.textContent = '';
      setFollowing(true);
      return;
  }
});

viewport.addEventListener('scroll', () => {
  // Scrolling up pauses following; coming back to the end resumes it, as a terminal does.
  const atEnd = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - 4;
  if (atEnd !== state.following && !ended) setFollowing(atEnd);
  render();
});
window.addEventListener('resize', render);
followButton.addEventListener('click', () => setFollowing(!state.following));
timestamps.checked = state.showTimestamps;
timestamps.addEventListener('change', () => {
  state.showTimestamps = timestamps.checked;
  save();
  render();
});
since.addEventListener('change', () => vscode.postMessage({ type: 'since', since: since.value as SinceChoice }));
search.value = state.query;
search.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter') return;
  if (search.value === state.query && matches.length > 0) return showMatch(event.shiftKey ? -1 : 1);
  state.query = search.value;
  save();
  matches = [];
  matchesLabel.textContent = state.query ? 'Searching…' : '';
  if (state.query) vscode.postMessage({ type: 'search', requestId: ++searchRequest, query: state.query });
  render();
});
byId('next').addEventListener('click', () => showMatch(1));
byId('prev').addEventListener('click', () => showMatch(-1));
setFollowing(state.following);
vscode.postMessage({ type: 'ready' });
