/**
 * The environment for Berth's own compose merge in Restricted Mode. Compose interpolates the
 * shell's variables, so `${GITHUB_TOKEN}` in a cloned compose file would put the token in an
 * editor; untrusted, every variable keeps its name (so `${VAR:-default}` and `${VAR:?}` still
 * behave as set) but not its value. Pure.
 */

export const MASKED_VALUE = '***';

export function maskedEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) masked[name] = value === '' ? '' : MASKED_VALUE;
  return masked;
}
