/**
 * Compose's variable interpolation: `$$` escapes, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, with nested templates in the default.
 * And the `.env` file format Compose reads for it. Pure: no vscode import.
 */

/** A variable a value refers to; offsets are into the scanned text. */
export interface VariableRef {
  name: string;
  start: number;
  end: number;
  /** `-` default, `?` required, `+` alternate; undefined for `$VAR` and `${VAR}`. */
  operator?: '-' | '?' | '+';
  /** `:` before the operator: an empty value counts as unset. */
  colon: boolean;
  /** The text after the operator (a default, an error message or an alternate). */
  argument?: string;
}

export interface InterpolationError {
  start: number;
  end: number;
  message: string;
  /** Not wrong, only nested deeper than Berth follows (MAX_NESTING). */
  tooDeep?: true;
}

export interface Interpolation {
  refs: VariableRef[];
  errors: InterpolationError[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * How deep `${A:-${B:-…}}` is followed. Compose has no limit; real files nest two or three deep.
 * Deeper defaults are still matched to their braces but not looked into.
 */
export const MAX_NESTING = 64;

/**
 * Finds every variable reference and syntax error in `text`, as Compose would read it: outer
 * references before the ones in their defaults. One pass over the text, without recursion.
 */
export function scanInterpolation(text: string, offset = 0, into: Interpolation = { refs: [], errors: [] }): Interpolation {
  const closing = matchingBraces(text);
  // The parts still to scan: [from, to) at a nesting level; the text of a default is scanned before what follows it.
  const parts: { from: number; to: number; level: number }[] = [{ from: 0, to: text.length, level: 0 }];
  let deep = false;
  while (parts.length > 0) {
    const { from, to, level } = parts.pop()!;
    for (let i = text.indexOf('$', from); i >= 0 && i < to; i = text.indexOf('$', i)) {
      const next = i + 1 < to ? text[i + 1] : undefined;
      if (next === '$') {
        i += 2;
        continue;
      }
      if (next !== undefined && NAME_START.test(next)) {
        let j = i + 2;
        while (j < to && NAME_CHAR.test(text[j]!)) j++;
        into.refs.push({ name: text.slice(i + 1, j), start: offset + i, end: offset + j, colon: false });
        i = j;
        continue;
      }
      if (next !== '{') {
        i += 1; // a lone `$` is kept as it is
        continue;
      }
      const close = closing.get(i) ?? -1;
      if (close < 0 || close >= to) {
        into.errors.push({ start: offset + i, end: offset + lineEnd(text, i), message: 'This `${` has no closing `}`; write `$$` for a literal dollar sign.' });
        return into;
      }
      const ref = braced(text, i, close, offset);
      if (!ref) {
        into.errors.push({ start: offset + i, end: offset + close + 1, message: invalidMessage(text.slice(i + 2, close)) });
      } else {
        into.refs.push(ref.ref);
        if (ref.argumentStart < close) {
          if (level + 1 >= MAX_NESTING) {
            if (!deep) into.errors.push({ start: offset + i, end: offset + close + 1, message: `This \`\${…}\` nests deeper than ${MAX_NESTING} levels: Berth checks no deeper.`, tooDeep: true });
            deep = true;
          } else {
            parts.push({ from: close + 1, to, level });
            parts.push({ from: ref.argumentStart, to: close, level: level + 1 });
            break;
          }
        }
      }
      i = close + 1;
    }
  }
  return into;
}

/** `${NAME}` or `${NAME<op>argument}` between `at` and its closing brace; undefined if it is neither. */
function braced(text: string, at: number, close: number, offset: number): { ref: VariableRef; argumentStart: number } | undefined {
  const name = NAME.exec(text.slice(at + 2, close))?.[0];
  if (!name) return undefined;
  let j = at + 2 + name.length;
  const base = { name, start: offset + at, end: offset + close + 1 };
  if (j === close) return { ref: { ...base, colon: false }, argumentStart: close };
  const colon = text[j] === ':';
  if (colon) j++;
  const operator = text[j];
  if (j >= close || (operator !== '-' && operator !== '?' && operator !== '+')) return undefined;
  return { ref: { ...base, colon, operator, argument: text.slice(j + 1, close) }, argumentStart: j + 1 };
}

/** Each `${`'s closing `}` (every `}` closes the latest open `${`), in one pass. */
function matchingBraces(text: string): Map<number, number> {
  const out = new Map<number, number>();
  const open: number[] = [];
  for (let j = text.indexOf('$'); j >= 0 && j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 36 /* $ */ && text.charCodeAt(j + 1) === 123 /* { */) {
      open.push(j);
      j++;
    } else if (c === 125 /* } */ && open.length > 0) {
      out.set(open.pop()!, j);
    }
  }
  return out;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

function invalidMessage(body: string): string {
  if (body.trim() === '') return 'Empty `${}`: name a variable, as in `${NAME}` or `${NAME:-default}`.';
  return `Invalid interpolation \`\${${body}}\`: use \`\${NAME}\`, \`\${NAME:-default}\`, \`\${NAME:?error}\` or \`\${NAME:+alternate}\` (names are letters, digits and \`_\`).`;
}

/** Whether the reference leaves Compose without a value: unset (or empty with `:`) and no default. */
export function lacksValue(ref: VariableRef, env: ReadonlyMap<string, string>): boolean {
  if (ref.operator === '-' || ref.operator === '+') return false;
  const value = env.get(ref.name);
  return value === undefined || (ref.colon && value === '');
}

/**
 * Parses a `.env` file the way Compose does for interpolation: `KEY=VALUE` lines, `export ` allowed,
 * `#` comments, single quotes literal, double quotes with escapes, inline ` #` comments on unquoted values.
 */
export function parseDotEnv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) {
      if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(line)) out.set(line, '');
      continue;
    }
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    const q = value[0];
    if ((q === '"' || q === "'") && value.lastIndexOf(q) > 0) {
      value = value.slice(1, value.lastIndexOf(q));
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    out.set(key, value);
  }
  return out;
}
