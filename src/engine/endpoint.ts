/** Where an engine lives and how to reach it: the result of resolving settings, env and contexts. */
export type EngineTransport = 'unix' | 'npipe' | 'tcp' | 'ssh';

/** Which rule chose the endpoint, in the docker CLI's order. */
export type EndpointSource = 'workspace' | 'setting' | 'env' | 'context' | 'default';

export interface TlsFiles {
  /** Paths, read when the client is created so a rotated certificate is picked up on reconnect. */
  caPath?: string;
  certPath?: string;
  keyPath?: string;
  /** Verify the server certificate (docker CLI: any non-empty DOCKER_TLS_VERIFY). */
  verify: boolean;
}

export interface EngineEndpoint {
  /** The host as written, e.g. `unix:///var/run/docker.sock`, `tcp://10.0.0.2:2376`, `ssh://me@box`. */
  host: string;
  transport: EngineTransport;
  /** unix and npipe: the socket or pipe path. */
  socketPath?: string;
  /** tcp and ssh. */
  hostname?: string;
  port?: number;
  /** ssh: whether the host string named the port; when not, ~/.ssh/config decides (22 by default). */
  portGiven?: boolean;
  username?: string;
  tls?: TlsFiles;
  source: EndpointSource;
  /** The docker context this came from; `default` when none was used. */
  contextName: string;
}

export class EndpointError extends Error {
  override readonly name = 'EndpointError';
}

/** Parses a docker host string the way the docker CLI accepts it (`tcp://` is implied when no scheme is given). */
export function parseDockerHost(
  raw: string,
  extra: Pick<EngineEndpoint, 'source' | 'contextName'> & { tls?: TlsFiles },
): EngineEndpoint {
  const host = raw.trim();
  if (host === '') throw new EndpointError('The Docker host is empty.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `tcp://${host}`;
  const scheme = withScheme.slice(0, withScheme.indexOf('://')).toLowerCase();
  const rest = withScheme.slice(scheme.length + 3);
  const base = { host, source: extra.source, contextName: extra.contextName };

  switch (scheme) {
    case 'unix':
      if (rest === '') throw new EndpointError(`"${host}" has no socket path. Write it as unix:///var/run/docker.sock.`);
      return { ...base, transport: 'unix', socketPath: rest };
    case 'npipe':
      // npipe:////./pipe/docker_engine → //./pipe/docker_engine
      return { ...base, transport: 'npipe', socketPath: rest === '' ? '//./pipe/docker_engine' : rest.replace(/^\/+/, '//') };
    case 'tcp':
    case 'http':
    case 'https':
    case 'ssh': {
      let url: URL;
      try {
        url = new URL(`${scheme === 'ssh' ? 'ssh' : 'http'}://${rest}`);
      } catch {
        throw new EndpointError(`"${host}" is not a valid Docker host. Write it like tcp://192.168.1.5:2376 or ssh://user@host.`);
      }
      if (url.hostname === '') throw new EndpointError(`"${host}" has no host name.`);
      const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
      if (scheme === 'ssh') {
        return {
          ...base,
          transport: 'ssh',
          hostname,
          port: url.port ? Number(url.port) : 22,
          ...(url.port ? { portGiven: true } : {}),
          ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
        };
      }
      const tls = extra.tls ?? (scheme === 'https' ? { verify: true } : undefined);
      return {
        ...base,
        transport: 'tcp',
        hostname,
        port: url.port ? Number(url.port) : tls ? 2376 : 2375,
        ...(tls ? { tls } : {}),
      };
    }
    default:
      throw new EndpointError(`"${host}" uses an unsupported scheme "${scheme}://". Use unix://, npipe://, tcp:// or ssh://.`);
  }
}

/** A short human label: `default`, `remote (ssh://me@box)`. */
export function describeEndpoint(endpoint: EngineEndpoint): string {
  if (endpoint.source === 'context' || endpoint.source === 'default') return endpoint.contextName;
  return endpoint.host;
}
