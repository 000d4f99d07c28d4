/** Setting values made safe to use: a settings file can hold any JSON. Pure. */

/** The longest delay a Node timer (and so `AbortSignal.timeout`) can hold; beyond it, it fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
const MIN_REQUEST_TIMEOUT_MS = 1000;

/** `berth.requestTimeout` in whole milliseconds, from 1 s up to what a timer can hold. */
export function requestTimeoutMs(value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return DEFAULT_REQUEST_TIMEOUT_MS;
  return Math.min(MAX_TIMER_MS, Math.max(MIN_REQUEST_TIMEOUT_MS, Math.floor(value)));
}

/**
 * `berth.*` settings a workspace must not set unless it is trusted: they choose the engine (a cloned
 * repository could point Berth at `tcp://attacker:2375`) or the files Compose reads.
 */
export const RESTRICTED_SETTINGS = ['host', 'context', 'requestTimeout', 'compose.files', 'dockerPath'] as const;
export type RestrictedSetting = (typeof RESTRICTED_SETTINGS)[number];
