/**
 * How docker-modem reaches each kind of endpoint: unix and npipe through the socket; tcp through
 * an agent that reuses connections and turns TCP keepalive on, so a remote that vanished without
 * a word (a half-open connection) ends the quiet event stream instead of leaving it open forever;
 * ssh through the system ssh client (sshSession.ts).
 */
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';
import type Dockerode from 'dockerode';
import type { EngineEndpoint } from './endpoint';
import { tlsFileError } from './errors';
import { SshSession } from './sshSession';

/** Idle time before the first TCP keepalive probe (Node passes it to every new socket of a keepAlive agent). */
export const TCP_KEEPALIVE_MS = 30_000;

type CreateConnection = (options: object, callback?: unknown) => Socket;

/**
 * Turns TCP keepalive on for every connection the agent opens. A keepAlive agent already asks
 * net.connect for it, but tls.connect ignores that option, so it is set once the socket connects.
 */
function withTcpKeepalive<A extends HttpAgent>(agent: A): A {
  const target = agent as unknown as { createConnection: CreateConnection };
  const create = target.createConnection.bind(agent);
  target.createConnection = (options, callback) => {
    const socket = create(options, callback);
    socket.once('connect', () => socket.setKeepAlive(true, TCP_KEEPALIVE_MS));
    return socket;
  };
  return agent;
}

export interface ModemTransport {
  options: Dockerode.DockerOptions;
  dispose(): void;
}

/**
 * docker-modem options with every connection key set, so nothing leaks in from its own env
 * defaults (it merges options over what it reads from DOCKER_HOST/DOCKER_CERT_PATH): the
 * resolved endpoint is the only truth. Throws an EngineError when a TLS file cannot be read.
 */
export function createTransport(endpoint: EngineEndpoint): ModemTransport {
  const base: Dockerode.DockerOptions = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    timeout: undefined,
  };
  const keepAlive = { keepAlive: true, keepAliveMsecs: TCP_KEEPALIVE_MS };
  switch (endpoint.transport) {
    case 'unix':
    case 'npipe':
      return { options: { ...base, socketPath: endpoint.socketPath }, dispose: () => undefined };
    case 'ssh': {
      const session = new SshSession(endpoint);
      // Plain HTTP over the ssh channel; the host name only fills the Host header.
      return { options: { ...base, protocol: 'http', host: 'docker', agent: session.agent } as Dockerode.DockerOptions, dispose: () => session.dispose() };
    }
    case 'tcp': {
      const tls = endpoint.tls;
      if (!tls) {
        const agent = withTcpKeepalive(new HttpAgent(keepAlive));
        return { options: { ...base, protocol: 'http', host: endpoint.hostname, port: endpoint.port, agent } as Dockerode.DockerOptions, dispose: () => agent.destroy() };
      }
      let files: { ca?: Buffer; cert?: Buffer; key?: Buffer };
      try {
        const read = (p: string | undefined): Buffer | undefined => (p ? readFileSync(p) : undefined);
        files = { ca: read(tls.caPath), cert: read(tls.certPath), key: read(tls.keyPath) };
      } catch (error) {
        throw tlsFileError(error, endpoint);
      }
      // DOCKER_TLS without _VERIFY: encrypt but accept any server certificate, as the CLI does.
      // docker-modem forwards only an agent, not rejectUnauthorized.
      const agent = withTcpKeepalive(new HttpsAgent({ ...keepAlive, ...files, ...(tls.verify ? {} : { rejectUnauthorized: false }) }));
      const options = { ...base, protocol: 'https', host: endpoint.hostname, port: endpoint.port, ...files, agent } as Dockerode.DockerOptions;
      return { options, dispose: () => agent.destroy() };
    }
  }
}
