/**
 * The VS Code side of compose support: diagnostics for `dockercompose` documents (on open, again
 * after edits, cleared on close, refreshed when a `.env` beside them changes), their quick fixes, and
 * completion and hover.
 * Thin: all the checking is in the pure `lintComposeFile`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Finding } from '../findings';
import { DocumentLinter } from '../documentLinter';
import { workspaceReadPolicy } from '../workspaceReadPolicy';
import { registerComposeDetection } from './composeDetection';
import { ComposeLintClient, LintSuperseded, lintOffThread } from './composeLintClient';
import { composeFeatures, composeHostFor, registerComposeProviders, type ComposeProviderOptions } from './composeProviders';

export const COMPOSE_LANGUAGE_ID = 'dockercompose';


/** Where compose lints ran: on the worker thread, or in the extension host when it could not. */
export interface ComposeLintCounts {
  offThread: number;
  inProcess: number;
}

export function registerComposeLanguage(options: ComposeProviderOptions = {}, log?: vscode.LogOutputChannel, counts: ComposeLintCounts = { offThread: 0, inProcess: 0 }): vscode.Disposable[] {
  const worker = new ComposeLintClient();
  let warned = false;
  const inProcess = (doc: vscode.TextDocument): Finding[] => {
    counts.inProcess++;
    return composeFeatures().lintComposeFile(doc.uri.fsPath, doc.getText(), composeHostFor(options, doc.uri));
  };
  const linter = new DocumentLinter({
    name: 'berth-compose',
    languageId: COMPOSE_LANGUAGE_ID,
    // Paths in a compose file resolve on disk, so only files on disk are linted.
    accepts: (doc) => doc.uri.scheme === 'file',
    // The worker's queue keeps the newest request per file: no delay after an edit while it runs.
    queued: () => worker.available,
    // On the worker thread; in-process only if the worker cannot start (the document still gets its diagnostics).
    lint: async (doc) => {
      const host = composeHostFor(options, doc.uri);
      const request = { file: doc.uri.fsPath, text: doc.getText(), projectFiles: host.projectFiles ?? [], allowedRoots: workspaceReadPolicy().allowedRoots };
      let fellBack = false;
      const findings = await lintOffThread(worker, request, () => {
        fellBack = true;
        return inProcess(doc);
      }, (error) => {
        if (!warned) log?.warn(`compose files are linted in the extension host: ${error.message}`);
        warned = true;
      });
      if (!fellBack) counts.offThread++;
      return findings;
    },
    // A newer lint of the same document replaced it: nothing to tell.
    onError: (error) => {
      if (!(error instanceof LintSuperseded)) log?.error(`compose lint failed: ${String(error)}`);
    },
  });
  return [
    worker,
    linter,
    // A saved `.env`, env file, Dockerfile or compose file can change what the compose files beside it report.
    vscode.workspace.onDidSaveTextDocument((saved) => {
      const dir = path.dirname(saved.uri.fsPath);
      linter.relint((doc) => doc !== saved && linter.accepts(doc) && !path.relative(dir, doc.uri.fsPath).startsWith('..'));
    }),
    // The workspace -f list decides which files declare names for each other.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('berth.compose.files')) linter.relint((doc) => linter.accepts(doc));
    }),
    ...registerComposeProviders({ language: COMPOSE_LANGUAGE_ID }, options),
    ...registerComposeDetection(COMPOSE_LANGUAGE_ID, options.detectByContent),
  ];
}
