/** Start, stop, restart, pause and unpause: one shape, different verbs and valid states. */
import * as vscode from 'vscode';
import type { EngineClient } from '../engine/client';
import type { ContainerState } from '../engine/types';
import type { CommandContext } from './commandContext';
import { lifecycleStates } from './lifecycleStates';
import { pickContainers } from './pickContainers';
import { throwIfAnyFailed } from './actionFailed';

interface LifecycleAction {
  verb: string;
  progress: string;
  states: readonly ContainerState[];
  run: (client: EngineClient, id: string) => Promise<void>;
}

export const lifecycleActions = {
  start: { verb: 'start', progress: 'Starting', states: lifecycleStates.start, run: (c, id) => c.containers.start(id) },
  stop: { verb: 'stop', progress: 'Stopping', states: lifecycleStates.stop, run: (c, id) => c.containers.stop(id) },
  restart: { verb: 'restart', progress: 'Restarting', states: lifecycleStates.restart, run: (c, id) => c.containers.restart(id) },
  pause: { verb: 'pause', progress: 'Pausing', states: lifecycleStates.pause, run: (c, id) => c.containers.pause(id) },
  unpause: { verb: 'unpause', progress: 'Unpausing', states: lifecycleStates.unpause, run: (c, id) => c.containers.unpause(id) },
} satisfies Record<string, LifecycleAction>;

export function lifecycleCommand(action: LifecycleAction) {
  return async (ctx: CommandContext, ...args: unknown[]): Promise<void> => {
    const targets = await pickContainers(ctx, args, { verb: action.verb, states: action.states });
    if (targets.length === 0) return;
    const client = ctx.session.requireConnection().client;
    const title = targets.length === 1 ? `${action.progress} ${targets[0]!.name}…` : `${action.progress} ${targets.length} containers…`;
    // Concurrently: stopping a compose project one by one would take 10 s per container.
    const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () =>
      Promise.allSettled(targets.map((t) => action.run(client, t.id))),
    );
    throwIfAnyFailed(action.verb, targets.map((t) => t.name), results);
  };
}
