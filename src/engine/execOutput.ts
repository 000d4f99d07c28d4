/**
 * Runs one command in a container without a TTY and collects what it prints: the file browser's
 * listing, delete and rename. The command is an argv array, so no shell ever reads a path.
 * Output is capped: a command that prints more is cut off and reported as too large. Pure.
 */
import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import type { EngineClient, RequestOptions } from './client';

export interface ExecResult {
  /** Undefined when the engine could not say (the container went away). */
  exitCode: number | undefined;
  stdout: Buffer;
  stderr: string;
  /** stdout passed the cap and was cut off. */
  truncated: boolean;
}

/**
 * Splits the engine's multiplexed stream (an 8-byte header per frame: stream 1 or 2, then the
 * length) into stdout and stderr, keeping at most `maxBytes` of stdout.
 */
export class ExecDemuxer {
  private pending: Buffer = Buffer.alloc(0);
  private readonly out: Buffer[] = [];
  private outBytes = 0;
  private readonly err: Buffer[] = [];
  private errBytes = 0;
  truncated = false;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 8) {
      const length = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + length) return;
      const frame = this.pending.subarray(8, 8 + length);
      if (this.pending[0] === 2) {
        if (this.errBytes < 64 * 1024) this.err.push(frame);
        this.errBytes += frame.length;
      } else if (this.outBytes + frame.length > this.maxBytes) {
        this.truncated = true;
      } else {
        this.out.push(frame);
        this.outBytes += frame.length;
      }
      this.pending = this.pending.subarray(8 + length);
    }
  }

  get stdout(): Buffer {
    return Buffer.concat(this.out);
  }

  get stderr(): string {
    return Buffer.concat(this.err).toString('utf8');
  }
}

/** Runs `cmd` (argv, no shell) and resolves when it ends, or rejects on an engine failure (a stopped container: 409). */
export async function execCollect(client: EngineClient, containerId: string, cmd: readonly string[], maxBytes: number, options?: RequestOptions): Promise<ExecResult> {
  return client.request(`Run ${cmd[0] ?? ''} in container`, async (d, abortSignal) => {
    const exec = await d.getContainer(containerId).exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true, Tty: false, abortSignal } as Dockerode.ExecCreateOptions);
    const stream = (await exec.start({ hijack: true, stdin: false, Tty: false, abortSignal } as Dockerode.ExecStartOptions)) as Duplex;
    const demux = new ExecDemuxer(maxBytes);
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => {
        demux.push(chunk);
        // Past the cap nothing more is kept: end the connection rather than read on.
        if (demux.truncated) stream.destroy();
      });
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', (error) => (demux.truncated ? resolve() : reject(error)));
      abortSignal.addEventListener('abort', () => stream.destroy(new Error('aborted')), { once: true });
    });
    let exitCode: number | undefined;
    for (let attempt = 0; attempt < 40 && !demux.truncated; attempt++) {
      const info = await exec.inspect({ abortSignal } as object);
      if (!info.Running) {
        exitCode = typeof info.ExitCode === 'number' ? info.ExitCode : undefined;
        break;
      }
      // The engine records the exit code a moment after the stream ends.
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return { exitCode, stdout: demux.stdout, stderr: demux.stderr, truncated: demux.truncated };
  }, options);
}
