/**
 * What every Berth checker (Dockerfile, compose) reports, in plain data: the editor adapter,
 * `berth lint` and the tests all read this one shape. Pure: no vscode import.
 */

/** 0-based, like LSP and VS Code; `berth lint` prints 1-based. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** One exact text edit; a quick fix is a list of them applied together. */
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants (VS Code marks it preferred). */
  preferred?: boolean;
}

export interface Finding {
  range: Range;
  severity: Severity;
  /** Stable: BuildKit's rule name for its checks (e.g. `FromAsCasing`), Berth's own otherwise (e.g. `berth/apt-no-cache-mount`). */
  code: string;
  message: string;
  /** Who defines the rule. */
  source: 'buildkit' | 'berth' | 'compose-spec' | 'yaml';
  /** Where the rule is explained. */
  docsUrl?: string;
  /** Faded-out text (unused) or struck-through (deprecated), as VS Code's diagnostic tags. */
  tags?: ('unnecessary' | 'deprecated')[];
  fixes?: QuickFix[];
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Whether `severity` is at least as severe as `minimum`. */
export function atLeast(severity: Severity, minimum: Severity): boolean {
  return SEVERITY_ORDER[severity] <= SEVERITY_ORDER[minimum];
}

export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** The one finding of a file Berth could not check (a failure of Berth's, not of the file's syntax): why, and what next. */
export function couldNotLint(reason: string, next = 'It may be too large or too deeply nested; other files are still checked.', severity: Severity = 'warning'): Finding {
  return { range: range(0, 0, 0, 0), severity, code: 'berth/lint-failed', message: `Berth could not lint this file: ${reason}. ${next}`, source: 'berth' };
}
