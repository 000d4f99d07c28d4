/** Every command, view and context key id in one place, so a typo is a compile error. */
export const Commands = {
  containersRefresh: 'berth.containers.refresh',
  containerStart: 'berth.container.start',
  containerStop: 'berth.container.stop',
  containerRestart: 'berth.container.restart',
  containerPause: 'berth.container.pause',
  containerUnpause: 'berth.container.unpause',
  containerRemove: 'berth.container.remove',
  engineSwitch: 'berth.engine.switch',
  engineRetry: 'berth.engine.retry',
  showLog: 'berth.showLog',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Views = {
  container: 'berth',
  containers: 'berth.containers',
} as const;

export const ContextKeys = {
  /** `connecting`, `connected`, `unreachable`, `permission`, `tls`, `timeout` or `failed`. */
  engineState: 'berth.engine.state',
} as const;

export const ExtensionId = 'berth.berth';
