/**
 * Pull and push with progress and Cancel, using the registry credentials the docker CLI stores
 * (config.json auths, credHelpers, credsStore): docker login once, and Berth can push.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { dockerConfigDir } from '../engine/dockerContext';
import { EngineError } from '../engine/errors';
import { parseImageRef, withDefaultTag } from '../engine/imageMapping';
import { ProgressTracker, type ProgressSummary } from '../engine/pullProgress';
import { registryAuthFor } from '../engine/registryAuth';
import type { ProgressEvent } from '../engine/types';
import { bytes } from '../units';
import type { CommandContext } from './commandContext';
import { pickImages } from './imageCommands';
import type { ImageTarget } from './targets';

function progressText(s: ProgressSummary): string {
  const sizes = s.total > 0 ? ` · ${bytes(s.current)} of ${bytes(s.total)}` : '';
  return s.layers > 0 ? `${s.done}/${s.layers} layers${sizes}` : s.last;
}

/** Runs a pull or push in a cancellable notification that follows its layers; resolves false when the user cancelled it. */
async function withTransfer(title: string, run: (onProgress: (e: ProgressEvent) => void, signal: AbortSignal) => Promise<void>): Promise<boolean> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    const tracker = new ProgressTracker();
    let shown = 0;
    let last = 0;
    try {
      await run((event) => {
        tracker.add(event);
        const now = Date.now();
        if (now - last < 100) return; // a notification redrawn for every byte would cost more than the pull
        last = now;
        const s = tracker.summary();
        const percent = s.total > 0 ? Math.floor((s.current / s.total) * 100) : 0;
        progress.report({ message: progressText(s), increment: Math.max(0, percent - shown) });
        shown = Math.max(shown, percent);
      }, controller.signal);
      return true;
    } catch (error) {
      // Cancel is an answer, not a failure: the engine drops the transfer when its client goes.
      if (controller.signal.aborted && error instanceof EngineError && error.kind === 'cancelled') return false;
      throw error;
    } finally {
      cancel.dispose();
    }
  });
}

function authFor(ref: string): ReturnType<typeof registryAuthFor> {
  return registryAuthFor(parseImageRef(ref).registry, dockerConfigDir(process.env, os.homedir()));
}

/** `(node | ref)`: pulls a row's reference again, a reference given as argument, or one typed in. Resolves with the reference. */
export async function pullImage(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const rows = (await pickImagesIfRows(ctx, args)) ?? [];
  let ref = typeof args[0] === 'string' ? args[0] : rows[0]?.ref;
  if (!ref) {
    ref = await vscode.window.showInputBox({
      title: 'Pull Image',
      prompt: 'Image to pull: [registry/]repository[:tag|@digest]',
      placeHolder: 'nginx:1.27, 127.0.0.1:5000/team/app:dev',
      validateInput: (v) => (v.trim() === '' || /\s/.test(v.trim()) ? 'An image reference, without spaces.' : undefined),
    });
  }
  if (!ref) return undefined;
  const full = withDefaultTag(ref);
  const client = ctx.session.requireConnection().client;
  const auth = await authFor(full);
  const done = await withTransfer(`Pulling ${full}`, (onProgress, signal) => client.images.pull(full, auth, onProgress, signal));
  vscode.window.setStatusBarMessage(done ? `$(check) Pulled ${full}` : `Cancelled the pull of ${full}`, 5000);
  return done ? full : undefined;
}

/** Only the rows (no palette pick): pull asks for a reference instead. */
async function pickImagesIfRows(ctx: CommandContext, args: readonly unknown[]): Promise<ImageTarget[] | undefined> {
  return typeof args[0] === 'object' && args[0] !== null ? pickImages(ctx, args, 'pull', false, (t) => t.ref !== undefined) : undefined;
}

/** Pushes a row's reference (or a picked one) to its registry. Resolves with the reference. */
export async function pushImage(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const [target] = await pickImages(ctx, args, 'push', false, (t) => t.ref !== undefined && !t.ref.includes('@'));
  if (!target?.ref) return undefined;
  const client = ctx.session.requireConnection().client;
  const auth = await authFor(target.ref);
  const done = await withTransfer(`Pushing ${target.ref}`, (onProgress, signal) => client.images.push(target.ref!, auth, onProgress, signal));
  vscode.window.setStatusBarMessage(done ? `$(check) Pushed ${target.ref}` : `Cancelled the push of ${target.ref}`, 5000);
  return done ? target.ref : undefined;
}
