/**
 * Substitutes `${VAR}` references the way Compose does, from the references `scanInterpolation`
 * finds: defaults and alternates are themselves interpolated, `$$` becomes `$`, and a reference
 * with no value (or a `?` one) becomes the empty string. Pure: no vscode import.
 */
import { MAX_NESTING, scanInterpolation, type VariableRef } from './interpolation';

/** Where values come from: a Map, or a view over several. */
export type VariableLookup = Pick<ReadonlyMap<string, string>, 'get'>;

/** Defaults nested deeper than MAX_NESTING are kept as written. */
export function interpolate(text: string, env: VariableLookup, level = 0): string {
  if (!text.includes('$') || level >= MAX_NESTING) return text;
  const refs = scanInterpolation(text).refs;
  let out = '';
  let at = 0;
  for (const ref of refs) {
    if (ref.start < at) continue; // nested inside a default already handled
    out += unescape(text.slice(at, ref.start)) + valueOf(ref, env, level);
    at = ref.end;
  }
  return out + unescape(text.slice(at));
}

function valueOf(ref: VariableRef, env: VariableLookup, level: number): string {
  const value = env.get(ref.name);
  const set = value !== undefined && !(ref.colon && value === '');
  if (ref.operator === '-') return set ? value : interpolate(ref.argument ?? '', env, level + 1);
  if (ref.operator === '+') return set ? interpolate(ref.argument ?? '', env, level + 1) : '';
  return value ?? '';
}

function unescape(s: string): string {
  return s.replace(/\$\$/g, '$');
}
