/**
 * What a Berth command returns when it failed or refused: the message the user was shown. So a
 * caller (another extension, a test) can tell a failure from a result, and read why. Pure.
 */

/** An error that is Berth declining on purpose (Restricted Mode, a name Compose would reject), not a fault. */
export class Refusal extends Error {
  override readonly name = 'Refusal';
}

export interface CommandFailure {
  readonly failed: true;
  /** The message shown to the user. */
  readonly message: string;
  /** Berth declined on purpose; nothing was attempted. */
  readonly refused: boolean;
}

export function commandFailure(message: string, error: unknown): CommandFailure {
  return { failed: true, message, refused: error instanceof Refusal };
}

export function isCommandFailure(value: unknown): value is CommandFailure {
  return typeof value === 'object' && value !== null && (value as CommandFailure).failed === true && typeof (value as CommandFailure).message === 'string';
}
