/**
 * Every engine failure becomes an EngineError with a kind, so callers branch on kinds
 * and users read one plain sentence plus the next step — nobody parses error strings twice.
 */
import type { EngineEndpoint } from './endpoint';

export type EngineErrorKind =
  | 'unreachable' // daemon not running, wrong host
  | 'permission' // socket permission denied
  | 'tls' // handshake or certificate problems
  | 'timeout' // no answer within the request timeout
  | 'cancelled' // the caller gave up
  | 'notFound'
  | 'conflict' // 409: e.g. removing a running container, name in use
  | 'notModified' // 304: already started / already stopped
  | 'engine' // the engine answered with an error of its own
  | 'unknown';

/** Kinds that mean "we cannot talk to the engine at all" (as opposed to one request failing). */
export const CONNECTION_KINDS: ReadonlySet<EngineErrorKind> = new Set(['unreachable', 'permission', 'tls', 'timeout']);

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
