/**
 * How long to wait after an edit before linting again, from what linting the document costs. A
 * fixed debounce makes every file wait as long as the slowest one needs: a Dockerfile that lints in
 * 2 ms was held back 200 ms. Here a cheap lint runs on the next tick, and a costly one waits in
 * proportion to its cost, so while someone types it takes at most about a third of the time. Pure.
 */

/**
 * Below this cost (about a frame) a lint runs on the next tick: waiting would cost more than
 * linting. A 200-line Dockerfile lints in about 1 ms, and in 10 to 20 ms on a machine busy with
 * other work; it should still follow each key.
 */
export const IMMEDIATE_BELOW_MS = 16;
/** Wait this many times the cost: typing then leaves the linter idle two thirds of the time. */
export const DELAY_PER_COST = 2;
/** Even the largest file is linted within a second of the last edit. */
export const MAX_DELAY_MS = 1000;

/**
 * The delay after an edit, for a document whose lints cost `costMs` (undefined: not measured yet).
 * A lint that runs on a worker behind a queue that keeps one run and only the newest request per
 * file (`queued`) waits for nothing: the extension host is not blocked, and the queue already
 * drops the versions typed past while a run was going.
 */
export function lintDelay(costMs: number | undefined, queued = false): number {
  if (queued || costMs === undefined || costMs < IMMEDIATE_BELOW_MS) return 0;
  return Math.min(MAX_DELAY_MS, Math.round(costMs * DELAY_PER_COST));
}

/** The cost estimate after a new measurement: recent lints count most, one odd lint does not decide. */
export function nextCost(previous: number | undefined, measuredMs: number): number {
  return previous === undefined ? measuredMs : (previous + measuredMs) / 2;
}
