/** Reads a RUN --mount value (`type=cache,target=/x,sharing=locked`) into keys with offsets. Pure. */
import { MOUNT_KEY_ALIASES } from './instructionSpec';

export interface MountOption {
  /** As written. */
  key: string;
  /** With aliases resolved (dst → target). */
  canonical: string;
  value: string | undefined;
  /** Offset of the option in the flag value. */
  start: number;
  end: number;
}

export interface Mount {
  type: string;
  options: MountOption[];
  get(canonical: string): string | undefined;
}

/** Splits on commas outside quotes (BuildKit reads the value as one CSV record). */
export function parseMount(value: string): Mount {
  const options: MountOption[] = [];
  let start = 0;
  let quote = '';
  for (let i = 0; i <= value.length; i++) {
    const ch = value[i];
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ',' || i === value.length) {
      const raw = value.slice(start, i);
      if (raw.trim() !== '') {
        const eq = raw.indexOf('=');
        const key = (eq < 0 ? raw : raw.slice(0, eq)).trim().toLowerCase();
        const v = eq < 0 ? undefined : raw.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2');
        options.push({ key, canonical: MOUNT_KEY_ALIASES[key] ?? key, value: v, start, end: i });
      }
      start = i + 1;
    }
  }
  const get = (canonical: string): string | undefined => options.find((o) => o.canonical === canonical)?.value;
  return { type: get('type') ?? 'bind', options, get };
}

type MountFlags = readonly { name: string; value: string | undefined }[];

/** validate, practice and mountHints all read the same RUN's mounts: parse them once per flag list. */
const parsedMounts = new WeakMap<MountFlags, readonly Mount[]>();

/** Every mount of a RUN instruction's flags (shared: do not modify). */
export function mountsOf(flags: MountFlags): readonly Mount[] {
  let mounts = parsedMounts.get(flags);
  if (!mounts) {
    mounts = flags.filter((f) => f.name === 'mount' && f.value !== undefined).map((f) => parseMount(f.value as string));
    parsedMounts.set(flags, mounts);
  }
  return mounts;
}
