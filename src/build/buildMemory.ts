/** The options last used for each Dockerfile, kept in the workspace's state. */
import type * as vscode from 'vscode';
import type { BuildOptions } from './buildArgs';

const KEY = 'berth.build.options';
/** Oldest entries go first past this many Dockerfiles. */
const MAX_REMEMBERED = 50;

export class BuildMemory {
  constructor(private readonly state: vscode.Memento) {}

  get(dockerfile: string): BuildOptions | undefined {
    const all = this.state.get<Record<string, BuildOptions>>(KEY) ?? {};
    const found = all[dockerfile];
    return found && typeof found === 'object' ? found : undefined;
  }

  async remember(options: BuildOptions): Promise<void> {
    const all = { ...(this.state.get<Record<string, BuildOptions>>(KEY) ?? {}) };
    delete all[options.dockerfile];
    all[options.dockerfile] = options;
    const keys = Object.keys(all);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED))) delete all[old];
    await this.state.update(KEY, all);
  }
}
