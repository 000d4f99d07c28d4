/** Wires Berth's modules together; owns nothing but their disposables. */
import * as vscode from 'vscode';
import { createApi, type BerthApi } from './api';
import { BuildFeature } from './build/buildFeature';
import { registerCommands } from './commands/registerCommands';
import { registerComposeCodeLens } from './compose/composeCodeLens';
import { editorComposeHost } from './compose/composeEditorHost';
import { ComposeRunner } from './compose/composeRunner';
import { Config } from './config';
import { LocalImageNames } from './engine/localImageNames';
import { EngineSession } from './engineSession';
import { Explorer } from './explorer/explorer';
import { FilesFeature } from './files/filesFeature';
import { SecurityDecorations } from './explorer/containers/securityDecorations';
import { registerComposeLanguage, type ComposeLintCounts } from './language/compose/composeLanguage';
import { registerDockerfileLanguage } from './language/dockerfile/dockerfileLanguage';
import { InspectDocuments, registerInspectDocuments } from './inspect/inspectDocuments';
import { StatsPanels } from './stats/statsPanels';
import { createEngineStatusBar } from './statusBar';

export function activate(context: vscode.ExtensionContext): BerthApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Berth', { log: true });
  const session = new EngineSession(context.workspaceState, log);
  const build = new BuildFeature(session, log, context.workspaceState);
  const explorer = new Explorer(session, (imageId, layers) => build.layerSources(imageId, layers));
  const images = new LocalImageNames();
  const composeLints: ComposeLintCounts = { offThread: 0, inProcess: 0 };
  const imageOptions = { images: () => images.get() };
  const inspectDocuments = new InspectDocuments(session);
  // The language side reads no settings: the workspace's -f list and the rule settings are passed in.
  const composeOptions = { ...imageOptions, hostFor: editorComposeHost, detectByContent: Config.composeDetectByContent };
  const dockerfileOptions = { ...imageOptions, lintSettings: Config.dockerfileLintSettings };
  const stats = new StatsPanels(session, context.extensionUri, log);
  const files = new FilesFeature(session);
  // Volume helper containers go while the engine connection still stands.
  beforeDispose = () => files.volumeHelpers.releaseAll();

  context.subscriptions.push(
    log,
    session,
    explorer,
    new SecurityDecorations(session),
    createEngineStatusBar(session),
    build,
    files,
    ...registerCommands({ session, explorer, log, compose: new ComposeRunner(log), inspectDocuments, stats, build, files }),
    ...registerInspectDocuments(inspectDocuments),
    stats,
    session.onEachConnection((scope) => images.attach(scope)),
    ...registerComposeLanguage(composeOptions, log, composeLints),
    ...registerComposeCodeLens(),
    ...registerDockerfileLanguage(dockerfileOptions),
  );
  const activationMs = performance.now() - started;
  return createApi(session, explorer, () => activationMs, composeLints, stats, files.tree);
}

/** What must finish before the subscriptions go (VS Code awaits deactivate() first). */
let beforeDispose: (() => Promise<void>) | undefined;

export function deactivate(): Promise<void> | undefined {
  // Everything else is disposed through context.subscriptions.
  return beforeDispose?.();
}
