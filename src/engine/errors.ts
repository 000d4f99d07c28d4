/**
 * Every engine failure becomes an EngineError with a kind, so callers branch on kinds
 * and users read one plain sentence plus the next step — nobody parses error strings twice.
 */
import type { EngineEndpoint } from './endpoint';

export type EngineErrorKind =
  | 'unreachable' // daemon not running, wrong host
  | 'permission' // socket permission denied
  | 'tls' // handshake or certificate problems
  | 'hostKey' // ssh: the host's key is not in known_hosts, or differs from the one there
  | 'timeout' // no answer within the request timeout
  | 'cancelled' // the caller gave up
  | 'notFound'
  | 'conflict' // 409: e.g. removing a running container, name in use
  | 'notModified' // 304: already started / already stopped
  | 'engine' // the engine answered with an error of its own
  | 'unknown';

/** Kinds that mean "we cannot talk to the engine at all" (as opposed to one request failing). */
export const CONNECTION_KINDS: ReadonlySet<EngineErrorKind> = new Set(['unreachable', 'permission', 'tls', 'hostKey', 'timeout']);

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    /** What the user can do about it, one sentence; empty when nothing helps. */
    readonly nextStep: string,
    readonly statusCode?: number,
    override readonly cause?: unknown,
  ) {
    super(message);
  }

  /** The message and next step together, for a notification or a log line. */
  get userMessage(): string {
    return this.nextStep ? `${this.message} ${this.nextStep}` : this.message;
  }
}

/** Nothing listens where the engine was: the daemon is gone, even while an old event stream still flows. */
const NOTHING_LISTENS_CODES = new Set(['ENOENT', 'ECONNREFUSED']);
const UNREACHABLE_CODES = new Set(['ENOENT', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE']);
const PERMISSION_CODES = new Set(['EACCES', 'EPERM']);
const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_|ERR_OSSL_|HOSTNAME_MISMATCH)/;
const TLS_TEXT = /ssl|tls|certificate|wrong version number|client sent an http request to an https server/i;

interface RawError {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  statusCode?: unknown;
  reason?: unknown;
  json?: unknown;
}

function engineMessage(raw: RawError): string {
  const json = raw.json as { message?: unknown } | undefined;
  if (json && typeof json.message === 'string') return json.message;
  if (typeof raw.reason === 'string') return raw.reason;
  return typeof raw.message === 'string' ? raw.message : String(raw);
}

function where(endpoint: EngineEndpoint | undefined): string {
  return endpoint ? ` at ${endpoint.host}` : '';
}

/** Turns whatever dockerode, docker-modem, Node or ssh2 threw into an EngineError. */
export function classifyError(error: unknown, endpoint?: EngineEndpoint, operation?: string): EngineError {
  if (error instanceof EngineError) return error;
  const raw = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as RawError;
  const code = typeof raw.code === 'string' ? raw.code : '';
  const status = typeof raw.statusCode === 'number' ? raw.statusCode : undefined;
  const text = typeof raw.message === 'string' ? raw.message : String(error);
  const what = operation ? `${operation}: ` : '';

  if (status !== undefined) {
    const message = `${what}${engineMessage(raw).trim()}`;
    if (status === 304) return new EngineError('notModified', message, '', status, error);
    if (status === 404) return new EngineError('notFound', message, 'It may have been removed meanwhile; the view refreshes itself.', status, error);
    if (status === 409) return new EngineError('conflict', message, '', status, error);
    if (status === 400 && TLS_TEXT.test(message)) {
      return new EngineError('tls', `${what}The engine${where(endpoint)} expects TLS.`, 'Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH, or use a docker context with TLS.', status, error);
    }
    return new EngineError('engine', message, '', status, error);
  }
  if (PERMISSION_CODES.has(code)) {
    return new EngineError(
      'permission',
      `${what}Permission denied on the Docker socket${where(endpoint)}.`,
      'Add your user to the docker group (sudo usermod -aG docker $USER, then log in again) or use rootless Docker and set DOCKER_HOST.',
      undefined,
      error,
    );
  }
  if (TLS_CODES.test(code) || (code === '' && TLS_TEXT.test(text) && !/abort/i.test(text))) {
    return new EngineError(
      'tls',
      `${what}TLS with the Docker engine${where(endpoint)} failed: ${text}.`,
      'Check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) and DOCKER_TLS_VERIFY, or the TLS files of your docker context.',
      undefined,
      error,
    );
  }
  if (UNREACHABLE_CODES.has(code) || /connect|socket hang up|All configured authentication methods failed|Timed out while waiting for handshake/i.test(text)) {
    return new EngineError(
      'unreachable',
      `${what}The Docker engine${where(endpoint)} is not reachable (${code || text}).`,
      endpoint?.transport === 'ssh'
        ? 'Check that you can ssh to the host and run docker there.'
        : 'Start Docker (on Linux: sudo systemctl start docker), or set DOCKER_HOST, a docker context or berth.host.',
      undefined,
      error,
    );
  }
  return new EngineError('unknown', `${what}${text}`, '', undefined, error);
}

/** One line for any failure: an EngineError's message and next step, or the error's own message. */
export function describeEngineFailure(error: unknown): string {
  if (error instanceof EngineError) return error.userMessage;
  return error instanceof Error ? error.message : String(error);
}

/** True when a request found nothing listening at the engine's address (its socket is gone, or the port is closed). */
export function nothingListens(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NOTHING_LISTENS_CODES.has(code);
}

/** A TLS file named by DOCKER_CERT_PATH or a context that cannot be read. */
export function tlsFileError(error: unknown, endpoint: EngineEndpoint): EngineError {
  const raw = error as { code?: unknown; path?: unknown; message?: unknown };
  if (raw.code === 'ENOENT' && typeof raw.path === 'string' && endpoint.tls?.verify && raw.path === endpoint.tls.caPath) {
    return new EngineError(
      'tls',
      `DOCKER_TLS_VERIFY is set, but there is no CA certificate at ${raw.path} to check the engine at ${endpoint.host} against.`,
      "Put the engine's ca.pem in DOCKER_CERT_PATH (default ~/.docker), or unset DOCKER_TLS_VERIFY. Like the docker CLI, Berth does not fall back to the system's certificate authorities.",
      undefined,
      error,
    );
  }
  return new EngineError('tls', `Cannot read the TLS files for ${endpoint.host}: ${String(raw.message ?? error)}.`, 'Check DOCKER_CERT_PATH or your docker context.', undefined, error);
}

/** What the system ssh client said when it gave up on an ssh:// engine. */
export interface SshFailure {
  /** The end of ssh's stderr. */
  stderr: string;
  exitCode: number | null;
  /** The key the host presented (`ssh-ed25519 SHA256:…`), when ssh's own message does not name it. */
  presentedKey?: string;
  /** The command a person runs to reach the host by hand, e.g. `ssh -p 2222 me@box`. */
  sshCommand: string;
  /** What the remote side printed instead of the engine's HTTP. */
  notHttp?: string;
}

const FINGERPRINT = /(SHA256:[A-Za-z0-9+/=]+|MD5:[0-9a-f:]+)/;

/** Whether ssh refused the host's key: not in known_hosts (`unknown`) or different from it (`changed`). */
export function sshHostKeyProblem(stderr: string): 'unknown' | 'changed' | undefined {
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for \S+ has changed/.test(stderr)) return 'changed';
  if (/Host key verification failed|No \S+ host key is known for/.test(stderr)) return 'unknown';
  return undefined;
}

