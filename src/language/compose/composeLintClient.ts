/**
 * The extension host's side of the compose lint worker: one worker, started on the first lint,
 * answering requests in order. When the worker cannot start or dies, every pending and later lint
 * is refused, and the caller lints in-process instead. Pure: no vscode import.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Finding } from '../findings';

export interface LintRequest {
  id: number;
  file: string;
  text: string;
  projectFiles: readonly string[];
}

export type LintReply = { id: number; findings: Finding[] } | { id: number; error: string };

/** Beside this module: dist/ in the bundle, out/src/language/compose/ in tests. */
export const COMPOSE_LINT_WORKER = path.join(__dirname, 'composeLintWorker.js');

export class ComposeLintClient {
  private worker: Worker | undefined;
  private broken: Error | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (f: Finding[]) => void; reject: (e: Error) => void }>();

  constructor(private readonly script = COMPOSE_LINT_WORKER) {}

  lint(file: string, text: string, projectFiles: readonly string[]): Promise<Finding[]> {
    if (this.broken) return Promise.reject(this.broken);
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, file, text, projectFiles } satisfies LintRequest);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    // An idle worker must not keep a process (a test run, the CLI) alive.
    worker.unref();
    worker.on('message', (reply: LintReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('findings' in reply) waiter?.resolve(reply.findings);
      else waiter?.reject(new Error(`the compose lint worker failed: ${reply.error}`));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the compose lint worker exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private fail(error: Error): void {
    this.broken ??= error;
    this.worker = undefined;
    for (const waiter of this.waiting.values()) waiter.reject(this.broken);
    this.waiting.clear();
  }

  dispose(): void {
    const worker = this.worker;
    this.broken ??= new Error('the compose lint worker was stopped');
    this.worker = undefined;
    void worker?.terminate();
  }
}
