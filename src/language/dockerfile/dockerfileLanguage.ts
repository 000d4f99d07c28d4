/**
 * The VS Code side of Dockerfile support: diagnostics for `dockerfile` documents (on open, again
 * after edits, cleared on close, refreshed when a .dockerignore or the berth.dockerfile settings
 * change), the quick fixes of their findings, completion and hover. Thin: all the checking is in
 * the pure lintDockerfile.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DocumentLinter } from '../documentLinter';
import { workspaceReadPolicy } from '../workspaceReadPolicy';
import { dockerfileFeatures, registerDockerfileProviders, type DockerfileProviderOptions } from './languageProviders';
import type { DockerfileLintSettings } from './lint';

export const DOCKERFILE_LANGUAGE_ID = 'dockerfile';


export interface DockerfileLanguageOptions extends DockerfileProviderOptions {
  /** The berth.dockerfile.* settings for a document, read by the caller (the language side reads no settings). */
  lintSettings?: (uri: vscode.Uri) => DockerfileLintSettings;
}

/** `options.images` feeds FROM completion with local image names (cached by the caller, never awaited). */
export function registerDockerfileLanguage(options: DockerfileLanguageOptions = {}): vscode.Disposable[] {
  const linter = new DocumentLinter({
    name: 'berth-dockerfile',
    languageId: DOCKERFILE_LANGUAGE_ID,
    lint: (doc) => {
      // .dockerignore is read from disk: only for files that live there, and in Restricted Mode only inside the workspace.
      const dockerignore = doc.uri.scheme === 'file' ? dockerfileFeatures().readDockerignoreFor(doc.uri.fsPath, workspaceReadPolicy()) : undefined;
      return dockerfileFeatures().lintDockerfile(doc.getText(), { dockerignore, settings: options.lintSettings?.(doc.uri) });
    },
  });
  return [
    linter,
    vscode.workspace.onDidSaveTextDocument((saved) => {
      if (path.basename(saved.uri.fsPath).endsWith('.dockerignore')) linter.relint();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('berth.dockerfile')) linter.relint();
    }),
    ...registerDockerfileProviders({ language: DOCKERFILE_LANGUAGE_ID }, options),
  ];
}
