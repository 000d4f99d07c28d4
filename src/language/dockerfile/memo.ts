/**
 * What several rules derive from the same instruction (a RUN's commands, a --mount's options),
 * worked out once per analysis. It lives on the model rather than in a module-level WeakMap:
 * V8's young-generation GC kept such a WeakMap's entries alive, so every parse survived the next
 * scavenges and GC pauses became most of a lint's time. Pure.
 */
import type { Flag, Instruction } from './ast';
import { list } from './list';
import { parseMount, type Mount } from './mount';
import { runCommands, type RunCommand } from './runScript';

const NO_MOUNTS: readonly Mount[] = [];

export class InstructionMemo {
  private readonly commands = new Map<Instruction, RunCommand[]>();
  private readonly parsedMounts = new Map<Flag, Mount>();

  /** The commands of a RUN (shared: do not modify). */
  runCommands(inst: Instruction): RunCommand[] {
    let commands = this.commands.get(inst);
    if (!commands) {
      commands = runCommands(inst);
      this.commands.set(inst, commands);
    }
    return commands;
  }

  /** The mount a `--mount=…` flag describes (shared: do not modify). */
  mount(flag: Flag): Mount {
    let mount = this.parsedMounts.get(flag);
    if (!mount) {
      mount = parseMount(flag.value ?? '');
      this.parsedMounts.set(flag, mount);
    }
    return mount;
  }

  /** Every mount of a RUN's flags. */
  mounts(flags: readonly Flag[]): readonly Mount[] {
    let mounts: Mount[] | undefined;
    for (const f of flags) if (f.name === 'mount' && f.value !== undefined) (mounts ??= list()).push(this.mount(f));
    return mounts ?? NO_MOUNTS;
  }
}
