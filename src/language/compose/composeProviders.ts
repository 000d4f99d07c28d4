/** Completion, hover and definition providers for `dockercompose` documents: thin conversions of the pure results. */
import * as vscode from 'vscode';
import { lazy } from '../../lazy';
import type { ComposeCompletion } from './composeCompletion';
import type { ComposeDocument } from './composeDocument';
import { nodeComposeHost, type ComposeHost } from './composeHost';

/** The compose features, loaded when a compose file first asks for one. */
export const composeFeatures = lazy(() => require('./composeFeatures') as typeof import('./composeFeatures'));

const KIND: Record<ComposeCompletion['kind'], vscode.CompletionItemKind> = {
  key: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  reference: vscode.CompletionItemKind.Reference,
  snippet: vscode.CompletionItemKind.Snippet,
  variable: vscode.CompletionItemKind.Variable,
};

/** The last parse of each document, by version: completion and hover ask often, edits change it rarely. */
function parseCache(): (doc: vscode.TextDocument) => ComposeDocument {
  const cache = new Map<string, { version: number; parsed: ComposeDocument }>();
  return (doc) => {
    const key = doc.uri.toString();
    const hit = cache.get(key);
    if (hit && hit.version === doc.version) return hit.parsed;
    const parsed = composeFeatures().parseCompose(doc.getText());
    if (cache.size > 20) cache.clear();
    cache.set(key, { version: doc.version, parsed });
    return parsed;
  };
}

export interface ComposeProviderOptions {
  /** Local image names for `image:` completion (cached by the caller, never awaited). */
  images?: () => readonly string[];
  /** The machine as a file's rules see it, with the project files it is used with (a workspace `-f` list). */
  hostFor?: (uri: vscode.Uri) => ComposeHost;
  /** Whether a YAML file may be switched to compose by its content (berth.compose.detectByContent). */
  detectByContent?: (uri: vscode.Uri) => boolean;
}

/** The host of `uri` from the options, or this machine without a project. */
export function composeHostFor(options: ComposeProviderOptions, uri: vscode.Uri): ComposeHost {
  return options.hostFor?.(uri) ?? nodeComposeHost();
}

export function registerComposeProviders(selector: vscode.DocumentSelector, options: ComposeProviderOptions = {}): vscode.Disposable[] {
  const parsed = parseCache();
  return [
    vscode.languages.registerCompletionItemProvider(
      selector,
      {
        provideCompletionItems(doc, position) {
          const text = doc.getText();
          const sources = doc.uri.scheme === 'file' ? composeFeatures().completionSources(doc.uri.fsPath, () => parsed(doc), composeHostFor(options, doc.uri), options.images?.() ?? []) : {};
          const result = composeFeatures().completeCompose(text, position.line, position.character, sources);
          const range = new vscode.Range(position.line, result.replaceStart, position.line, position.character);
          return result.items.map((c, i) => {
            const item = new vscode.CompletionItem(c.label, KIND[c.kind]);
            item.insertText = new vscode.SnippetString(c.insertSnippet);
            item.range = range;
            if (c.detail) item.detail = c.detail;
            if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
            item.sortText = String(i).padStart(4, '0'); // keep Berth's order: references and values first
            return item;
          });
        },
      },
      ':',
      ' ',
      '$',
      '{',
    ),
    vscode.languages.registerDefinitionProvider(selector, {
      provideDefinition(doc, position) {
        if (doc.uri.scheme !== 'file') return undefined;
        const ctx = composeFeatures().composeContext(doc.uri.fsPath, parsed(doc), composeHostFor(options, doc.uri));
        const target = composeFeatures().definitionAt(ctx, { line: position.line, character: position.character });
        if (!target) return undefined;
        const r = target.range;
        return new vscode.Location(vscode.Uri.file(target.file), new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character));
      },
    }),
    vscode.languages.registerHoverProvider(selector, {
      provideHover(doc, position) {
        const hover = composeFeatures().hoverCompose(parsed(doc), { line: position.line, character: position.character });
        if (!hover) return undefined;
        const r = hover.range;
        return new vscode.Hover(new vscode.MarkdownString(hover.markdown), new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character));
      },
    }),
  ];
}
