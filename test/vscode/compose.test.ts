/**
 * Compose files in the editor: the `dockercompose` language is picked by file name, and Berth's
 * findings arrive as diagnostics (read through vscode.languages.getDiagnostics), follow edits, and
 * carry their quick fixes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/api';
import { waitFor } from '../support/docker';
import { activateBerth, repoRoot } from './testUtil';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'compose', 'workspace');

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

describe('compose language', function () {
  this.timeout(30_000);

  let api: BerthApi;
  before(async () => {
    api = await activateBerth();
  });

  it('diagnoses a compose file opened from disk', async () => {
    const uri = vscode.Uri.file(path.join(fixtures, 'compose.yaml'));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'dockercompose');
    const found = await waitFor('compose diagnostics', () => {
      const d = vscode.languages.getDiagnostics(uri);
      return d.length >= 4 ? d : undefined;
    }).catch((e: Error) => {
      throw new Error(`${e.message}; found: ${vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line + 1} ${codeOf(d)} ${d.message}`).join(' | ')}`);
    });
    const summary = found.map((d) => `${d.range.start.line + 1} ${codeOf(d)}`).sort();
    assert.deepEqual(summary, ['12 compose/unset-variable', '2 compose/obsolete-version', '6 compose/unknown-key', '9 compose/undefined-service']);
    // Linted on the worker thread, not in the extension host.
    assert.ok(api.composeLints.offThread > 0, JSON.stringify(api.composeLints));
    assert.equal(api.composeLints.inProcess, 0);
    const unknown = found.find((d) => codeOf(d) === 'compose/unknown-key')!;
    assert.equal(unknown.message, 'unknown key `heathcheck` in service `web` (did you mean `healthcheck`?)');
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(unknown.range), 'heathcheck');
    const version = found.find((d) => codeOf(d) === 'compose/obsolete-version')!;
    assert.equal(version.severity, vscode.DiagnosticSeverity.Hint);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, version.range);
    assert.ok(actions.some((a) => a.title === 'Remove `version`'), 'the quick fix is offered');
  });

  it('follows edits, on a copy of the fixture (the editor may save)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-compose-'));
    fs.cpSync(fixtures, dir, { recursive: true });
    const uri = vscode.Uri.file(path.join(dir, 'compose.yaml'));
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await waitFor('the unknown key is reported', () => vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'compose/unknown-key'));
      const editor = await vscode.window.showTextDocument(doc);
      const at = doc.getText().indexOf('heathcheck');
      await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'heathcheck'.length)), 'healthcheck'));
      await waitFor('the unknown key goes away', () => !vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'compose/unknown-key'));
      assert.ok(vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'compose/undefined-service'), 'the other findings stay');
      // Switching the language closes the compose document (VS Code closes documents themselves lazily).
      await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
      await waitFor('diagnostics cleared when the document stops being compose', () => vscode.languages.getDiagnostics(uri).length === 0);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports nothing for a clean docker-compose.yml', async () => {
    const uri = vscode.Uri.file(path.join(fixtures, 'docker-compose.yml'));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'dockercompose');
    // A clean file has no diagnostics; wait until the linter has run by checking a file it must flag first.
    await waitFor('the fixture with findings is linted', () => vscode.languages.getDiagnostics(vscode.Uri.file(path.join(fixtures, 'compose.yaml'))).length > 0);
    assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
  });

  it('completes service names and keys with their descriptions', async () => {
    const uri = vscode.Uri.file(path.join(fixtures, 'compose.dev.yaml'));
    await vscode.workspace.openTextDocument(uri);
    const refs = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(4, 8));
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    assert.ok(refs.items.some((i) => label(i) === 'cache' && i.kind === vscode.CompletionItemKind.Reference), 'the other service is offered');
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(6, 4));
    const healthcheck = keys.items.find((i) => label(i) === 'healthcheck');
    assert.ok(healthcheck, 'service keys are offered');
    assert.equal(healthcheck.kind, vscode.CompletionItemKind.Property);
  });

  it('hovers a key with the spec description and a reference with its target', async () => {
    const uri = vscode.Uri.file(path.join(fixtures, 'compose.yaml'));
    await vscode.workspace.openTextDocument(uri);
    const text = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    const onKey = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(13, 6));
    assert.match(text(onKey), /\*\*image\*\*[\s\S]*Specify the image/);
  });

  it('goes to the definition of a service in depends_on', async () => {
    const uri = vscode.Uri.file(path.join(fixtures, 'compose.dev.yaml'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.positionAt(doc.getText().indexOf('- cache') + 3);
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, at);
    const first = found[0]!;
    const target = 'targetUri' in first ? { uri: first.targetUri, range: first.targetRange } : first;
    assert.equal(target.uri.fsPath, uri.fsPath);
    assert.equal(doc.getText(target.range), 'cache');
  });
});
