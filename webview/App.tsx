import { useCallback, useEffect, useMemo, useState } from 'react';
import { assertNever, type ErrorMessage, type HostInfo } from '../protocol';
import { Outbox } from './outbox';
import { AppView } from './AppView';
import { RequestError, type HostChannel } from './hostChannel';
import { RenderStore, RenderStoreContext } from './renderStore';
import { SendContext } from './elements/ElementView';
import { FormDraftsContext } from './elements/Form';
import { FormDrafts } from './formDrafts';

/** The view belongs to the app: nothing of ours around it but a host notice and protocol errors. */
export function App({ channel }: { channel: HostChannel }) {
  const [host, setHost] = useState<HostInfo | undefined>();
  const [notice, setNotice] = useState<{ seq: number; text: string } | undefined>();
  const [lastError, setLastError] = useState<ErrorMessage['error'] | undefined>();
  const store = useMemo(() => {
    const created = new RenderStore();
    (window as unknown as { __componentHostRenders?: RenderStore }).__componentHostRenders = created;
    return created;
  }, []);
  const outbox = useMemo(() => {
    const created = new Outbox(channel);
    // For the end-to-end suite, beside window.__componentHost (the channel): bursts go through the real numbering.
    (window as unknown as { __componentHostOutbox?: Outbox }).__componentHostOutbox = created;
    return created;
  }, [channel]);
  const drafts = useMemo(() => {
    const created = new FormDrafts(channel);
    (window as unknown as { __componentHostDrafts?: FormDrafts }).__componentHostDrafts = created; // the end-to-end suite reads it
    return created;
  }, [channel]);
  const send = useCallback((widgetId: string, value: unknown) => outbox.send(widgetId, value), [outbox]);

  useEffect(() => {
    const off = channel.onMessage((message) => {
      switch (message.type) {
        case 'hello':
          return setHost(message.host);
        case 'notice':
          // A replayed notice after a reload may arrive twice (snapshot, then queue): keep the newest.
          return setNotice((prev) => (prev && prev.seq >= message.seq ? prev : message));
        case 'error':
          return setLastError(message.error);
        case 'render': {
          // Listen from the first moment: the first render may arrive together with `hello`.
          // A patch that does not fit what this view has (one was lost): ask for everything again.
          const applied = store.apply(message);
          if (applied === 'applied') drafts.rendered(message.app, message.runId, message.status === 'done' || message.status === 'error');
          if (applied === 'gap') {
            void channel
              .request('renderSnapshot', {})
              .catch((err: unknown) => setLastError(err instanceof RequestError ? err.info : { code: 'internal', message: String(err) }));
          }
          // Acks that waited for this render (whatever became of it): after the apply, so the commit comes first.
          for (const ack of message.acks ?? []) outbox.ack({ type: 'ack', ...ack });
          return;
        }
        case 'ack':
          return outbox.ack(message);
        case 'session': // sign-in state lives in the status bar and the Accounts menu, not in the view
        case 'response': // answered through channel.request
          return;
        default:
          return assertNever(message, 'host message');
      }
    });
    channel.ready(outbox.previousHistories);
    return off;
  }, [channel, outbox, store, drafts]);

  if (!host) return <p className="boot">Connecting to the extension host…</p>;
  // Where the host runs is diagnostics, not content: data attributes (and the log), never a line of text.
  return (
    <main data-testid="app" data-host-version={host.extensionVersion} data-ui-kind={host.uiKind} data-remote={host.remoteName ?? ''}>
      {notice && <p data-testid="notice">{notice.text}</p>}
      <RenderStoreContext value={store}>
        <SendContext value={send}>
          <FormDraftsContext value={drafts}>
            <AppView
              openSource={(location) =>
                void channel.request('openSource', location).catch((err: unknown) => {
                  setLastError(err instanceof RequestError ? err.info : { code: 'internal', message: String(err) });
                })
              }
            />
          </FormDraftsContext>
        </SendContext>
      </RenderStoreContext>
      {lastError && (
        <p data-testid="last-error" className="error" role="alert">
          {lastError.code}: {lastError.message}
        </p>
      )}
    </main>
  );
}