/** ssh's last line that says something (not a warning about known_hosts), short enough for a status bar. */
function lastSshLine(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !/^Warning: Permanently added/.test(l));
  const last = lines[lines.length - 1] ?? '';
  return last.length > 200 ? `${last.slice(0, 200)}…` : last.replace(/\.$/, '');
}

/** Turns a failed `ssh … docker system dial-stdio` into an EngineError that says what to do. */
export function classifySshFailure(failure: SshFailure, endpoint: EngineEndpoint): EngineError {
  const host = endpoint.host;
  const tryIt = `Check that you can ssh to the host and run docker there: \`${failure.sshCommand} docker version\`.`;
  const problem = sshHostKeyProblem(failure.stderr);
  if (problem === 'changed') {
    const type = /The fingerprint for the (\S+) key sent by the remote host is/.exec(failure.stderr)?.[1];
    const fingerprint = FINGERPRINT.exec(failure.stderr.split('sent by the remote host is')[1] ?? '')?.[1] ?? failure.presentedKey;
    const knownAs = /Host key for (\S+) has changed/.exec(failure.stderr)?.[1] ?? endpoint.hostname ?? host;
    return new EngineError(
      'hostKey',
      `The ssh host key of ${host} has changed: it now presents ${type ? `the ${type} key ` : ''}${fingerprint ?? '(fingerprint unknown)'}, which does not match your known_hosts. Someone may be intercepting the connection, so Berth did not connect.`,
      `If you know why it changed (the host was reinstalled), remove the old key with \`ssh-keygen -R "${knownAs}"\`, then run \`${failure.sshCommand}\` once in a terminal to check and accept the new one.`,
    );
  }
  if (problem === 'unknown') {
    return new EngineError(
      'hostKey',
      `The ssh host key of ${host} is not in your known_hosts${failure.presentedKey ? ` (the host presents ${failure.presentedKey})` : ''}, so Berth did not connect.`,
      `Run \`${failure.sshCommand}\` once in a terminal to check the fingerprint and accept the key, then Retry.`,
    );
  }
  const said = lastSshLine(failure.stderr);
  if (/Permission denied \(/.test(failure.stderr)) {
    return new EngineError('unreachable', `ssh could not log in to ${host} (${said}).`, tryIt);
  }
  if (failure.notHttp !== undefined) {
    const printed = failure.notHttp.trim().split(/\r?\n/)[0]!.slice(0, 200);
    return new EngineError('unreachable', `ssh reached ${host}, but \`docker system dial-stdio\` did not answer as the engine does${printed ? ` (it printed "${printed}")` : ''}.`, tryIt);
  }
  if (failure.exitCode === 127 || /docker: (command )?not found/.test(failure.stderr)) {
    return new EngineError('unreachable', `${host} has no docker command for ssh sessions (${said || 'exit code 127'}).`, 'Install Docker there, or put `docker` on the PATH that non-interactive ssh sessions get.');
  }
  return new EngineError('unreachable', `The Docker engine at ${host} is not reachable over ssh (${said || `ssh exited with code ${failure.exitCode}`}).`, tryIt);
}

/** The ssh program itself could not be started. */
export function sshMissingError(error: unknown, endpoint: EngineEndpoint): EngineError {
  const code = (error as { code?: unknown } | null)?.code;
  return new EngineError(
    'unreachable',
    code === 'ENOENT' ? `Berth reaches ${endpoint.host} through the ssh program, and there is none on PATH.` : `Berth could not start ssh for ${endpoint.host}: ${(error as Error).message}.`,
    'Install the OpenSSH client (on Windows: the "OpenSSH Client" optional feature) and check that `ssh` runs in a terminal.',
    undefined,
    error,
  );
}
