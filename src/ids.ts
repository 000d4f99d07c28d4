/** Every command, view and context key id in one place, so a typo is a compile error. */
export const Commands = {
  containersRefresh: 'berth.containers.refresh',
  containersFilter: 'berth.containers.filter',
  containerStart: 'berth.container.start',
  containerStop: 'berth.container.stop',
  containerRestart: 'berth.container.restart',
  containerPause: 'berth.container.pause',
  containerUnpause: 'berth.container.unpause',
  containerRemove: 'berth.container.remove',
  containerAttachShell: 'berth.container.attachShell',
  containerRunCommand: 'berth.container.runCommand',
  containerInspect: 'berth.container.inspect',
  containerKill: 'berth.container.kill',
  containerRename: 'berth.container.rename',
  containerCopyRunCommand: 'berth.container.copyRunCommand',
  containerCopyId: 'berth.container.copyId',
  containerCopyName: 'berth.container.copyName',
  containerOpenPort: 'berth.container.openPort',
  containersPrune: 'berth.containers.prune',
  containerInspectShowingSecrets: 'berth.container.inspectShowingSecrets',
  networksRefresh: 'berth.networks.refresh',
  networksFilter: 'berth.networks.filter',
  networksPrune: 'berth.networks.prune',
  networkCreate: 'berth.network.create',
  networkRemove: 'berth.network.remove',
  networkInspect: 'berth.network.inspect',
  networkConnect: 'berth.network.connect',
  networkDisconnect: 'berth.network.disconnect',
  containerShowLogs: 'berth.container.showLogs',
  composeShowLogs: 'berth.compose.showLogs',
  composeServiceShowLogs: 'berth.compose.service.showLogs',
  composeUp: 'berth.compose.up',
  composeUpWithProfiles: 'berth.compose.upWithProfiles',
  composeDown: 'berth.compose.down',
  composeRestart: 'berth.compose.restart',
  composeStop: 'berth.compose.stop',
  composeStart: 'berth.compose.start',
  composePause: 'berth.compose.pause',
  composeUnpause: 'berth.compose.unpause',
  composePull: 'berth.compose.pull',
  composeBuild: 'berth.compose.build',
  composeLogs: 'berth.compose.logs',
  composePs: 'berth.compose.ps',
  composeShowMergedConfig: 'berth.compose.showMergedConfig',
  composeServiceUp: 'berth.compose.service.up',
  composeServiceRestart: 'berth.compose.service.restart',
  composeServiceRebuild: 'berth.compose.service.rebuild',
  composeServiceScale: 'berth.compose.service.scale',
  composeServiceLogs: 'berth.compose.service.logs',
  engineSwitch: 'berth.engine.switch',
  engineRetry: 'berth.engine.retry',
  showLog: 'berth.showLog',
  buildImage: 'berth.build.image',
  buildStage: 'berth.build.stage',
  runImage: 'berth.image.run',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Views = {
  container: 'berth-docker',
  containers: 'berth.containers',
  networks: 'berth.networks',
} as const;

export const ContextKeys = {
  /** `connecting`, `connected`, `unreachable`, `permission`, `tls`, `timeout` or `failed`. */
  engineState: 'berth.engine.state',
} as const;

/** URI schemes Berth registers. Never the bare `berth`: another extension owns it. */
export const UriSchemes = {
  inspect: 'berth-inspect',
} as const;

export const ExtensionId = 'berth-dev.berth';
