/**
 * Read-only inspect documents under a URI scheme of Berth's own (`berth-inspect`; the bare `berth`
 * scheme belongs to another extension). The URI names the container; the content is fetched when
 * VS Code asks, so reopening shows the engine's current answer.
 */
import * as vscode from 'vscode';
import { inspectContainer, isLocalEngine, readLocalInternals } from '../engine/inspect';
import type { EngineSession } from '../engineSession';
import { UriSchemes } from '../ids';
import { inspectDocument } from './inspectSummary';
import { maskSecrets } from './maskSecrets';

export function inspectUri(container: { id: string; name: string }, showSecrets: boolean): vscode.Uri {
  // The name is only the tab's title; the id in the query is what is fetched.
  const query = new URLSearchParams({ id: container.id, ...(showSecrets ? { secrets: 'shown' } : {}) }).toString();
  return vscode.Uri.from({ scheme: UriSchemes.inspect, path: `/${container.name}${showSecrets ? ' (secrets shown)' : ''}.jsonc`, query });
}

export class InspectDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly session: EngineSession) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const params = new URLSearchParams(uri.query);
    const id = params.get('id') ?? '';
    const connection = this.session.requireConnection();
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      const raw = await inspectContainer(connection.client, id, { signal: abort.signal });
      const local = isLocalEngine(connection.endpoint) ? readLocalInternals(raw.State?.Pid ?? 0, raw.Id) : undefined;
      const { inspect, masked } = params.get('secrets') === 'shown' ? { inspect: raw, masked: 0 } : maskSecrets(raw);
      return inspectDocument(inspect, local, masked);
    } finally {
      cancel.dispose();
    }
  }

  /** Asks VS Code to fetch an open document again. */
  refresh(uri: vscode.Uri): void {
    this.changeEmitter.fire(uri);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

export function registerInspectDocuments(documents: InspectDocuments): vscode.Disposable[] {
  return [documents, vscode.workspace.registerTextDocumentContentProvider(UriSchemes.inspect, documents)];
}
