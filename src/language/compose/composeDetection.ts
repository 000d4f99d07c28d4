/**
 * Compose files with other names (stack.yml, jibri.yml, fleet-compose.yml): a YAML document whose
 * top-level `services:` maps service names to definitions is switched to the compose language when it
 * opens. Detection rather than a "treat as compose" prompt: the test is strict enough to leave CI
 * files alone, and a prompt would ask again for every file in every session. A document someone
 * switches back to YAML stays YAML, and `berth.compose.detectByContent` turns detection off.
 */
import * as vscode from 'vscode';
import { composeFeatures } from './composeProviders';
import { hasTopLevelServices } from './text';

/** `detectByContent` says whether detection is on for a file (berth.compose.detectByContent, read by the caller). */
export function registerComposeDetection(composeLanguageId: string, detectByContent: (uri: vscode.Uri) => boolean = () => true): vscode.Disposable[] {
  /** Documents switched away from compose by a person or another extension: they keep their language. */
  const declined = new Set<string>();
  let leavingCompose: string | undefined;
  const consider = (doc: vscode.TextDocument): void => {
    // Files on disk only: a YAML document Berth or another extension makes (a merged config) keeps its language.
    if (doc.languageId !== 'yaml' || doc.isClosed || doc.uri.scheme !== 'file') return;
    const key = doc.uri.toString();
    // VS Code changes a language by closing the document and opening it again, in one go.
    if (key === leavingCompose) declined.add(key);
    if (declined.has(key) || !detectByContent(doc.uri)) return;
    const text = doc.getText();
    // The cheap test first, so the YAML parser loads only for files that may be compose.
    if (!hasTopLevelServices(text) || !composeFeatures().looksLikeCompose(text)) return;
    void vscode.languages.setTextDocumentLanguage(doc, composeLanguageId);
  };
  for (const doc of vscode.workspace.textDocuments) consider(doc);
  return [
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.languageId !== composeLanguageId) return;
      const key = doc.uri.toString();
      leavingCompose = key;
      queueMicrotask(() => {
        if (leavingCompose === key) leavingCompose = undefined;
      });
    }),
    vscode.workspace.onDidOpenTextDocument(consider),
  ];
}
