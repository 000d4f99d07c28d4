/**
 * Compose projects in the editor as Compose runs them: compose files of any name found by content
 * (CI files left alone), the override beside a default file, and a berth.compose.files `-f` list that
 * names a fragment in a subfolder.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateBerth, runId, waitFor } from './testUtil';

const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);
const codesOf = (uri: vscode.Uri): string[] => vscode.languages.getDiagnostics(uri).map(codeOf).sort();

describe('compose projects in the editor', function () {
  this.timeout(60_000);
  let dir: string;
  const file = (name: string, text: string): vscode.Uri => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return vscode.Uri.file(p);
  };
  /** Opens a file that detection must switch to compose: once it has, every document opened before it was judged. */
  const barrier = async (name: string): Promise<void> => {
    const doc = await vscode.workspace.openTextDocument(file(name, 'services:\n  barrier:\n    image: busybox:1\n'));
    await waitFor(`${name} opens as compose`, () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === doc.uri.toString() && d.languageId === 'dockercompose'));
  };

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace has a folder');
    dir = path.join(folder.uri.fsPath, `projects-${runId}`);
    fs.mkdirSync(dir, { recursive: true });
    await activateBerth();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('berth').update('compose.files', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens a YAML file with a services: mapping as compose, whatever its name, and lints it', async () => {
    const stack = file('stack.yml', 'services:\n  web:\n    image: nginx:1.27\n    networks: [front]\n');
    const doc = await vscode.workspace.openTextDocument(stack);
    await waitFor('stack.yml becomes a compose document', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString())?.languageId === 'dockercompose');
    await waitFor('stack.yml is linted', () => codesOf(stack).includes('compose/undefined-network'));
  });

  it('leaves CI files YAML: .gitlab-ci.yml, .travis.yml, GitHub workflows', async () => {
    const ci = [
      file('.gitlab-ci.yml', 'image: golang:1.22\nservices:\n  - name: postgres:16\n    alias: db\ntest:\n  script: go test ./...\n'),
      file('.travis.yml', 'language: go\nservices:\n  - docker\n'),
      file('.github/workflows/ci.yml', 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      redis:\n        image: redis:7\n'),
    ];
    for (const uri of ci) await vscode.workspace.openTextDocument(uri);
    await barrier('after-ci.yml');
    for (const uri of ci) assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId, 'yaml', uri.fsPath);
  });

  it('keeps a file someone switched back to YAML as YAML', async () => {
    const uri = file('jibri.yml', 'services:\n  jibri:\n    image: jitsi/jibri:stable\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    await waitFor('jibri.yml becomes compose', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId === 'dockercompose');
    await vscode.languages.setTextDocumentLanguage(vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString())!, 'yaml');
    await barrier('after-switch.yml');
    assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId, 'yaml');
  });

  it('reads the override beside a default file: a secret declared there is defined, and the image it brings counts', async () => {
    const base = file('app/compose.yaml', 'services:\n  web:\n    secrets: [token]\n');
    file('app/compose.override.yaml', 'services:\n  web:\n    image: nginx:1.27\nsecrets:\n  token:\n    environment: TOKEN\n');
    await vscode.workspace.openTextDocument(base);
    const alone = file('solo/compose.yaml', 'services:\n  web:\n    secrets: [token]\n');
    await vscode.workspace.openTextDocument(alone);
    await waitFor('the file without an override is linted', () => codesOf(alone).length === 2 || undefined);
    assert.deepEqual(codesOf(alone), ['compose/no-image', 'compose/undefined-secret']);
    await waitFor('the file with its override is linted clean', () => codesOf(base).length === 0);
  });

  it('honours berth.compose.files for a fragment in a subfolder, which alone has its findings', async () => {
    file('elk/docker-compose.yml', 'services:\n  elasticsearch:\n    image: elasticsearch:9\n    networks: [elk]\nnetworks:\n  elk: {}\n');
    file('elk/extensions/fleet/Dockerfile', 'FROM elastic-agent:9\n');
    const fleet = file('elk/extensions/fleet/fleet-compose.yml', 'services:\n  fleet-server:\n    build:\n      context: extensions/fleet/\n    networks: [elk]\n    depends_on: [elasticsearch]\n');
    await vscode.workspace.openTextDocument(fleet);
    await waitFor('alone, the fragment has its findings', () => codesOf(fleet).length === 3 || undefined);
    assert.deepEqual(codesOf(fleet), ['compose/missing-build-context', 'compose/undefined-network', 'compose/undefined-service']);
    await vscode.workspace.getConfiguration('berth').update('compose.files', ['docker-compose.yml', 'extensions/fleet/fleet-compose.yml'], vscode.ConfigurationTarget.Workspace);
    await waitFor('with the -f list, the fragment is clean', () => codesOf(fleet).length === 0);
  });
});
