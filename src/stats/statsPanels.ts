/**
 * Owns the one stats panel: "Show Stats" reveals it with a new target, and after a window reload
 * VS Code hands the panel back (with what its webview kept via setState) to be restored.
 */
import * as vscode from 'vscode';
import type { EngineSession } from '../engineSession';
import { WebviewPanels } from '../ids';
import { parsePersistedState } from '../shared/protocol';
import { StatsPanel, panelOptions } from './statsPanel';
import type { StatsTarget } from './statsSelection';

export interface StatsShow {
  show(target: StatsTarget, title: string): void;
}

export class StatsPanels implements vscode.Disposable, StatsShow {
  private currentPanel: StatsPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly session: EngineSession,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(WebviewPanels.stats, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const saved = parsePersistedState(state);
          this.adopt(panel, { kind: 'restore', picked: saved.picked, follow: saved.follow, paused: saved.paused });
        },
      }),
    );
  }

  /** The open panel, if any (tests and the benchmark watch it). */
  get current(): StatsPanel | undefined {
    return this.currentPanel;
  }

  show(target: StatsTarget, title: string): void {
    if (this.currentPanel) {
      this.currentPanel.panel.title = `Stats: ${title}`;
      this.currentPanel.show(target);
      return;
    }
    const panel = vscode.window.createWebviewPanel(WebviewPanels.stats, `Stats: ${title}`, vscode.ViewColumn.Active, panelOptions(this.extensionUri));
    this.adopt(panel, target);
  }

  private adopt(panel: vscode.WebviewPanel, target: StatsTarget): void {
    this.currentPanel?.dispose();
    const stats = new StatsPanel(panel, this.session, this.extensionUri, target, this.log);
    this.currentPanel = stats;
    stats.onDidDispose(() => {
      if (this.currentPanel === stats) this.currentPanel = undefined;
    });
  }

  dispose(): void {
    this.currentPanel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
