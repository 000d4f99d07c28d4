/**
 * Runs one BuildKit build: the docker CLI in a pseudoterminal (an argument array, no shell, no
 * `${…}` expansion), its plain progress read as it arrives, a cancellable notification with the
 * steps, and at the end the failures set as diagnostics on their Dockerfile lines.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Config } from '../config';
import { ProcessPty } from '../compose/processPty';
import type { EngineSession } from '../engineSession';
import { readTextFile } from '../language/safeRead';
import { dockerfileFeatures } from '../language/dockerfile/languageProviders';
import { buildArgs, builderEnvironment, type BuildOptions } from './buildArgs';
import type { BuildMemory } from './buildMemory';
import { locateFailures, type LocatedFailure } from './buildFailures';
import { PlainProgressParser, type BuildFailure } from './buildProgress';
import { planSteps, stepCount } from './buildSteps';
import { chooseBuilder, describeBuilder, engineEnvironment, type Builder, type ProcessRunner } from './builderChoice';

export interface BuildResult {
  /** The CLI's exit code; 0 is a built image. */
  code: number;
  imageId: string | undefined;
  failures: LocatedFailure[];
  builder: Builder;
}

/** One build ready to start: open the pty to run it; `finished` settles after the process ends. */
export interface PreparedBuild {
  pty: ProcessPty;
  parser: PlainProgressParser;
  builder: Builder;
  options: BuildOptions;
  finished: Promise<BuildResult>;
}

const runProcess: ProcessRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, [...args], { timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 127) : 0, stdout: String(stdout), stderr: error && typeof error.code !== 'number' ? error.message : String(stderr) });
    });
  });

function readDockerfile(file: string): string {
  const read = readTextFile(file);
  return read.ok ? read.text : '';
}

export class BuildRunner implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('berth-build');
  private readonly builders = new Map<string, Promise<Builder>>();

  constructor(
    private readonly session: EngineSession,
    private readonly log: vscode.LogOutputChannel,
    /** Told which Dockerfile each built image came from, for the Images view's history lines. */
    private readonly memory: BuildMemory,
  ) {}

  /** Chosen once per docker CLI; a failed choice is tried again next time (buildx may have just been installed). */
  builder(): Promise<Builder> {
    const command = Config.dockerPath();
    let builder = this.builders.get(command);
    if (!builder) {
      builder = chooseBuilder(command, runProcess);
      this.builders.set(command, builder);
      builder.catch(() => this.builders.delete(command));
    }
    return builder;
  }

  /** The environment that sends the CLI to the engine the views show. */
  environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const endpoint = this.session.connection?.endpoint;
    return { ...(endpoint ? engineEnvironment(endpoint, process.env) : process.env), ...extra };
  }

  async prepare(options: BuildOptions): Promise<PreparedBuild> {
    const builder = await this.builder();
    const temp = mkdtempSync(path.join(os.tmpdir(), 'berth-build-'));
    const iidFile = path.join(temp, 'iid');
    let args: string[];
    try {
      args = buildArgs(options, builder.kind, iidFile);
    } catch (error) {
      rmSync(temp, { recursive: true, force: true });
      throw error;
    }
    const { buildModel, parseDockerfile } = dockerfileFeatures();
    const expected = stepCount(planSteps(buildModel(parseDockerfile(readDockerfile(options.dockerfile)))), options.target);
    const parser = new PlainProgressParser(expected);
    this.log.info(`build: ${builder.command} ${JSON.stringify(args)}`);
    const pty = new ProcessPty(builder.command, args, options.context, this.environment(builderEnvironment(builder.kind)));
    pty.onDidOutput((text) => parser.push(text));
    const uri = vscode.Uri.file(options.dockerfile);
    this.diagnostics.delete(uri);
    const finished = pty.exited.then((ended) => {
      parser.end();
      const progress = parser.progress;
      const failures = ended.code === 0 ? [] : locateIn(options.dockerfile, progress.failures);
      this.diagnostics.set(uri, failures.map(toDiagnostic));
      let imageId: string | undefined;
      try {
        imageId = readFileSync(iidFile, 'utf8').trim() || progress.imageId;
      } catch {
        imageId = progress.imageId;
      }
      rmSync(temp, { recursive: true, force: true });
      if (ended.code === 0 && imageId) void this.memory.rememberImage(imageId, { dockerfile: options.dockerfile, ...(options.target ? { target: options.target } : {}) });
      return { code: ended.code, imageId: ended.code === 0 ? imageId : undefined, failures, builder };
    });
    return { pty, parser, builder, options, finished };
  }

  /** A notification with steps done of total and the current step; Cancel stops the CLI. */
  showProgress(build: PreparedBuild, title: string, ended: Promise<unknown> = build.finished): Thenable<void> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${title} with ${describeBuilder(build.builder)}`, cancellable: true }, (progress, token) => {
      let shown = 0;
      const report = (): void => {
        const p = build.parser.progress;
        const percent = p.total > 0 ? Math.min(100, (p.done / p.total) * 100) : 0;
        progress.report({ message: `${p.done}/${p.total}${p.current ? ` ${p.current}` : ''}`, increment: Math.max(0, percent - shown) });
        shown = Math.max(shown, percent);
      };
      const writes = build.pty.onDidOutput(report);
      const cancel = token.onCancellationRequested(() => build.pty.close());
      return ended.then(
        () => undefined,
        () => undefined,
      ).finally(() => {
        writes.dispose();
        cancel.dispose();
      });
    });
  }

  dispose(): void {
    this.diagnostics.dispose();
  }
}

/** Failures placed on the Dockerfile as it is now on disk (the file BuildKit read). */
function locateIn(dockerfile: string, failures: BuildFailure[]): LocatedFailure[] {
  const { buildModel, parseDockerfile } = dockerfileFeatures();
  const df = parseDockerfile(readDockerfile(dockerfile));
  return locateFailures(failures, dockerfile, df, buildModel(df));
}

function toDiagnostic(failure: LocatedFailure): vscode.Diagnostic {
  const { start, end } = failure.range;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), failure.message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'BuildKit';
  return diagnostic;
}
