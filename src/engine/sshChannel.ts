/**
 * One HTTP connection to an ssh:// engine: a child `ssh … docker system dial-stdio` whose stdin
 * and stdout carry the bytes, shaped as the socket an http.Agent expects (keep-alive included).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Duplex } from 'node:stream';

/** Enough of ssh's stderr to explain a failure; ssh -v of a refused login is a few KiB. */
const STDERR_KEPT = 64 * 1024;

export interface SshExit {
  code: number | null;
  stderr: string;
  /** What came back instead of HTTP, when the remote side was not the engine (a login shell that refuses, a chatty .bashrc). */
  notHttp?: string;
}

/** Every answer of the engine starts so; anything else on the channel is not the engine talking. */
const HTTP_START = Buffer.from('HTTP/');
/** How long a channel that printed something else gets to exit by itself, so its exit can explain. */
const NOT_HTTP_GRACE_MS = 1000;

/** Keeps the end of a stream of text, never more than `limit` characters. */
export class TextTail {
  private text = '';
  constructor(private readonly limit = STDERR_KEPT) {}
  add(chunk: Buffer | string): void {
    this.text += chunk.toString();
    if (this.text.length > this.limit) this.text = this.text.slice(-this.limit);
  }
  toString(): string {
    return this.text;
  }
}

/** Runs ssh to its end (no stdin, no stdout) and returns its exit code and stderr; `timeoutMs` kills a hung one. */
export function runSsh(args: readonly string[], timeoutMs: number): Promise<SshExit> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', [...args], { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
    const stderr = new TextTail();
    let settled = false;
    const finish = (code: number | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stderr.destroy();
      resolve({ code, stderr: stderr.toString() });
    };
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk));
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    });
    // `close` waits for stderr too; a master that went to the background must not keep us waiting on it.
    child.on('exit', (code) => setTimeout(() => finish(code), 1000).unref());
    child.on('close', (code) => finish(code));
  });
}

type Handle = { ref?: () => void; unref?: () => void };

/** A Duplex over one ssh child; `explain` turns how ssh ended into the error the request fails with. */
export class SshChannel extends Duplex {
  private readonly child: ChildProcess;
  private readonly stderr = new TextTail();
  private idleTimer: NodeJS.Timeout | undefined;
  /** The first bytes, held back until they show whether the engine answers. */
  private head: Buffer | undefined = Buffer.alloc(0);
  private notHttp: string | undefined;
  /** Read by http.Agent, which sets the idle timeout of pooled connections. */
  timeout = 0;

  constructor(args: readonly string[], explain: (exit: SshExit) => Promise<Error>, onSpawnError: (error: unknown) => Error) {
    // As a net.Socket: when the engine ends the connection, this side ends too and 'close' follows
    // (a hijacked exec stream waits for it).
    super({ allowHalfOpen: false });
    const child = spawn('ssh', [...args], { stdio: 'pipe', windowsHide: true });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => {
      this.touch();
      const data = this.checkHead(chunk);
      if (data && !this.push(data)) child.stdout!.pause();
    });
    child.stderr!.on('data', (chunk: Buffer) => this.stderr.add(chunk));
    // Writing to an ssh that already exited fails with EPIPE; its exit says why, below.
    child.stdin!.on('error', () => undefined);
    child.on('error', (error) => this.destroy(onSpawnError(error)));
    child.on('close', (code, signal) => {
      if (this.destroyed) return;
      if (code === 0 && signal === null && this.notHttp === undefined) {
        this.push(null);
        return;
      }
      const notHttp = this.notHttp ?? (this.head && this.head.length > 0 ? this.head.toString() : undefined);
      void explain({ code, stderr: this.stderr.toString(), ...(notHttp !== undefined ? { notHttp } : {}) }).then((error) => this.destroy(error));
    });
  }

  /** Passes the engine's bytes on; holds back the first ones until they show HTTP, and stops the channel if they do not. */
  private checkHead(chunk: Buffer): Buffer | undefined {
    if (this.notHttp !== undefined) return undefined;
    if (!this.head) return chunk;
    const head = Buffer.concat([this.head, chunk]);
    const compared = Math.min(head.length, HTTP_START.length);
    if (head.subarray(0, compared).equals(HTTP_START.subarray(0, compared))) {
      if (head.length < HTTP_START.length) {
        this.head = head;
        return undefined;
      }
      this.head = undefined;
      return head;
    }
    this.notHttp = head.subarray(0, 400).toString();
    this.head = undefined;
    setTimeout(() => this.child.kill(), NOT_HTTP_GRACE_MS).unref();
    return undefined;
  }

  override _read(): void {
    this.child.stdout?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.touch();
    if (this.child.stdin?.write(chunk) === false) this.child.stdin.once('drain', () => done());
    else done();
  }

  override _final(done: (error?: Error | null) => void): void {
    this.child.stdin?.end();
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    clearTimeout(this.idleTimer);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    done(error);
  }

  // What http.Agent calls on a net.Socket.
  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setTimeout(ms: number, onTimeout?: () => void): this {
    this.timeout = ms;
    if (onTimeout) this.once('timeout', onTimeout);
    this.touch();
    return this;
  }

  ref(): this {
    for (const h of this.handles()) h.ref?.();
    return this;
  }

  unref(): this {
    for (const h of this.handles()) h.unref?.();
    return this;
  }

  private handles(): Handle[] {
    return [this.child as Handle, this.child.stdin as Handle, this.child.stdout as Handle, this.child.stderr as Handle];
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = this.timeout > 0 ? setTimeout(() => this.emit('timeout'), this.timeout) : undefined;
    this.idleTimer?.unref();
  }
}
