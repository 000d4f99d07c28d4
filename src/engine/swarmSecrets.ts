/**
 * Secrets and configs: list, create, inspect (metadata only), remove. A secret's value goes to the
 * engine once, from a buffer Berth zeroes as soon as the request is built; it is never logged,
 * put in an error message or kept. The engine itself never sends a secret's value back.
 */
import type { RequestOptions } from './requests';
import { EngineError } from './errors';
import { pathSegment, swarmCall, type SwarmRequests } from './swarmApi';
import { toSwarmSecretLike } from './swarmMapping';
import type { SwarmSecretLike } from './swarmTypes';

export type SecretKind = 'secret' | 'config';

const PLURAL: Record<SecretKind, string> = { secret: 'secrets', config: 'configs' };
const TITLE: Record<SecretKind, string> = { secret: 'secret', config: 'config' };

/** The engine's limit on a secret or config (500 KB), checked before anything is sent. */
export const MAX_SECRET_BYTES = 500 * 1024;

export function listSecretLikes(engine: SwarmRequests, kind: SecretKind, options?: RequestOptions): Promise<SwarmSecretLike[]> {
  return swarmCall<unknown[]>(engine, `List ${PLURAL[kind]}`, { method: 'GET', path: `/${PLURAL[kind]}` }, options).then((raw) => (raw ?? []).map(toSwarmSecretLike));
}

/**
 * Creates a secret or config from `value`, which this call zeroes once it has been encoded, whether
 * the engine accepts it or not. Resolves with the new id.
 */
export async function createSecretLike(
  engine: SwarmRequests,
  kind: SecretKind,
  spec: { name: string; labels?: Readonly<Record<string, string>>; value: Uint8Array },
  options?: RequestOptions,
): Promise<string> {
  let data: string;
  try {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(spec.name) || spec.name.length > 64) {
      throw new EngineError('engine', `Create ${TITLE[kind]}: "${spec.name}" is not a valid name.`, 'Use letters, digits, "-", "_" and "." (at most 64), starting with a letter or digit.');
    }
    if (spec.value.byteLength === 0) throw new EngineError('engine', `Create ${TITLE[kind]}: the value is empty.`, 'Give a value or a file that is not empty.');
    if (spec.value.byteLength > MAX_SECRET_BYTES) {
      throw new EngineError('engine', `Create ${TITLE[kind]}: the value is ${spec.value.byteLength} bytes, over the engine's limit of 500 KB.`, 'Store large files in a volume or an image instead.');
    }
    data = Buffer.from(spec.value.buffer, spec.value.byteOffset, spec.value.byteLength).toString('base64');
  } finally {
    spec.value.fill(0);
  }
  const body = { Name: spec.name, Labels: { ...(spec.labels ?? {}) }, Data: data };
  const created = await swarmCall<{ ID?: string }>(engine, `Create ${TITLE[kind]}`, { method: 'POST', path: `/${PLURAL[kind]}/create`, body }, options);
  return created?.ID ?? '';
}

/** The inspect JSON without any `Data`: metadata only, for secrets and configs alike. */
export async function inspectSecretLike(engine: SwarmRequests, kind: SecretKind, id: string, options?: RequestOptions): Promise<unknown> {
  const raw = await swarmCall<{ Spec?: Record<string, unknown> }>(engine, `Inspect ${TITLE[kind]}`, { method: 'GET', path: `/${PLURAL[kind]}/${pathSegment(id)}` }, options);
  if (raw?.Spec) delete raw.Spec.Data;
  return raw;
}

export function removeSecretLike(engine: SwarmRequests, kind: SecretKind, id: string, options?: RequestOptions): Promise<void> {
  return swarmCall(engine, `Remove ${TITLE[kind]}`, { method: 'DELETE', path: `/${PLURAL[kind]}/${pathSegment(id)}` }, options);
}
