/**
 * The argument values BuildKit's parser stores for each instruction (its `Node.Next` chain), so
 * Berth's parse can be compared with BuildKit's own test suite and the checks see what BuildKit sees. Pure.
 */
import { parseJsonArray, splitWhitespace, splitWords } from './words';

export type NodeArgs = { values: string[]; json: boolean } | { error: string; code: 'env-needs-value' | 'json-not-strings' | 'name-value-syntax' };

const MAYBE_JSON = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL']);
const MAYBE_JSON_LIST = new Set(['ADD', 'COPY', 'VOLUME']);
const WHITESPACE_LIST = new Set(['EXPOSE', 'FROM']);
const STRING = new Set(['MAINTAINER', 'STOPSIGNAL', 'USER', 'WORKDIR']);

/** `rest` is the trimmed text after the flags; `name` the uppercased keyword (not ONBUILD). */
export function nodeArgs(name: string, rest: string, escape: string): NodeArgs {
  if (MAYBE_JSON.has(name) || MAYBE_JSON_LIST.has(name)) return maybeJson(rest, MAYBE_JSON_LIST.has(name));
  if (WHITESPACE_LIST.has(name)) return { values: whitespaceList(rest), json: false };
  if (STRING.has(name)) return { values: rest === '' ? [] : [rest], json: false };
  if (name === 'ARG') return { values: splitWords(rest, escape).map((w) => w.text), json: false };
  if (name === 'ENV' || name === 'LABEL') return nameVal(rest, name, escape);
  if (name === 'HEALTHCHECK') return healthcheck(rest);
  // BuildKit ignores what follows an instruction it does not know (parseIgnore).
  return { values: [''], json: false };
}

function whitespaceList(rest: string): string[] {
  return rest === '' ? [] : splitWhitespace(rest, 0, rest.length).map((s) => s.text);
}

function maybeJson(rest: string, toList: boolean): NodeArgs {
  const json = parseJsonArray(rest);
  if (json === 'not-strings') return { error: 'JSON arrays must contain only strings', code: 'json-not-strings' };
  if (json) return { values: json, json: true };
  if (toList) return { values: whitespaceList(rest), json: false };
  return { values: rest === '' ? [] : [rest], json: false };
}

function nameVal(rest: string, key: string, escape: string): NodeArgs {
  const words = splitWords(rest, escape);
  const first = words[0];
  if (!first) return { values: [], json: false };
  if (!first.text.includes('=')) {
    const m = /[\t\v\f\r ]+/.exec(rest);
    if (!m) return { error: `${key} must have two arguments`, code: 'env-needs-value' };
    return { values: [rest.slice(0, m.index), rest.slice(m.index + m[0].length), ''], json: false };
  }
  const values: string[] = [];
  for (const w of words) {
    const eq = w.text.indexOf('=');
    if (eq < 0) return { error: `Syntax error - can't find = in "${w.text}". Must be of the form: name=value`, code: 'name-value-syntax' };
    values.push(w.text.slice(0, eq), w.text.slice(eq + 1), '=');
  }
  return { values, json: false };
}

function healthcheck(rest: string): NodeArgs {
  const m = /^\S+/.exec(rest);
  if (!m) return { values: [], json: false };
  const after = rest.slice(m[0].length).replace(/^\s+/, '');
  const cmd = maybeJson(after, false);
  if ('error' in cmd) return cmd;
  return { values: [m[0], ...cmd.values], json: cmd.json };
}
