/**
 * Berth's error diagnostics: what BuildKit would refuse to build — unknown instructions, missing or
 * extra arguments, unknown flags, bad flag and --mount values, COPY --from typos, bad EXPOSE ports,
 * bad durations — plus the parser's own errors. Pure.
 */
import { range, type Finding, type Range } from '../findings';
import type { Dockerfile, Flag, Instruction } from './ast';
import { fileCheckConfig } from './checks';
import { ALL_MOUNT_KEYS, INSTRUCTION_BY_NAME, INSTRUCTIONS, MOUNT_TYPES } from './instructionSpec';
import type { DockerfileModel } from './model';
import type { Mount } from './mount';
import { berthDocsUrl } from './rulesDocs';
import { expansionDepth, hasVariables, MAX_EXPANSION_DEPTH } from './shellWord';
import { closest } from './suggest';

const DURATION = /^(?:0|(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/;
const PORT = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i;
const WHOLE_NUMBER = /^\d+$/;
const OCTAL = /^[0-7]{1,4}$/;
const CHMOD = /^(?:[0-7]{3,4}|[ugoa]*[+=-][rwxXst]*(?:,[ugoa]*[+=-][rwxXst]*)*)$/;
const IMAGE_LIKE = /[/:.@]/;
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
const BOOLEAN = /^(true|false|1|0)$/i;
const SHARING = new Set(['shared', 'private', 'locked']);
const BOOLEAN_KEYS = new Set(['ro', 'rw', 'required']);
const NEEDS_TARGET = new Set(['cache', 'tmpfs']);

function error(code: string, r: Range, message: string, severity: Finding['severity'] = 'error'): Finding {
  return { range: r, severity, code, message, source: 'berth', docsUrl: berthDocsUrl(code) };
}

/** Range of `[start, end)` inside a flag's value. */
function inValue(flag: Flag, start: number, end: number): Range {
  const v = flag.valueRange ?? flag.range;
  if (v.start.line !== v.end.line) return v;
  return range(v.start.line, v.start.character + start, v.start.line, v.start.character + end);
}

export function validate(df: Dockerfile, model: DockerfileModel): Finding[] {
  const out: Finding[] = [];
  for (const e of df.errors) out.push(error(`berth/${e.code}`, e.range, e.message));
  const { problem } = fileCheckConfig(df);
  const checkDirective = df.directives.find((d) => d.name === 'check');
  if (problem && checkDirective) out.push(error('berth/check-directive', checkDirective.valueRange, problem));
  const stageNames = new Set(model.stages.map((s) => s.name).filter((n): n is string => n !== undefined));
  for (const inst of df.instructions) {
    validateInstruction(inst, out, stageNames, model);
    tooDeep(inst, out);
    if (inst.trigger) {
      if (['ONBUILD', 'FROM', 'MAINTAINER'].includes(inst.trigger.name)) out.push(error('berth/onbuild-trigger', inst.trigger.keywordRange, `${inst.trigger.name} is not allowed as an ONBUILD trigger.`));
      else validateInstruction(inst.trigger, out, stageNames, model);
    }
  }
  return out;
}

/** `${a:-${b:-…}}` deeper than Berth expands: said once per instruction. */
function tooDeep(inst: Instruction, out: Finding[]): void {
  if (!inst.logical.includes('${')) return;
  const depth = expansionDepth(inst.logical);
  if (depth <= MAX_EXPANSION_DEPTH) return;
  out.push(error('berth/expansion-too-deep', inst.keywordRange, `\`\${…}\` nested ${depth} deep: BuildKit expands it, but Berth checks only the first ${MAX_EXPANSION_DEPTH} levels.`, 'warning'));
}

function validateInstruction(inst: Instruction, out: Finding[], stageNames: ReadonlySet<string>, model: DockerfileModel): void {
  const spec = INSTRUCTION_BY_NAME.get(inst.name);
  if (!spec) {
    const guess = closest(inst.name, INSTRUCTIONS.map((s) => s.name), true, true);
    out.push(error('berth/unknown-instruction', inst.keywordRange, `Unknown instruction ${inst.keyword}.${guess ? ` Did you mean ${guess}?` : ''}`));
    return;
  }
  for (const flag of inst.flags) {
    const fs = spec.flags.find((x) => x.name === flag.name);
    if (!fs) {
      const guess = closest(flag.name, spec.flags.map((x) => x.name), true, true);
      out.push(error('berth/unknown-flag', flag.nameRange, `${inst.name} has no flag --${flag.name}.${guess ? ` Did you mean --${guess}?` : spec.flags.length ? ` It takes ${spec.flags.map((x) => '--' + x.name).join(', ')}.` : ' It takes no flags.'}`));
      continue;
    }
    if (!fs.repeat && inst.flags.find((x) => x.name === flag.name) !== flag) {
      out.push(error('berth/duplicate-flag', flag.range, `--${flag.name} is given more than once; BuildKit refuses that.`));
    }
    const value = flag.value;
    if (value === undefined) {
      if (!fs.bool) out.push(error('berth/flag-value', flag.range, `--${flag.name} needs a value: --${flag.name}=…`));
      continue;
    }
    if (hasVariables(value)) continue;
    if (fs.values && !fs.values.includes(value)) out.push(error('berth/flag-value', flag.valueRange ?? flag.range, `--${flag.name} takes ${fs.values.join(', ')}, not "${value}".`));
    if (fs.duration && !DURATION.test(value)) out.push(error('berth/duration', flag.valueRange ?? flag.range, `"${value}" is not a duration: write e.g. 30s, 1m30s or 500ms.`));
    if (flag.name === 'retries' && !WHOLE_NUMBER.test(value)) out.push(error('berth/flag-value', flag.valueRange ?? flag.range, `--retries takes a whole number, not "${value}".`));
    if (flag.name === 'chmod' && !CHMOD.test(value)) out.push(error('berth/flag-value', flag.valueRange ?? flag.range, `--chmod takes an octal mode (0755) or a symbolic one (u+x), not "${value}".`));
    if (flag.name === 'mount') validateMount(flag, model.memo.mount(flag), out);
    if (flag.name === 'from' && inst.name === 'COPY') validateCopyFrom(flag, value, out, stageNames, model);
  }
  validateArgs(inst, out);
}

function validateMount(flag: Flag, mount: Mount, out: Finding[]): void {
  const type = MOUNT_TYPES[mount.type];
  for (const o of mount.options) {
    if (!ALL_MOUNT_KEYS.has(o.key)) {
      const guess = closest(o.key, ALL_MOUNT_KEYS, true, true);
      out.push(error('berth/mount-key', inValue(flag, o.start, o.end), `Unknown --mount key "${o.key}".${guess ? ` Did you mean ${guess}?` : ''}`));
    } else if (o.canonical === 'type' && !type) {
      out.push(error('berth/mount-type', inValue(flag, o.start, o.end), `Unknown mount type "${o.value ?? ''}": use ${Object.keys(MOUNT_TYPES).join(', ')}.`));
    } else if (type && o.canonical !== 'type' && !type.keys.some((k) => k.name === o.canonical) && !(o.canonical === 'ro' && mount.type === 'bind')) {
      out.push(error('berth/mount-key', inValue(flag, o.start, o.end), `"${o.key}" does nothing on a ${mount.type} mount; it takes ${type.keys.map((k) => k.name).join(', ')}.`, 'warning'));
    } else if (o.canonical === 'sharing' && o.value !== undefined && !SHARING.has(o.value)) {
      out.push(error('berth/mount-value', inValue(flag, o.start, o.end), `sharing takes shared, private or locked, not "${o.value}".`));
    } else if (o.canonical === 'mode' && o.value !== undefined && !OCTAL.test(o.value) && !hasVariables(o.value)) {
      out.push(error('berth/mount-value', inValue(flag, o.start, o.end), `mode takes an octal number such as 0755, not "${o.value}".`));
    } else if ((o.canonical === 'uid' || o.canonical === 'gid') && o.value !== undefined && !WHOLE_NUMBER.test(o.value) && !hasVariables(o.value)) {
      out.push(error('berth/mount-value', inValue(flag, o.start, o.end), `${o.canonical} takes a number, not "${o.value}".`));
    } else if (BOOLEAN_KEYS.has(o.canonical) && o.value !== undefined && !BOOLEAN.test(o.value)) {
      out.push(error('berth/mount-value', inValue(flag, o.start, o.end), `${o.key} takes true or false, not "${o.value}".`));
    }
  }
  // BuildKit's own Dockerfile bind-mounts a stage without a target; cache and tmpfs mounts need one to be useful.
  if (type && NEEDS_TARGET.has(mount.type) && mount.get('target') === undefined) {
    out.push(error('berth/mount-target', flag.range, `A ${mount.type} mount needs a target: add target=/path.`, 'warning'));
  }
}

function validateCopyFrom(flag: Flag, value: string, out: Finding[], stageNames: ReadonlySet<string>, model: DockerfileModel): void {
  const lower = value.toLowerCase();
  if (WHOLE_NUMBER.test(value)) {
    if (Number(value) >= model.stages.length) out.push(error('berth/copy-from', flag.valueRange ?? flag.range, `There is no stage ${value}: stages are numbered 0 to ${model.stages.length - 1}.`));
    return;
  }
  if (stageNames.has(lower) || IMAGE_LIKE.test(value)) return;
  const guess = closest(lower, stageNames, false, true);
  if (guess) {
    out.push({
      ...error('berth/copy-from', flag.valueRange ?? flag.range, `No stage is named "${value}". Did you mean "${guess}"?`),
      fixes: [{ title: `Copy from stage "${guess}"`, edits: [{ range: flag.valueRange ?? flag.range, newText: guess }], preferred: true }],
    });
  }
}

const NEEDS_ARGS = new Set(['FROM', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'SHELL', 'RUN', 'ENTRYPOINT']);

function validateArgs(inst: Instruction, out: Finding[]): void {
  // Words are split on first use, and most instructions need only to know there are some.
  if (inst.argsText === '' && inst.heredocs.length === 0 && NEEDS_ARGS.has(inst.name) && !(inst.json && inst.name !== 'SHELL')) {
    out.push(error('berth/missing-arguments', inst.keywordRange, `${inst.name} needs ${inst.name === 'FROM' ? 'a base image' : 'arguments'}.`));
    return;
  }
  switch (inst.name) {
    case 'FROM': {
      const n = inst.words.length;
      if (n === 2 || n > 3 || (n === 3 && inst.words[1]?.text.toLowerCase() !== 'as')) {
        out.push(error('berth/extra-arguments', inst.argsRange, 'FROM takes an image and optionally AS name: FROM image [AS name].'));
      } else if (n === 3 && !STAGE_NAME.test((inst.words[2]?.text ?? '').toLowerCase())) {
        out.push(error('berth/stage-name', inst.words[2]?.range ?? inst.argsRange, `"${inst.words[2]?.text}" is not a valid stage name: start with a letter; use letters, digits, -, _ and .`));
      }
      break;
    }
    case 'COPY':
    case 'ADD': {
      const paths = inst.json ? inst.json.length : inst.words.length;
      if (paths < 2) out.push(error('berth/missing-arguments', inst.keywordRange, `${inst.name} needs at least one source and a destination.`));
      break;
    }
    case 'SHELL':
      if (!inst.json) out.push(error('berth/shell-json', inst.argsRange, 'SHELL takes JSON form: SHELL ["/bin/sh", "-c"].'));
      break;
    case 'HEALTHCHECK': {
      const kind = inst.words[0]?.text.toUpperCase();
      const n = inst.words.length;
      if (kind === 'NONE' && (n > 1 || inst.flags.length > 0)) out.push(error('berth/extra-arguments', inst.argsRange, 'HEALTHCHECK NONE takes no options or arguments.'));
      else if (kind !== undefined && kind !== 'NONE' && kind !== 'CMD') out.push(error('berth/healthcheck', inst.words[0]?.range ?? inst.argsRange, 'HEALTHCHECK takes CMD command or NONE.'));
      else if (kind === 'CMD' && n < 2 && !inst.json) out.push(error('berth/missing-arguments', inst.argsRange, 'HEALTHCHECK CMD needs a command.'));
      break;
    }
    case 'EXPOSE':
      for (const w of inst.words) {
        if (hasVariables(w.text) || w.text.includes(':')) continue;
        const m = PORT.exec(w.text);
        const lo = Number(m?.[1]);
        const hi = m?.[2] === undefined ? lo : Number(m[2]);
        if (!m) out.push(error('berth/expose', w.range, `"${w.text}" is not a port: write 80, 80/tcp, 53/udp or 8000-8010.`));
        else if (lo > 65535 || hi > 65535 || hi < lo) out.push(error('berth/expose', w.range, `Port ${w.text} is out of range (0-65535).`));
      }
      break;
  }
}
