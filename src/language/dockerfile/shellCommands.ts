/**
 * Splits a shell script (a RUN's shell form or heredoc) into simple commands at `&&`, `||`, `;`,
 * `|`, `&`, parentheses and newlines, with unquoted words and offsets. Enough to recognise package
 * managers, `cd`, `curl … | sh` and `sudo`; not a full shell parser. Pure.
 */
import { ListBuffer } from './list';

const SPACE = /\s/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export interface ShellCommand {
  /** Words with quotes removed; leading VAR=value assignments and `sudo`/`env` kept. */
  words: string[];
  start: number;
  end: number;
  /** Reads its input from the previous command's pipe. */
  piped: boolean;
}

/** Characters that end a run of ordinary word characters, by code. */
const SPECIAL = new Uint8Array(128);
for (const ch of '\\\'"#;&|()\n \t\r') SPECIAL[ch.charCodeAt(0)] = 1;
const isSpecial = (c: number): boolean => c < 128 && SPECIAL[c] === 1;

/** Splits `script`; `make` builds each command (a caller may add what it knows, such as where the script sits). */
/** Where shellCommands gathers a script's commands and a command's words (see ListBuffer); it never runs inside itself. */
const COMMANDS = new ListBuffer<unknown>();
const WORDS = new ListBuffer<string>();

export function shellCommands(script: string): ShellCommand[];
export function shellCommands<T>(script: string, make: (words: string[], start: number, end: number, piped: boolean) => T): T[];
export function shellCommands<T>(script: string, make?: (words: string[], start: number, end: number, piped: boolean) => T): (T | ShellCommand)[] {
  const out = COMMANDS as ListBuffer<T | ShellCommand>;
  const words = WORDS;
  let word = '';
  let inWord = false;
  let start = -1;
  let end = 0;
  let piped = false;
  let nextPiped = false;
  let wordCount = 0;
  const endWord = (): void => {
    if (inWord) {
      words.push(word);
      wordCount++;
    }
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    if (wordCount > 0) {
      const taken = words.take();
      out.push(make ? make(taken, start, end, piped) : { words: taken, start, end, piped });
    }
    wordCount = 0;
    start = -1;
    piped = nextPiped;
    nextPiped = false;
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i] as string;
    if (ch === '\\' && script[i + 1] === '\n') {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const close = script.indexOf(ch, i + 1);
      const stop = close < 0 ? script.length : close;
      word += script.slice(i + 1, stop);
      inWord = true;
      if (start < 0) start = i;
      i = stop;
      end = stop + 1;
      continue;
    }
    if (ch === '\\') {
      word += script[i + 1] ?? '';
      inWord = true;
      if (start < 0) start = i;
      i++;
      end = i + 1;
      continue;
    }
    if (ch === '#' && !inWord && (i === 0 || SPACE.test(script[i - 1] as string))) {
      while (i < script.length && script[i] !== '\n') i++;
      endCommand();
      continue;
    }
    if (ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')' || ch === '\n') {
      const two = script.slice(i, i + 2);
      endCommand();
      if (two === '&&' || two === '||') i++;
      else if (ch === '|') piped = true;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
      continue;
    }
    // Copy a run of ordinary characters in one piece rather than one by one.
    let j = i + 1;
    while (j < script.length && !isSpecial(script.charCodeAt(j))) j++;
    word += j - i === 1 ? ch : script.slice(i, j);
    inWord = true;
    if (start < 0) start = i;
    end = j;
    i = j - 1;
  }
  endCommand();
  return out.take();
}

/** The command's program and arguments, past `VAR=value`, `sudo`, `env` and `exec` (shared: do not modify). */
export function program(cmd: ShellCommand): readonly string[] {
  let i = 0;
  const w = cmd.words;
  for (;;) {
    const x = w[i];
    if (x === undefined) return [];
    if (ASSIGNMENT.test(x) || x === 'env' || x === 'exec' || x === 'command') i++;
    else if (x === 'sudo') {
      i++;
      while (w[i]?.startsWith('-')) i++;
    } else return i === 0 ? w : w.slice(i);
  }
}
