/** The status-bar item: which engine, its version, or that it is unreachable. Click: Switch Engine. */
import * as vscode from 'vscode';
import { describeEndpoint } from './engine/endpoint';
import type { EngineState } from './engine/engineConnection';
import type { EngineSession } from './engineSession';
import { Commands } from './ids';

export function statusText(state: EngineState, engineLabel: string | undefined): { text: string; tooltip: string } {
  const label = engineLabel ?? 'Docker';
  switch (state.kind) {
    case 'connecting':
      return { text: `$(sync~spin) ${label}`, tooltip: `Connecting to ${label}…` };
    case 'connected':
      return {
        text: `$(server-environment) ${label}${state.version ? ` ${state.version.version}` : ''}`,
        tooltip: `Docker engine ${label}${state.version ? `: Docker ${state.version.version} (API ${state.version.apiVersion}, ${state.version.os}/${state.version.arch})` : ''}. Click to switch engine.`,
      };
    default:
      return { text: `$(warning) ${label} unreachable`, tooltip: `${state.error.userMessage}\nClick to switch engine.` };
  }
}

export function createEngineStatusBar(session: EngineSession): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('berth.engine', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Berth: Docker Engine';
  item.command = Commands.engineSwitch;
  const render = (): void => {
    const endpoint = session.connection?.endpoint;
    const { text, tooltip } = statusText(session.state, endpoint ? describeEndpoint(endpoint) : undefined);
    item.text = text;
    item.tooltip = tooltip;
    item.backgroundColor = session.state.kind === 'connected' || session.state.kind === 'connecting' ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
    item.show();
  };
  const subscription = session.onDidChangeState(render);
  return vscode.Disposable.from(item, subscription);
}
