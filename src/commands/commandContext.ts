/** What command handlers get: passed explicitly, no global service object. */
import type * as vscode from 'vscode';
import type { ComposeRunner } from '../compose/composeRunner';
import type { EngineSession } from '../engineSession';
import type { ContainersTree } from '../explorer/containers/containersTree';
import type { InspectDocuments } from '../inspect/inspectDocuments';

export interface CommandContext {
  session: EngineSession;
  containers: ContainersTree;
  log: vscode.LogOutputChannel;
  compose: ComposeRunner;
  inspectDocuments: InspectDocuments;
}

/** A handler serves the context menu `(node)`, multi-select `(node, nodes)` and the palette `()`. */
export type CommandHandler = (ctx: CommandContext, ...args: unknown[]) => unknown;
