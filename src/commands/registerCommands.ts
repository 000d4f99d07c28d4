/**
 * The one registration table. Every handler runs through one wrapper that turns failures into a
 * single message with the next step; the `Record<CommandId, …>` type makes the table complete.
 */
import * as vscode from 'vscode';
import { EngineError } from '../engine/errors';
import { Commands, Views, type CommandId } from '../ids';
import { ActionFailed } from './actionFailed';
import type { CommandContext, CommandHandler } from './commandContext';
import { commandFailure, Refusal } from './commandFailure';
import { lifecycleActions, lifecycleCommand } from './containerLifecycle';
import { removeContainer } from './removeContainer';
import { attachShell, runCommand } from './attachShell';
import { inspectContainer, inspectContainerShowingSecrets } from './inspectContainer';
import { copyId, copyName, copyRunCommand } from './copyRunCommand';
import { killWithSignal, renameContainerCommand } from './killRenameContainer';
import { openPublishedPort } from './openPort';
import { pruneStoppedContainers } from './pruneContainers';
import { composeDown } from './composeDown';
import { composeLogs, composeProjectCommand, composeUpWithProfiles, projectVerbs } from './composeProject';
import { composeBuild } from './composeBuild';
import { composeServiceLogs, composeServiceRebuild, composeServiceRestart, composeServiceScale, composeServiceUp } from './composeService';
import { showMergedConfig } from './showMergedConfig';
import { createNetwork } from './createNetwork';
import { inspectImage, inspectNetwork, inspectVolume } from './inspect';
import { copyImageDigest, copyImageId, pruneImages, removeImage, tagImage } from './imageCommands';
import { pullImage, pushImage } from './pullPush';
import { disablePlugin, enablePlugin, inspectPlugin, installPlugin, removePlugin } from './pluginCommands';
import { systemPrune } from './systemPrune';
import { createVolume, pruneVolumes, removeVolume } from './volumeCommands';
import { connectNetwork, disconnectNetwork } from './networkConnection';
import { pruneNetworks, removeNetwork } from './removeNetwork';
import { showStats, showStatsForAll } from './showStats';
import { switchEngine } from './switchEngine';
import { logCommandHandlers } from '../logs/showLogs';
import { buildHandlers } from '../build/buildFeature';
import { fileCommandHandlers } from '../files/fileCommands';
import { initializeSwarm, joinSwarmCommand, leaveSwarmCommand } from './swarmLifecycle';
import { addNodeLabel, nodeAvailabilityCommand, nodeRoleCommand, removeNodeLabel, removeSwarmNode } from './swarmNodeCommands';
import { createSecretLikeCommand, inspectSecretLikeCommand, removeSecretLikeCommand } from './swarmSecretCommands';
import {
  inspectSwarmService,
  removeSwarmService,
  restartSwarmService,
  rollbackSwarmService,
  scaleSwarmService,
  swarmServiceLogs,
  updateSwarmServiceImage,
} from './swarmServiceCommands';
import { deployStack, removeStack } from './swarmStackCommands';

