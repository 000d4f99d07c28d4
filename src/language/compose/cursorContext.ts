/**
 * Where the cursor is in a compose file, read from the text's indentation so it works while the
 * YAML is half-typed: the key path of the block, whether a key or a value is being typed, and the
 * word to replace. Pure: no vscode import.
 */

export interface CursorContext {
  /** Key path of the mapping or list the cursor is in; `[]` stands for a list item. */
  path: string[];
  /** `key`: typing a key; `value`: after `key: `; `item`: after `- ` in a list. */
  position: 'key' | 'value' | 'item';
  /** The key whose value is being typed (position `value`). */
  key?: string;
  /** The partial word before the cursor and the character where it starts. */
  prefix: string;
  prefixStart: number;
  /** Typing a variable name after `${` or `$`. */
  variable: boolean;
  /** Keys already written in the same mapping. */
  siblings: string[];
}

const KEY_LINE = /^(\s*)((?:-\s+)*)((?:"[^"]*"|'[^']*'|[^\s:#'"[{][^:#]*?))\s*:(?:\s|$)/;

export function cursorContext(text: string | readonly string[], line: number, character: number): CursorContext {
  const lines = typeof text === 'string' ? text.split(/\r?\n/) : text;
  const current = lines[line] ?? '';
  const before = current.slice(0, character);
  const m = /^(\s*)((?:-\s+)*)(.*)$/.exec(before)!;
  const indent = m[1]!.length;
  const dashes = (m[2]!.match(/-/g) ?? []).length;
  const content = m[3]!;
  const column = indent + m[2]!.length;
  const word = /[A-Za-z0-9_.\-/:]*$/.exec(content)![0];
  const variable = /\$\{?[A-Za-z0-9_]*$/.test(content);
  const variablePrefix = /[A-Za-z0-9_]*$/.exec(content)![0];

  const keyed = /^((?:"[^"]*"|'[^']*'|[^\s:#'"[{][^:#]*?))\s*:\s+(.*)$/.exec(content);
  let path = containerPath(lines, line, column);
  for (let i = 0; i < dashes; i++) path = [...path, '[]'];
  const siblings = siblingKeys(lines, line, column);
  if (keyed) {
    const key = unquote(keyed[1]!);
    const valueWord = variable ? variablePrefix : /[^\s[\],{}]*$/.exec(keyed[2]!)![0];
    return { path, position: 'value', key, prefix: valueWord, prefixStart: character - valueWord.length, variable, siblings };
  }
  const prefix = variable ? variablePrefix : word;
  return { path, position: dashes > 0 ? 'item' : 'key', prefix, prefixStart: character - prefix.length, variable, siblings };
}

/** The key path of the block whose keys sit at `column`, found by walking up to shallower lines. */
export function containerPath(lines: readonly string[], line: number, column: number): string[] {
  const path: string[] = [];
  let cur = column;
  for (let i = line - 1; i >= 0 && cur > 0; i--) {
    const l = lines[i]!;
    if (/^\s*(#.*)?$/.test(l)) continue;
    const m = /^(\s*)((?:-\s+)*)(.*)$/.exec(l)!;
    const dashAt = m[1]!.length;
    const contentAt = dashAt + m[2]!.length;
    const key = KEY_LINE.exec(l);
    if (m[2]) {
      if (dashAt >= cur) continue;
      // Inside a list item: deeper than its first key means inside that key's value.
      if (cur > contentAt && key) path.unshift(unquote(key[3]!));
      const depth = (m[2].match(/-/g) ?? []).length;
      for (let d = 0; d < depth; d++) path.unshift('[]');
      cur = dashAt;
    } else if (contentAt < cur) {
      if (!key) continue; // a continuation line of a multi-line value
      path.unshift(unquote(key[3]!));
      cur = contentAt;
    }
  }
  return path;
}

/** The keys at `column` in the block around `line` (a list item's first key sits on its dash line). */
function siblingKeys(lines: readonly string[], line: number, column: number): string[] {
  const out: string[] = [];
  const keyOf = (l: string): void => {
    const key = KEY_LINE.exec(l);
    if (key) out.push(unquote(key[3]!));
  };
  for (const step of [-1, 1] as const) {
    for (let i = line + step; i >= 0 && i < lines.length; i += step) {
      const l = lines[i]!;
      if (/^\s*(#.*)?$/.test(l)) continue;
      const m = /^(\s*)((?:-\s+)*)/.exec(l)!;
      const dashAt = m[1]!.length;
      const at = dashAt + m[2]!.length;
      if (m[2]) {
        if (step === -1 && at === column) keyOf(l);
        if (dashAt < column) break;
      } else if (at < column) {
        break;
      } else if (at === column) {
        keyOf(l);
      }
    }
  }
  return out;
}

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key.trim();
}
