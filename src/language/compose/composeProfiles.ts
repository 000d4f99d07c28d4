/** The profiles a compose file's services declare, for "Up with Profiles…". Pure. */
import { parse } from 'yaml';

export function composeProfiles(text: string): string[] {
  let doc: unknown;
  try {
    doc = parse(text, { merge: true, logLevel: 'silent' });
  } catch {
    return []; // A broken file has no profiles to offer; its diagnostics say why.
  }
  const services = (doc as { services?: unknown } | null)?.services;
  if (!services || typeof services !== 'object') return [];
  const profiles = new Set<string>();
  for (const service of Object.values(services as Record<string, unknown>)) {
    const list = (service as { profiles?: unknown } | null)?.profiles;
    if (Array.isArray(list)) for (const p of list) if (typeof p === 'string' && p !== '') profiles.add(p);
  }
  return [...profiles].sort();
}
