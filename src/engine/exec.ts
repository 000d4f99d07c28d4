/**
 * Commands inside a container over the Engine API's exec endpoints, with a TTY: what "Attach Shell"
 * and "Run Command…" drive. Only the API is used, so it works the same on tcp:// and ssh:// engines
 * where no docker CLI exists. Pure: the VS Code terminal that shows it lives in src/shell/.
 */
import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import type { EngineClient, RequestOptions } from './client';
import { Emitter } from './emitter';
import { EngineError } from './errors';

/** Where Berth looks for a shell, best first. */
export const SHELL_CANDIDATES = ['/bin/bash', '/usr/bin/bash', '/bin/sh', '/usr/bin/sh'] as const;

export interface ExecOptions {
  cmd: readonly string[];
  /** `user`, `user:group`, `uid` or `uid:gid`; empty means the container's own user. */
  user?: string;
  /** Absolute path inside the container; empty means the container's working directory. */
  workingDir?: string;
  /** Initial terminal size, applied as soon as the exec runs. */
  size?: { columns: number; rows: number };
}

/**
 * The first shell of SHELL_CANDIDATES that exists in the container, read with the archive API's stat
 * (no exec needed, so it also works where no shell exists); undefined when none does.
 */
export async function findShell(client: EngineClient, containerId: string, options?: RequestOptions): Promise<string | undefined> {
  for (const path of SHELL_CANDIDATES) {
    const found = await client.request(`Look for ${path}`, async (d, abortSignal) => {
      try {
        await d.getContainer(containerId).infoArchive({ path, abortSignal } as unknown as { path: string });
        return true;
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return false;
        throw error;
      }
    }, options);
    if (found) return path;
  }
  return undefined;
}

/** A running exec with a TTY: bytes in, bytes out, resize, and its exit code at the end. */
export class ExecSession {
  private readonly dataEmitter = new Emitter<string>();
  private readonly exitEmitter = new Emitter<number | undefined>();
  /** Output as UTF-8 text, split safely across multi-byte characters. */
  readonly onData = this.dataEmitter.event;
  /** The command's exit code; undefined when the engine could not say (the container went away). */
  readonly onExit = this.exitEmitter.event;
  private exited = false;
  private readonly decoder = new TextDecoder('utf-8');

  private constructor(
    private readonly client: EngineClient,
    private readonly exec: Dockerode.Exec,
    private readonly stream: Duplex,
  ) {
    stream.on('data', (chunk: Buffer) => this.dataEmitter.fire(this.decoder.decode(chunk, { stream: true })));
    stream.on('error', () => stream.destroy());
    stream.on('close', () => void this.finish());
  }

  /** Creates and starts the exec; resolves once the engine has hijacked the connection. */
  static async start(client: EngineClient, containerId: string, options: ExecOptions, request?: RequestOptions): Promise<ExecSession> {
    if (options.cmd.length === 0) throw new EngineError('engine', 'No command to run.', 'Type a command, for example: ls -l /');
    const { exec, stream } = await client.request('Run in container', async (d, abortSignal) => {
      const created = await d.getContainer(containerId).exec({
        Cmd: [...options.cmd],
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
        // Most shells and tools expect a terminal type; the engine sets none for exec.
        Env: ['TERM=xterm-256color'],
        ...(options.user ? { User: options.user } : {}),
        ...(options.workingDir ? { WorkingDir: options.workingDir } : {}),
        abortSignal,
      } as Dockerode.ExecCreateOptions);
      const hijacked = (await created.start({ hijack: true, stdin: true, Tty: true, abortSignal } as Dockerode.ExecStartOptions)) as Duplex;
      return { exec: created, stream: hijacked };
    }, request);
    const session = new ExecSession(client, exec, stream);
    if (options.size) void session.resize(options.size.columns, options.size.rows);
    return session;
  }

  get id(): string {
    return this.exec.id;
  }

  /** Sends what the user typed. */
  write(text: string): void {
    if (!this.exited && this.stream.writable) this.stream.write(text);
  }

  /** Resizes the exec's TTY; a failure (the exec just ended) is not worth a message. */
  async resize(columns: number, rows: number): Promise<void> {
    if (this.exited || columns <= 0 || rows <= 0) return;
    try {
      await this.client.request('Resize terminal', (_d, abortSignal) => this.exec.resize({ h: rows, w: columns, abortSignal } as { h: number; w: number }));
    } catch {
      // The exec may have ended between the resize and the engine; its exit is reported by onExit.
    }
  }

  /** Ends the connection; the command keeps running only if it ignores the hang-up. */
  close(): void {
    this.stream.destroy();
  }

  /**
   * The engine records the exit code a moment after the stream ends, so a few quick reads may
   * still say "running"; a closed connection with the command still running has no code.
   */
  private async exitCode(): Promise<number | undefined> {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const info = await this.client.request('Read exit code', (_d, abortSignal) => this.exec.inspect({ abortSignal } as object));
        if (!info.Running) return typeof info.ExitCode === 'number' ? info.ExitCode : undefined;
      } catch {
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return undefined;
  }

  private async finish(): Promise<void> {
    if (this.exited) return;
    this.exited = true;
    const tail = this.decoder.decode();
    if (tail) this.dataEmitter.fire(tail);
    this.exitEmitter.fire(await this.exitCode());
    this.dataEmitter.dispose();
    this.exitEmitter.dispose();
  }
}
