/**
 * The extension host's side of the compose lint worker: one worker thread, one request at a time.
 * - A request that takes longer than `timeoutMs` ends the worker; that file gets a LintFailed and
 *   the next request starts a fresh worker. So does a worker that dies on an input.
 * - Only a worker that cannot start (it never says it is ready) makes lints WorkerUnavailable, so
 *   the caller lints in-process; a hostile input never moves the work into the extension host.
 * - The queue holds the newest request per file (an older one is LintSuperseded) and at most
 *   `maxQueued` files.
 * Pure: no vscode import.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { couldNotLint, type Finding } from '../findings';

export interface LintRequest {
  id: number;
  file: string;
  text: string;
  projectFiles: readonly string[];
  /** Set in an untrusted workspace: only paths inside these folders are read. */
  allowedRoots?: readonly string[] | undefined;
}

/** The worker's first message says it loaded; then one reply per request. */
export type LintReply = { ready: true } | { id: number; findings: Finding[] } | { id: number; error: string };

/** Beside this module: dist/ in the bundle, out/src/language/compose/ in tests. */
export const COMPOSE_LINT_WORKER = path.join(__dirname, 'composeLintWorker.js');

/** The worker could not start: lint in-process. */
export class WorkerUnavailable extends Error {}
/** The worker failed on this input (an error, a crash, too long): report it, never retry in-process. */
export class LintFailed extends Error {}
/** A newer request for the same file, or a full queue, replaced this one before it ran. */
export class LintSuperseded extends Error {}

export interface ComposeLintClientOptions {
  script?: string;
  /** Longer than any real file takes (1,000 services lint in about half a second). */
  timeoutMs?: number;
  maxQueued?: number;
}

interface Job {
  request: LintRequest;
  resolve: (findings: Finding[]) => void;
  reject: (error: Error) => void;
}

interface Running {
  worker: Worker;
  ready: boolean;
}

export class ComposeLintClient {
  private running: Running | undefined;
  private unavailable: Error | undefined;
  private current: { job: Job; timer: NodeJS.Timeout } | undefined;
  /** Waiting jobs by file, oldest first. */
  private readonly queue = new Map<string, Job>();
  private nextId = 1;
  private readonly script: string;
  private readonly timeoutMs: number;
  private readonly maxQueued: number;
  /** False once the worker cannot run: lints then run in the extension host. */
  get available(): boolean {
    return this.unavailable === undefined;
  }
  /** Workers started so far (a restart adds one). */
  started = 0;

  constructor(options: ComposeLintClientOptions = {}) {
    this.script = options.script ?? COMPOSE_LINT_WORKER;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxQueued = options.maxQueued ?? 256;
  }

  lint(file: string, text: string, projectFiles: readonly string[], allowedRoots?: readonly string[]): Promise<Finding[]> {
    if (this.unavailable) return Promise.reject(this.unavailable);
    return new Promise((resolve, reject) => {
      const job: Job = { request: { id: this.nextId++, file, text, projectFiles, allowedRoots }, resolve, reject };
      const older = this.queue.get(file);
      if (older) older.reject(new LintSuperseded(`a newer lint of ${file} replaced this one`));
      this.queue.set(file, job);
      if (this.queue.size > this.maxQueued) {
        const [oldest, dropped] = this.queue.entries().next().value as [string, Job];
        this.queue.delete(oldest);
        dropped.reject(new LintSuperseded(`more than ${this.maxQueued} files are waiting to be linted`));
      }
      this.pump();
    });
  }

  private pump(): void {
    if (this.current || this.unavailable || this.queue.size === 0) return;
    const running = this.running ?? this.start();
    if (!running.ready) return; // sent once the worker says it loaded
    const [file, job] = this.queue.entries().next().value as [string, Job];
    this.queue.delete(file);
    const timer = setTimeout(() => this.timedOut(running), this.timeoutMs);
    timer.unref();
    this.current = { job, timer };
    running.worker.postMessage(job.request);
  }

  private start(): Running {
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
    const running: Running = { worker, ready: false };
    this.running = running;
    this.started++;
    // An idle worker must not keep a process (a test run, the CLI) alive.
    worker.unref();
    worker.on('message', (reply: LintReply) => {
      if (this.running !== running) return;
      if ('ready' in reply) {
        running.ready = true;
      } else if (this.current?.job.request.id === reply.id) {
        const { job } = this.finish();
        if ('findings' in reply) job.resolve(reply.findings);
        else job.reject(new LintFailed(reply.error.split('\n')[0] ?? reply.error));
      }
      this.pump();
    });
    worker.on('error', (error) => this.died(running, error.message));
    worker.on('exit', (code) => this.died(running, `it exited with code ${code}`));
    return running;
  }

  private finish(): { job: Job } {
    const current = this.current!;
    clearTimeout(current.timer);
    this.current = undefined;
    return current;
  }

  private timedOut(running: Running): void {
    if (this.running !== running || !this.current) return;
    this.stop(running);
    this.finish().job.reject(new LintFailed(`it took longer than ${this.timeoutMs / 1000} s`));
    this.pump();
  }

  /** A worker that dies before it is ready cannot start; after that, the input it was on killed it. */
  private died(running: Running, reason: string): void {
    if (this.running !== running) return;
    this.running = undefined;
    if (!running.ready) {
      this.unavailable = new WorkerUnavailable(`the compose lint worker could not start: ${reason}`);
      for (const job of this.queue.values()) job.reject(this.unavailable);
      this.queue.clear();
      return;
    }
    if (this.current) this.finish().job.reject(new LintFailed(`the compose lint worker stopped on it: ${reason}`));
    this.pump();
  }

  private stop(running: Running): void {
    this.running = undefined;
    void running.worker.terminate();
  }

  dispose(): void {
    this.unavailable ??= new WorkerUnavailable('the compose lint worker was stopped');
    if (this.running) this.stop(this.running);
    if (this.current) this.finish().job.reject(this.unavailable);
    for (const job of this.queue.values()) job.reject(this.unavailable);
    this.queue.clear();
  }
}

/**
 * A lint through the worker as the editor wants it: in-process only when the worker cannot start;
 * an input the worker failed on gets one finding that says so.
 */
export async function lintOffThread(client: ComposeLintClient, request: Omit<LintRequest, 'id'>, inProcess: () => Finding[], onFallback?: (error: Error) => void): Promise<Finding[]> {
  try {
    return await client.lint(request.file, request.text, request.projectFiles, request.allowedRoots);
  } catch (error) {
    if (error instanceof WorkerUnavailable) {
      onFallback?.(error);
      return inProcess();
    }
    if (error instanceof LintFailed) return [couldNotLint(error.message)];
    throw error;
  }
}
