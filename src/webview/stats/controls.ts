/**
 * The panel's toolbar and notices: pause / resume, the time window, grouping of compose projects,
 * adding a container, and what the engine and the panel are doing (unreachable, paused, nothing
 * picked). Every text is set with textContent: names come from the engine and are never markup.
 */
import type { Grouping, HostMessage, PanelContainer, PersistedState } from '../../shared/protocol';

type HostState = Extract<HostMessage, { type: 'state' }>;

export interface ControlActions {
  pause(paused: boolean): void;
  window(minutes: 1 | 5 | 15): void;
  grouping(grouping: Grouping): void;
  pick(id: string): void;
}

const WINDOWS = [1, 5, 15] as const;
const GROUPINGS: { value: Grouping; label: string }[] = [
  { value: 'container', label: 'Each container' },
  { value: 'service', label: 'Compose services, summed' },
  { value: 'project', label: 'Compose projects, summed' },
];

function button(text: string, className: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

export class Controls {
  private readonly banner: HTMLElement;
  private readonly pauseButton: HTMLButtonElement;
  private readonly windowButtons: HTMLButtonElement[];
  private readonly groupSelect: HTMLSelectElement;
  private readonly addSelect: HTMLSelectElement;
  private readonly empty: HTMLElement;
  private paused = false;
  private addOptionsKey: string | undefined;

  constructor(root: HTMLElement, actions: ControlActions) {
    const bar = document.createElement('header');
    bar.className = 'toolbar';
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', 'Stats controls');

    this.pauseButton = button('Pause', 'primary', () => actions.pause(!this.paused));

    const windows = document.createElement('div');
    windows.className = 'segmented';
    windows.setAttribute('role', 'group');
    windows.setAttribute('aria-label', 'Time window');
    this.windowButtons = WINDOWS.map((m) => button(`${m} min`, 'segment', () => actions.window(m)));
    windows.append(...this.windowButtons);

    const groupLabel = document.createElement('label');
    groupLabel.textContent = 'Show ';
    this.groupSelect = document.createElement('select');
    for (const g of GROUPINGS) this.groupSelect.append(new Option(g.label, g.value));
    this.groupSelect.addEventListener('change', () => actions.grouping(this.groupSelect.value as Grouping));
    groupLabel.append(this.groupSelect);

    const addLabel = document.createElement('label');
    addLabel.className = 'add';
    this.addSelect = document.createElement('select');
    this.addSelect.setAttribute('aria-label', 'Add a container to the charts');
    this.addSelect.addEventListener('change', () => {
      const id = this.addSelect.value;
      this.addSelect.selectedIndex = 0;
      if (id) actions.pick(id);
    });
    addLabel.append(this.addSelect);

    bar.append(this.pauseButton, windows, groupLabel, addLabel);
    this.banner = document.createElement('p');
    this.banner.className = 'banner';
    this.banner.setAttribute('role', 'status');
    this.banner.hidden = true;
    this.empty = document.createElement('p');
    this.empty.className = 'empty';
    this.empty.textContent = 'No container is shown. Add one above, or run "Berth: Show Stats" on a container or compose project.';
    this.empty.hidden = true;
    root.append(bar, this.banner, this.empty);
  }

  render(host: HostState, prefs: PersistedState): void {
    this.paused = host.paused;
    this.pauseButton.textContent = host.paused ? 'Resume' : 'Pause';
    this.pauseButton.setAttribute('aria-pressed', String(host.paused));
    this.windowButtons.forEach((b, i) => b.setAttribute('aria-pressed', String(WINDOWS[i] === prefs.windowMinutes)));
    this.groupSelect.value = prefs.grouping;
    this.renderAddOptions(host.containers, new Set(host.picked));
    const notice = this.notice(host);
    this.banner.hidden = notice === undefined;
    this.banner.dataset.kind = notice?.kind ?? '';
    this.banner.textContent = notice?.text ?? '';
    this.empty.hidden = host.picked.length > 0;
  }

  private notice(host: HostState): { kind: string; text: string } | undefined {
    if (host.engine.kind === 'unreachable') return { kind: 'error', text: `The Docker engine is not reachable, so nothing is sampled. ${host.engine.message} The charts resume by themselves when it is back.` };
    if (host.engine.kind === 'connecting') return { kind: 'info', text: 'Connecting to the Docker engine…' };
    if (host.paused) return { kind: 'info', text: 'Paused: no samples are taken. Resume to continue; the pause shows as a gap.' };
    return undefined;
  }

  /** The containers not shown yet, running ones first; rebuilt only when that list changes. */
  private renderAddOptions(containers: readonly PanelContainer[], picked: ReadonlySet<string>): void {
    const candidates = containers
      .filter((c) => !picked.has(c.id) && c.status !== 'removed')
      .sort((a, b) => Number(b.state === 'running') - Number(a.state === 'running') || a.name.localeCompare(b.name));
    const key = candidates.map((c) => `${c.id}:${c.state}`).join(',');
    if (key === this.addOptionsKey) return;
    this.addOptionsKey = key;
    this.addSelect.replaceChildren(new Option(candidates.length > 0 ? `Add a container (${candidates.length})…` : 'Every container is shown', ''));
    for (const c of candidates) this.addSelect.append(new Option(`${c.name} — ${c.state}`, c.id));
    this.addSelect.disabled = candidates.length === 0;
  }
}
