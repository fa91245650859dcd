/**
 * Relays a component frame's Component Host requests to the extension host. The frame never gets
 * the webview's channel; it gets answers. Set once by main.tsx (the channel's owner).
 */
import type { ComponentCall, ComponentOutcome } from '../../protocol';
import { RequestError } from '../hostChannel';

/** Longest a relayed request may take (a server route has its own, shorter, timeout). */
export const COMPONENT_REQUEST_TIMEOUT_MS = 30_000;

type Requester = (call: ComponentCall) => Promise<ComponentOutcome>;
let requester: Requester | undefined;

export function setComponentRequester(next: Requester): void {
  requester = next;
}

/** Always resolves: failures of the relay itself become typed errors too. */
export async function requestForComponent(call: ComponentCall): Promise<ComponentOutcome> {
  if (!requester) return { ok: false, error: { code: 'unavailable', message: 'the view is not connected to the host' } };
  try {
    return await requester(call);
  } catch (err) {
    if (err instanceof RequestError) return { ok: false, error: err.info };
    return { ok: false, error: { code: 'unavailable', message: err instanceof Error ? err.message : 'request failed' } };
  }
}

type IsolationReport = { component: string; what: 'foreign-message' | 'invalid-message' | 'flood'; count: number };
let reporter: ((report: IsolationReport) => Promise<unknown>) | undefined;
const unreported = new Map<string, IsolationReport>();
let reportTimer: ReturnType<typeof setTimeout> | undefined;

export function setIsolationReporter(next: (report: IsolationReport) => Promise<unknown>): void {
  reporter = next;
}

/** Counted at once, logged by the host at most once a second per component and kind (a flood must not flood the log). */
export function reportIsolation(component: string, what: IsolationReport['what']): void {
  const key = `${component}\u0000${what}`;
  const entry = unreported.get(key) ?? { component, what, count: 0 };
  entry.count++;
  unreported.set(key, entry);
  reportTimer ??= setTimeout(() => {
    reportTimer = undefined;
    for (const report of unreported.values()) void reporter?.(report).catch(() => undefined);
    unreported.clear();
  }, 1000);
}
