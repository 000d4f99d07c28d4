/**
 * The commands of container files and volume browsing. Open Files and Browse Files show the
 * container's root (or the volume) in Berth's Files view (filesTree.ts says why not as a
 * workspace folder); the others work on a row of that view, or on the active editor's file from
 * the palette.
 */
import * as os from 'node:os';
import * as posix from 'node:path/posix';
import * as vscode from 'vscode';
import type { CommandContext, CommandHandler } from '../commands/commandContext';
import { Refusal } from '../commands/commandFailure';
import { confirmDestructive } from '../commands/confirm';
import { lifecycleStates } from '../commands/lifecycleStates';
import { pickContainers } from '../commands/pickContainers';
import { pickVolumes } from '../commands/volumeCommands';
import { Commands, UriSchemes } from '../ids';

export const containerRoot = (containerId: string): vscode.Uri => vscode.Uri.from({ scheme: UriSchemes.containerFiles, authority: containerId, path: '/' });
export const volumeRoot = (volume: string): vscode.Uri => vscode.Uri.from({ scheme: UriSchemes.volumeFiles, authority: volume, path: '/' });

const openFiles: CommandHandler = async (ctx, ...args) => {
  const [container] = await pickContainers(ctx, args, { verb: 'open the files of', states: lifecycleStates.openFiles });
  if (!container) return undefined;
  return ctx.files.tree.open(containerRoot(container.id), container.name);
};

const browseVolume: CommandHandler = async (ctx, ...args) => {
  const [volume] = await pickVolumes(ctx, args, 'browse', false);
  if (!volume) return undefined;
  return ctx.files.tree.open(volumeRoot(volume.name), `volume ${volume.name}`);
};

/** The file or folder a command acts on: a Files row (or a URI), else the active editor's file. */
function targetUri(ctx: CommandContext, arg: unknown): vscode.Uri {
  const given = arg instanceof vscode.Uri ? arg : (arg as { uri?: unknown } | undefined)?.uri;
  const uri = given instanceof vscode.Uri ? given : vscode.window.activeTextEditor?.document.uri;
  if (!uri || !ctx.files.owns(uri)) throw new Refusal('Choose a file or folder in the Files view first (open a container\'s with Open Files on its row).');
  return uri;
}

/** The folder of a target: itself, or the folder that holds it. */
async function folderOf(uri: vscode.Uri): Promise<vscode.Uri> {
  const stat = await vscode.workspace.fs.stat(uri);
  return stat.type & vscode.FileType.Directory ? uri : uri.with({ path: posix.dirname(uri.path) });
}

/** Uploads local files into the folder; `sources` (a third argument) skips the open dialog. */
const upload: CommandHandler = async (ctx, target, _selection, sources) => {
  const folder = await folderOf(targetUri(ctx, target));
  const picked = Array.isArray(sources) ? (sources as vscode.Uri[]) : await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: 'Upload', title: `Upload into ${folder.path}` });
  if (!picked || picked.length === 0) return [];
  const uploaded: vscode.Uri[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Uploading into ${folder.path}…` }, async () => {
    for (const source of picked) {
      const destination = vscode.Uri.joinPath(folder, posix.basename(source.path));
      await vscode.workspace.fs.writeFile(destination, await vscode.workspace.fs.readFile(source));
      uploaded.push(destination);
    }
  });
  ctx.files.tree.refresh();
  vscode.window.setStatusBarMessage(`$(check) Uploaded ${uploaded.length === 1 ? posix.basename(uploaded[0]!.path) : `${uploaded.length} files`} into ${folder.path}`, 5000);
  return uploaded;
};

/** Saves a file to disk, streamed (no size cap); `destination` (a third argument) skips the save dialog. */
const download: CommandHandler = async (ctx, target, _selection, destination) => {
  const uri = targetUri(ctx, target);
  const local = destination instanceof vscode.Uri ? destination : await vscode.window.showSaveDialog({ title: `Download ${uri.path}`, saveLabel: 'Download', defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri ?? vscode.Uri.file(os.homedir()), posix.basename(uri.path)) });
  if (!local) return undefined;
  const size = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Downloading ${posix.basename(uri.path)}…`, cancellable: true }, async (_progress, token) => {
    if (local.scheme !== 'file') {
      await vscode.workspace.fs.copy(uri, local, { overwrite: true });
      return (await vscode.workspace.fs.stat(local)).size;
    }
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      return await ctx.files.download(uri, local.fsPath, abort.signal);
    } finally {
      cancel.dispose();
    }
  });
  vscode.window.setStatusBarMessage(`$(check) Downloaded ${posix.basename(uri.path)} (${size} bytes)`, 5000);
  return local;
};

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return false;
    throw error;
  }
}

