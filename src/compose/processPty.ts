/**
 * A pseudoterminal that runs one process from an argument array: no shell, and nothing in between
 * that expands `${…}` (as VS Code does in a ProcessExecution task's command, args and cwd). It shows
 * the process's output and keeps the last part of it, so Berth can say why Compose failed.
 * Pure: only vscode's types, so it is tested in plain Node with real processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type * as vscode from 'vscode';

/** How a process ended: its exit code (1 when a signal ended it) and the tail of its output. */
export interface ProcessResult {
  code: number;
  output: string;
}

/** Output kept for messages: enough for Compose's last lines, bounded whatever the process prints. */
const KEPT_OUTPUT_CHARS = 64 * 1024;
const CTRL_C = '\x03';
/** Output held for a terminal that has not opened yet: a cached build prints a few KiB. */
const EARLY_OUTPUT_CHARS = 1024 * 1024;
/**
 * A stopped process gets this long to end after SIGTERM before SIGKILL. The docker CLI answers
 * SIGTERM during a BuildKit build by asking the daemon to cancel and waiting for it, which a busy
 * daemon may not do for a long while; killed, the CLI drops its session and the daemon cancels.
 */
export const KILL_AFTER_MS = 3000;

/** The smallest `vscode.Event`: listeners in a set, disposable. */
class Emitter<T> {
  private readonly listeners = new Set<(value: T) => unknown>();
  readonly event: vscode.Event<T> = (listener, thisArgs?: unknown) => {
    const bound = (value: T): unknown => listener.call(thisArgs, value);
    this.listeners.add(bound);
    return { dispose: () => this.listeners.delete(bound) };
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
}

export class ProcessPty implements vscode.Pseudoterminal {
  private readonly writes = new Emitter<string>();
  private readonly closes = new Emitter<number>();
  readonly onDidWrite = this.writes.event;
  readonly onDidClose = this.closes.event;
  private readonly outputs = new Emitter<string>();
  /** The process's output as it arrives, also before a terminal shows it (for readers such as a progress parser). */
  readonly onDidOutput = this.outputs.event;
  private child: ChildProcess | undefined;
  /** VS Code ignores writes before open(): output of a process started early waits here (bounded). */
  private opened = false;
  private early = '';
  private kept = '';
  private settle: (result: ProcessResult) => void = () => undefined;
  /** Resolves when the process has ended (or could not start); never rejects. */
  readonly exited: Promise<ProcessResult> = new Promise((resolve) => (this.settle = resolve));
  private result: ProcessResult | undefined;
  private stopping: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly cwd: string,
    /** The process's environment; the extension host's own when undefined. */
    private readonly env?: NodeJS.ProcessEnv,
  ) {}

  /** The result once the process has ended, else undefined. */
  get ended(): ProcessResult | undefined {
    return this.result;
  }

  /** Shows what a process started early has printed so far, and starts it unless start() did. */
  open(): void {
    this.opened = true;
    if (this.early !== '') this.writes.fire(this.early);
    this.early = '';
    if (this.result) this.closes.fire(this.result.code);
    else this.start();
  }

  /**
   * Starts the process now, before VS Code has made the terminal (a round trip to the window that
   * would otherwise delay every run); its output is shown when the terminal opens.
   */
  start(): void {
    if (this.child || this.result) return;
    const child = spawn(this.command, [...this.args], { cwd: this.cwd, ...(this.env ? { env: this.env } : {}), shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      const decoder = new StringDecoder('utf8');
      stream.on('data', (chunk: Buffer) => this.show(decoder.write(chunk)));
      stream.on('end', () => this.show(decoder.end()));
    }
    child.on('error', (error) => {
      this.show(`${this.command}: ${error.message}\n`);
      this.finish(127);
    });
    child.on('close', (code, signal) => this.finish(code ?? (signal ? 1 : 0)));
  }

  /** Ctrl+C in the terminal stops the process, as in a shell. */
  handleInput(data: string): void {
    if (data.includes(CTRL_C)) this.child?.kill('SIGINT');
  }

  /** The terminal was closed or the task terminated: stop the process. */
  close(): void {
    if (this.result) return;
    const child = this.child;
    if (!child) return this.finish(1);
    if (this.stopping) return;
    child.kill('SIGTERM');
    this.stopping = setTimeout(() => {
      if (!this.result) child.kill('SIGKILL');
    }, KILL_AFTER_MS);
  }

  private show(text: string): void {
    if (text === '') return;
    this.kept = (this.kept + text).slice(-KEPT_OUTPUT_CHARS);
    this.outputs.fire(text);
    const terminalText = text.replace(/\r?\n/g, '\r\n');
    if (this.opened) this.writes.fire(terminalText);
    else this.early = (this.early + terminalText).slice(-EARLY_OUTPUT_CHARS);
  }

  private finish(code: number): void {
    if (this.result) return;
    clearTimeout(this.stopping);
    this.result = { code, output: this.kept };
    this.settle(this.result);
    if (this.opened) this.closes.fire(code);
  }
}

/** The last non-empty lines of a process's output, for a message. */
export function lastLines(output: string, count = 3): string {
  return output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(-count)
    .join(' ');
}
