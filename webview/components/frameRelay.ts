/**
 * What the webview does with a message from one of its v1 component frames, apart from React: an
 * invalid one gets a typed answer, a Component Host request is relayed to the extension host and
 * answered, and Streamlit's messages go to the frame's owner. The caller has already checked that the
 * message came from its own frame (`event.source`) with an opaque origin.
 */
import { classifyFrameMessage, ComponentValue, type ComponentReply } from '../../protocol';
import { requestForComponent } from './componentRequests';

/** Counters the tests read: messages from other windows ignored, invalid ones from our frames refused. */
export const componentStats = { ignored: 0, invalid: 0, accepted: 0 };
(globalThis as unknown as { __componentStats?: typeof componentStats }).__componentStats = componentStats;

export interface FrameOwner {
  /** The component's name and element id, as the host knows them. */
  readonly component: string;
  readonly elementId: string;
  ready(apiVersion: number): void;
  setHeight(height: number): void;
  setValue(value: ComponentValue): void;
}

export function relayFrameMessage(data: unknown, owner: FrameOwner, reply: (message: ComponentReply) => void): void {
  const parsed = classifyFrameMessage(data);
  if (parsed.kind === 'invalid') {
    // Every invalid message from our frame gets a typed answer (with its id when it had one).
    componentStats.invalid++;
    reply(
      parsed.id !== undefined
        ? { type: 'componentHost:response', id: parsed.id, ok: false, error: parsed.error }
        : { type: 'componentHost:error', error: parsed.error },
    );
    return;
  }
  componentStats.accepted++;
  if (parsed.kind === 'request') {
    const { id, method, params } = parsed.request;
    void requestForComponent({ component: owner.component, elementId: owner.elementId, method, params }).then((outcome) =>
      reply(
        outcome.ok
          ? { type: 'componentHost:response', id, ok: true, result: outcome.result }
          : { type: 'componentHost:response', id, ok: false, error: outcome.error },
      ),
    );
    return;
  }
  const message = parsed.message;
  if (message.type === 'streamlit:componentReady') owner.ready(message.apiVersion);
  else if (message.type === 'streamlit:setFrameHeight') owner.setHeight(Math.ceil(message.height));
  else {
    const value = ComponentValue.safeParse(toValue(message.value, message.dataType));
    if (value.success) return owner.setValue(value.data);
    componentStats.invalid++;
    const issue = value.error.issues[0];
    reply({
      type: 'componentHost:error',
      error: { code: 'invalid-message', message: `value not sent: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() },
    });
  }
}

/** As streamlit-component-lib sends them: bytes as a Uint8Array, a table as ArrowTable.serialize()'s three streams. */
function toValue(value: unknown, dataType: string | undefined): unknown {
  if (dataType === 'bytes') return { dataType: 'bytes', bytes: value };
  if (dataType === 'dataframe') {
    const table = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    return { dataType: 'dataframe', data: table.data, index: table.index, columns: table.columns };
  }
  try {
    return { dataType: 'json', json: JSON.parse(JSON.stringify(value ?? null)) as unknown };
  } catch {
    return { dataType: 'json' }; // a BigInt or a cycle: refused with a typed error, not thrown here
  }
}