/** A name for a new entry: one path segment. */
function checkName(name: string): string | undefined {
  if (name.trim() === '') return 'A name, e.g. notes.txt.';
  if (name.includes('/')) return 'One name, without "/": create the folders one at a time.';
  if (name === '.' || name === '..') return 'Not "." or "..".';
  return undefined;
}

function newEntry(kind: 'file' | 'folder'): CommandHandler {
  return async (ctx, target, _selection, given) => {
    const folder = await folderOf(targetUri(ctx, target));
    const name = typeof given === 'string' ? given : await vscode.window.showInputBox({ title: `New ${kind === 'file' ? 'File' : 'Folder'} in ${folder.path}`, prompt: 'Name', validateInput: checkName });
    if (name === undefined) return undefined;
    const problem = checkName(name);
    if (problem) throw new Refusal(problem);
    const uri = vscode.Uri.joinPath(folder, name);
    if (kind === 'folder') {
      await vscode.workspace.fs.createDirectory(uri);
    } else {
      // An existing file is never emptied.
      if (await exists(uri)) throw new Refusal(`${uri.path} already exists.`);
      await vscode.workspace.fs.writeFile(uri, new Uint8Array());
      await vscode.window.showTextDocument(uri, { preview: false });
    }
    ctx.files.tree.refresh();
    return uri;
  };
}

/** Deletes a file or folder (with what is in it) after asking, unless berth.confirmDestructive is off. */
const remove: CommandHandler = async (ctx, target) => {
  const uri = targetUri(ctx, target);
  const isFolder = ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  const question = `Delete ${uri.path} from the container${isFolder ? ', with everything in it' : ''}?`;
  if (!(await confirmDestructive(question, 'Containers have no trash: it cannot be brought back.', 'Delete'))) return false;
  await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
  ctx.files.tree.refresh();
  return true;
};

/** Renames a file or folder in place (`mv` in the container: it must run); a third argument skips the question. */
const rename: CommandHandler = async (ctx, target, _selection, given) => {
  const uri = targetUri(ctx, target);
  const old = posix.basename(uri.path);
  const name = typeof given === 'string' ? given : await vscode.window.showInputBox({ title: `Rename ${uri.path}`, prompt: 'New name', value: old, validateInput: checkName });
  if (name === undefined || name === old) return undefined;
  const problem = checkName(name);
  if (problem) throw new Refusal(problem);
  const renamed = uri.with({ path: posix.join(posix.dirname(uri.path), name) });
  await vscode.workspace.fs.rename(uri, renamed, { overwrite: false });
  ctx.files.tree.refresh();
  return renamed;
};

/** Closes an opened container or volume in the Files view (a volume's helper container goes with it). */
const close: CommandHandler = (ctx, node) => {
  const uri = targetUri(ctx, node);
  return ctx.files.tree.close(uri.with({ path: '/' }));
};

export const fileCommandHandlers = {
  [Commands.containerOpenFiles]: openFiles,
  [Commands.volumeBrowse]: browseVolume,
  [Commands.filesUpload]: upload,
  [Commands.filesDownload]: download,
  [Commands.filesNewFile]: newEntry('file'),
  [Commands.filesNewFolder]: newEntry('folder'),
  [Commands.filesDelete]: remove,
  [Commands.filesRename]: rename,
  [Commands.filesClose]: close,
  [Commands.filesRefresh]: (ctx) => ctx.files.tree.refresh(),
} satisfies Record<string, CommandHandler>;
