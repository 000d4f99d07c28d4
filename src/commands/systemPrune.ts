/**
 * System Prune: stopped containers, unused networks, dangling images (or every unused image) and
 * the unused build cache, and unused volumes when asked. Asks first, then says what it freed.
 */
import * as vscode from 'vscode';
import { pruneContainers } from '../engine/containerActions';
import { describePrune, type SystemPruneReport } from '../explorer/system/systemPresentation';
import { volumePruneFilters } from '../explorer/volumes/volumesModel';
import type { CommandContext } from './commandContext';
import { confirmDestructive } from './confirm';

/** What a caller (a test, a keybinding) may pass instead of answering: `filters` narrows every prune that takes filters. */
export interface SystemPruneOptions {
  allImages?: boolean;
  volumes?: boolean;
  buildCache?: boolean;
  filters?: Record<string, string[]>;
}

async function ask(): Promise<SystemPruneOptions | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Also every unused image', detail: 'Not only dangling ones: tagged images no container uses go too.', key: 'allImages' as const },
      { label: 'Also unused volumes', detail: 'Their data goes with them.', key: 'volumes' as const },
    ],
    { canPickMany: true, placeHolder: 'Stopped containers, unused networks, dangling images and build cache go. Anything more?' },
  );
  if (!picked) return undefined;
  return { allImages: picked.some((p) => p.key === 'allImages'), volumes: picked.some((p) => p.key === 'volumes'), buildCache: true };
}

export async function systemPrune(ctx: CommandContext, ...args: unknown[]): Promise<SystemPruneReport | undefined> {
  const options = typeof args[0] === 'object' && args[0] !== null ? (args[0] as SystemPruneOptions) : await ask();
  if (!options) return undefined;
  const what = ['stopped containers', 'unused networks', options.allImages ? 'every unused image' : 'dangling images', ...(options.buildCache !== false ? ['unused build cache'] : []), ...(options.volumes ? ['unused volumes and their data'] : [])];
  if (!(await confirmDestructive(`Remove ${what.join(', ')}?`, 'This cannot be undone.', 'Prune'))) return undefined;
  const client = ctx.session.requireConnection().client;
  const filters = options.filters ?? {};
  const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Pruning…' }, async (progress) => {
    progress.report({ message: 'containers' });
    const label = filters.label?.[0];
    const containers = await pruneContainers(client, label ? { label } : {});
    progress.report({ message: 'networks' });
    const networks = await client.networks.prune(filters);
    progress.report({ message: 'images' });
    const images = await client.images.prune(options.allImages === true, filters);
    const cache = options.buildCache !== false ? (progress.report({ message: 'build cache' }), await client.system.pruneBuildCache()) : 0;
    let volumes = { removed: [] as string[], bytesReclaimed: 0 };
    if (options.volumes) {
      progress.report({ message: 'volumes' });
      volumes = await client.volumes.prune(volumePruneFilters((await client.version()).apiVersion, filters));
    }
    return {
      containers: containers.removedIds.length,
      networks: networks.length,
      images: images.deleted.length,
      volumes: volumes.removed.length,
      bytesReclaimed: containers.bytesReclaimed + images.bytesReclaimed + cache + volumes.bytesReclaimed,
    };
  });
  void vscode.window.showInformationMessage(describePrune(report));
  // What the disk holds now, when it was shown before.
  if (ctx.explorer.system.snapshot.disk) await ctx.explorer.system.measureDisk().catch(() => undefined);
  return report;
}
