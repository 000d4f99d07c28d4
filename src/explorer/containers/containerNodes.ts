/** Nodes of the Containers view: `{ kind, resource }` plus the accessors commands and tests read. */
import type { ContainerSummary } from '../../engine/types';
import type { StateTreeNode } from '../shared/liveViewSpec';
import { TreeNode, type NodeFactory } from '../shared/treeModel';
import type { ComposeProjectGroup } from './containersModel';

export class ContainerNode extends TreeNode<'container', ContainerSummary> {
  get container(): ContainerSummary {
    return this.resource;
  }
}

export class ComposeProjectNode extends TreeNode<'composeProject', ComposeProjectGroup> {
  declare children: ContainerNode[];

  get project(): string {
    return this.resource.project;
  }

  get group(): ComposeProjectGroup {
    return this.resource;
  }
}

export type ContainersTreeNode = ContainerNode | ComposeProjectNode | StateTreeNode;

export const containerNodeClasses: Record<string, NodeFactory> = {
  container: (_kind, id, resource, parent) => new ContainerNode('container', id, resource as ContainerSummary, parent),
  composeProject: (_kind, id, resource, parent) => new ComposeProjectNode('composeProject', id, resource as ComposeProjectGroup, parent),
};
