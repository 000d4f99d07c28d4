/** What a row of any view shows, as plain data the VS Code side turns into a TreeItem. Pure. */
export { escapeMarkdown } from './markdownText';

/** A codicon id and an optional theme colour id. */
export interface IconSpec {
  id: string;
  color?: string;
}

export interface Row {
  label: string;
  description?: string;
  icon?: IconSpec;
  /** Kind and state, e.g. `container.running`: menus match on it, so only valid actions show. */
  contextValue?: string;
  /** Unset for a row without children. */
  collapsible?: 'collapsed' | 'expanded';
  /** Markdown with engine text escaped; shown on hover. */
  tooltip?: string;
  accessibilityLabel?: string;
  /** A URI naming the row's resource (`berth-container:/<id>`): file decorations (badges) key on it. */
  resourceUri?: string;
  /** What a click runs (message rows: Retry, Switch Engine…). */
  command?: { id: string; title: string; arguments?: unknown[] };
}

/** The row's fingerprint: when it changes, VS Code must redraw the row; otherwise it must not. */
export function shownOf(row: Row): string {
  return JSON.stringify([row.label, row.description, row.icon?.id, row.icon?.color, row.contextValue, row.collapsible, row.tooltip, row.command?.id]);
}

/** `n` and the noun, singular or plural: `1 container`, `3 containers`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
