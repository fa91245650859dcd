import { useEffect, useMemo, useState } from 'react';
import { VscodeButton, VscodeDivider, VscodeTextfield } from './elements/vscodeElements';
import type { ErrorMessage, HostInfo, RenderMessage, SessionInfo } from '../protocol';
import { Outbox } from './outbox';
import { SessionPanel } from './SessionPanel';
import { AppView } from './AppView';
import { RequestError, type HostChannel } from './hostChannel';

interface ViewState {
  echo?: string;
}

export function App({ channel }: { channel: HostChannel }) {
  const [host, setHost] = useState<HostInfo | undefined>();
  const [notice, setNotice] = useState<{ seq: number; text: string } | undefined>();
  const [lastError, setLastError] = useState<ErrorMessage['error'] | undefined>();
  const [echo, setEcho] = useState<string | undefined>(() => channel.getState<ViewState>()?.echo);
  const [text, setText] = useState('hello from the webview');
  const [session, setSession] = useState<SessionInfo | undefined>();
  const [render, setRender] = useState<RenderMessage | undefined>();
  const outbox = useMemo(() => new Outbox(channel), [channel]);

  useEffect(() => {
    const off = channel.onMessage((message) => {
      if (message.type === 'hello') setHost(message.host);
      // A replayed notice after a reload may arrive twice (snapshot, then queue): keep the newest.
      else if (message.type === 'notice') setNotice((prev) => (prev && prev.seq >= message.seq ? prev : message));
      else if (message.type === 'error') setLastError(message.error);
      else if (message.type === 'session') setSession(message.info);
      // Listen from the first moment: the first render may arrive together with `hello`.
      else if (message.type === 'render') {
        setRender((prev) => (message.status === 'slow' && prev?.runId === message.runId ? { ...prev, status: 'slow' } : message));
      } else if (message.type === 'ack') outbox.ack(message.upTo);
    });
    channel.ready();
    return off;
  }, [channel, outbox]);

  const sendEcho = async () => {
    try {
      const reply = await channel.request('echo', { text });
      const shown = `${reply.text} (host time ${new Date(reply.receivedAt).toISOString()})`;
      setEcho(shown);
      channel.patchState({ echo: shown } satisfies ViewState);
    } catch (err) {
      setLastError(err instanceof RequestError ? err.info : { code: 'internal', message: String(err) });
    }
  };

  if (!host) return <p className="boot">Connecting to the extension host…</p>;
  return (
    <main data-testid="app">
      <p data-testid="host-info" className="muted">
        Host v{host.extensionVersion} · {host.uiKind} UI{host.remoteName ? ` · remote ${host.remoteName}` : ''}
      </p>
      {notice && <p data-testid="notice">{notice.text}</p>}
      <AppView
        render={render}
        outbox={outbox}
        openSource={(location) =>
          void channel.request('openSource', location).catch((err: unknown) => {
            setLastError(err instanceof RequestError ? err.info : { code: 'internal', message: String(err) });
          })
        }
      />
      <VscodeDivider />
      <SessionPanel channel={channel} session={session} onError={(e) => setLastError(e.info)} />
      <VscodeDivider />
      <div className="row">
        <VscodeTextfield data-testid="echo-input" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        <VscodeButton data-testid="echo-button" onClick={() => void sendEcho()}>
          Send to host
        </VscodeButton>
      </div>
      {echo && <p data-testid="echo-reply">{echo}</p>}
      {lastError && (
        <p data-testid="last-error" className="error" role="alert">
          {lastError.code}: {lastError.message}
        </p>
      )}
    </main>
  );
}
