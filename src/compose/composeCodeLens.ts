/**
 * Code lenses on a compose file: Up / Down / Logs on `services:`, and Up / Restart / Logs on
 * each service. Hidden in Restricted Mode (the commands would refuse) and by berth.compose.codeLens.
 */
import * as vscode from 'vscode';
import { Config } from '../config';
import { Commands } from '../ids';
import { composeFeatures } from '../language/compose/composeProviders';
import { toVsRange } from '../language/vscodeFindings';
import type { ComposeServiceRef } from '../commands/composeTarget';

// The compose model brings the yaml parser: loaded (composeFeatures) when the first compose file asks for lenses.

export class ComposeCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changeEmitter.event;

  /** Trust and the setting change what is shown. */
  watch(): vscode.Disposable[] {
    return [
      this.changeEmitter,
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changeEmitter.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('berth.compose.codeLens')) this.changeEmitter.fire();
      }),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted || !Config.composeCodeLens() || document.uri.scheme !== 'file') return [];
    const { entriesOf, entry, parseCompose } = composeFeatures();
    const doc = parseCompose(document.getText());
    const services = entry(doc.root, 'services');
    if (!services) return [];
    const at = (line: number): vscode.Range => new vscode.Range(line, 0, line, 0);
    const lens = (line: number, title: string, command: string, ref: ComposeServiceRef | vscode.Uri): vscode.CodeLens =>
      new vscode.CodeLens(at(line), { title, command, arguments: [ref] });
    const uri = document.uri;
    const top = toVsRange(services.keyRange).start.line;
    const lenses = [
      lens(top, '$(run-all) Up', Commands.composeUp, uri),
      lens(top, '$(debug-stop) Down', Commands.composeDown, uri),
      lens(top, '$(output) Logs', Commands.composeLogs, uri),
    ];
    for (const service of entriesOf(services.value)) {
      if (service.merged) continue;
      const line = toVsRange(service.keyRange).start.line;
      const ref: ComposeServiceRef = { uri, service: service.key };
      lenses.push(
        lens(line, '$(play) Up', Commands.composeServiceUp, ref),
        lens(line, '$(debug-restart) Restart', Commands.composeServiceRestart, ref),
        lens(line, '$(output) Logs', Commands.composeServiceLogs, ref),
      );
    }
    return lenses;
  }
}

export function registerComposeCodeLens(): vscode.Disposable[] {
  const provider = new ComposeCodeLensProvider();
  return [...provider.watch(), vscode.languages.registerCodeLensProvider({ language: 'dockercompose', scheme: 'file' }, provider)];
}
