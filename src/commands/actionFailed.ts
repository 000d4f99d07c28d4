/** A command that failed for some of its targets: one message naming them, with the engine's reason and next step. */
export class ActionFailed extends Error {
  override readonly name = 'ActionFailed';
  constructor(
    readonly summary: string,
    override readonly cause: unknown,
  ) {
    super(summary);
  }
}

/** Throws one ActionFailed for the rejected results of a batch; the first reason stands for all. */
export function throwIfAnyFailed(verb: string, names: readonly string[], results: readonly PromiseSettledResult<unknown>[]): void {
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ name: names[i]!, reason: r.reason as unknown }] : []));
  if (failed.length === 0) return;
  throw new ActionFailed(`Could not ${verb} ${failed.map((f) => f.name).join(', ')}.`, failed[0]!.reason);
}
