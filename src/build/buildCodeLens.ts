/** "Build this stage" on each `FROM … AS stage` line; hidden in Restricted Mode (the build would refuse). */
import * as vscode from 'vscode';
import { Commands } from '../ids';
import { dockerfileFeatures } from '../language/dockerfile/languageProviders';

export class BuildStageCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changes = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changes.event;

  watch(): vscode.Disposable[] {
    return [this.changes, vscode.workspace.onDidGrantWorkspaceTrust(() => this.changes.fire())];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted || document.uri.scheme !== 'file') return [];
    const { buildModel, parseDockerfile } = dockerfileFeatures();
    const { stages } = buildModel(parseDockerfile(document.getText()));
    return stages
      .filter((s) => s.name !== undefined)
      .map((s) => {
        const line = s.from.keywordRange.start.line;
        return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title: '$(package) Build this stage', command: Commands.buildStage, arguments: [{ uri: document.uri, stage: s.name }] });
      });
  }
}

export function registerBuildCodeLens(): vscode.Disposable[] {
  const provider = new BuildStageCodeLensProvider();
  return [...provider.watch(), vscode.languages.registerCodeLensProvider({ language: 'dockerfile', scheme: 'file' }, provider)];
}
