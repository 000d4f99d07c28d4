/**
 * The messages between the extension host and the stats webview, imported by both sides. The
 * webview is untrusted input to the host: everything it sends goes through `parseWebviewMessage`,
 * which returns a fresh, fully checked object or undefined. Pure: no vscode, no DOM, no Node.
 */

/** The figures of one container at one tick, in this order (see FigureIndex). Totals are since the container started. */
export const FIGURES = [
  'cpuPercent',
  'memoryUsed',
  'memoryLimit',
  'memoryPercent',
  'netRx',
  'netTx',
  'blockRead',
  'blockWrite',
  'pids',
  'netRxRate',
  'netTxRate',
  'blockReadRate',
  'blockWriteRate',
] as const;
export type Figure = (typeof FIGURES)[number];
export const FigureIndex = Object.fromEntries(FIGURES.map((f, i) => [f, i])) as { readonly [F in Figure]: number };

/** One container's figures; null where the engine gave none (a rate needs two samples). */
export type FigureRow = (number | null)[];

/** How a container's stats stream is doing, as the panel shows it. */
export type StreamStatus =
  /** Asked the engine; no sample yet. */
  | 'opening'
  /** Samples arriving. */
  | 'live'
  /** The stream is open but no sample came for 2 s: the values are blank, as in docker stats. */
  | 'silent'
  /** Not running, so not sampled. */
  | 'stopped'
  /** The container no longer exists. */
  | 'removed'
  /** The engine refused or dropped the stream; Berth retries. */
  | 'failed'
  /** Picked, but the panel is paused or hidden: nothing is sampled. */
  | 'idle';

export interface PanelContainer {
  id: string;
  name: string;
  /** The engine's state: running, paused, exited, … */
  state: string;
  project?: string;
  service?: string;
  status: StreamStatus;
  /** Why, for `failed`. */
  message?: string;
}

export type EngineStatus = { kind: 'connected' } | { kind: 'connecting' } | { kind: 'unreachable'; message: string };

/** Which containers the panel picks by itself as they appear. */
export type Follow = { kind: 'none' } | { kind: 'all' } | { kind: 'project'; project: string };

/** Host → webview. */
export type HostMessage =
  /** Everything but the numbers; sent after `ready` and whenever something in it changes. */
  | {
      type: 'state';
      engine: EngineStatus;
      platform: 'linux' | 'windows';
      /** The engine's total memory, for a compose project's summed memory %; 0 when unknown. */
      engineMemory: number;
      containers: PanelContainer[];
      picked: string[];
      follow: Follow;
      paused: boolean;
      tickMs: number;
    }
  /** The ring buffer's contents, once after `ready`: per container, one array per CHART_FIGURES entry. */
  | { type: 'history'; times: number[]; series: Record<string, FigureRow[]> }
  /** One batch per tick: the latest figures of every container that had a sample in the last 2 s. */
  | { type: 'tick'; time: number; rows: Record<string, FigureRow> }
  /** Asks the webview how long its renders took since the last such request (the benchmark). */
  | { type: 'reportRender' };

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'pick'; ids: string[]; picked: boolean }
  | { type: 'pause'; paused: boolean }
  | { type: 'renderReport'; renders: number; p50Ms: number; p95Ms: number; maxMs: number };

/** What the webview keeps with setState, and VS Code hands back after a reload. */
export interface PersistedState {
  picked: string[];
  follow: Follow;
  paused: boolean;
  windowMinutes: 1 | 5 | 15;
  grouping: Grouping;
  sort: { column: string; descending: boolean };
}

/** Containers one series each, compose services summed, or compose projects summed. */
export type Grouping = 'container' | 'service' | 'project';

export const MAX_PICK = 500;
const CONTAINER_ID = /^[0-9a-f]{64}$/;

type Shape = Record<string, unknown>;

function isShape(value: unknown): value is Shape {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Shape, keys: readonly string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k));
}

function ids(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_PICK) return undefined;
  return value.every((id) => typeof id === 'string' && CONTAINER_ID.test(id)) ? [...new Set(value as string[])] : undefined;
}

function duration(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 3_600_000 ? value : undefined;
}

/** A checked copy of a message from the webview, or undefined for anything else. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  // Own properties only: a `type` inherited from a prototype is not a message.
  if (!isShape(value) || !Object.hasOwn(value, 'type')) return undefined;
  switch (value.type) {
    case 'ready':
      return onlyKeys(value, ['type']) ? { type: 'ready' } : undefined;
    case 'pick': {
      const picked = ids(value.ids);
      return onlyKeys(value, ['type', 'ids', 'picked']) && picked && typeof value.picked === 'boolean' ? { type: 'pick', ids: picked, picked: value.picked } : undefined;
    }
    case 'pause':
      return onlyKeys(value, ['type', 'paused']) && typeof value.paused === 'boolean' ? { type: 'pause', paused: value.paused } : undefined;
    case 'renderReport': {
      if (!onlyKeys(value, ['type', 'renders', 'p50Ms', 'p95Ms', 'maxMs'])) return undefined;
      const renders = typeof value.renders === 'number' && Number.isSafeInteger(value.renders) && value.renders >= 0 ? value.renders : undefined;
      const [p50Ms, p95Ms, maxMs] = [duration(value.p50Ms), duration(value.p95Ms), duration(value.maxMs)];
      return renders !== undefined && p50Ms !== undefined && p95Ms !== undefined && maxMs !== undefined ? { type: 'renderReport', renders, p50Ms, p95Ms, maxMs } : undefined;
    }
    default:
      return undefined;
  }
}

function parseFollow(value: unknown): Follow | undefined {
  if (!isShape(value)) return undefined;
  if ((value.kind === 'none' || value.kind === 'all') && onlyKeys(value, ['kind'])) return { kind: value.kind };
  if (value.kind === 'project' && onlyKeys(value, ['kind', 'project']) && typeof value.project === 'string' && value.project.length <= 1000) return { kind: 'project', project: value.project };
  return undefined;
}

/** A checked copy of the state VS Code restores into a panel after a reload; missing parts get defaults. */
export function parsePersistedState(value: unknown): PersistedState {
  const state = isShape(value) ? value : {};
  const sort = isShape(state.sort) ? state.sort : {};
  return {
    picked: ids(state.picked) ?? [],
    follow: parseFollow(state.follow) ?? { kind: 'none' },
    paused: state.paused === true,
    windowMinutes: state.windowMinutes === 1 || state.windowMinutes === 15 ? state.windowMinutes : 5,
    grouping: state.grouping === 'service' || state.grouping === 'project' ? state.grouping : 'container',
    sort: {
      column: typeof sort.column === 'string' && /^[a-zA-Z]{1,32}$/.test(sort.column) ? sort.column : 'name',
      descending: sort.descending === true,
    },
  };
}
