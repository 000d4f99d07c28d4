/**
 * Secrets and configs: create from a file or a typed value, inspect (metadata only, and which
 * services use it), remove (asking first, naming those services). A secret's value passes through
 * a buffer that is zeroed once it is sent; it is never logged, shown or kept.
 */
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { createSecretLike, inspectSecretLike, MAX_SECRET_BYTES, removeSecretLike, type SecretKind } from '../engine/swarmSecrets';
import { servicesUsing } from '../explorer/swarm/swarmModel';
import { Views } from '../ids';
import type { CommandHandler } from './commandContext';
import { confirmDestructive } from './confirm';
import { showInspect } from './inspect';
import { eachSwarmObject, pickSecretLikes, swarmSnapshot } from './swarmPick';

/** A create request given whole (a keybinding, another extension, a test): a value or a file. */
export interface SecretLikeRequest {
  name: string;
  value?: string;
  file?: string;
  labels?: Record<string, string>;
}

const isRequest = (v: unknown): v is SecretLikeRequest =>
  typeof v === 'object' && v !== null && typeof (v as SecretLikeRequest).name === 'string' && (typeof (v as SecretLikeRequest).value === 'string' || typeof (v as SecretLikeRequest).file === 'string');

const checkName = (t: string): string | undefined => (/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(t.trim()) ? undefined : 'Letters, digits, "-", "_" and "." (at most 64), starting with a letter or digit.');

async function readValueFile(file: string): Promise<Buffer> {
  const stat = await fs.stat(file);
  if (!stat.isFile()) throw new Error(`${file} is not a file.`);
  if (stat.size > MAX_SECRET_BYTES) throw new Error(`${file} is ${stat.size} bytes, over the engine's limit of 500 KB for a secret or config.`);
  return fs.readFile(file);
}

async function askRequest(kind: SecretKind): Promise<{ name: string; value: Buffer } | undefined> {
  const title = `Create ${kind === 'secret' ? 'Secret' : 'Config'}`;
  const name = await vscode.window.showInputBox({ title: `${title} (1/2)`, prompt: 'Name', ignoreFocusOut: true, validateInput: checkName });
  if (!name) return undefined;
  const from = await vscode.window.showQuickPick(
    [
      { label: '$(file) From a file…', value: 'file' as const },
      { label: '$(edit) Type the value…', value: 'typed' as const, ...(kind === 'secret' ? { detail: 'Hidden as you type; sent once, never shown or kept' } : {}) },
    ],
    { title: `${title} (2/2)`, ignoreFocusOut: true },
  );
  if (!from) return undefined;
  if (from.value === 'file') {
    const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: title })) ?? [];
    return uri ? { name: name.trim(), value: await readValueFile(uri.fsPath) } : undefined;
  }
  const typed = await vscode.window.showInputBox({ title: `${title}: ${name.trim()}`, prompt: 'Value', password: kind === 'secret', ignoreFocusOut: true, validateInput: (t) => (t === '' ? 'The value is empty.' : undefined) });
  return typed ? { name: name.trim(), value: Buffer.from(typed, 'utf8') } : undefined;
}

export function createSecretLikeCommand(kind: SecretKind): CommandHandler {
  return async (ctx, ...args): Promise<string | undefined> => {
    const client = ctx.session.requireConnection().client;
    const given = args.find(isRequest);
    const request = given
      ? { name: given.name, labels: given.labels ?? {}, value: given.file !== undefined ? await readValueFile(given.file) : Buffer.from(given.value ?? '', 'utf8') }
      : await askRequest(kind);
    if (!request) return undefined;
    const id = await createSecretLike(client, kind, request);
    void ctx.explorer.refresh(Views.swarm);
    vscode.window.setStatusBarMessage(`$(check) Created ${kind} ${request.name}`, 5000);
    return id;
  };
}

export function inspectSecretLikeCommand(kind: SecretKind): CommandHandler {
  return async (ctx, ...args) => {
    const [item] = await pickSecretLikes(ctx, args, kind, 'inspect', false);
    if (!item) return undefined;
    const client = ctx.session.requireConnection().client;
    const [raw, snapshot] = await Promise.all([inspectSecretLike(client, kind, item.id), swarmSnapshot(ctx)]);
    return showInspect({ ...(raw as object), UsedBy: servicesUsing(kind, item.id, snapshot.services).map((s) => s.name) });
  };
}

export function removeSecretLikeCommand(kind: SecretKind): CommandHandler {
  return async (ctx, ...args): Promise<string[]> => {
    const items = await pickSecretLikes(ctx, args, kind, 'remove', true);
    if (items.length === 0) return [];
    const snapshot = await swarmSnapshot(ctx);
    const names = items.map((i) => i.name);
    const users = [...new Set(items.flatMap((i) => servicesUsing(kind, i.id, snapshot.services).map((s) => s.name)))];
    const detail = users.length > 0 ? `In use by ${users.join(', ')}: the engine refuses while a service uses it; remove it from those services first.` : 'No service uses it.';
    if (!(await confirmDestructive(`Remove ${kind} ${names.join(', ')}?`, detail, 'Remove'))) return [];
    const client = ctx.session.requireConnection().client;
    return eachSwarmObject(ctx, items, (i) => i.name, 'remove', (i) => removeSecretLike(client, kind, i.id), { one: kind, many: `${kind}s` });
  };
}
