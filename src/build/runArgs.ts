/**
 * The `docker run` arguments for "Run Image" and `berth-run` tasks: an argument array, every
 * value in `--flag=value` form, the image after `--`. Pure.
 */

export const RESTART_POLICIES = ['no', 'on-failure', 'always', 'unless-stopped'] as const;

export interface RunOptions {
  image: string;
  name?: string;
  /** `8080:80`, `127.0.0.1:8080:80/tcp`. */
  ports: string[];
  /** `NAME=value`. */
  env: string[];
  envFile?: string;
  /** `volume:/path` or `/host/path:/path[:ro]`. */
  volumes: string[];
  network?: string;
  restart?: string;
  /** `--rm`: remove the container when it exits. */
  remove: boolean;
  /** A terminal attached to the container (`-it`) instead of running it detached. */
  interactive: boolean;
  command: string[];
  labels: string[];
}

export class RunOptionsError extends Error {
  override readonly name = 'RunOptionsError';
}

export function defaultRunOptions(image: string): RunOptions {
  return { image, ports: [], env: [], volumes: [], remove: false, interactive: false, command: [], labels: [] };
}

const PORT = /^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]):)?(?:\d{1,5}(?:-\d{1,5})?:)?\d{1,5}(?:-\d{1,5})?(?:\/(?:tcp|udp|sctp))?$/i;
const ENV = /^[^=\s][^=]*(=|$)/;
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** A volume entry whose source is a host path (a bind), not a named volume. */
export function isBind(volume: string): boolean {
  return /^(?:[/.~]|[A-Za-z]:[\\/])/.test(volume);
}

export function validateRunOptions(o: RunOptions): void {
  if (o.image.trim() === '' || /\s/.test(o.image)) throw new RunOptionsError(`"${o.image}" is not an image name. Write it as name:tag or an image id.`);
  if (o.name !== undefined && !NAME.test(o.name)) throw new RunOptionsError(`The container name "${o.name}" has characters Docker refuses: use letters, digits, _ . and -.`);
  for (const p of o.ports) if (!PORT.test(p)) throw new RunOptionsError(`The port "${p}" is not [ip:]hostPort:containerPort[/tcp|udp]. Example: 127.0.0.1:8080:80.`);
  for (const e of o.env) if (!ENV.test(e)) throw new RunOptionsError(`The environment entry "${e}" is not NAME=value.`);
  for (const v of o.volumes) if (!/^[^:]+:[^:]+(:[a-z,]+)?$/.test(v) && !/^[A-Za-z]:[\\/]/.test(v)) throw new RunOptionsError(`The volume "${v}" is not source:/path/in/container[:ro].`);
  if (o.restart !== undefined && !(RESTART_POLICIES as readonly string[]).includes(o.restart.replace(/:\d+$/, ''))) throw new RunOptionsError(`The restart policy "${o.restart}" is not one of ${RESTART_POLICIES.join(', ')}.`);
  if (o.remove && o.restart !== undefined && o.restart !== 'no') throw new RunOptionsError('A container removed when it exits (--rm) cannot also restart: choose one.');
}

export function runArgs(o: RunOptions): string[] {
  validateRunOptions(o);
  const args = ['run', ...(o.interactive ? ['--interactive', '--tty'] : ['--detach'])];
  if (o.name) args.push(`--name=${o.name}`);
  for (const p of o.ports) args.push(`--publish=${p}`);
  for (const e of o.env) args.push(`--env=${e}`);
  if (o.envFile) args.push(`--env-file=${o.envFile}`);
  for (const v of o.volumes) args.push(`--volume=${v}`);
  if (o.network) args.push(`--network=${o.network}`);
  if (o.restart) args.push(`--restart=${o.restart}`);
  if (o.remove) args.push('--rm');
  for (const l of o.labels) args.push(`--label=${l}`);
  return [...args, '--', o.image, ...o.command];
}
