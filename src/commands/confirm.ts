/** The question a destructive action asks first (unless berth.confirmDestructive is off), and the report after it. */
import * as vscode from 'vscode';
import { Config } from '../config';

/** Asks with a modal warning; resolves with the chosen button, or undefined. Without the setting, the first button. */
export async function confirmDestructive(question: string, detail: string, ...buttons: [string, ...string[]]): Promise<string | undefined> {
  if (!Config.confirmDestructive()) return buttons[0];
  return vscode.window.showWarningMessage(question, { modal: true, detail: `${detail} Turn off berth.confirmDestructive to skip this question.`.trim() }, ...buttons);
}

/** "Removed network a." / "Removed 3 networks: a, b, c." — not awaited: the message waits for the user on its own. */
export function reportRemoved(one: string, many: string, names: readonly string[], extra = ''): void {
  if (names.length === 0) {
    void vscode.window.showInformationMessage(`Nothing to remove: no ${many}${extra}.`);
    return;
  }
  const list = names.length === 1 ? `${one} ${names[0]}` : `${names.length} ${many}: ${names.join(', ')}`;
  void vscode.window.showInformationMessage(`Removed ${list}${extra}.`);
}
