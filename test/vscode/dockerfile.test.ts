/**
 * Dockerfiles in the editor: Berth's file patterns pick the built-in `dockerfile` language, findings
 * arrive as diagnostics (vscode.languages.getDiagnostics) with stable codes and docs links, quick
 * fixes come through vscode.executeCodeActionProvider, and applying one makes its diagnostic go.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from '../support/docker';
import { activateBerth, repoRoot } from './testUtil';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'dockerfile', 'workspace');

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function diagnosticsOf(uri: vscode.Uri, want: (codes: string[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor('Dockerfile diagnostics', () => {
    const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source?.startsWith('Berth'));
    return want(d.map(codeOf)) ? d : undefined;
  }).catch((e: Error) => {
    throw new Error(`${e.message}; found: ${vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line + 1} ${codeOf(d)}`).join(' | ')}`);
  });
}

describe('Dockerfile language', function () {
  this.timeout(30_000);
  let dir: string;

  before(async function () {
    await activateBerth();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-dockerfile-'));
    fs.cpSync(fixtures, dir, { recursive: true });
    // Say plainly when activate() does not wire Dockerfile support, instead of a failure per test below.
    const probe = vscode.Uri.file(path.join(dir, 'probe.Dockerfile'));
    fs.writeFileSync(probe.fsPath, 'FROM scratch\nRUN --mount=type=\n');
    await vscode.workspace.openTextDocument(probe);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', probe, new vscode.Position(1, 17));
    if (!list.items.some((i) => i.label === 'cache')) {
      assert.fail('Dockerfile support is not wired: activate() must call registerDockerfileLanguage()');
    }
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives Containerfile and *.Dockerfile names the dockerfile language', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(dir, 'app.Containerfile')));
    assert.equal(doc.languageId, 'dockerfile');
  });

  it('diagnoses a Dockerfile: Berth errors, BuildKit checks with their docs, hints', async () => {
    const uri = vscode.Uri.file(path.join(dir, 'Dockerfile'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const found = await diagnosticsOf(uri, (codes) => codes.includes('berth/unknown-instruction') && codes.includes('FromAsCasing'));
    const unknown = found.find((d) => codeOf(d) === 'berth/unknown-instruction')!;
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(unknown.range), 'COPPY');
    assert.match(unknown.message, /Did you mean COPY\?/);
    const casing = found.find((d) => codeOf(d) === 'FromAsCasing')!;
    assert.equal(casing.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(typeof casing.code === 'object' ? casing.code.target.toString() : '', 'https://docs.docker.com/reference/build-checks/from-as-casing/');
    assert.ok(found.some((d) => codeOf(d) === 'berth/cache-mount' && d.severity === vscode.DiagnosticSeverity.Hint));
  });

  it('offers quick fixes; applying one makes its diagnostic go', async () => {
    const uri = vscode.Uri.file(path.join(dir, 'Dockerfile'));
    const found = await diagnosticsOf(uri, (codes) => codes.includes('berth/cache-mount'));
    const hint = found.find((d) => codeOf(d) === 'berth/cache-mount')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, hint.range);
    const action = actions.find((a) => a.title === 'Add a npm cache mount');
    assert.ok(action?.edit, `offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.lineAt(2).text, 'RUN --mount=type=cache,target=/root/.npm npm ci');
    await diagnosticsOf(uri, (codes) => !codes.includes('berth/cache-mount') && codes.includes('FromAsCasing'));

    const casing = vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'FromAsCasing')!;
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, casing.range);
    const write = fixes.find((a) => a.title === 'Write AS');
    assert.ok(write?.edit);
    assert.ok(await vscode.workspace.applyEdit(write.edit));
    await diagnosticsOf(uri, (codes) => !codes.includes('FromAsCasing'));
  });

  it('turns a hint off through berth.dockerfile settings', async () => {
    const uri = vscode.Uri.file(path.join(dir, 'Dockerfile'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), 'RUN pip install flask\n'));
    await diagnosticsOf(uri, (codes) => codes.includes('berth/cache-mount'));
    const config = vscode.workspace.getConfiguration('berth.dockerfile');
    await config.update('hints.cacheMount', false, vscode.ConfigurationTarget.Global);
    try {
      await diagnosticsOf(uri, (codes) => !codes.includes('berth/cache-mount') && codes.includes('berth/unknown-instruction'));
    } finally {
      await config.update('hints.cacheMount', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('completes mount keys and stage names, and hovers instructions', async () => {
    const uri = vscode.Uri.file(path.join(dir, 'complete.Dockerfile'));
    fs.writeFileSync(uri.fsPath, 'FROM berth-test/busybox:1 AS build\nARG VERSION=1.2\nRUN --mount=type=cache,\nFROM berth-test/busybox:1\nCOPY --from=\nENV V=$VERSION\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = async (line: number, character: number): Promise<string[]> => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, character));
      return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    const mountKeys = await at(2, doc.lineAt(2).text.length);
    assert.ok(['target', 'sharing', 'id'].every((k) => mountKeys.includes(k)), mountKeys.join(', '));
    assert.ok((await at(4, doc.lineAt(4).text.length)).includes('build'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*RUN\*\*/);
  });

  it('outlines stages, goes to a stage definition and renames it everywhere', async () => {
    const uri = vscode.Uri.file(path.join(dir, 'nav.Dockerfile'));
    fs.writeFileSync(uri.fsPath, 'FROM berth-test/busybox:1 AS build\nRUN true\nFROM scratch\nCOPY --from=build /bin/sh /sh\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.deepEqual(symbols.map((s) => s.name), ['build', 'stage 1']);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, new vscode.Position(3, 14));
    const def = defs[0]!;
    const target = 'targetRange' in def ? def.targetRange : def.range;
    assert.equal(doc.getText(target), 'build');
    assert.equal(target.start.line, 0);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, new vscode.Position(0, 31), 'compile');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(doc.getText(), 'FROM berth-test/busybox:1 AS compile\nRUN true\nFROM scratch\nCOPY --from=compile /bin/sh /sh\n');
  });

  it('formats: instruction casing and continuation indentation', async () => {
    const uri = vscode.Uri.file(path.join(dir, 'format.Dockerfile'));
    fs.writeFileSync(uri.fsPath, 'from berth-test/busybox:1 as base\nrun echo a && \\\n  echo b\n');
    await vscode.workspace.openTextDocument(uri);
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, { tabSize: 4, insertSpaces: true });
    const edit = new vscode.WorkspaceEdit();
    edit.set(uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(), 'FROM berth-test/busybox:1 AS base\nRUN echo a && \\\n    echo b\n');
  });
});
