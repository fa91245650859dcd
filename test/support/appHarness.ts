/** The app runtime without VS Code: an in-memory store and recorded renders, acks and rejections. */
import type { AckMessage, ErrorInfo } from '../../protocol';
import { AppSession } from '../../src/app/appSession';
import type { RenderOutput, RunnerDeps } from '../../src/app/appRunner';
import { EventLedger } from '../../src/app/eventLedger';
import { SessionState } from '../../src/app/sessionState';
import type { App } from '../../src/app/st';

/** `deps` replaces what the runner gets from the extension (host services, component files…). */
export function appHarness(app: App, options: { slowRunMs?: number; store?: Map<string, unknown>; deps?: Partial<RunnerDeps> } = {}) {
  const store = options.store ?? new Map<string, unknown>();
  const renders: RenderOutput[] = [];
  const acks: AckMessage[] = [];
  const rejected: { error: ErrorInfo; seq: number }[] = [];
  const saveErrors: string[] = [];
  const state = new SessionState({ get: (k) => store.get(k), update: async (k, v) => void store.set(k, v) }, 'session');
  const session = new AppSession({
    app: async () => app,
    appName: 'test',
    state,
    ledger: new EventLedger(Number(store.get('lastSeq') ?? 0), (n) => store.set('lastSeq', n)),
    editor: () => undefined,
    render: (o) => renders.push(o),
    onSaveError: (m) => saveErrors.push(m),
    ack: (m) => acks.push(m),
    reject: (error, seq) => rejected.push({ error, seq }),
    ...(options.slowRunMs ? { slowRunMs: options.slowRunMs } : {}),
    ...options.deps,
  });
  const last = () => renders.filter((r) => r.status !== 'slow').at(-1);
  return { session, runner: session.runner, state, store, renders, acks, rejected, saveErrors, last };
}
