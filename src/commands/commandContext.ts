/** What command handlers get: passed explicitly, no global service object. */
import type * as vscode from 'vscode';
import type { BuildFeature } from '../build/buildFeature';
import type { ComposeRunner } from '../compose/composeRunner';
import type { EngineSession } from '../engineSession';
import type { FilesFeature } from '../files/filesFeature';
import type { Explorer } from '../explorer/explorer';
import type { InspectDocuments } from '../inspect/inspectDocuments';
import type { StatsShow } from '../stats/statsPanels';

export interface CommandContext {
  session: EngineSession;
  /** The sidebar's views, by view id. */
  explorer: Explorer;
  log: vscode.LogOutputChannel;
  compose: ComposeRunner;
  inspectDocuments: InspectDocuments;
  stats: StatsShow;
  build: BuildFeature;
  files: FilesFeature;
}

/** A handler serves the context menu `(node)`, multi-select `(node, nodes)` and the palette `()`. */
export type CommandHandler = (ctx: CommandContext, ...args: unknown[]) => unknown;
