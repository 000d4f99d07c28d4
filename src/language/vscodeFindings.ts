/** Converts Berth's pure findings and fixes into VS Code diagnostics and code actions. */
import * as vscode from 'vscode';
import type { Finding, QuickFix, Range, Severity } from './findings';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The diagnostic keeps its finding, so code actions can offer the finding's own fixes. */
export class BerthDiagnostic extends vscode.Diagnostic {
  constructor(readonly finding: Finding) {
    super(toVsRange(finding.range), finding.message, SEVERITY[finding.severity]);
    this.source = finding.source === 'buildkit' ? 'Berth (BuildKit check)' : 'Berth';
    this.code = finding.docsUrl ? { value: finding.code, target: vscode.Uri.parse(finding.docsUrl) } : finding.code;
    const tags = (finding.tags ?? []).map((t) => (t === 'unnecessary' ? vscode.DiagnosticTag.Unnecessary : vscode.DiagnosticTag.Deprecated));
    if (tags.length > 0) this.tags = tags;
  }
}

export function toDiagnostics(findings: readonly Finding[]): vscode.Diagnostic[] {
  return findings.map((f) => new BerthDiagnostic(f));
}

export function toCodeAction(uri: vscode.Uri, fix: QuickFix, diagnostic: vscode.Diagnostic | undefined): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(uri, toVsRange(e.range), e.newText);
  action.edit = edit;
  if (diagnostic) action.diagnostics = [diagnostic];
  if (fix.preferred) action.isPreferred = true;
  return action;
}

/** Code actions for the Berth diagnostics that touch `range`. */
export function quickFixesFor(uri: vscode.Uri, range: vscode.Range, diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
  return diagnostics
    .filter((d): d is BerthDiagnostic => d instanceof BerthDiagnostic && d.range.intersection(range) !== undefined)
    .flatMap((d) => (d.finding.fixes ?? []).map((fix) => toCodeAction(uri, fix, d)));
}
