/** Tree nodes of the Containers view. Node objects are stable per container, so a change redraws one row. */
import * as vscode from 'vscode';
import type { ContainerSummary } from '../../engine/types';
import type { ComposeProjectGroup } from './containersModel';
import {
  containerContextValue,
  containerDescription,
  containerIcon,
  containerTooltip,
  projectDescription,
  projectIcon,
  type IconSpec,
} from './containerPresentation';

function themeIcon(spec: IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(spec.id, spec.color ? new vscode.ThemeColor(spec.color) : undefined);
}

export class ContainerNode {
  readonly kind = 'container' as const;
  constructor(
    public container: ContainerSummary,
    public parent: ComposeProjectNode | undefined,
  ) {}

  toTreeItem(): vscode.TreeItem {
    const c = this.container;
    const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.None);
    item.id = `container:${c.id}`;
    item.description = containerDescription(c);
    item.iconPath = themeIcon(containerIcon(c));
    item.contextValue = containerContextValue(c);
    const tooltip = new vscode.MarkdownString(containerTooltip(c));
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `${c.name}, ${c.state}, ${c.image}` };
    return item;
  }
}

export class ComposeProjectNode {
  readonly kind = 'composeProject' as const;
  children: ContainerNode[] = [];
  constructor(public group: ComposeProjectGroup) {}

  get project(): string {
    return this.group.project;
  }

  toTreeItem(): vscode.TreeItem {
    // The label is engine data (a compose label anyone can set): a TreeItem label is plain text, never run.
    const item = new vscode.TreeItem(this.group.project, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `composeProject:${this.group.project}`;
    item.description = projectDescription(this.group);
    item.iconPath = themeIcon(projectIcon(this.group));
    item.contextValue = 'composeProject';
    item.tooltip = `Compose project ${this.group.project}: ${this.group.containers.length} container(s)`;
    return item;
  }
}

export type ContainersTreeNode = ContainerNode | ComposeProjectNode;
