/**
 * Container files and volume browsing: the two file systems, the volume helpers, and the
 * streamed download that the commands use. Owns its disposables.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import * as vscode from 'vscode';
import { ContainerFiles } from '../engine/containerFiles';
import type { EngineSession } from '../engineSession';
import { UriSchemes } from '../ids';
import { ContainerFileSystem, containerTarget } from './containerFileSystem';
import { FilesTree } from './filesTree';
import { VolumeHelpers } from './volumeHelpers';

export class FilesFeature implements vscode.Disposable {
  readonly volumeHelpers: VolumeHelpers;
  readonly tree: FilesTree;
  private readonly disposables: vscode.Disposable[];
  private readonly systems: Map<string, ContainerFileSystem>;

  constructor(private readonly session: EngineSession) {
    this.volumeHelpers = new VolumeHelpers(session);
    this.tree = new FilesTree();
    const containers = new ContainerFileSystem(session, containerTarget);
    const volumes = new ContainerFileSystem(session, this.volumeHelpers.resolve, 'Volumes are browsed read-only. To change files, open the files of a container that mounts the volume.');
    this.systems = new Map([
      [UriSchemes.containerFiles, containers],
      [UriSchemes.volumeFiles, volumes],
    ]);
    this.disposables = [
      containers,
      volumes,
      this.volumeHelpers,
      this.tree,
      // Closing a volume ends its browse: its helper container goes.
      this.tree.onDidClose((uri) => uri.scheme === UriSchemes.volumeFiles && void this.volumeHelpers.release(uri.authority).catch(() => undefined)),
      vscode.workspace.registerFileSystemProvider(UriSchemes.containerFiles, containers, { isCaseSensitive: true }),
      vscode.workspace.registerFileSystemProvider(UriSchemes.volumeFiles, volumes, { isCaseSensitive: true, isReadonly: true }),
    ];
  }

  /** Whether a URI is one of Berth's file systems. */
  owns(uri: vscode.Uri): boolean {
    return this.systems.has(uri.scheme);
  }

  /** Streams a file of any size to a local path (Download…: no read cap, cancellable). */
  async download(uri: vscode.Uri, destination: string, signal: AbortSignal): Promise<number> {
    const resolve = uri.scheme === UriSchemes.volumeFiles ? this.volumeHelpers.resolve : containerTarget;
    const files = new ContainerFiles(this.session.requireConnection().client);
    const out = createWriteStream(destination);
    try {
      return await resolve(uri, ({ containerId, path }) =>
        files.download(containerId, path, async (chunk) => {
          if (!out.write(chunk)) await once(out, 'drain');
        }, signal),
      );
    } finally {
      out.end();
      await once(out, 'close');
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
