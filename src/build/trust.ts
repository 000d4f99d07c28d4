/** Building and running execute workspace content: in Restricted Mode they refuse, with the way out. */
import * as vscode from 'vscode';
import { commandFailure, Refusal, type CommandFailure } from '../commands/commandFailure';

export function restrictedRefusal(what: string): Refusal {
  return new Refusal(`${what} is not run in Restricted Mode: it executes this workspace's files. Trust the folder first (Workspaces: Manage Workspace Trust).`);
}

/** Undefined when trusted; else shows the refusal with a "Manage Workspace Trust" action and returns it as the command's failure. */
export function refuseUntrusted(what: string): CommandFailure | undefined {
  if (vscode.workspace.isTrusted) return undefined;
  const refusal = restrictedRefusal(what);
  void vscode.window.showWarningMessage(refusal.message, 'Manage Workspace Trust').then((action) => {
    if (action) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return commandFailure(refusal.message, refusal);
}
