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
import type { HistoryRow } from './historyLines';
import type { LayerSource } from '../explorer/images/imagesModel';
import { layerSources, openLayerLine } from './layerSources';
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
    this.memory = new BuildMemory(workspaceState);
    this.runner = new BuildRunner(session, log, this.memory);
    this.disposables = [this.runner, ...registerBuildCodeLens(), ...registerBuildTasks(this.runner)];
  }

  /** For the Images view: the Dockerfile line that made each history row, for images Berth built. */
  layerSources(imageId: string, rows: readonly HistoryRow[]): (LayerSource | undefined)[] | undefined {
    return layerSources(this.memory.imageSource(imageId), rows);
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
  [Commands.openLayerLine]: openLayerLine,
} satisfies Record<string, CommandHandler>;