const handlers: Record<CommandId, CommandHandler> = {
  [Commands.containersRefresh]: (ctx) => ctx.explorer.refresh(Views.containers),
  [Commands.containersFilter]: (ctx, value) => ctx.explorer.filter(Views.containers, value),
  [Commands.containerStart]: lifecycleCommand(lifecycleActions.start),
  [Commands.containerStop]: lifecycleCommand(lifecycleActions.stop),
  [Commands.containerRestart]: lifecycleCommand(lifecycleActions.restart),
  [Commands.containerPause]: lifecycleCommand(lifecycleActions.pause),
  [Commands.containerUnpause]: lifecycleCommand(lifecycleActions.unpause),
  [Commands.containerRemove]: removeContainer,
  [Commands.containerAttachShell]: attachShell,
  [Commands.containerRunCommand]: runCommand,
  [Commands.containerInspect]: inspectContainer,
  [Commands.containerInspectShowingSecrets]: inspectContainerShowingSecrets,
  [Commands.containerKill]: killWithSignal,
  [Commands.containerRename]: renameContainerCommand,
  [Commands.containerCopyRunCommand]: copyRunCommand,
  [Commands.containerCopyId]: copyId,
  [Commands.containerCopyName]: copyName,
  [Commands.containerOpenPort]: openPublishedPort,
  [Commands.containersPrune]: pruneStoppedContainers,
  [Commands.networksRefresh]: (ctx) => ctx.explorer.refresh(Views.networks),
  [Commands.networksFilter]: (ctx, value) => ctx.explorer.filter(Views.networks, value),
  [Commands.networksPrune]: pruneNetworks,
  [Commands.networkCreate]: createNetwork,
  [Commands.networkRemove]: removeNetwork,
  [Commands.networkInspect]: inspectNetwork,
  [Commands.networkConnect]: connectNetwork,
  [Commands.networkDisconnect]: disconnectNetwork,
  [Commands.imagesRefresh]: (ctx) => ctx.explorer.refresh(Views.images),
  [Commands.imagesFilter]: (ctx, value) => ctx.explorer.filter(Views.images, value),
  [Commands.imagesPrune]: pruneImages,
  [Commands.imagesPull]: pullImage,
  [Commands.imagePull]: pullImage,
  [Commands.imagePush]: pushImage,
  [Commands.imageTag]: tagImage,
  [Commands.imageRemove]: removeImage,
  [Commands.imageInspect]: inspectImage,
  [Commands.imageCopyId]: copyImageId,
  [Commands.imageCopyDigest]: copyImageDigest,
  [Commands.systemRefresh]: (ctx) => ctx.explorer.refresh(Views.system),
  [Commands.systemFilter]: (ctx, value) => ctx.explorer.filter(Views.system, value),
  [Commands.systemPrune]: systemPrune,
  [Commands.systemMeasureDisk]: (ctx) => ctx.explorer.system.measureDisk(),
  [Commands.pluginInstall]: installPlugin,
  [Commands.pluginEnable]: enablePlugin,
  [Commands.pluginDisable]: disablePlugin,
  [Commands.pluginRemove]: removePlugin,
  [Commands.pluginInspect]: inspectPlugin,
  [Commands.volumesRefresh]: (ctx) => ctx.explorer.refresh(Views.volumes),
  [Commands.volumesFilter]: (ctx, value) => ctx.explorer.filter(Views.volumes, value),
  [Commands.volumesPrune]: pruneVolumes,
  [Commands.volumesMeasure]: (ctx) => ctx.explorer.volumes.measure(),
  [Commands.volumeCreate]: createVolume,
  [Commands.volumeRemove]: removeVolume,
  [Commands.volumeInspect]: inspectVolume,
  [Commands.swarmRefresh]: (ctx) => ctx.explorer.refresh(Views.swarm),
  [Commands.swarmFilter]: (ctx, value) => ctx.explorer.filter(Views.swarm, value),
  [Commands.swarmInitialize]: initializeSwarm,
  [Commands.swarmJoin]: joinSwarmCommand,
  [Commands.swarmLeave]: leaveSwarmCommand,
  [Commands.swarmServiceScale]: scaleSwarmService,
  [Commands.swarmServiceUpdateImage]: updateSwarmServiceImage,
  [Commands.swarmServiceRollback]: rollbackSwarmService,
  [Commands.swarmServiceRestart]: restartSwarmService,
  [Commands.swarmServiceLogs]: swarmServiceLogs,
  [Commands.swarmServiceInspect]: inspectSwarmService,
  [Commands.swarmServiceRemove]: removeSwarmService,
  [Commands.swarmStackDeploy]: deployStack,
  [Commands.swarmStackRemove]: removeStack,
  [Commands.swarmNodeDrain]: nodeAvailabilityCommand('drain'),
  [Commands.swarmNodePause]: nodeAvailabilityCommand('pause'),
  [Commands.swarmNodeActivate]: nodeAvailabilityCommand('active'),
  [Commands.swarmNodePromote]: nodeRoleCommand('manager'),
  [Commands.swarmNodeDemote]: nodeRoleCommand('worker'),
  [Commands.swarmNodeAddLabel]: addNodeLabel,
  [Commands.swarmNodeRemoveLabel]: removeNodeLabel,
  [Commands.swarmNodeRemove]: removeSwarmNode,
  [Commands.swarmSecretCreate]: createSecretLikeCommand('secret'),
  [Commands.swarmSecretInspect]: inspectSecretLikeCommand('secret'),
  [Commands.swarmSecretRemove]: removeSecretLikeCommand('secret'),
  [Commands.swarmConfigCreate]: createSecretLikeCommand('config'),
  [Commands.swarmConfigInspect]: inspectSecretLikeCommand('config'),
  [Commands.swarmConfigRemove]: removeSecretLikeCommand('config'),
  [Commands.composeUp]: composeProjectCommand(projectVerbs.up),
  [Commands.composeUpWithProfiles]: composeUpWithProfiles,
  [Commands.composeDown]: composeDown,
  [Commands.composeRestart]: composeProjectCommand(projectVerbs.restart),
  [Commands.composeStop]: composeProjectCommand(projectVerbs.stop),
  [Commands.composeStart]: composeProjectCommand(projectVerbs.start),
  [Commands.composePause]: composeProjectCommand(projectVerbs.pause),
  [Commands.composeUnpause]: composeProjectCommand(projectVerbs.unpause),
  [Commands.composePull]: composeProjectCommand(projectVerbs.pull),
  [Commands.composeBuild]: composeBuild,
  [Commands.composeLogs]: composeLogs,
  [Commands.composePs]: composeProjectCommand(projectVerbs.ps),
  [Commands.composeShowMergedConfig]: showMergedConfig,
  [Commands.composeServiceUp]: composeServiceUp,
  [Commands.composeServiceRestart]: composeServiceRestart,
  [Commands.composeServiceRebuild]: composeServiceRebuild,
  [Commands.composeServiceScale]: composeServiceScale,
  [Commands.composeServiceLogs]: composeServiceLogs,
  [Commands.statsShow]: showStats,
  [Commands.statsShowAll]: showStatsForAll,
  [Commands.engineSwitch]: switchEngine,
  [Commands.engineRetry]: (ctx) => ctx.session.retry(),
  [Commands.showLog]: (ctx) => ctx.log.show(),
  ...logCommandHandlers,
  ...buildHandlers,
  ...fileCommandHandlers,
};

export function describeFailure(error: unknown): string {
  if (error instanceof Refusal) return error.message;
  if (error instanceof ActionFailed) return `${error.summary} ${describeFailure(error.cause)}`;
  if (error instanceof EngineError) return error.userMessage;
  return error instanceof Error ? error.message : String(error);
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return (Object.keys(handlers) as CommandId[]).map((id) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handlers[id](ctx, ...args);
      } catch (error) {
        const message = describeFailure(error);
        ctx.log.error(`${id}: ${message}`);
        const unreachable = error instanceof EngineError && error.kind !== 'engine' && error.kind !== 'conflict' && error.kind !== 'notFound';
        // Not awaited: the command is done; the message waits for the user on its own.
        void vscode.window.showErrorMessage(message, ...(unreachable ? ['Switch Engine', 'Show Log'] : ['Show Log'])).then((action) => {
          if (action === 'Show Log') ctx.log.show();
          if (action === 'Switch Engine') void vscode.commands.executeCommand(Commands.engineSwitch);
        });
        return commandFailure(message, error);
      }
    }),
  );
}
