/**
 * BuildKit's `# check=` options: `skip=<rules>|all`, `error=true`, `experimental=<rules>|all`,
 * `;`-separated, with an optional `// comment` after them. At the top of the file (a parser
 * directive) they apply to the whole file; in the comments right above an instruction they apply to
 * that instruction only. Pure.
 */

export interface CheckConfig {
  skip: Set<string>;
  skipAll: boolean;
  error: boolean;
  experimental: Set<string>;
  experimentalAll: boolean;
}

export function defaultCheckConfig(): CheckConfig {
  return { skip: new Set(), skipAll: false, error: false, experimental: new Set(), experimentalAll: false };
}

/** Parses the value of a check directive; `problem` says what BuildKit would refuse. */
export function parseCheckOptions(value: string): { config: CheckConfig; problem?: string } {
  const config = defaultCheckConfig();
  const text = (value.split('//')[0] ?? '').trim();
  if (text === '') return { config };
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) return { config, problem: `Invalid check option "${part.trim()}": use skip=…, error=true or experimental=….` };
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    const list = v.split(',').map((r) => r.trim()).filter((r) => r !== '');
    if (key === 'skip') {
      if (v === 'all') config.skipAll = true;
      else list.forEach((r) => config.skip.add(r));
    } else if (key === 'experimental') {
      if (v === 'all') config.experimentalAll = true;
      else list.forEach((r) => config.experimental.add(r));
    } else if (key === 'error') {
      if (!/^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(v)) return { config, problem: `Invalid check option "${part.trim()}": error takes true or false.` };
      config.error = /^(1|t|T|TRUE|true|True)$/.test(v);
    } else {
      return { config, problem: `Invalid check option "${key}": use skip, error or experimental.` };
    }
  }
  return { config };
}

/** The `check=` comments right above an instruction, as one config (undefined when there are none). */
export function instructionCheckConfig(comments: readonly string[]): CheckConfig | undefined {
  let found: CheckConfig | undefined;
  for (const c of comments) {
    const m = /^check\s*=\s*(.*)$/.exec(c);
    if (!m) continue;
    const { config } = parseCheckOptions(m[1] as string);
    found ??= defaultCheckConfig();
    config.skip.forEach((r) => found?.skip.add(r));
    found.skipAll ||= config.skipAll;
  }
  return found;
}

export function isSkipped(config: CheckConfig | undefined, rule: string): boolean {
  return config !== undefined && (config.skipAll || config.skip.has(rule));
}
