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
}

export interface Interpolation {
  refs: VariableRef[];
  errors: InterpolationError[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])([\s\S]*))?$/;

/** Finds every variable reference and syntax error in `text`, as Compose would read it. */
export function scanInterpolation(text: string, offset = 0, into: Interpolation = { refs: [], errors: [] }): Interpolation {
  for (let i = text.indexOf('$'); i >= 0 && i < text.length; i = text.indexOf('$', i)) {
    const next = text[i + 1];
    if (next === '$') {
      i += 2;
      continue;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let j = i + 2;
      while (j < text.length && NAME_CHAR.test(text[j]!)) j++;
      into.refs.push({ name: text.slice(i + 1, j), start: offset + i, end: offset + j, colon: false });
      i = j;
      continue;
    }
    if (next !== '{') {
      i += 1; // a lone `$` is kept as it is
      continue;
    }
    const close = matchingBrace(text, i + 2);
    if (close < 0) {
      into.errors.push({ start: offset + i, end: offset + lineEnd(text, i), message: 'This `${` has no closing `}`; write `$$` for a literal dollar sign.' });
      return into;
    }
    const body = text.slice(i + 2, close);
    const m = BRACED.exec(body);
    if (!m) {
      into.errors.push({ start: offset + i, end: offset + close + 1, message: invalidMessage(body) });
    } else {
      const [, name, colon, operator, argument] = m;
      into.refs.push({
        name: name!,
        start: offset + i,
        end: offset + close + 1,
        colon: colon === ':',
        ...(operator ? { operator: operator as '-' | '?' | '+', argument: argument ?? '' } : {}),
      });
      if (operator && argument) scanInterpolation(argument, offset + i + 2 + name!.length + colon!.length + 1, into);
    }
    i = close + 1;
  }
  return into;
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '$' && text[j + 1] === '{') {
      depth++;
      j++;
    } else if (c === '}' && --depth === 0) {
      return j;
    }
  }
  return -1;
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
