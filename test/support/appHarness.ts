/** The app runtime without VS Code: an in-memory store and recorded renders, acks and rejections. */
import type { AckMessage, ErrorInfo } from '../../protocol';
import { EventHandler } from '../../src/app/eventHandler';
import type { RenderOutput } from '../../src/app/appRunner';
import { EventLedger, type LedgerRecord } from '../../src/app/eventLedger';
import { AppState } from '../../src/app/appState';
import type { RunServices } from '../../src/app/run';
import type { App } from '../../src/app/st';

/** The history the harness's events are numbered in (a webview document's, in the product). */
export const HISTORY = 'test-history-1';

/** `services` replaces what the runner gets from the extension (host services, component files…). */
export function appHarness(
  app: App,
  options: {
    slowRunMs?: number;
    store?: Map<string, unknown>;
    services?: Partial<RunServices>;
    /** Replaces the store's write of the state (a test holds it to see what waits for it). */
    write?: (key: string, value: unknown) => Promise<void>;
  } = {},
) {
  const store = options.store ?? new Map<string, unknown>();
  const renders: RenderOutput[] = [];
  const acks: AckMessage[] = [];
  const rejected: { error: ErrorInfo; seq: number }[] = [];
  const saveErrors: string[] = [];
  const state = new AppState({ get: (k) => store.get(k), update: options.write ?? (async (k, v) => void store.set(k, v)) }, 'session');
  const handler = new EventHandler({
    app: async () => app,
    appName: 'test',
    state,
    ledger: new EventLedger((store.get('ledger') as LedgerRecord | undefined) ?? {}, (record) => store.set('ledger', record)),
    render: (o) => renders.push(o),
    onSaveError: (m) => saveErrors.push(m),
    ack: (m) => acks.push(m),
    reject: (error, seq) => rejected.push({ error, seq }),
    ...(options.slowRunMs ? { slowRunMs: options.slowRunMs } : {}),
    ...(options.services ? { services: options.services } : {}),
  });
  const last = () => renders.filter((r) => !r.partial).at(-1);
  return { handler, runner: handler.runner, state, store, renders, acks, rejected, saveErrors, last };
}
