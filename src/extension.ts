/** Wires Berth's modules together; owns nothing but their disposables. */
import * as vscode from 'vscode';
import { createApi, type BerthApi } from './api';
import { registerCommands } from './commands/registerCommands';
import { registerComposeCodeLens } from './compose/composeCodeLens';
import { ComposeRunner } from './compose/composeRunner';
import { LocalImageNames } from './engine/localImageNames';
import { EngineSession } from './engineSession';
import { ContainersTree } from './explorer/containers/containersTree';
import { registerComposeLanguage, type ComposeLintCounts } from './language/compose/composeLanguage';
import { registerDockerfileLanguage } from './language/dockerfile/dockerfileLanguage';
import { Views } from './ids';
import { InspectDocuments, registerInspectDocuments } from './inspect/inspectDocuments';
import { createEngineStatusBar } from './statusBar';

export function activate(context: vscode.ExtensionContext): BerthApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Berth', { log: true });
  const session = new EngineSession(context.workspaceState, log);
  const containers = new ContainersTree(session);
  const containersView = vscode.window.createTreeView(Views.containers, {
    treeDataProvider: containers,
    showCollapseAll: true,
    canSelectMany: true,
  });
  containers.bindView(containersView);
  const images = new LocalImageNames();
  const composeLints: ComposeLintCounts = { offThread: 0, inProcess: 0 };
  const imageOptions = { images: () => images.get() };
  const inspectDocuments = new InspectDocuments(session);

  context.subscriptions.push(
    log,
    session,
    containers,
    containersView,
    createEngineStatusBar(session),
    ...registerCommands({ session, containers, log, compose: new ComposeRunner(log), inspectDocuments }),
    ...registerInspectDocuments(inspectDocuments),
    images,
    session.onDidChangeConnection((c) => images.attach(c)),
    ...registerComposeLanguage(imageOptions, log, composeLints),
    ...registerComposeCodeLens(),
    ...registerDockerfileLanguage(imageOptions),
  );
  const activationMs = performance.now() - started;
  return createApi(session, containers, () => activationMs, composeLints);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
