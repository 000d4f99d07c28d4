/**
 * The helper containers behind `berth-volume://<volume>/…`: made on first use, one per volume,
 * removed when the user closes the volume in the Files view and when Berth shuts down. Leftovers (a
 * crashed window) carry a label and are removed at the next connection; a window that still shows
 * such a volume simply makes a new helper the next time it reads.
 */
import * as posix from 'node:path/posix';
import * as vscode from 'vscode';
import { EngineError } from '../engine/errors';
import { createVolumeBrowser, removeVolumeBrowsers, VOLUME_MOUNT } from '../engine/volumeBrowser';
import type { EngineSession } from '../engineSession';
import type { FileTarget, TargetResolver } from './containerFileSystem';

export class VolumeHelpers implements vscode.Disposable {
  private readonly helpers = new Map<string, Promise<string>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly session: EngineSession) {
    this.subscriptions = [
      // Remove what an earlier session left behind (another engine's helpers are "gone" here and made again).
      session.onEachConnection((scope) => {
        void this.ids().then((keep) => removeVolumeBrowsers(scope.connection.client, undefined, keep)).catch(() => undefined);
      }),
    ];
  }

  /** The volume's helper container, made if needed. */
  private helper(volume: string): Promise<string> {
    let helper = this.helpers.get(volume);
    if (!helper) {
      helper = createVolumeBrowser(this.session.requireConnection().client, volume).then((b) => b.containerId);
      // A failed attempt is not kept: the next read tries again.
      helper.catch(() => this.helpers.delete(volume));
      this.helpers.set(volume, helper);
    }
    return helper;
  }

  /** `berth-volume://<volume>/path` → the helper and `/volume/path`; a helper removed meanwhile is made again. */
  readonly resolve: TargetResolver = async <T>(uri: vscode.Uri, use: (target: FileTarget) => Promise<T>): Promise<T> => {
    const volume = uri.authority;
    const path = posix.join(VOLUME_MOUNT, posix.normalize(`/${uri.path}`));
    const containerId = await this.helper(volume);
    try {
      return await use({ containerId, path });
    } catch (error) {
      if (!(await this.gone(containerId))) throw error;
      this.helpers.delete(volume);
      return use({ containerId: await this.helper(volume), path });
    }
  };

  private async gone(containerId: string): Promise<boolean> {
    try {
      await this.session.requireConnection().client.request('Inspect helper', (d, abortSignal) => d.getContainer(containerId).inspect({ abortSignal } as object));
      return false;
    } catch (error) {
      return error instanceof EngineError && error.kind === 'notFound';
    }
  }

  /** Removes the volume's helper, if this window made one. */
  async release(volume: string): Promise<void> {
    const helper = this.helpers.get(volume);
    this.helpers.delete(volume);
    const id = await helper?.catch(() => undefined);
    if (id) await removeVolumeBrowsers(this.session.requireConnection().client, [id]);
  }

  /** The ids of the helpers this window made (for tests and the log). */
  async ids(): Promise<string[]> {
    const settled = await Promise.allSettled(this.helpers.values());
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }

  /** Removes every helper this window made (at deactivation, while the engine connection still stands). */
  async releaseAll(): Promise<void> {
    await Promise.all([...this.helpers.keys()].map((v) => this.release(v).catch(() => undefined)));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
