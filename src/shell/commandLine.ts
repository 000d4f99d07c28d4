/** Splits a typed command line into words, for containers with no shell to do it. Pure. */

/** Splits on spaces, honouring '…' and "…" quotes (with \-escapes inside double quotes), as sh would for simple lines. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = pattern.exec(line); m; m = pattern.exec(line)) words.push(m[1]?.replace(/\\(.)/g, '$1') ?? m[2] ?? m[3]!);
  return words;
}
