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
