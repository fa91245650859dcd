/**
 * Component Host's own component, the counterpart of the original Next.js component: titled by the
 * app's args (never shown raw), sends a value back, reports through the notifier, keeps drafts in host storage and
 * calls the host's APIs. Each result lands in the activity list (tests read it by test id).
 */
import { useEffect, useLayoutEffect, useState } from 'react';
import type { ErrorInfo } from '../protocol';
import { applyTheme, ComponentHostError, type ComponentClient, type Render } from './lib/client';

type Entry = { id: number; text: string; error: boolean };

export function App({ client }: { client: ComponentClient }) {
  const [render, setRender] = useState<Render | undefined>(client.lastRender);
  const [clicks, setClicks] = useState(0);
  const [note, setNote] = useState('');
  const [log, setLog] = useState<Entry[]>([]);

  const [forced, setForced] = useState(0);
  /** A host-delegated API call (the host adds the token); the result is also reported to the app. */
  const callAndReport = async (route: 'ping' | 'pong') => {
    const r = await client.host.callApi(route);
    const line =
      `GET ${r.path} · token: ${r.usedToken ? 'yes' : 'no'} · ${r.status === 0 ? 'no answer' : r.status} ${r.ok ? 'OK' : (r.error ?? '')}`.trim();
    await client.notify('report', { title: 'api call', data: line });
    return { status: r.status, usedToken: r.usedToken };
  };
  const add = (text: string, error = false) => setLog((l) => [{ id: (l[0]?.id ?? 0) + 1, text, error }, ...l].slice(0, 20));
  const run = (label: string, action: () => Promise<unknown>) =>
    void action().then(
      (result) => add(`${label}: ${JSON.stringify(result)}`),
      (err: unknown) => add(`${label}: ${err instanceof ComponentHostError ? err.message : String(err)}`, true),
    );

  useEffect(() => {
    const offRender = client.onRender((r) => {
      applyTheme(r.theme);
      setRender(r);
    });
    const offError = client.onError((e: ErrorInfo) => add(`host error: ${e.code}: ${e.message}`, true));
    client.ready();
    // What the user was typing survives reloads: it lives in host storage, not localStorage.
    run('storage.get note', async () => {
      const saved = await client.storage.get('note');
      if (typeof saved === 'string') setNote(saved);
      return saved;
    });
    return () => {
      offRender();
      offError();
    };
  }, [client]);

  useLayoutEffect(() => client.setFrameHeight(document.body.scrollHeight));

  const disabled = render?.disabled ?? false;
  return (
    <main>
      <h3 data-testid="title">{typeof render?.args.title === 'string' ? render.args.title : 'Component Host component'}</h3>
      <div className="row">
        <button
          data-testid="send-value"
          disabled={disabled}
          onClick={() => {
            setClicks(clicks + 1);
            client.setComponentValue({ clicks: clicks + 1 });
          }}
        >
          Send value ({clicks})
        </button>
        <button
          data-testid="notify-status"
          onClick={() => run('status', () => client.notify('status', { state: 'busy', detail: 'working' }))}
        >
          Status
        </button>
        <button data-testid="notify-action" onClick={() => run('action', () => client.notify('action', { action: 'refresh' }))}>
          Action
        </button>
        <button
          data-testid="notify-report"
          onClick={() => run('report', () => client.notify('report', { title: 'clicks', data: { clicks } }))}
        >
          Report
        </button>
        <button data-testid="notify-unknown" onClick={() => run('unknown', () => client.notify('selfDestruct', {}))}>
          Unknown event
        </button>
        <button
          data-testid="notify-error"
          onClick={() => run('error', () => client.notify('error', { message: 'something went wrong in the component' }))}
        >
          Error
        </button>
        <button
          data-testid="force-status"
          onClick={() => {
            setForced(forced + 1);
            run('forced status', () => client.notify('status', { state: 'busy', detail: `forced update #${forced + 1}` }));
          }}
        >
          Force status update ({forced})
        </button>
      </div>
      <div className="row">
        <input
          data-testid="note"
          aria-label="Note kept by the host"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="a note kept by the host"
        />
        <button data-testid="save-note" onClick={() => run('storage.set note', () => client.storage.set('note', note))}>
          Save
        </button>
        <button data-testid="list-keys" onClick={() => run('storage.list', () => client.storage.list())}>
          Keys
        </button>
      </div>
      <div className="row">
        <button data-testid="session-info" onClick={() => run('session', () => client.host.sessionInfo())}>
          Session
        </button>
        <button data-testid="call-api" onClick={() => run('api ping', () => callAndReport('ping'))}>
          Call /ping
        </button>
        <button data-testid="call-api-protected" onClick={() => run('api pong', () => callAndReport('pong'))}>
          Call /pong
        </button>
        <button
          data-testid="open-file"
          onClick={() => run('open', () => client.host.openFile(typeof render?.args.file === 'string' ? render.args.file : 'README.md'))}
        >
          Open file
        </button>
        <button
          data-testid="notification"
          onClick={() => run('notification', () => client.host.showNotification('hello from the component'))}
        >
          Notify VS Code
        </button>
      </div>
      <ol data-testid="activity">
        {log.map((e) => (
          <li key={e.id} className={e.error ? 'error' : ''}>
            {e.text}
          </li>
        ))}
      </ol>
    </main>
  );
}
