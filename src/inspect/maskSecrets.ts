/** Masks env values that look like secrets in an inspect document, before anyone sees it. Pure. */
import type { RawContainerInspect } from '../engine/inspect';

/** Env names that carry secrets by convention (DB_PASSWORD, GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, …). */
const SECRET_NAME = /pass(word|wd|phrase)?|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth|session[_-]?key|signing[_-]?key|dsn/i;
/** Values that are secrets whatever their name: PEM keys, and URLs with a password in them. */
const SECRET_VALUE = /-----BEGIN [A-Z ]*PRIVATE KEY-----|^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

export const MASK = '••••••••';

/** Whether an env entry (`NAME=value`) would be masked. */
export function looksSecret(name: string, value: string): boolean {
  return value !== '' && (SECRET_NAME.test(name) || SECRET_VALUE.test(value));
}

/** A copy of `inspect` with secret-looking env values replaced by MASK; the count says how many. */
export function maskSecrets(inspect: RawContainerInspect): { inspect: RawContainerInspect; masked: number } {
  const env = inspect.Config?.Env;
  if (!env) return { inspect, masked: 0 };
  let masked = 0;
  const maskedEnv = env.map((entry) => {
    const eq = entry.indexOf('=');
    if (eq < 0) return entry;
    const name = entry.slice(0, eq);
    if (!looksSecret(name, entry.slice(eq + 1))) return entry;
    masked++;
    return `${name}=${MASK}`;
  });
  return { inspect: { ...inspect, Config: { ...inspect.Config, Env: maskedEnv } }, masked };
}
