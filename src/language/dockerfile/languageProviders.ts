/**
 * Completion, hover, outline, folding, definition, references, rename and formatting for `dockerfile` documents:
 * thin adapters from the pure modules to VS Code's items, kinds and ranges.
 */
import * as vscode from 'vscode';
import { toVsRange } from '../vscodeFindings';
import { lazy } from '../../lazy';
import type { CompletionKind } from './completion';
import type { Dockerfile } from './ast';
import type { DockerfileModel } from './model';
import type { DockerfileSymbol } from './symbols';

/** The Dockerfile features, loaded when a Dockerfile first asks for one. */
export const dockerfileFeatures = lazy(() => require('./dockerfileFeatures') as typeof import('./dockerfileFeatures'));

const KIND: Record<CompletionKind, vscode.CompletionItemKind> = {
  instruction: vscode.CompletionItemKind.Keyword,
  keyword: vscode.CompletionItemKind.Keyword,
  flag: vscode.CompletionItemKind.Property,
  mountKey: vscode.CompletionItemKind.Field,
  value: vscode.CompletionItemKind.EnumMember,
  stage: vscode.CompletionItemKind.Reference,
  variable: vscode.CompletionItemKind.Variable,
  directive: vscode.CompletionItemKind.Keyword,
  image: vscode.CompletionItemKind.Module,
};

function toSymbol(s: DockerfileSymbol): vscode.DocumentSymbol {
  const kind = s.kind === 'stage' ? vscode.SymbolKind.Class : s.kind === 'arg' ? vscode.SymbolKind.Variable : vscode.SymbolKind.Method;
  const symbol = new vscode.DocumentSymbol(s.name, s.detail, kind, toVsRange(s.range), toVsRange(s.selectionRange));
  symbol.children = s.children.map(toSymbol);
  return symbol;
}

/** One parse per document version, shared by the providers (a request often follows another on the same version). */
const parses = new Map<string, { version: number; df: Dockerfile; model: DockerfileModel }>();

function parsed(doc: vscode.TextDocument): { df: Dockerfile; model: DockerfileModel } {
  const key = doc.uri.toString();
  const hit = parses.get(key);
  if (hit?.version === doc.version) return hit;
  const df = dockerfileFeatures().parseDockerfile(doc.getText());
  const entry = { version: doc.version, df, model: dockerfileFeatures().buildModel(df) };
  if (parses.size > 20) parses.clear();
  parses.set(key, entry);
  return entry;
}

export interface DockerfileProviderOptions {
  /** Local image names, cached by the caller; returns at once (empty when no engine answers). */
  images?: () => readonly string[];
}

export function registerDockerfileProviders(selector: vscode.DocumentSelector, options: DockerfileProviderOptions = {}): vscode.Disposable[] {
  return [
    vscode.languages.registerCompletionItemProvider(
      selector,
      {
        provideCompletionItems(doc, position) {
          const items = dockerfileFeatures().complete(doc.getText(), { line: position.line, character: position.character }, { images: options.images?.() ?? [] }, parsed(doc));
          return items.map((i) => {
            const item = new vscode.CompletionItem(i.label, KIND[i.kind]);
            if (i.detail) item.detail = i.detail;
            if (i.documentation) item.documentation = new vscode.MarkdownString(i.documentation);
            if (i.insertText) item.insertText = i.snippet ? new vscode.SnippetString(i.insertText) : i.insertText;
            return item;
          });
        },
      },
      '-',
      '=',
      ',',
      '$',
      '{',
      ' ',
    ),
    vscode.languages.registerDocumentSymbolProvider(selector, {
      provideDocumentSymbols(doc) {
        return dockerfileFeatures().documentSymbols(parsed(doc).model).map(toSymbol);
      },
    }),
    vscode.languages.registerFoldingRangeProvider(selector, {
      provideFoldingRanges(doc) {
        const { df, model } = parsed(doc);
        return dockerfileFeatures().foldingRanges(df, model).map((r) => new vscode.FoldingRange(r.start, r.end));
      },
    }),
    vscode.languages.registerDefinitionProvider(selector, {
      provideDefinition(doc, position) {
        const { df, model } = parsed(doc);
        const occ = dockerfileFeatures().occurrencesAt(df, model, position);
        return occ?.definition ? new vscode.Location(doc.uri, toVsRange(occ.definition)) : undefined;
      },
    }),
    vscode.languages.registerReferenceProvider(selector, {
      provideReferences(doc, position, context) {
        const { df, model } = parsed(doc);
        const occ = dockerfileFeatures().occurrencesAt(df, model, position);
        if (!occ) return [];
        const ranges = context.includeDeclaration && occ.definition ? [occ.definition, ...occ.references] : occ.references;
        return ranges.map((r) => new vscode.Location(doc.uri, toVsRange(r)));
      },
    }),
    vscode.languages.registerRenameProvider(selector, {
      prepareRename(doc, position) {
        const { df, model } = parsed(doc);
        const occ = dockerfileFeatures().occurrencesAt(df, model, position);
        if (!occ?.definition) throw new Error('Only stages and variables defined in this file can be renamed.');
        const here = [occ.definition, ...occ.references].find((r) => r.start.line === position.line && r.start.character <= position.character && position.character <= r.end.character);
        return toVsRange(here ?? occ.definition);
      },
      provideRenameEdits(doc, position, newName) {
        const { df, model } = parsed(doc);
        const edits = dockerfileFeatures().renameEdits(df, model, position, newName);
        if (!edits) return undefined;
        const edit = new vscode.WorkspaceEdit();
        for (const e of edits) edit.replace(doc.uri, toVsRange(e.range), e.newText);
        return edit;
      },
    }),
    vscode.languages.registerDocumentFormattingEditProvider(selector, {
      provideDocumentFormattingEdits(doc, options) {
        const indent = options.insertSpaces ? ' '.repeat(options.tabSize) : '\t';
        return dockerfileFeatures().formatDockerfile(parsed(doc).df, { indent }).map((e) => vscode.TextEdit.replace(toVsRange(e.range), e.newText));
      },
    }),
    vscode.languages.registerHoverProvider(selector, {
      provideHover(doc, position) {
        const { df, model } = parsed(doc);
        const info = dockerfileFeatures().hover(df, model, { line: position.line, character: position.character });
        return info ? new vscode.Hover(new vscode.MarkdownString(info.contents), toVsRange(info.range)) : undefined;
      },
    }),
  ];
}
