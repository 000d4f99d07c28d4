/** Reads a RUN --mount value (`type=cache,target=/x,sharing=locked`) into keys with offsets. Pure. */
import { MOUNT_KEY_ALIASES } from './instructionSpec';
import { list } from './list';

const HAS_UPPER = /[A-Z]/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

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

class ParsedMount implements Mount {
  readonly type: string;
  constructor(readonly options: MountOption[]) {
    this.type = this.get('type') ?? 'bind';
  }
  get(canonical: string): string | undefined {
    for (const o of this.options) if (o.canonical === canonical) return o.value;
    return undefined;
  }
}

/** Splits on commas outside quotes (BuildKit reads the value as one CSV record). */
export function parseMount(value: string): Mount {
  const options = list<MountOption>();
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
      const option = readOption(value, start, i);
      if (option) options.push(option);
      start = i + 1;
    }
  }
  return new ParsedMount(options);
}

class ReadOption implements MountOption {
  constructor(
    readonly key: string,
    readonly canonical: string,
    readonly value: string | undefined,
    readonly start: number,
    readonly end: number,
  ) {}
}

/** One `key=value` of a mount; undefined for a blank one. */
function readOption(value: string, start: number, end: number): MountOption | undefined {
  let eq = value.indexOf('=', start);
  if (eq >= end) eq = -1;
  let keyStart = start;
  let keyEnd = eq < 0 ? end : eq;
  while (keyStart < keyEnd && isBlank(value.charCodeAt(keyStart))) keyStart++;
  while (keyEnd > keyStart && isBlank(value.charCodeAt(keyEnd - 1))) keyEnd--;
  if (keyEnd === keyStart && eq < 0) return undefined;
  const written = value.slice(keyStart, keyEnd);
  const key = HAS_UPPER.test(written) ? written.toLowerCase() : written;
  let v = eq < 0 ? undefined : value.slice(eq + 1, end);
  if (v !== undefined && v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] && !LINE_BREAK.test(v)) v = v.slice(1, -1);
  return new ReadOption(key, MOUNT_KEY_ALIASES[key] ?? key, v, start, end);
}

/** What String.prototype.trim removes. */
const isBlank = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));
