// Merges a JSON fragment into package.json in one read-modify-write, so parallel work on
// different contributions does not clobber each other. Arrays under `contributes` are
// appended (entries with the same id/command/language/view are replaced); objects are merged.
// Usage: node scripts/mergePackageJson.mjs fragment.json
import { readFileSync, writeFileSync } from 'node:fs';

const keyOf = (v) => (v && typeof v === 'object' ? v.command ?? v.id ?? v.language ?? v.view ?? v.scopeName ?? v.path : undefined);

function merge(target, source) {
  if (Array.isArray(target) && Array.isArray(source)) {
    const out = [...target];
    for (const item of source) {
      const k = keyOf(item);
      const at = k === undefined ? -1 : out.findIndex((x) => keyOf(x) === k && JSON.stringify(x.when) === JSON.stringify(item.when));
      if (at >= 0) out[at] = item;
      else if (!out.some((x) => JSON.stringify(x) === JSON.stringify(item))) out.push(item);
    }
    return out;
  }
  if (target && source && typeof target === 'object' && typeof source === 'object' && !Array.isArray(source)) {
    const out = { ...target };
    for (const [k, v] of Object.entries(source)) out[k] = k in out ? merge(out[k], v) : v;
    return out;
  }
  return source;
}

const fragment = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
writeFileSync('package.json', JSON.stringify(merge(pkg, fragment), null, 2) + '\n');
console.log('package.json: merged', process.argv[2]);
