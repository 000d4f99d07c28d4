/**
 * The container states each lifecycle action is valid in: the palette's quick pick offers only
 * these, and a unit test holds package.json's menus to the same table. Pure.
 */
import type { ContainerState } from '../engine/types';

export const lifecycleStates = {
  start: ['created', 'exited', 'dead'],
  stop: ['running', 'restarting', 'paused'],
  restart: ['running', 'exited', 'created', 'dead'],
  pause: ['running'],
  unpause: ['paused'],
  remove: ['created', 'running', 'paused', 'restarting', 'exited', 'dead'],
  attachShell: ['running'],
  runCommand: ['running'],
  kill: ['running', 'restarting'],
  rename: ['created', 'running', 'paused', 'restarting', 'exited', 'dead'],
  copyRunCommand: ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'],
  copyId: ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'],
  copyName: ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'],
  openPort: ['running'],
  inspect: ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'],
  showLogs: ['created', 'running', 'paused', 'restarting', 'exited', 'dead'],
  openFiles: ['created', 'running', 'paused', 'restarting', 'exited', 'dead'],
} as const satisfies Record<string, readonly ContainerState[]>;
