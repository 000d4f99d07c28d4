/** Turns the pure Row of a node into VS Code's TreeItem. */
import * as vscode from 'vscode';
import type { IconSpec, Row } from './rowPresentation';

export function themeIcon(spec: IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(spec.id, spec.color ? new vscode.ThemeColor(spec.color) : undefined);
}

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

/** Without the tooltip: VS Code asks for it on hover (resolveTreeItem), so what it says is current then. */
export function toTreeItem(id: string, row: Row): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, COLLAPSIBLE[row.collapsible ?? 'none']);
  item.id = id;
  if (row.description !== undefined) item.description = row.description;
  if (row.icon) item.iconPath = themeIcon(row.icon);
  if (row.resourceUri !== undefined) item.resourceUri = vscode.Uri.parse(row.resourceUri, true);
  if (row.contextValue !== undefined) item.contextValue = row.contextValue;
  if (row.command) item.command = { command: row.command.id, title: row.command.title, arguments: row.command.arguments ?? [] };
  if (row.accessibilityLabel) item.accessibilityInformation = { label: row.accessibilityLabel };
  return item;
}

/** Engine text in it is escaped by the presentation; links to commands are never trusted, HTML never rendered. */
export function markdownTooltip(markdown: string): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(markdown);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  return tooltip;
}
