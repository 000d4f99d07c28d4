/**
 * The argument values BuildKit's parser stores for each instruction (its `Node.Next` chain), so
 * Berth's parse can be compared with BuildKit's own test suite and the checks see what BuildKit sees. Pure.
 */
import { parseJsonArray, splitWhitespace, splitWords } from './words';

export interface NodeArgsError {
  error: string;
  code: 'env-needs-value' | 'json-not-strings' | 'name-value-syntax';
}

export type NodeArgs = { values: string[]; json: boolean } | NodeArgsError;

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

/**
 * What the parser keeps of nodeArgs, without building the values it does not need: the strings of
 * the JSON form, BuildKit's error, or undefined. `split.words` are `rest`'s words (splitWords), read only when needed.
 */
export function argsVerdict(name: string, rest: string, split: { readonly words: readonly { text: string }[] }): string[] | NodeArgsError | undefined {
  if (MAYBE_JSON.has(name) || MAYBE_JSON_LIST.has(name)) return jsonVerdict(rest);
  if (name === 'ENV' || name === 'LABEL') return nameValError(rest, name, split.words);
  if (name === 'HEALTHCHECK') {
    const m = /^\S+/.exec(rest);
    const cmd = m ? jsonVerdict(rest.slice(m[0].length).replace(/^\s+/, '')) : undefined;
    return Array.isArray(cmd) ? [(m as RegExpExecArray)[0], ...cmd] : cmd;
  }
  return undefined;
}

function jsonVerdict(rest: string): string[] | NodeArgsError | undefined {
  const json = parseJsonArray(rest);
  return json === 'not-strings' ? { error: 'JSON arrays must contain only strings', code: 'json-not-strings' } : json;
}

function whitespaceList(rest: string): string[] {
  return rest === '' ? [] : splitWhitespace(rest, 0, rest.length).map((s) => s.text);
}

function maybeJson(rest: string, toList: boolean): NodeArgs {
  const json = jsonVerdict(rest);
  if (json && 'error' in json) return json;
  if (json) return { values: json, json: true };
  if (toList) return { values: whitespaceList(rest), json: false };
  return { values: rest === '' ? [] : [rest], json: false };
}

/** BuildKit's parseNameVal errors: a legacy `KEY value` without a value, or a word without `=`. */
function nameValError(rest: string, key: string, words: readonly { text: string }[]): NodeArgsError | undefined {
  const first = words[0];
  if (!first) return undefined;
  if (!first.text.includes('=')) return /[\t\v\f\r ]/.test(rest) ? undefined : { error: `${key} must have two arguments`, code: 'env-needs-value' };
  const bad = words.find((w) => !w.text.includes('='));
  return bad ? { error: `Syntax error - can't find = in "${bad.text}". Must be of the form: name=value`, code: 'name-value-syntax' } : undefined;
}

function nameVal(rest: string, key: string, escape: string): NodeArgs {
  const words = splitWords(rest, escape);
  const error = nameValError(rest, key, words);
  if (error) return error;
  const first = words[0];
  if (!first) return { values: [], json: false };
  if (!first.text.includes('=')) {
    const m = /[\t\v\f\r ]+/.exec(rest) as RegExpExecArray;
    return { values: [rest.slice(0, m.index), rest.slice(m.index + m[0].length), ''], json: false };
  }
  return { values: words.flatMap((w) => [w.text.slice(0, w.text.indexOf('=')), w.text.slice(w.text.indexOf('=') + 1), '=']), json: false };
}

function healthcheck(rest: string): NodeArgs {
  const m = /^\S+/.exec(rest);
  if (!m) return { values: [], json: false };
  const after = rest.slice(m[0].length).replace(/^\s+/, '');
  const cmd = maybeJson(after, false);
  if ('error' in cmd) return cmd;
  return { values: [m[0], ...cmd.values], json: cmd.json };
}
