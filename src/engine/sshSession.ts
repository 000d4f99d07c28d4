/**
 * An ssh:// engine, reached as the docker CLI reaches one: the system `ssh` runs
 * `docker system dial-stdio` on the host and its stdin/stdout carry the HTTP. So ssh itself
 * checks the host key against known_hosts, reads ~/.ssh/config and offers the user's keys only
 * to a host it verified. BatchMode: ssh never prompts (there is no terminal in the extension host).
 * Arguments are an array with `--` before the host: no shell, and no host read as an option.
 *
 * One session per engine: the first connection starts an ssh master (ControlMaster) whose
 * control socket sits in a private temporary folder, and every HTTP connection is a channel in
 * that session: one TCP connection, one login, one host key check. The master ends
 * ControlPersist seconds after its last channel, so a crashed editor leaves nothing running for
 * long. HTTP connections are kept alive and reused, so a burst of requests starts no process
 * each. Windows' OpenSSH has no ControlMaster: there each HTTP connection is its own ssh.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, type AgentOptions } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import type { EngineEndpoint } from './endpoint';
import { EngineError, classifySshFailure, sshHostKeyProblem, sshMissingError } from './errors';
import { SshChannel, runSsh, type SshExit } from './sshChannel';

export interface SshTarget {
  host: string;
  /** Only when the docker host named one; otherwise ~/.ssh/config decides. */
  port?: number;
  user?: string;
}

export function sshTarget(endpoint: EngineEndpoint): SshTarget {
  return {
    host: endpoint.hostname ?? '',
    ...(endpoint.portGiven && endpoint.port ? { port: endpoint.port } : {}),
    ...(endpoint.username ? { user: endpoint.username } : {}),
  };
}

/** ssh's arguments: never-prompt options, the caller's, then `--`, the host and the remote command. */
export function sshArgs(target: SshTarget, options: readonly string[], command: readonly string[] = []): string[] {
  return [
    '-o', 'BatchMode=yes',
    '-o', 'ConnectTimeout=30',
    ...(target.user ? ['-l', target.user] : []),
    ...(target.port ? ['-p', String(target.port)] : []),
    ...options,
    '--', target.host,
    ...command,
  ];
}

/** What a person types to reach the host by hand (shown in messages, never run). */
export function sshCommandLine(target: SshTarget): string {
  return `ssh ${target.port ? `-p ${target.port} ` : ''}${target.user ? `${target.user}@` : ''}${target.host}`;
}

const DIAL_STDIO = ['docker', 'system', 'dial-stdio'];
/** How long the master outlives its last channel. */
const CONTROL_PERSIST_S = 60;
/** A pooled HTTP connection (one ssh channel) idle this long is closed. */
const IDLE_CHANNEL_MS = 30_000;
const MASTER_START_TIMEOUT_MS = 60_000;
const PROBE_TIMEOUT_MS = 15_000;
const STOP_MASTER_TIMEOUT_MS = 3_000;
/** Unix socket paths are limited to about 104 bytes. */
const MAX_CONTROL_PATH = 100;

/** ssh expands `%` tokens in ControlPath and splits an option's value at spaces unless quoted. */
function controlPathOption(controlPath: string): string {
  const escaped = controlPath.replace(/%/g, '%%');
  return `ControlPath=${/\s/.test(escaped) ? `"${escaped}"` : escaped}`;
}

type CreateConnection = (options: object, done: (error: Error | null, socket?: Duplex) => void) => Duplex | undefined;

export class SshSession {
  readonly agent: Agent;
  private readonly target: SshTarget;
  private folder: string | undefined;
  private starting: Promise<void> | undefined;
  private disposed = false;

  constructor(
    private readonly endpoint: EngineEndpoint,
    private readonly multiplex = process.platform !== 'win32',
  ) {
    this.target = sshTarget(endpoint);
    const options: AgentOptions = { keepAlive: true, maxFreeSockets: 2, timeout: IDLE_CHANNEL_MS };
    const agent = new Agent(options);
    (agent as unknown as { createConnection: CreateConnection }).createConnection = (_options, done) => {
      this.open().then(
        () => done(null, this.channel()),
        (error: Error) => done(error),
      );
      return undefined;
    };
    this.agent = agent;
  }

