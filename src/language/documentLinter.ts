/**
 * The editor lifecycle every Berth checker shares: lint a document when it opens, again after edits
 * (at once when its lints are cheap, later in proportion when they are costly: lintDelay.ts), forget
 * it when it closes, and offer the quick fixes its findings carry. Each language adds its own reasons
 * to re-lint (a saved .dockerignore, a changed setting).
 */
import * as vscode from 'vscode';
import type { Finding } from './findings';
import { lintDelay, nextCost } from './lintDelay';
import { quickFixesFor, toDiagnostics } from './vscodeFindings';

export interface DocumentLinterOptions {
  /** The diagnostic collection's name. */
  name: string;
  languageId: string;
  /** Extra condition beyond the language (e.g. only files on disk). */
  accepts?: (doc: vscode.TextDocument) => boolean;
  /** The findings, or a promise of them (work done off the extension host's thread). */
  lint: (doc: vscode.TextDocument) => Finding[] | Promise<Finding[]>;
  /**
   * The lint runs off the extension host behind a queue that keeps one run and the newest request
   * per file (the compose worker): edits are sent at once, with no delay. Asked at each edit: a
   * worker that cannot run falls back to linting in the extension host, which is delayed again.
   */
  queued?: () => boolean;
  /** Told when a lint fails, so the failure is seen (the document keeps its last diagnostics). */
  onError?: (error: unknown) => void;
}

export class DocumentLinter implements vscode.Disposable {
  private readonly diagnostics: vscode.DiagnosticCollection;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** The latest lint asked for, per document: an older answer that arrives late is dropped. */
  private readonly latest = new Map<string, number>();
  /** What linting each document has cost lately, in ms (for a worker, the round trip). */
  private readonly costs = new Map<string, number>();
  /** The first lint loads the checker and warms the JIT: its cost says nothing about the next. */
  private warm = false;
  private lints = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly options: DocumentLinterOptions) {
    this.diagnostics = vscode.languages.createDiagnosticCollection(options.name);
    this.disposables.push(
      this.diagnostics,
      vscode.workspace.onDidOpenTextDocument((doc) => this.lintNow(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.lintSoon(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.cancel(doc.uri);
        this.latest.delete(doc.uri.toString());
        this.costs.delete(doc.uri.toString());
        this.diagnostics.delete(doc.uri);
      }),
      vscode.languages.registerCodeActionsProvider(
        { language: options.languageId },
        { provideCodeActions: (doc, range) => quickFixesFor(doc.uri, range, this.diagnostics.get(doc.uri) ?? []) },
        { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
      ),
    );
    // Documents already open are linted soon, not during activation.
    for (const doc of vscode.workspace.textDocuments) this.lintSoon(doc);
  }

  accepts(doc: vscode.TextDocument): boolean {
    return doc.languageId === this.options.languageId && (this.options.accepts?.(doc) ?? true);
  }

  lintNow(doc: vscode.TextDocument): void {
    this.cancel(doc.uri);
    if (!this.accepts(doc) || doc.isClosed) return;
    const key = doc.uri.toString();
    const started = performance.now();
    const result = this.options.lint(doc);
    if (Array.isArray(result)) {
      this.measured(key, started);
      this.diagnostics.set(doc.uri, toDiagnostics(result));
      return;
    }
    const lint = ++this.lints;
    const version = doc.version;
    this.latest.set(key, lint);
    result.then(
      (findings) => {
        if (!doc.isClosed) this.measured(key, started);
        if (this.latest.get(key) === lint && !doc.isClosed && doc.version === version) this.diagnostics.set(doc.uri, toDiagnostics(findings));
      },
      (error: unknown) => this.options.onError?.(error),
    );
  }

  lintSoon(doc: vscode.TextDocument): void {
    if (!this.accepts(doc)) return;
    this.cancel(doc.uri);
    this.pending.set(
      doc.uri.toString(),
      setTimeout(() => this.lintNow(doc), lintDelay(this.costs.get(doc.uri.toString()), this.options.queued?.() ?? false)),
    );
  }

  private measured(key: string, started: number): void {
    const cost = performance.now() - started;
    if (this.warm) this.costs.set(key, nextCost(this.costs.get(key), cost));
    this.warm = true;
  }

  /** Re-lints the open documents that `which` selects (all by default). */
  relint(which: (doc: vscode.TextDocument) => boolean = () => true): void {
    for (const doc of vscode.workspace.textDocuments) if (which(doc)) this.lintSoon(doc);
  }

  private cancel(uri: vscode.Uri): void {
    const timer = this.pending.get(uri.toString());
    if (timer) clearTimeout(timer);
    this.pending.delete(uri.toString());
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}
