/**
 * Which containers the stats panel shows: the engine's containers as last listed, the picked ones,
 * and the rule that picks new ones as they appear (all running containers, or one compose
 * project's). A picked container that is removed stays, marked removed, until it is unpicked. Pure.
 */
import type { ContainerSummary } from '../engine/types';
import type { Follow, PanelContainer, StreamStatus } from '../shared/protocol';

/** What "Show Stats" was asked for. */
export type StatsTarget =
  | { kind: 'all' }
  | { kind: 'containers'; ids: readonly string[] }
  | { kind: 'project'; project: string }
  /** A panel VS Code restored after a reload, with what the webview had kept. */
  | { kind: 'restore'; picked: readonly string[]; follow: Follow; paused: boolean };

/** States in which the engine streams real samples (a paused container's CPU is simply 0). */
export function isSampled(c: ContainerSummary): boolean {
  return c.state === 'running' || c.state === 'paused';
}

function follows(follow: Follow, c: ContainerSummary): boolean {
  if (follow.kind === 'all') return isSampled(c);
  return follow.kind === 'project' && c.composeProject === follow.project;
}

export class StatsSelection {
  private readonly containers = new Map<string, ContainerSummary>();
  private readonly removed = new Map<string, ContainerSummary>();
  private readonly picked = new Set<string>();
  /** Containers the follow rule has already judged, so an unpicked one is not picked again. */
  private readonly seen = new Set<string>();
  private pending: StatsTarget | undefined;
  private listed = false;
  followRule: Follow = { kind: 'none' };

  constructor(target: StatsTarget) {
    this.pending = target;
  }

  get pickedIds(): string[] {
    return [...this.picked];
  }

  get(id: string): ContainerSummary | undefined {
    return this.containers.get(id) ?? this.removed.get(id);
  }

  /** Shows `target` instead of what was shown; applied once the containers are listed. */
  show(target: StatsTarget): void {
    this.pending = target;
    if (this.listed) this.applyPending();
  }

  /** A full listing: the engine's containers now. */
  setAll(list: readonly ContainerSummary[]): void {
    const present = new Set(list.map((c) => c.id));
    for (const [id, c] of this.containers) if (!present.has(id)) this.gone(id, c);
    for (const c of list) this.put(c);
    this.listed = true;
    this.applyPending();
  }

  /** A listing of only `ids` (the ones events named): those missing from `list` were removed. */
  update(ids: Iterable<string>, list: readonly ContainerSummary[]): void {
    const found = new Map(list.map((c) => [c.id, c]));
    for (const id of ids) {
      const c = found.get(id);
      if (c) this.put(c);
      else if (this.containers.has(id)) this.gone(id, this.containers.get(id)!);
    }
  }

  /** What is shown now, as a target another engine can be asked for (a reconnect keeps the picks). */
  currentTarget(): StatsTarget {
    if (this.followRule.kind === 'all') return { kind: 'all' };
    if (this.followRule.kind === 'project') return { kind: 'project', project: this.followRule.project };
    return { kind: 'containers', ids: this.pickedIds };
  }

  /** Forgets every container (another engine). */
  reset(target: StatsTarget): void {
    this.containers.clear();
    this.removed.clear();
    this.picked.clear();
    this.seen.clear();
    this.listed = false;
    this.pending = target;
  }

  pick(ids: readonly string[], picked: boolean): void {
    for (const id of ids) {
      if (picked && this.containers.has(id)) this.picked.add(id);
      if (!picked) {
        this.picked.delete(id);
        this.removed.delete(id);
      }
    }
  }

  /** The picked containers the engine can sample now. */
  sampled(): string[] {
    return this.pickedIds.filter((id) => {
      const c = this.containers.get(id);
      return c !== undefined && isSampled(c);
    });
  }

  /** Every container for the panel's list, the removed picked ones included, with its stream status. */
  panelContainers(streamStatus: (id: string) => { status: StreamStatus; message?: string }): PanelContainer[] {
    const rows: PanelContainer[] = [];
    const add = (c: ContainerSummary, status: { status: StreamStatus; message?: string }): void => {
      rows.push({
        id: c.id,
        name: c.name,
        state: status.status === 'removed' ? 'removed' : c.state,
        ...(c.composeProject !== undefined ? { project: c.composeProject } : {}),
        ...(c.composeService !== undefined ? { service: c.composeService } : {}),
        status: status.status,
        ...(status.message ? { message: status.message } : {}),
      });
    };
    for (const c of this.containers.values()) add(c, isSampled(c) ? streamStatus(c.id) : { status: 'stopped' });
    for (const c of this.removed.values()) add(c, { status: 'removed' });
    return rows;
  }

  private put(c: ContainerSummary): void {
    this.containers.set(c.id, c);
    if (this.seen.has(c.id)) return;
    // A container seen for the first time while it does not run is judged again when it starts.
    if (follows(this.followRule, c)) this.picked.add(c.id);
    if (isSampled(c) || this.followRule.kind !== 'all') this.seen.add(c.id);
  }

  private gone(id: string, c: ContainerSummary): void {
    this.containers.delete(id);
    this.seen.delete(id);
    if (this.picked.has(id)) this.removed.set(id, c);
  }

  private applyPending(): void {
    const target = this.pending;
    if (!target) return;
    this.pending = undefined;
    this.picked.clear();
    this.removed.clear();
    const all = [...this.containers.values()];
    switch (target.kind) {
      case 'all':
        this.followRule = { kind: 'all' };
        break;
      case 'project':
        this.followRule = { kind: 'project', project: target.project };
        break;
      case 'containers':
        this.followRule = { kind: 'none' };
        for (const id of target.ids) if (this.containers.has(id)) this.picked.add(id);
        break;
      case 'restore':
        this.followRule = target.follow;
        for (const id of target.picked) if (this.containers.has(id)) this.picked.add(id);
        break;
    }
    if (target.kind === 'all' || target.kind === 'project') for (const c of all) if (follows(this.followRule, c)) this.picked.add(c.id);
    // What exists now has been judged; the rule picks only containers that appear from here on.
    this.seen.clear();
    for (const c of all) if (isSampled(c) || this.followRule.kind !== 'all') this.seen.add(c.id);
  }
}
