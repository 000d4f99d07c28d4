/**
 * Image actions on rows of the Images view (or a pick from the palette): tag, remove (asks first,
 * with force), copy id or digest, and prune (dangling or every unused image; asks first and says
 * what it freed).
 */
import * as vscode from 'vscode';
import { checkImageRef } from '../engine/imageMapping';
import type { ImageRemoval } from '../engine/images';
import { describeImageRemoval } from '../explorer/images/imagePresentation';
import { bytes } from '../units';
import { throwIfAnyFailed } from './actionFailed';
import type { CommandContext } from './commandContext';
import { confirmDestructive } from './confirm';
import { pickValues } from './pick';
import { targetsOf, type ImageTarget } from './targets';

/** The images a command acts on: its rows, or a pick among every reference (and untagged image) from the palette. */
export async function pickImages(ctx: CommandContext, args: readonly unknown[], verb: string, many: boolean, which: (t: ImageTarget) => boolean = () => true): Promise<ImageTarget[]> {
  const rows = targetsOf(args);
  if (rows) return rows.images.filter(which);
  const images = await ctx.session.requireConnection().client.images.list();
  const targets = images.flatMap((image): ImageTarget[] => (image.repoTags.length > 0 ? image.repoTags.map((ref) => ({ image, ref })) : [{ image, ref: undefined }]));
  const items = targets
    .filter(which)
    .map((t) => ({ label: t.ref ?? `${t.image.id.slice(7, 19)} (untagged)`, description: `${bytes(t.image.size)} · ${t.image.id.slice(7, 19)}`, value: t }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return pickValues(items, { verb, noun: 'images', many });
}

/** `(node, nodes, target)`: a caller may give the new reference; otherwise Berth asks. */
export async function tagImage(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const [target] = await pickImages(ctx, args, 'tag', false);
  if (!target) return undefined;
  const given = typeof args[2] === 'string' ? args[2] : undefined;
  const ref =
    given ??
    (await vscode.window.showInputBox({
      title: `Tag ${target.ref ?? target.image.id.slice(7, 19)}`,
      prompt: 'New reference: [registry/]repository[:tag]',
      value: target.ref ?? '',
      validateInput: (v) => checkImageRef(v),
    }));
  if (!ref) return undefined;
  const problem = checkImageRef(ref);
  if (problem) throw new Error(`Cannot tag as ${ref}: ${problem}`);
  await ctx.session.requireConnection().client.images.tag(target.image.id, ref.trim());
  vscode.window.setStatusBarMessage(`$(check) Tagged ${ref.trim()}`, 5000);
  return ref.trim();
}

/** Removes the selected references (an image goes with its last one); `Force Remove` also takes images other tags or stopped containers hold. */
export async function removeImage(ctx: CommandContext, ...args: unknown[]): Promise<ImageRemoval[]> {
  const targets = await pickImages(ctx, args, 'remove', true);
  if (targets.length === 0) return [];
  const names = targets.map((t) => t.ref ?? t.image.id.slice(7, 19));
  const question = targets.length === 1 ? `Remove image ${names[0]}?` : `Remove ${targets.length} images (${names.join(', ')})?`;
  const answer = await confirmDestructive(question, 'Remove untags the reference; the image goes with its last tag. Force Remove also removes it where other tags or stopped containers hold it.', 'Remove', 'Force Remove');
  if (!answer) return [];
  const force = answer === 'Force Remove';
  const client = ctx.session.requireConnection().client;
  const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Removing ${targets.length === 1 ? names[0] : `${targets.length} images`}…` }, async () => {
    // One after another: two tags of one image removed at once would race for it.
    const settled: PromiseSettledResult<ImageRemoval>[] = [];
    for (const t of targets) settled.push(await client.images.remove(t.ref ?? t.image.id, force).then((value) => ({ status: 'fulfilled' as const, value }), (reason: unknown) => ({ status: 'rejected' as const, reason })));
    return settled;
  });
  const done = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (done.length > 0) void vscode.window.showInformationMessage(describeImageRemoval(done, targets.map((t) => t.image)));
  throwIfAnyFailed('remove', names, results);
  return done;
}

async function copy(text: string, what: string): Promise<string> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`Copied ${what}.`, 3000);
  return text;
}

export async function copyImageId(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const [target] = await pickImages(ctx, args, 'copy the id of', false);
  return target ? copy(target.image.id, `the id of ${target.ref ?? 'the image'}`) : undefined;
}

/** The digest the image has in the registry of its reference (`repo@sha256:…`), when it was pulled or pushed. */
export async function copyImageDigest(ctx: CommandContext, ...args: unknown[]): Promise<string | undefined> {
  const [target] = await pickImages(ctx, args, 'copy the digest of', false, (t) => t.image.repoDigests.length > 0);
  if (!target) return undefined;
  const repository = target.ref?.replace(/:[^:/]*$/, '');
  const digest = target.image.repoDigests.find((d) => d.startsWith(`${repository}@`)) ?? target.image.repoDigests[0];
  if (!digest) {
    void vscode.window.showInformationMessage(`${target.ref ?? 'This image'} has no registry digest: it was never pulled or pushed.`);
    return undefined;
  }
  return copy(digest, `the digest of ${target.ref ?? 'the image'}`);
}

/** `(options)`: `{ all, filters }` may be given; otherwise Berth asks which images. */
export async function pruneImages(ctx: CommandContext, ...args: unknown[]): Promise<ImageRemoval | undefined> {
  const given = typeof args[0] === 'object' && args[0] !== null ? (args[0] as { all?: boolean; filters?: Record<string, string[]> }) : undefined;
  let all = given?.all;
  if (all === undefined) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Dangling images', detail: 'Untagged images no container uses: what rebuilds leave behind.', all: false },
        { label: 'All unused images', detail: 'Every image no container uses, tagged or not. You pull or build them again when needed.', all: true },
      ],
      { placeHolder: 'Which images to prune' },
    );
    if (!picked) return undefined;
    all = picked.all;
  }
  const question = all ? 'Remove every image that no container uses?' : 'Remove every dangling image?';
  if (!(await confirmDestructive(question, all ? 'Tagged images too: they must be pulled or built again.' : 'Untagged images no container uses.', 'Prune'))) return undefined;
  const client = ctx.session.requireConnection().client;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Pruning images…' }, () => client.images.prune(all === true, given?.filters ?? {}));
  void vscode.window.showInformationMessage(
    result.deleted.length === 0 ? 'Nothing to prune.' : `Removed ${result.deleted.length === 1 ? '1 image' : `${result.deleted.length} images`}, freeing ${bytes(result.bytesReclaimed)}.`,
  );
  return result;
}
