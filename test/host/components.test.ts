import * as vscode from 'vscode';
import { hostProbe, hostTest } from './harness';
import { extensionApi } from './extensionApi';

/** What the component API handled and refused (notifier, storage, host APIs). */
hostProbe('components.stats', async () => ({ ...(await extensionApi()).componentApi.stats }));

/** A component's stored keys, as the host keeps them (globalState: survives window reloads). */
hostProbe('components.storage', async (name) => {
  const api = (await extensionApi()).componentApi;
  const outcome = await api.handle({ component: String(name), elementId: 'probe', method: 'storage.list', params: {} });
  return outcome.ok ? outcome.result : outcome.error;
});

hostProbe('components.clear', () => vscode.commands.executeCommand<number>('componentHost.clearComponentStorage'));

hostTest('component API: an unknown notifier event is refused by name; storage round-trips through the host store', async () => {
  const api = (await extensionApi()).componentApi;
  const refused = await api.handle({
    component: 'host-test',
    elementId: 'x',
    method: 'notify',
    params: { event: 'rm -rf', payload: null },
  });
  if (refused.ok || refused.error.message !== 'event rm -rf is not allowed') throw new Error(JSON.stringify(refused));
  const set = await api.handle({ component: 'host-test', elementId: 'x', method: 'storage.set', params: { key: 'k', value: [1, 2] } });
  if (!set.ok) throw new Error(JSON.stringify(set));
  const got = await api.handle({ component: 'host-test', elementId: 'x', method: 'storage.get', params: { key: 'k' } });
  if (!got.ok || JSON.stringify(got.result) !== '{"value":[1,2]}') throw new Error(JSON.stringify(got));
  await api.clear('host-test');
});

/** A component request as the webview relays it (component, elementId, method, params), answered by the real host. */
hostProbe('components.handle', async (call) => (await extensionApi()).componentApi.handle(call));
