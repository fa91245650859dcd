/** Shared by the component API's unit and fuzz tests: the API over an in-memory store. */
import { type ApiRoute } from '../../protocol';
import { ComponentApi, ComponentApiError, type ComponentApiDeps } from '../../src/components/componentApi';

/** A Memento in memory (the real one is VS Code's globalState). */
export class MemoryStore {
  readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
}

export function makeApi(overrides: Partial<ComponentApiDeps> = {}) {
  const events: Array<[string, string, unknown]> = [];
  const notes: string[] = [];
  const store = new MemoryStore();
  const api = new ComponentApi({
    store,
    sessionInfo: () => ({ signedIn: true, account: { name: 'Ada', email: 'ada@example.com' }, development: true }),
    callApi: (route: ApiRoute) =>
      Promise.resolve({ route, path: `/api/${route}`, usedToken: route === 'me', status: 200, ok: true, durationMs: 1, body: { route } }),
    openFile: (p) =>
      p.includes('..') ? Promise.reject(new ComponentApiError('not-allowed', `${p} is outside the workspace`)) : Promise.resolve(p),
    showNotification: (m) => void notes.push(m),
    onEvent: (c, e, p) => void events.push([c, e, p]),
    ...overrides,
  });
  return { api, store, events, notes };
}
