/**
 * The messages between a log view's host (src/logs/logPanel.ts) and its webview
 * (src/webview/logs/main.ts), imported by both sides. The host speaks first only after `ready`.
 * Pure: types and a guard, no vscode, no DOM.
 */
import type { DriverState, LogRecordKind, LogSource } from './logRecord';

/** How far back a view starts: the `berth.logs.tail` lines, a time window, or everything. */
export type SinceChoice = 'tail' | '5m' | '1h' | '24h' | 'all';
export const SINCE_CHOICES: readonly SinceChoice[] = ['tail', '5m', '1h', '24h', 'all'];

/** One line as the webview draws it. */
export interface WireLine {
  kind: LogRecordKind;
  source: number;
  timestamp: string;
  text: string;
  /** The line was longer than a view shows; the rest is in the spool only. */
  truncated: boolean;
}

/** Host → webview. */
export type HostMessage =
  /** Everything the header shows; sent after `ready`, and again when sources or drivers change. */
  | { type: 'header'; title: string; sources: LogSource[]; drivers: DriverState[]; since: SinceChoice; tail: number | 'all' }
  /** How many lines the spool holds; `ended` once the view's last line is written. */
  | { type: 'count'; total: number; ended: boolean }
  /** Lines `start`… for the window request `requestId`. */
  | { type: 'lines'; requestId: number; start: number; lines: WireLine[] }
  /** The line numbers that contain `query` (at most a cap: `capped` says there are more). */
  | { type: 'searchResult'; requestId: number; query: string; matches: number[]; capped: boolean }
  /** The spool was started again (a new "since" choice): drop every line drawn. */
  | { type: 'reset' };

/** Webview → host. */
export type ViewMessage =
  | { type: 'ready' }
  | { type: 'window'; requestId: number; start: number; count: number }
  | { type: 'search'; requestId: number; query: string }
  | { type: 'since'; since: SinceChoice };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The message, when it is one the host understands; anything else is ignored. */
export function parseViewMessage(value: unknown): ViewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  switch (m['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'window':
      return isInt(m['requestId']) && isInt(m['start']) && isInt(m['count']) ? { type: 'window', requestId: m['requestId'], start: m['start'], count: m['count'] } : undefined;
    case 'search':
      return isInt(m['requestId']) && typeof m['query'] === 'string' && m['query'].length <= 1000 ? { type: 'search', requestId: m['requestId'], query: m['query'] } : undefined;
    case 'since':
      return SINCE_CHOICES.includes(m['since'] as SinceChoice) ? { type: 'since', since: m['since'] as SinceChoice } : undefined;
    default:
      return undefined;
  }
}

/** The engine's `since` (seconds since the epoch) for a choice, or undefined for `tail` and `all`. */
export function sinceSeconds(choice: SinceChoice, now: Date): string | undefined {
  const back = { '5m': 300, '1h': 3600, '24h': 86_400 }[choice as '5m' | '1h' | '24h'];
  return back === undefined ? undefined : String(Math.floor(now.getTime() / 1000) - back);
}

/** `berth.logs.tail` as the engine takes it: a whole number of lines, or `all`; anything else is the default. */
export function parseTailSetting(value: unknown, fallback = 1000): number | 'all' {
  if (value === 'all') return 'all';
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value.trim())) return Number(value.trim());
  return fallback;
}
