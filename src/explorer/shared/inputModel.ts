/** Checks and parsers for what people type into Create dialogs: key=value lists, addresses, names. Pure. */

/** Splits at commas and new lines outside double quotes; a quoted part keeps its commas (`o="addr=1.2.3.4,rw"`). */
function splitItems(text: string): { items: string[] } | { error: string } {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '\\' && i + 1 < text.length) {
      current += ch + text[++i]!;
    } else if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if (!quoted && (ch === ',' || ch === '\n')) {
      items.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (quoted) return { error: 'A quote is not closed.' };
  items.push(current);
  return { items };
}

/** `"a,b"` → `a,b` (with `\"` and `\\` unescaped); anything else as it is. */
function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replace(/\\(["\\])/g, '$1') : value;
}

/**
 * `a=1, b=two words` (commas or new lines between pairs) → { a: '1', b: 'two words' }; a value in
 * double quotes may hold commas (`o="addr=10.0.0.1,rw"`). A key may not be empty and may appear once.
 * Values keep inner spaces and `=`.
 */
export function parseKeyValues(text: string): { values: Record<string, string> } | { error: string } {
  const split = splitItems(text);
  if ('error' in split) return split;
  const values: Record<string, string> = {};
  for (const part of split.items) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    const key = (eq < 0 ? item : item.slice(0, eq)).trim();
    if (key === '') return { error: `“${item}” has no key: write key=value.` };
    if (Object.hasOwn(values, key)) return { error: `${key} is given twice.` };
    values[key] = eq < 0 ? '' : unquote(item.slice(eq + 1).trim());
  }
  return { values };
}

function ipv4Parts(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  const numbers = parts.map(Number);
  return numbers.every((n) => n <= 255) ? numbers : undefined;
}

function isIpv6(text: string): boolean {
  // Enough to catch typos; the engine has the last word.
  return /^[0-9a-fA-F:]+$/.test(text) && text.includes(':') && (text.match(/::/g) ?? []).length <= 1;
}

/** An IPv4 or IPv6 address, or an error message. */
export function checkAddress(text: string): string | undefined {
  const t = text.trim();
  return ipv4Parts(t) || isIpv6(t) ? undefined : `${t} is not an IP address (e.g. 172.20.0.1).`;
}

/** A subnet in CIDR form, or an error message. */
export function checkCidr(text: string): string | undefined {
  const t = text.trim();
  const slash = t.indexOf('/');
  if (slash < 0) return `${t} is not a subnet: add the prefix length, e.g. 172.20.0.0/16.`;
  const address = t.slice(0, slash);
  const prefix = t.slice(slash + 1);
  const v4 = ipv4Parts(address);
  const max = v4 ? 32 : isIpv6(address) ? 128 : undefined;
  if (max === undefined) return `${address} is not an IP address.`;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return `/${prefix} is not a prefix length (0–${max}).`;
  return undefined;
}

/** Whether an IPv4 address lies inside an IPv4 subnet (IPv6 is left to the engine). */
export function inSubnet(address: string, cidr: string): boolean | undefined {
  const [base, prefixText] = cidr.split('/');
  const a = ipv4Parts(address.trim());
  const b = ipv4Parts(base ?? '');
  if (!a || !b) return undefined;
  const prefix = Number(prefixText);
  const toInt = (p: number[]): number => ((p[0]! << 24) >>> 0) + (p[1]! << 16) + (p[2]! << 8) + p[3]!;
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return ((toInt(a) & mask) >>> 0) === ((toInt(b) & mask) >>> 0);
}

/** A name for a network or volume: not empty, no surrounding spaces; the engine judges the rest. */
export function checkName(text: string, what: string): string | undefined {
  if (text.trim() === '') return `The ${what} needs a name.`;
  if (text !== text.trim()) return `The ${what} name has spaces at its start or end.`;
  return undefined;
}

/** `a b, c` → ['a', 'b', 'c']. */
export function parseList(text: string): string[] {
  return text.split(/[\s,]+/).filter((s) => s !== '');
}
