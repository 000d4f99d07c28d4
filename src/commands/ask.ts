/** The steps of a Create dialog: one input at a time, each checked as it is typed; Escape cancels the whole. */
import * as vscode from 'vscode';
import { parseKeyValues } from '../explorer/shared/inputModel';

export interface Step {
  title: string;
  step: number;
  steps: number;
}

const stepTitle = (s: Step): string => `${s.title} (${s.step}/${s.steps})`;

/** Text, checked by `check` (an error message or undefined); undefined when cancelled. */
export function askText(s: Step, prompt: string, options: { value?: string; placeHolder?: string; check?: (text: string) => string | undefined; optional?: boolean } = {}): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: stepTitle(s),
    prompt,
    value: options.value ?? '',
    placeHolder: options.placeHolder ?? (options.optional ? 'Leave empty to skip' : ''),
    ignoreFocusOut: true,
    validateInput: (text) => (options.optional && text.trim() === '' ? undefined : options.check?.(text)),
  });
}

/** `key=value, key=value`; undefined when cancelled. */
export async function askKeyValues(s: Step, prompt: string, placeHolder: string): Promise<Record<string, string> | undefined> {
  const text = await askText(s, prompt, {
    placeHolder,
    optional: true,
    check: (t) => {
      const parsed = parseKeyValues(t);
      return 'error' in parsed ? parsed.error : undefined;
    },
  });
  if (text === undefined) return undefined;
  const parsed = parseKeyValues(text);
  return 'values' in parsed ? parsed.values : {};
}

/** One of `choices`; undefined when cancelled. */
export async function askChoice<T extends string>(s: Step, placeHolder: string, choices: readonly { value: T; label: string; detail?: string }[]): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(
    choices.map((c) => ({ label: c.label, detail: c.detail, value: c.value })),
    { title: stepTitle(s), placeHolder, ignoreFocusOut: true },
  );
  return picked?.value;
}

/** Any of `flags` (none is fine); undefined when cancelled. */
export async function askFlags<T extends string>(s: Step, placeHolder: string, flags: readonly { value: T; label: string; detail: string }[]): Promise<Set<T> | undefined> {
  const picked = await vscode.window.showQuickPick(
    flags.map((f) => ({ label: f.label, detail: f.detail, value: f.value })),
    { title: stepTitle(s), placeHolder, canPickMany: true, ignoreFocusOut: true },
  );
  return picked ? new Set(picked.map((p) => p.value)) : undefined;
}
