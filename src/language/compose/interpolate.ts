/**
 * Substitutes `${VAR}` references the way Compose does, from the references `scanInterpolation`
 * finds: defaults and alternates are themselves interpolated, `$$` becomes `$`, and a reference
 * with no value (or a `?` one) becomes the empty string. Pure: no vscode import.
 */
import { scanInterpolation, type VariableRef } from './interpolation';

export function interpolate(text: string, env: ReadonlyMap<string, string>): string {
  if (!text.includes('$')) return text;
  const refs = scanInterpolation(text).refs;
  let out = '';
  let at = 0;
  for (const ref of refs) {
    if (ref.start < at) continue; // nested inside a default already handled
    out += unescape(text.slice(at, ref.start)) + valueOf(ref, env);
    at = ref.end;
  }
  return out + unescape(text.slice(at));
}

function valueOf(ref: VariableRef, env: ReadonlyMap<string, string>): string {
  const value = env.get(ref.name);
  const set = value !== undefined && !(ref.colon && value === '');
  if (ref.operator === '-') return set ? value : interpolate(ref.argument ?? '', env);
  if (ref.operator === '+') return set ? interpolate(ref.argument ?? '', env) : '';
  return value ?? '';
}

function unescape(s: string): string {
  return s.replace(/\$\$/g, '$');
}
