/** Rows for the state messages and their next-step actions (stateModel.ts). Pure. */
import { escapeMarkdown, type Row } from './rowPresentation';
import type { StateAction, StateMessage } from './stateModel';

const TONE_ICONS: Record<StateMessage['tone'], Row['icon']> = {
  error: { id: 'error', color: 'errorForeground' },
  warning: { id: 'warning', color: 'editorWarning.foreground' },
  info: { id: 'info' },
  progress: { id: 'loading~spin' },
};

export function messageRow(m: StateMessage): Row {
  // A label is plain text, never interpreted; the detail may quote the engine, so it is escaped for Markdown.
  return { label: m.text, icon: TONE_ICONS[m.tone], contextValue: 'message', ...(m.detail ? { tooltip: escapeMarkdown(m.detail) } : {}) };
}

export function actionRow(a: StateAction): Row {
  return {
    label: a.label,
    icon: { id: a.icon },
    contextValue: 'action',
    command: { id: a.command, title: a.label, ...(a.arguments ? { arguments: a.arguments } : {}) },
  };
}
