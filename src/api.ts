/** What activate() returns: a small, stable surface for tests, benchmarks and other extensions. */
import type * as vscode from 'vscode';
import type { EngineClient } from './engine/client';
import type { EngineState } from './engine/engineConnection';
import type { ContainersTree } from './explorer/containers/containersTree';
import type { Explorer, LiveViewId } from './explorer/explorer';
import type { LiveView } from './explorer/shared/liveView';
import type { TreeNode } from './explorer/shared/treeModel';
import type { EngineSession } from './engineSession';
import type { FilesTree } from './files/filesTree';
import type { ComposeLintCounts } from './language/compose/composeLanguage';
import type { StatsPanels } from './stats/statsPanels';

export interface BerthApi {
  engineState(): { kind: EngineState['kind']; message?: string };
  readonly onDidChangeEngineState: vscode.Event<{ kind: EngineState['kind']; message?: string }>;
  readonly containersTree: ContainersTree;
  /** Any sidebar view by its id (`berth.networks`, …). */
  view(id: LiveViewId): LiveView<unknown, TreeNode>;
  /** The current engine's client, when connected (benchmarks compare Berth's work with the engine's). */
  engineClient(): EngineClient | undefined;
  /** How long activate() took, in milliseconds (for the benchmark). */
  readonly activationMs: number;
  /** How many compose lints ran on the worker thread, and in the extension host because it could not. */
  readonly composeLints: Readonly<ComposeLintCounts>;
  /** The stats panel, when one is open: its controller (messages posted, open streams) and the webview panel. */
  readonly stats: Pick<StatsPanels, 'current'>;
  /** The Files view's rows (opened containers and volumes). */
  readonly filesTree: Pick<FilesTree, 'getChildren' | 'getTreeItem'>;
}

function summarize(state: EngineState): { kind: EngineState['kind']; message?: string } {
  return state.kind === 'connecting' || state.kind === 'connected' ? { kind: state.kind } : { kind: state.kind, message: state.error.userMessage };
}

export function createApi(session: EngineSession, explorer: Explorer, activationMs: () => number, composeLints: ComposeLintCounts, stats: StatsPanels, filesTree: FilesTree): BerthApi {
  return {
    engineState: () => summarize(session.state),
    onDidChangeEngineState: (listener, thisArgs, disposables) => session.onDidChangeState((s) => listener.call(thisArgs, summarize(s)), undefined, disposables),
    containersTree: explorer.containers,
    view: (id) => explorer.view(id),
    engineClient: () => session.connection?.client,
    get activationMs() {
      return activationMs();
    },
    composeLints,
    stats,
    filesTree,
  };
}
