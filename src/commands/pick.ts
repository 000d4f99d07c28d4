/** The palette's side of a command: when it runs without rows, it asks which objects with a quick pick. */
import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

/** Offers `items` (or says there is nothing to `verb`); resolves with the picked values, empty when cancelled. */
export async function pickValues<T>(items: readonly PickItem<T>[], options: { verb: string; noun: string; many: boolean }): Promise<T[]> {
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`No ${options.noun} to ${options.verb}.`);
    return [];
  }
  if (options.many) {
    const picked = await vscode.window.showQuickPick([...items], { canPickMany: true, placeHolder: `${options.noun} to ${options.verb}` });
    return picked?.map((p) => p.value) ?? [];
  }
  const picked = await vscode.window.showQuickPick([...items], { placeHolder: `${options.noun} to ${options.verb}` });
  return picked ? [picked.value] : [];
}
