/**
 * Restricted Mode: the editor follows no path out of the workspace folder. A compose file's
 * `include:` and a `.env` symlinked out of the workspace, and a `.dockerignore` symlinked out of
 * it, are reported as not read (the adapters pass the workspace folders to the pure readers), and
 * Berth's own merge leaves them out.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import { activateBerth, runId, waitFor } from '../testUtil';

const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('Restricted Mode: no file outside the workspace is read', function () {
  this.timeout(30_000);
  let inside: string;
  let outside: string;

  before(async () => {
    await activateBerth();
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(workspace, 'no workspace folder is open');
    inside = fs.mkdtempSync(path.join(workspace, `outside-files-${runId}-`));
    outside = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), `berth-outside-${runId}-`));
    fs.writeFileSync(path.join(outside, 'shared.yaml'), 'services:\n  db:\n    image: busybox\n');
    fs.writeFileSync(path.join(outside, 'real.env'), 'TAG=1\n');
    fs.writeFileSync(path.join(outside, 'ignore'), '*\n');
  });
  after(() => {
    fs.rmSync(inside, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('reports an include and a .env out of the workspace as not read', async () => {
    fs.symlinkSync(path.join(outside, 'real.env'), path.join(inside, '.env'));
    const file = path.join(inside, 'compose.yaml');
    fs.writeFileSync(file, `include: [${path.join(outside, 'shared.yaml')}]\nservices:\n  web:\n    image: "busybox:\${TAG}"\n    depends_on: [db]\n`);
    const uri = vscode.Uri.file(file);
    await vscode.workspace.openTextDocument(uri);
    const unread = await waitFor('compose diagnostics', () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'compose/unreadable-file');
      return found.length === 2 ? found : undefined;
    });
    for (const d of unread) assert.match(d.message, /outside the workspace folders/);
  });

  it('Show Merged Compose Config leaves the include out of the workspace unread, and says so', async () => {
    await vscode.commands.executeCommand(Commands.composeShowMergedConfig, vscode.Uri.file(path.join(inside, 'compose.yaml')));
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /^# Merged by Berth \(Restricted Mode/);
    assert.match(text, /# .*shared\.yaml could not be read: it is outside the workspace folders/);
    assert.ok(!/^ {2}db:/m.test(text), `the outside file's service is not merged:\n${text}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('reports a .dockerignore out of the workspace as not read', async () => {
    fs.symlinkSync(path.join(outside, 'ignore'), path.join(inside, '.dockerignore'));
    const file = path.join(inside, 'Dockerfile');
    fs.writeFileSync(file, 'FROM busybox:1.36\nCOPY app /app\n');
    const uri = vscode.Uri.file(file);
    await vscode.workspace.openTextDocument(uri);
    const found = await waitFor('Dockerfile diagnostics', () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'berth/dockerignore'));
    assert.match(found.message, /^`\.dockerignore` was not read: it is outside the workspace folders/);
    assert.ok(!vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'CopyIgnoredFile'), 'the outside file excludes everything, but it is not read');
  });
});
