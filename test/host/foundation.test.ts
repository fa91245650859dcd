import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hostProbe, hostTest } from './harness';
import { EXTENSION_ID, extensionApi } from './extensionApi';

hostTest('extension is a workspace extension that activates and registers its commands', async () => {
  const api = await extensionApi();
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension?.isActive, 'extension should be active');
  assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
  assert.ok(api.activationMs >= 0);
  const commands = await vscode.commands.getCommands(true);
  for (const id of ['componentHost.open', 'componentHost.rerunApp', 'componentHost.showLog']) {
    assert.ok(commands.includes(id), `command ${id} registered`);
  }
});

hostTest('runs in the remote extension host of a web UI (code-server)', () => {
  assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
  assert.ok(vscode.env.remoteName, 'remoteName is set');
});

hostProbe('activation', async () => {
  const api = await extensionApi();
  return { activationMs: api.activationMs };
});

hostProbe('viewState', async () => {
  const api = await extensionApi();
  return { ready: api.view.isReady, visible: api.view.isVisible, rejected: api.view.rejectedMessages };
});

hostProbe('notify', async (text) => {
  const api = await extensionApi();
  api.view.notify(String(text));
  return true;
});

hostProbe('executeCommand', async (args) => {
  const [id, ...rest] = args as [string, ...unknown[]];
  await vscode.commands.executeCommand(id, ...rest);
  return true;
});

hostProbe('workspaceTrusted', () => vscode.workspace.isTrusted);

hostProbe('env.language', () => vscode.env.language);

hostProbe('server.state', async () => (await extensionApi()).server.state);

hostProbe('setSetting', async (args) => {
  const [key, value] = args as [string, unknown];
  const dot = key.lastIndexOf('.');
  await vscode.workspace.getConfiguration(key.slice(0, dot)).update(key.slice(dot + 1), value, vscode.ConfigurationTarget.Global);
  return true;
});
