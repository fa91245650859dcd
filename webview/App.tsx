import { useEffect, useMemo, useState } from 'react';
import type { ErrorMessage, HostInfo, RenderMessage } from '../protocol';
import { Outbox } from './outbox';
import { AppView } from './AppView';
import type { HostChannel } from './hostChannel';

/** The view belongs to the app: nothing of ours around it but a host notice and protocol errors. */
export function App({ channel }: { channel: HostChannel }) {
  const [host, setHost] = useState<HostInfo | undefined>();
  const [notice, setNotice] = useState<{ seq: number; text: string } | undefined>();
  const [lastError, setLastError] = useState<ErrorMessage['error'] | undefined>();
  const [render, setRender] = useState<RenderMessage | undefined>();
  const outbox = useMemo(() => new Outbox(channel), [channel]);

  useEffect(() => {
    const off = channel.onMessage((message) => {
      if (message.type === 'hello') setHost(message.host);
      // A replayed notice after a reload may arrive twice (snapshot, then queue): keep the newest.
      else if (message.type === 'notice') setNotice((prev) => (prev && prev.seq >= message.seq ? prev : message));
      else if (message.type === 'error') setLastError(message.error);
      // Listen from the first moment: the first render may arrive together with `hello`.
      else if (message.type === 'render') {
        setRender((prev) => (message.status === 'slow' && prev?.runId === message.runId ? { ...prev, status: 'slow' } : message));
      } else if (message.type === 'ack') outbox.ack(message.upTo);
    });
    channel.ready();
    return off;
  }, [channel, outbox]);

  if (!host) return <p className="boot">Connecting to the extension host…</p>;
  // Where the host runs is diagnostics, not content: data attributes (and the log), never a line of text.
  return (
    <main data-testid="app" data-host-version={host.extensionVersion} data-ui-kind={host.uiKind} data-remote={host.remoteName ?? ''}>
      {notice && <p data-testid="notice">{notice.text}</p>}
      <AppView render={render} outbox={outbox} />
      {lastError && (
        <p data-testid="last-error" className="error" role="alert">
          {lastError.code}: {lastError.message}
        </p>
      )}
    </main>
  );
}