  private get controlPath(): string | undefined {
    return this.folder ? path.join(this.folder, 'control') : undefined;
  }

  /** ControlMaster options; none when this platform's ssh cannot multiplex. */
  private muxOptions(master: 'yes' | 'auto'): string[] {
    const controlPath = this.controlPath;
    if (!controlPath) return [];
    return ['-o', `ControlMaster=${master}`, '-o', controlPathOption(controlPath), '-o', `ControlPersist=${CONTROL_PERSIST_S}`];
  }

  /** Resolves once a master is up; concurrent first requests wait for the one master instead of racing to start their own. */
  private open(): Promise<void> {
    if (this.disposed) return Promise.reject(new EngineError('cancelled', 'The connection was closed.', ''));
    if (!this.multiplex) return Promise.resolve();
    if (this.starting) return this.starting;
    const controlPath = this.controlPath;
    // A master that died leaves no socket (or a stale one, which ssh's ControlMaster=auto replaces).
    if (controlPath && existsSync(controlPath)) return Promise.resolve();
    this.starting = this.startMaster().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async startMaster(): Promise<void> {
    if (!this.folder) {
      // mkdtemp makes the folder private (0700): nobody else can reach the session through its socket.
      // mkdtemp adds six random characters to the prefix: measure the longest path the socket gets.
      const longest = path.join(tmpdir(), `berth-ssh-${'r'.repeat(6)}`, 'control');
      const base = longest.length <= MAX_CONTROL_PATH ? tmpdir() : '/tmp';
      this.folder = mkdtempSync(path.join(base, 'berth-ssh-'));
    }
    let exit: SshExit;
    try {
      exit = await runSsh(sshArgs(this.target, [...this.muxOptions('yes'), '-o', 'ServerAliveInterval=15', '-N', '-f']), MASTER_START_TIMEOUT_MS);
    } catch (error) {
      throw sshMissingError(error, this.endpoint);
    }
    if (exit.code !== 0) throw await this.explain(exit);
  }

  private channel(): SshChannel {
    return new SshChannel(
      sshArgs(this.target, [...this.muxOptions('auto'), '-T'], DIAL_STDIO),
      (exit) => this.explain(exit),
      (error) => sshMissingError(error, this.endpoint),
    );
  }

  private async explain(exit: SshExit): Promise<EngineError> {
    const presentedKey = sshHostKeyProblem(exit.stderr) === 'unknown' ? await this.presentedKey() : undefined;
    return classifySshFailure(
      { ...exit, exitCode: exit.code, sshCommand: sshCommandLine(this.target), ...(presentedKey ? { presentedKey } : {}) },
      this.endpoint,
    );
  }

  /** ssh does not name a key it refuses as unknown; a verbose try that stops at the same check shows it. */
  private async presentedKey(): Promise<string | undefined> {
    try {
      const probe = await runSsh(sshArgs(this.target, ['-v', '-o', 'ControlPath=none'], ['true']), PROBE_TIMEOUT_MS);
      return /Server host key: (\S+ (?:SHA256|MD5):\S+)/.exec(probe.stderr)?.[1];
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.agent.destroy();
    const folder = this.folder;
    const controlPath = this.controlPath;
    if (!folder || !controlPath) return;
    // Synchronous (a local socket, milliseconds): dispose often runs just before the process
    // exits, and the master and its folder must not outlive it.
    if (existsSync(controlPath)) {
      spawnSync('ssh', sshArgs(this.target, ['-o', controlPathOption(controlPath), '-O', 'exit']), { stdio: 'ignore', timeout: STOP_MASTER_TIMEOUT_MS, windowsHide: true });
    }
    rmSync(folder, { recursive: true, force: true });
  }
}
