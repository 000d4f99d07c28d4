/**
 * Building and running images: what the commands share (the runner with its diagnostics and the
 * per-Dockerfile memory), the code lens and the task types. extension.ts makes one and puts it in the command context.
 */
import type * as vscode from 'vscode';
import type { CommandHandler } from '../commands/commandContext';
import type { EngineSession } from '../engineSession';
import { Commands } from '../ids';
import { buildImage } from './buildImage';
import { BuildMemory } from './buildMemory';
import { BuildRunner } from './buildRunner';
import { registerBuildCodeLens } from './buildCodeLens';
import { registerBuildTasks } from './buildTasks';
import { runImage } from './runImage';

export class BuildFeature implements vscode.Disposable {
  readonly runner: BuildRunner;
  readonly memory: BuildMemory;
  private readonly disposables: vscode.Disposable[];

  constructor(
    session: EngineSession,
    log: vscode.LogOutputChannel,
    workspaceState: vscode.Memento,
  ) {
    this.runner = new BuildRunner(session, log);
    this.memory = new BuildMemory(workspaceState);
    this.disposables = [this.runner, ...registerBuildCodeLens(), ...registerBuildTasks(this.runner)];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The build and run commands, spread into the one registration table. */
export const buildHandlers = {
  [Commands.buildImage]: buildImage,
  [Commands.buildStage]: buildImage,
  [Commands.runImage]: runImage,
} satisfies Record<string, CommandHandler>;
