/**
 * A VS Code terminal driven by Berth: a Pseudoterminal over an exec session with a TTY. Keys go to
 * the exec, its output comes back, resizing the panel resizes the TTY, and the terminal closes
 * with the command's exit code.
 */
import * as vscode from 'vscode';
import type { EngineClient } from '../engine/client';
import { describeEngineFailure } from '../engine/errors';
import { ExecSession, type ExecOptions } from '../engine/exec';

/** How much output a terminal keeps for `transcript` (tests and "what did it print"), oldest dropped first. */
const TRANSCRIPT_LIMIT = 64 * 1024;

export class ExecPseudoterminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private session: ExecSession | undefined;
  /** Keys typed before the exec answered, sent once it does. */
  private pending = '';
  private size: vscode.TerminalDimensions | undefined;
  private transcriptText = '';
  private closed = false;
  private readonly exitEmitter = new vscode.EventEmitter<number | undefined>();
  /** Fires once with the command's exit code (undefined when unknown). */
  readonly onDidExit = this.exitEmitter.event;

  constructor(
    private readonly client: EngineClient,
    private readonly containerId: string,
    private readonly exec: Omit<ExecOptions, 'size'>,
  ) {}

  /** The terminal's size as VS Code last gave it. */
  get dimensions(): vscode.TerminalDimensions | undefined {
    return this.size;
  }

  /** The last 64 KB the command printed. */
  get transcript(): string {
    return this.transcriptText;
  }

  open(initialDimensions: vscode.TerminalDimensions | undefined): void {
    this.size = initialDimensions ?? this.size;
    const size = this.size ? { columns: this.size.columns, rows: this.size.rows } : undefined;
    ExecSession.start(this.client, this.containerId, { ...this.exec, ...(size ? { size } : {}) }).then(
      (session) => this.attach(session),
      (error: unknown) => {
        this.print(`\x1b[31m${describeEngineFailure(error)}\x1b[0m\r\n`);
        this.end(1);
      },
    );
  }

  private attach(session: ExecSession): void {
    if (this.closed) {
      session.close();
      return;
    }
    this.session = session;
    session.onData((text) => this.print(text));
    session.onExit((code) => this.end(code));
    if (this.size) void session.resize(this.size.columns, this.size.rows);
    if (this.pending) session.write(this.pending);
    this.pending = '';
  }

  handleInput(data: string): void {
    if (this.session) this.session.write(data);
    else this.pending += data;
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.size = dimensions;
    void this.session?.resize(dimensions.columns, dimensions.rows);
  }

  /** The user closed the terminal: hang up, which ends an interactive shell. */
  close(): void {
    this.closed = true;
    this.session?.close();
  }

  private print(text: string): void {
    this.transcriptText = (this.transcriptText + text).slice(-TRANSCRIPT_LIMIT);
    this.writeEmitter.fire(text);
  }

  private end(code: number | undefined): void {
    this.exitEmitter.fire(code);
    if (!this.closed) this.closeEmitter.fire(code ?? undefined);
    this.closed = true;
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
    this.exitEmitter.dispose();
  }
}

/** Opens a terminal over an exec; returns it with its pseudoterminal (whose transcript tests read). */
export function openExecTerminal(
  client: EngineClient,
  container: { id: string; name: string },
  exec: Omit<ExecOptions, 'size'>,
  title: string,
): { terminal: vscode.Terminal; pty: ExecPseudoterminal } {
  const pty = new ExecPseudoterminal(client, container.id, exec);
  const terminal = vscode.window.createTerminal({ name: `${container.name}: ${title}`, pty, iconPath: new vscode.ThemeIcon('vm') });
  terminal.show();
  return { terminal, pty };
}
