/**
 * Files inside a container over the Engine API only (so it works on tcp:// and ssh:// engines):
 * stat with `HEAD /archive`, read and list with `GET /archive`, write and make folders with
 * `PUT /archive`, and delete and rename with an exec of `rm`/`mv` (argv arrays: no shell reads a
 * path). A running container lists a folder with one exec; a stopped one, or one without a shell,
 * through the folder's archive, reading only the tar headers. Pure.
 */
import * as posix from 'node:path/posix';
import type { IncomingMessage } from 'node:http';
import type Dockerode from 'dockerode';
import type { EngineClient, RequestOptions } from './client';
import { dial } from './dial';
import { EngineError } from './errors';
import { execCollect } from './execOutput';
import { listViaExec } from './listViaExec';
import { singleEntryTar, TarTooLarge, walkTar, type TarEntry, type TarOwner } from './tar';
import { FileProblem, type DirEntry, type FileInfo, type FileKind } from './fileTypes';

export { FileProblem, type DirEntry, type FileInfo, type FileKind };

export interface FileLimits {
  /** Largest file readFile reads. */
  maxReadBytes: number;
  /** Most bytes a folder's archive may take when listing a stopped container. */
  maxListArchiveBytes: number;
  /** Most entries in one folder. */
  maxEntries: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = { maxReadBytes: 50 * 1024 * 1024, maxListArchiveBytes: 256 * 1024 * 1024, maxEntries: 20_000 };

/** Go's os.FileMode type bits, as the archive stat header carries them. */
const MODE_DIR = 2 ** 31;
const MODE_SYMLINK = 2 ** 27;
const MODE_TYPE = MODE_DIR | MODE_SYMLINK | 2 ** 26 | 2 ** 25 | 2 ** 24 | 2 ** 21 | 2 ** 19;

/** Archive transfers can be large: they get longer than one request's default. */
const TRANSFER_TIMEOUT_MS = 120_000;

const mib = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MiB`;

interface RawStat {
  name?: string;
  size?: number;
  mode?: number;
  mtime?: string;
  linkTarget?: string;
}

function toFileInfo(raw: RawStat): FileInfo {
  const mode = raw.mode ?? 0;
  const kind: FileKind = mode & MODE_DIR ? 'directory' : (mode & MODE_TYPE) === 0 ? 'file' : 'other';
  return { name: raw.name ?? '', kind, symlink: (mode & MODE_SYMLINK) !== 0, size: raw.size ?? 0, mode: mode & 0o7777, mtime: new Date(raw.mtime ?? 0), linkTarget: raw.linkTarget ?? '' };
}

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number }).statusCode;

export class ContainerFiles {
  constructor(
    private readonly client: EngineClient,
    private readonly limits: FileLimits = DEFAULT_FILE_LIMITS,
  ) {}

  /** One engine call; a FileProblem or TarTooLarge raised inside it comes out as itself, not classified. */
  private async call<T>(operation: string, run: (d: Dockerode, signal: AbortSignal) => Promise<T>, options?: RequestOptions): Promise<T> {
    try {
      return await this.client.request(operation, run, options);
    } catch (error) {
      if (error instanceof EngineError && (error.cause instanceof FileProblem || error.cause instanceof TarTooLarge)) throw error.cause;
      throw error;
    }
  }

  /** The path's own stat (a link is not followed); undefined when nothing is there. */
  async lstat(id: string, path: string): Promise<FileInfo | undefined> {
    return this.call(`Stat ${path}`, async (d, abortSignal) => {
      try {
        const response = await d.getContainer(id).infoArchive({ path, abortSignal } as unknown as { path: string }) as IncomingMessage;
        response.resume();
        const header = response.headers['x-docker-container-path-stat'];
        if (typeof header !== 'string') throw new FileProblem('failed', `The engine did not describe ${path}.`);
        return toFileInfo(JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as RawStat);
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    });
  }

  /** Like lstat, but a link reports what it points to (and says it is a link). */
  async stat(id: string, path: string): Promise<FileInfo | undefined> {
    const own = await this.lstat(id, path);
    if (!own?.symlink) return own;
    const target = own.linkTarget ? await this.lstat(id, own.linkTarget) : undefined;
    return target ? { ...target, name: own.name, symlink: true, linkTarget: own.linkTarget } : { ...own, kind: 'other' };
  }

  async require(id: string, path: string): Promise<FileInfo> {
    const info = await this.stat(id, path);
    if (!info) throw new FileProblem('notFound', `${path} does not exist in the container.`);
    return info;
  }

  /** The folder's entries: by exec where it can, else from the folder's archive. */
  async list(id: string, dir: string): Promise<{ entries: DirEntry[]; via: 'exec' | 'archive' }> {
    const info = await this.require(id, dir);
    if (info.kind !== 'directory') throw new FileProblem('notADirectory', `${dir} is not a folder.`);
    const listed = await listViaExec(this.client, id, dir, this.limits.maxEntries);
    if (listed) return { entries: listed, via: 'exec' };
    return { entries: await this.listViaArchive(id, info.symlink ? info.linkTarget : dir), via: 'archive' };
  }

  private async listViaArchive(id: string, dir: string): Promise<DirEntry[]> {
    const entries: DirEntry[] = [];
    const links: DirEntry[] = [];
    let base: string | undefined;
    try {
      await this.archive(id, dir, this.limits.maxListArchiveBytes, (entry: TarEntry) => {
        const name = entry.name.replace(/\/+$/, '');
        // The first entry is the folder itself: its name is the prefix of every child.
        if (base === undefined) {
          base = name;
          return 'skip';
        }
        const rest = name.startsWith(`${base}/`) ? name.slice(base.length + 1) : '';
        if (rest === '' || rest.includes('/')) return 'skip';
        if (entries.length >= this.limits.maxEntries) throw new FileProblem('tooLarge', `${dir} has more than ${this.limits.maxEntries} entries.`);
        const child: DirEntry = { name: rest, kind: entry.type === 'directory' ? 'directory' : entry.type === 'file' ? 'file' : 'other', symlink: entry.type === 'symlink' };
        entries.push(child);
        if (child.symlink) links.push(child);
        return 'skip';
      });
    } catch (error) {
      if (error instanceof TarTooLarge) {
        throw new FileProblem('tooLarge', `${dir} is too large to list in a stopped container (its archive passed ${mib(error.limit)}). Start the container to list it, or open a subfolder.`);
      }
      throw error;
    }
    // A link's kind is what it points to: resolve a bounded number of them.
    for (const link of links.slice(0, 200)) link.kind = (await this.stat(id, posix.join(dir, link.name)))?.kind ?? 'other';
    return entries;
  }

  /** GETs `path`'s archive and walks it; `visit` decides per entry. */
  private archive(
    id: string,
    path: string,
    maxBytes: number,
    visit: (entry: TarEntry) => 'skip' | 'read' | 'stop',
    onBody: (entry: TarEntry, body: Buffer) => 'skip' | 'stop' = () => 'stop',
    stream?: { sink: (chunk: Buffer) => Promise<void>; signal?: AbortSignal },
  ): Promise<boolean> {
    return this.call(`Read ${path}`, async (d, abortSignal) => {
      const response = await dial<IncomingMessage>(d, { path: `/containers/${encodeURIComponent(id)}/archive?`, method: 'GET', isStream: true, abortSignal, options: { path }, statusCodes: { 200: true, 400: 'bad parameter', 404: 'no such file or container', 500: 'server error' } });
      try {
        return await walkTar(response, visit, onBody, maxBytes, stream?.sink);
      } finally {
        response.destroy();
      }
    }, stream ? { timeoutMs: 0, ...(stream.signal ? { signal: stream.signal } : {}) } : { timeoutMs: TRANSFER_TIMEOUT_MS });
  }

  /** The file's bytes, up to the read cap. */
  async read(id: string, path: string): Promise<Uint8Array> {
    const info = await this.require(id, path);
    if (info.kind === 'directory') throw new FileProblem('isADirectory', `${path} is a folder.`);
    if (info.size > this.limits.maxReadBytes) {
      throw new FileProblem('tooLarge', `${path} is ${mib(info.size)}, more than the ${mib(this.limits.maxReadBytes)} Berth opens in the editor. Use Download… to save it to disk.`);
    }
    let content: Buffer | undefined;
    const source = info.symlink ? info.linkTarget : path;
    await this.archive(id, source, this.limits.maxReadBytes + 1024 * 1024, (entry) => (entry.type === 'file' ? 'read' : 'stop'), (_entry, body) => {
      content = body;
      return 'stop';
    }).catch((error: unknown) => {
      if (error instanceof TarTooLarge) throw new FileProblem('tooLarge', `${path} grew past ${mib(this.limits.maxReadBytes)} while reading. Use Download… to save it to disk.`);
      throw error;
    });
    if (!content) throw new FileProblem('failed', `${path} is not a regular file.`);
    return content;
  }

  /**
   * Streams a file of any size into `sink` (Download…): no size cap and no deadline, only the
   * caller's cancellation. Resolves with the file's size.
   */
  async download(id: string, path: string, sink: (chunk: Buffer) => Promise<void>, signal?: AbortSignal): Promise<number> {
    const info = await this.require(id, path);
    if (info.kind !== 'file') throw new FileProblem(info.kind === 'directory' ? 'isADirectory' : 'failed', `${path} is not a regular file: Download… saves one file.`);
    let size = 0;
    await this.archive(id, info.symlink ? info.linkTarget : path, Number.POSITIVE_INFINITY, (entry) => ((size = entry.size), entry.type === 'file' ? 'read' : 'stop'), undefined, { sink, ...(signal ? { signal } : {}) });
    return size;
  }

  /**
   * Writes a file, keeping an existing file's mode and owner (a link's target is written). The
   * archive API applies the owner the tar names, so saving a file an app owns must not make it root's;
   * a new file takes the owner of its folder, as the app that lives there would expect.
   */
  async write(id: string, path: string, content: Uint8Array): Promise<void> {
    const existing = await this.stat(id, path);
    const target = existing?.symlink ? existing.linkTarget : path;
    await this.put(id, target, content, existing?.mode ?? 0o644, await this.ownerOf(id, existing ? target : posix.dirname(target)));
  }

  async mkdir(id: string, path: string): Promise<void> {
    await this.put(id, path, undefined, 0o755, await this.ownerOf(id, posix.dirname(path)));
  }

  /** The owner in the path's own archive header: the first entry, read before the rest is sent. */
  private async ownerOf(id: string, path: string): Promise<TarOwner | undefined> {
    let owner: TarOwner | undefined;
    await this.archive(id, path, 1024 * 1024, (entry) => ((owner = { uid: entry.uid, gid: entry.gid }), 'stop')).catch(() => undefined);
    return owner;
  }

  private put(id: string, path: string, content: Uint8Array | undefined, mode: number, owner: TarOwner | undefined): Promise<void> {
    const dir = posix.dirname(path);
    const tar = singleEntryTar(posix.basename(path), content, mode, owner);
    return this.call(`Write ${path}`, async (d, abortSignal) => {
      try {
        await d.getContainer(id).putArchive(tar, { path: dir, noOverwriteDirNonDir: true, abortSignal } as unknown as { path: string });
      } catch (error) {
        const status = statusOf(error);
        if (status === 404) throw new FileProblem('notFound', `${dir} does not exist in the container.`);
        if (status === 403 || /read-only/i.test(String((error as Error).message))) throw new FileProblem('readOnly', `${dir} is read-only in the container (a read-only volume or root file system).`);
        throw error;
      }
    }, { timeoutMs: TRANSFER_TIMEOUT_MS });
  }

  /** Deletes with `rm` in the container: needs it running. */
  async remove(id: string, path: string, recursive: boolean): Promise<void> {
    const info = await this.require(id, path);
    const cmd = info.kind === 'directory' && !info.symlink ? (recursive ? ['rm', '-rf', '--', path] : ['rmdir', '--', path]) : ['rm', '-f', '--', path];
    await this.run(id, cmd, `delete ${path}`);
  }

  /** Renames with `mv` in the container: needs it running. `to` must not exist. */
  async rename(id: string, from: string, to: string): Promise<void> {
    await this.run(id, ['mv', '--', from, to], `rename ${from}`);
  }

  private async run(id: string, cmd: string[], what: string): Promise<void> {
    let result;
    try {
      result = await execCollect(this.client, id, cmd, 64 * 1024);
    } catch (error) {
      if (error instanceof EngineError && error.kind === 'conflict') {
        throw new FileProblem('needsRunning', `Cannot ${what}: the container is not running, and deleting or renaming runs a command in it. Start the container and try again.`);
      }
      throw error;
    }
    if (result.exitCode !== 0) {
      const why = result.stderr.trim().split('\n').pop() || `exit code ${result.exitCode ?? 'unknown'}`;
      throw new FileProblem('failed', `Could not ${what}: ${why}`);
    }
  }
}
