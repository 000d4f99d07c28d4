/**
 * What a view shows instead of its objects: the engine's state when it is not connected, "none
 * yet", "nothing matches the filter", or a listing that failed. One place for every view, as rows
 * with the next step to click (not a welcome page per view and state). Pure.
 */
import type { EngineState } from '../../engine/engineConnection';
import { Commands } from '../../ids';
import type { ModelNode } from './treeModel';

/** A line of explanation. */
export interface StateMessage {
  text: string;
  /** The longer explanation, on hover. */
  detail?: string;
  tone: 'error' | 'warning' | 'info' | 'progress';
}

/** A clickable next step. */
export interface StateAction {
  label: string;
  command: string;
  arguments?: unknown[];
  icon: string;
}

export type StateNode = ModelNode<'message', StateMessage> | ModelNode<'action', StateAction>;

/** The engine state kinds a view can be in (EngineState['kind']): a new failure kind must get its rows here. */
export type EngineStateKind = EngineState['kind'];

const message = (key: string, text: string, tone: StateMessage['tone'], detail?: string): StateNode => ({
  kind: 'message',
  key,
  resource: { text, tone, ...(detail ? { detail } : {}) },
});

const action = (label: string, command: string, icon: string, args?: unknown[]): StateNode => ({
  kind: 'action',
  key: label,
  resource: { label, command, icon, ...(args ? { arguments: args } : {}) },
});

export const Actions = {
  retry: action('Retry', Commands.engineRetry, 'refresh'),
  switchEngine: action('Switch Engine…', Commands.engineSwitch, 'server-environment'),
  openSettings: action('Open Settings', 'workbench.action.openSettings', 'settings-gear', ['berth.']),
  showLog: action('Show Log', Commands.showLog, 'output'),
} as const;

/** Per failure: the headline, what to do about it, and the buttons. */
const FAILURES: Record<Exclude<EngineStateKind, 'connecting' | 'connected'>, { headline: string; next: string; actions: StateNode[] }> = {
  unreachable: {
    headline: 'The Docker engine is not reachable.',
    next: 'Start Docker (on Linux: sudo systemctl start docker), or point Berth at another engine with DOCKER_HOST, a docker context or the berth.host setting. Berth reconnects by itself when the engine comes back.',
    actions: [Actions.retry, Actions.switchEngine, Actions.openSettings],
  },
  permission: {
    headline: 'Permission denied on the Docker socket.',
    next: 'Add yourself to the docker group (sudo usermod -aG docker $USER, then log out and in), or use rootless Docker and set DOCKER_HOST.',
    actions: [Actions.retry, Actions.openSettings],
  },
  tls: {
    headline: 'The TLS handshake with the Docker engine failed.',
    next: 'Check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) and DOCKER_TLS_VERIFY, or the TLS files of your docker context.',
    actions: [Actions.retry, Actions.switchEngine, Actions.openSettings],
  },
  hostKey: {
    headline: "Berth did not connect: the ssh host key of the engine's host is not in your known_hosts, or has changed since you accepted it.",
    next: "Berth checks host keys exactly as ssh does and never asks. Run ssh HOST once in a terminal to check the key's fingerprint and accept it: the status bar's tooltip and the Berth log name the host, the fingerprint and the command. A key that changed without a reason you know of may mean someone is intercepting the connection.",
    actions: [Actions.retry, Actions.showLog, Actions.switchEngine],
  },
  timeout: {
    headline: 'The Docker engine did not answer in time.',
    next: 'It may be busy or the host may be wrong; raise berth.requestTimeout for slow remote engines.',
    actions: [Actions.retry, Actions.switchEngine, Actions.openSettings],
  },
  failed: {
    headline: 'Berth could not talk to the Docker engine.',
    next: 'The Berth output channel has the details.',
    actions: [Actions.retry, Actions.showLog, Actions.switchEngine],
  },
};

/** The rows for an engine that is not connected; `error` is the engine's own explanation, when there is one. */
export function engineStateRows(state: EngineStateKind, error?: string): StateNode[] {
  if (state === 'connected') return [];
  if (state === 'connecting') return [message('connecting', 'Connecting to the Docker engine…', 'progress')];
  const failure = FAILURES[state];
  return [message(state, failure.headline, 'error', error), message('next', failure.next, 'info'), ...failure.actions];
}

/** What an empty view says: "none yet" with how to make one, or that nothing matches the filter. */
export function emptyRows(noun: string, hint: string, filter: string, filterCommand: string): StateNode[] {
  if (filter.trim() !== '') {
    return [message('nomatch', `No ${noun} match “${filter.trim()}”.`, 'info'), action('Clear Filter', filterCommand, 'clear-all', [''])];
  }
  return [message('none', `No ${noun} yet.`, 'info', hint), ...(hint ? [message('hint', hint, 'info')] : [])];
}

/** A listing that failed while the engine is up: the engine's reason and a way to try again. */
export function loadFailedRows(noun: string, reason: string, refreshCommand: string): StateNode[] {
  return [message('failed', `Could not list ${noun}.`, 'error', reason), message('reason', reason, 'info'), action('Refresh', refreshCommand, 'refresh')];
}
