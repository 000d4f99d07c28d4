/**
 * The Dockerfile line behind each row of an image's history, for images Berth built: it remembers
 * the Dockerfile and target per image id, and matches the history's instruction texts against that
 * file as it is now (historyLines). The engine records no file or line, so other images get none.
 */
import * as vscode from 'vscode';
import { readTextFile } from '../language/safeRead';
import { dockerfileFeatures } from '../language/dockerfile/languageProviders';
import type { LayerSource } from '../explorer/images/imagesModel';
import type { ImageSource } from './buildMemory';
import { historyLines, type HistoryRow } from './historyLines';

/** One entry per row (undefined where no instruction matches); undefined when the file is unknown or unreadable. */
export function layerSources(source: ImageSource | undefined, rows: readonly HistoryRow[]): (LayerSource | undefined)[] | undefined {
  if (!source) return undefined;
  const read = readTextFile(source.dockerfile);
  if (!read.ok) return undefined;
  const { buildModel, parseDockerfile } = dockerfileFeatures();
  return historyLines(rows, buildModel(parseDockerfile(read.text)), source.target).map((line) => (line === undefined ? undefined : { dockerfile: source.dockerfile, line }));
}

/** A history row's click: the Dockerfile, opened at the line. */
export async function openLayerLine(_ctx: unknown, ...args: unknown[]): Promise<void> {
  const [dockerfile, line] = args;
  if (typeof dockerfile !== 'string' || typeof line !== 'number') return;
  const at = new vscode.Position(line, 0);
  await vscode.window.showTextDocument(vscode.Uri.file(dockerfile), { selection: new vscode.Range(at, at), preview: true });
}
