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
  imagesRefresh: 'berth.images.refresh',
  imagesFilter: 'berth.images.filter',
  imagesPrune: 'berth.images.prune',
  imagesPull: 'berth.images.pull',
  imagePull: 'berth.image.pull',
  imagePush: 'berth.image.push',
  imageTag: 'berth.image.tag',
  imageRemove: 'berth.image.remove',
  imageInspect: 'berth.image.inspect',
  imageCopyId: 'berth.image.copyId',
  imageCopyDigest: 'berth.image.copyDigest',
  systemRefresh: 'berth.system.refresh',
  systemFilter: 'berth.system.filter',
  systemPrune: 'berth.system.prune',
  systemMeasureDisk: 'berth.system.measureDisk',
  pluginInstall: 'berth.plugins.install',
  pluginEnable: 'berth.plugin.enable',
  pluginDisable: 'berth.plugin.disable',
  pluginRemove: 'berth.plugin.remove',
  pluginInspect: 'berth.plugin.inspect',
  volumesRefresh: 'berth.volumes.refresh',
  volumesFilter: 'berth.volumes.filter',
  volumesPrune: 'berth.volumes.prune',
  volumesMeasure: 'berth.volumes.measure',
  volumeCreate: 'berth.volume.create',
  volumeRemove: 'berth.volume.remove',
  volumeInspect: 'berth.volume.inspect',
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
  statsShow: 'berth.stats.show',
  statsShowAll: 'berth.stats.showAll',
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
  images: 'berth.images',
  networks: 'berth.networks',
  volumes: 'berth.volumes',
  system: 'berth.system',
} as const;

/** Webview panel types (also the `onWebviewPanel:` activation event that restores them). */
export const WebviewPanels = {
  stats: 'berth.stats',
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
