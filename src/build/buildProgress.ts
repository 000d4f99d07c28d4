/**
 * Reads BuildKit's plain progress output (`--progress=plain`) as it arrives: which steps have
 * finished, which one runs now, where the build failed, and the image id. Handles both error
 * forms: BuildKit in a 20.10 daemon names only the step (` > [build 2/2] RUN false:`); newer
 * BuildKit (buildx) also prints `Dockerfile:12` (or `Dockerfile:12-13`) above a code excerpt.
 * Memory stays bounded whatever the build prints. Pure.
 */
import type { StepRef } from './buildSteps';

export interface BuildFailure {
  /** The step BuildKit named, when it did. */
  step?: StepRef;
  /** The Dockerfile name BuildKit printed (`Dockerfile`, `web.Dockerfile`) and its 1-based lines. */
  file?: string;
  line?: number;
  endLine?: number;
  /** BuildKit's reason (`executor failed running […]: exit code: 1`). */
  message: string;
}

export interface BuildProgress {
  done: number;
  total: number;
  /** The step that started last and has not finished, as BuildKit names it. */
  current: string | undefined;
  failures: BuildFailure[];
  imageId: string | undefined;
}

interface Vertex {
  name: string;
  step: StepRef | undefined;
  finished: boolean;
  error?: string;
}

const VERTEX = /^#(\d+) (.*)$/;
const STEP_NAME = /^\[(?:([^\s\]]+\/[^\s\]]+) )?(?:([^\s\]]+) )?(\d+)\/(\d+)\] (.*)$/;
const FAILED_STEP = /^ > \[(?:([^\s\]]+\/[^\s\]]+) )?(?:([^\s\]]+) )?(\d+)\/(\d+)\] (.*):$/;
const FILE_LINE = /^(\S*[Dd]ockerfile\S*|\S+):(\d+)(?:-(\d+))?$/;
const PARSE_ERROR = /dockerfile parse error (?:on )?line (\d+): (.*)$/;
const IMAGE_ID = /writing image (sha256:[0-9a-f]{64})/;
/** Vertices remembered at most; a build has far fewer, a runaway output cannot grow memory. */
const MAX_VERTICES = 10_000;
const MAX_LINE = 64 * 1024;

/** `[stage 2/3] RUN x` → its parts; undefined for BuildKit's own vertices (`[internal] …`). */
export function parseStepName(name: string): StepRef | undefined {
  const m = STEP_NAME.exec(name);
  if (!m) return undefined;
  return { stage: m[2], index: Number(m[3]), total: Number(m[4]), text: m[5] ?? '' };
}

export class PlainProgressParser {
  private readonly vertices = new Map<number, Vertex>();
  private readonly stageTotals = new Map<string, number>();
  private readonly failures: BuildFailure[] = [];
  private pending = '';
  private order: number[] = [];
  private imageId: string | undefined;
  /** Set when the Dockerfile is known: BuildKit names steps only as they start. */
  constructor(private readonly expectedTotal = 0) {}

  /** Feeds output as it arrives (any chunking). */
  push(chunk: string): void {
    const text = this.pending + chunk;
    const lines = text.split(/\r?\n/);
    this.pending = (lines.pop() ?? '').slice(-MAX_LINE);
    for (const line of lines) this.line(line.slice(0, MAX_LINE));
  }

  /** The output has ended: reads a last line without a newline. */
  end(): void {
    if (this.pending !== '') this.line(this.pending);
    this.pending = '';
  }

  get progress(): BuildProgress {
    let done = 0;
    let current: string | undefined;
    for (const id of this.order) {
      const v = this.vertices.get(id);
      if (!v?.step) continue;
      if (v.finished) done++;
      else current = v.name;
    }
    let seen = 0;
    for (const n of this.stageTotals.values()) seen += n;
    return { done, total: Math.max(this.expectedTotal, seen, done), current, failures: [...this.failures], imageId: this.imageId };
  }

  private line(line: string): void {
    const vertex = VERTEX.exec(line);
    if (vertex) return this.vertexLine(Number(vertex[1]), vertex[2] ?? '');
    const failed = FAILED_STEP.exec(line);
    if (failed) return this.failedStep({ stage: failed[2], index: Number(failed[3]), total: Number(failed[4]), text: failed[5] ?? '' });
    const at = FILE_LINE.exec(line.trim());
    if (at && this.failures.length > 0) return this.fileLine(at[1] ?? '', Number(at[2]), at[3] === undefined ? undefined : Number(at[3]));
    const parse = PARSE_ERROR.exec(line);
    if (parse) {
      this.failures.push({ line: Number(parse[1]), message: parse[2] ?? line });
      return;
    }
    const reason = /^(?:ERROR: )?(?:failed to solve: |error: )(.*)$/i.exec(line.trim());
    const last = this.failures[this.failures.length - 1];
    if (reason && last && last.message === '') last.message = reason[1] ?? line;
  }

  private vertexLine(id: number, rest: string): void {
    const image = IMAGE_ID.exec(rest);
    if (image) this.imageId = image[1];
    let v = this.vertices.get(id);
    if (!v) {
      if (this.vertices.size >= MAX_VERTICES || /^(DONE|CACHED|ERROR)\b|^sha256:|^\d+\.\d+ /.test(rest)) return;
      const step = parseStepName(rest);
      v = { name: rest, step, finished: false };
      this.vertices.set(id, v);
      this.order.push(id);
      if (step) this.stageTotals.set(step.stage ?? '', step.total);
      return;
    }
    if (/^(DONE|CACHED)\b/.test(rest)) v.finished = true;
    const error = /^ERROR:? (.*)$/.exec(rest);
    if (error) {
      v.finished = true;
      v.error = error[1] ?? rest;
    }
  }

  private failedStep(step: StepRef): void {
    const vertex = [...this.vertices.values()].find((v) => v.step && v.step.stage === step.stage && v.step.index === step.index && v.step.total === step.total && v.error);
    this.failures.push({ step, message: vertex?.error ?? '' });
  }

  private fileLine(file: string, line: number, endLine: number | undefined): void {
    const last = this.failures[this.failures.length - 1];
    if (last && last.line === undefined) Object.assign(last, { file, line, endLine });
  }
}
