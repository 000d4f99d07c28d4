/**
 * The docker CLI's arguments for what the Engine API cannot do alone: deploying a compose file as
 * a stack (the CLI turns the file into services, networks, secrets and configs). Argument arrays
 * only, never a shell line. Pure.
 */
import type { EngineEndpoint } from '../engine/endpoint';

export type ResolveImage = 'always' | 'changed' | 'never';

/** Global flags that point the CLI at the engine Berth is connected to. */
export function dockerHostArgs(endpoint: EngineEndpoint): string[] {
  if (endpoint.source === 'context') return ['--context', endpoint.contextName];
  if (endpoint.source === 'default') return [];
  const args = ['-H', endpoint.host];
  const tls = endpoint.tls;
  if (tls) {
    args.push(tls.verify ? '--tlsverify' : '--tls');
    if (tls.caPath) args.push('--tlscacert', tls.caPath);
    if (tls.certPath) args.push('--tlscert', tls.certPath);
    if (tls.keyPath) args.push('--tlskey', tls.keyPath);
  }
  return args;
}

/** What the engine accepts as a stack name (it prefixes every service, network, secret and config). */
export function checkStackName(name: string): string | undefined {
  if (name === '') return 'Give the stack a name.';
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) return 'Use letters, digits, "_", "." and "-", starting with a letter or digit.';
  if (name.length > 63) return 'At most 63 characters.';
  return undefined;
}

/** A default stack name from the compose file's folder: lower case, only the characters a name may have. */
export function stackNameFor(folderName: string): string {
  const name = folderName.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 63);
  return name || 'stack';
}

export function stackDeployArgs(endpoint: EngineEndpoint, composeFile: string, stack: string, resolveImage: ResolveImage): string[] {
  return [...dockerHostArgs(endpoint), 'stack', 'deploy', '--compose-file', composeFile, '--resolve-image', resolveImage, '--', stack];
}
