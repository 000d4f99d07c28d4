/**
 * Container files as a VS Code file system: `berth-files://<containerId>/etc/hosts` reads and
 * writes the container's own files; `berth-volume://<volume>/…` shows a volume, read-only, through
 * a helper container (volumeHelpers.ts). Everything goes over the Engine API (src/engine), so it
 * works on tcp:// and ssh:// engines. Writing runs nothing from the workspace, so it stays allowed
 * in Restricted Mode.
 */
import * as posix from 'node:path/posix';
import * as vscode from 'vscode';
import { ContainerFiles, FileProblem, type FileInfo, type FileKind } from '../engine/containerFiles';
import { EngineError } from '../engine/errors';
import type { EngineSession } from '../engineSession';

/** Where a URI points: a container and an absolute path in it. */
export interface FileTarget {
  containerId: string;
  path: string;
}

/** Turns a URI into its target, and runs `use` on it (a volume's helper may need making first). */
export type TargetResolver = <T>(uri: vscode.Uri, use: (target: FileTarget) => Promise<T>) => Promise<T>;

/** `berth-files://<id>/path`: the authority is the container. */
export const containerTarget: TargetResolver = (uri, use) => use({ containerId: uri.authority, path: posix.normalize(`/${uri.path}`) });

function fileType(kind: FileKind, symlink: boolean): vscode.FileType {
  const base = kind === 'directory' ? vscode.FileType.Directory : kind === 'file' ? vscode.FileType.File : vscode.FileType.Unknown;
  return symlink ? base | vscode.FileType.SymbolicLink : base;
}

/** A FileProblem or an engine failure as the FileSystemError VS Code understands, message kept. */
function toFileSystemError(error: unknown): unknown {
  if (error instanceof FileProblem) {
    switch (error.kind) {
      case 'notFound':
        return vscode.FileSystemError.FileNotFound(error.message);
      case 'exists':
        return vscode.FileSystemError.FileExists(error.message);
      case 'notADirectory':
        return vscode.FileSystemError.FileNotADirectory(error.message);
      case 'isADirectory':
        return vscode.FileSystemError.FileIsADirectory(error.message);
      case 'readOnly':
      case 'needsRunning':
        return vscode.FileSystemError.NoPermissions(error.message);
      default:
        return vscode.FileSystemError.Unavailable(error.message);
    }
  }
  if (error instanceof EngineError) return error.kind === 'notFound' ? vscode.FileSystemError.FileNotFound(error.userMessage) : vscode.FileSystemError.Unavailable(error.userMessage);
  return error;
}

export class ContainerFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;

  constructor(
    private readonly session: EngineSession,
    private readonly resolve: TargetResolver,
    /** Set for volumes: every write is refused with this message. */
    private readonly readOnly?: string,
  ) {}

  /** The engine side, once connected (a window restored with such a folder asks before the engine answers). */
  private async files(): Promise<ContainerFiles> {
    this.session.ensureStarted();
    if (this.session.state.kind === 'connecting') {
      await new Promise<void>((done) => {
        const timer = setTimeout(finish, 15_000);
        const listener = this.session.onDidChangeState((state) => state.kind !== 'connecting' && finish());
        function finish(): void {
          clearTimeout(timer);
          listener.dispose();
          done();
        }
      });
    }
    return new ContainerFiles(this.session.requireConnection().client);
  }

  private async run<T>(uri: vscode.Uri, action: (files: ContainerFiles, target: FileTarget) => Promise<T>): Promise<T> {
    try {
      const files = await this.files();
      return await this.resolve(uri, (target) => action(files, target));
    } catch (error) {
      throw toFileSystemError(error);
    }
  }

  private refuseWrite(): void {
    if (this.readOnly) throw vscode.FileSystemError.NoPermissions(this.readOnly);
  }

  watch(): vscode.Disposable {
    // The engine has no file events; Berth reports its own changes (below).
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return this.run(uri, async (files, { containerId, path }) => {
      const info: FileInfo = await files.require(containerId, path);
      return {
        type: fileType(info.kind, info.symlink),
        ctime: info.mtime.getTime(),
        mtime: info.mtime.getTime(),
        size: info.size,
        ...(this.readOnly ? { permissions: vscode.FilePermission.Readonly } : {}),
      };
    });
  }

  readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return this.run(uri, async (files, { containerId, path }) => (await files.list(containerId, path)).entries.map((e): [string, vscode.FileType] => [e.name, fileType(e.kind, e.symlink)]));
  }

  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.run(uri, (files, { containerId, path }) => files.read(containerId, path));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    this.refuseWrite();
    const created = await this.run(uri, async (files, { containerId, path }) => {
      const existing = await files.stat(containerId, path);
      if (existing?.kind === 'directory') throw new FileProblem('isADirectory', `${path} is a folder.`);
      if (existing && !options.overwrite) throw new FileProblem('exists', `${path} already exists.`);
      if (!existing && !options.create) throw new FileProblem('notFound', `${path} does not exist in the container.`);
      await files.write(containerId, path, content);
      return !existing;
    });
    this.changes.fire([{ type: created ? vscode.FileChangeType.Created : vscode.FileChangeType.Changed, uri }]);
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    this.refuseWrite();
    await this.run(uri, async (files, { containerId, path }) => {
      if (await files.stat(containerId, path)) throw new FileProblem('exists', `${path} already exists.`);
      await files.mkdir(containerId, path);
    });
    this.changes.fire([{ type: vscode.FileChangeType.Created, uri }]);
  }

  async delete(uri: vscode.Uri, options: { recursive: boolean }): Promise<void> {
    this.refuseWrite();
    await this.run(uri, (files, { containerId, path }) => files.remove(containerId, path, options.recursive));
    this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  async rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    this.refuseWrite();
    if (oldUri.authority !== newUri.authority) throw vscode.FileSystemError.NoPermissions('Files move only within one container; use Download… and Upload File… between containers.');
    await this.run(oldUri, (files, from) =>
      this.resolve(newUri, async (to) => {
        const existing = await files.stat(to.containerId, to.path);
        if (existing && !options.overwrite) throw new FileProblem('exists', `${to.path} already exists.`);
        if (existing) await files.remove(to.containerId, to.path, true);
        await files.rename(from.containerId, from.path, to.path);
      }),
    );
    this.changes.fire([
      { type: vscode.FileChangeType.Deleted, uri: oldUri },
      { type: vscode.FileChangeType.Created, uri: newUri },
    ]);
  }

  dispose(): void {
    this.changes.dispose();
  }
}
