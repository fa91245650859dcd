import { useState } from 'react';
import { VscodeButton } from './elements/vscodeElements';
import type { ApiCallResult, ApiRoute, SessionInfo } from '../protocol';
import { RequestError, type HostChannel } from './hostChannel';

function expiry(info: SessionInfo): string {
  return info.expiresAt ? new Date(info.expiresAt).toLocaleTimeString() : 'unknown';
}

/** Sign-in state (never a token) and API calls brokered by the host. */
export function SessionPanel({
  channel,
  session,
  onError,
}: {
  channel: HostChannel;
  session: SessionInfo | undefined;
  onError: (e: RequestError) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [calls, setCalls] = useState<ApiCallResult[]>([]);

  const run = async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    try {
      return await work();
    } catch (err) {
      onError(err instanceof RequestError ? err : new RequestError({ code: 'internal', message: String(err) }));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const call = (route: ApiRoute) =>
    run(async () => {
      const result = await channel.request('callApi', { route }, 20_000);
      setCalls((prev) => [result, ...prev].slice(0, 5));
    });

  return (
    <section aria-label="Session and API">
      <p data-testid="session">
        {!session
          ? 'Checking sign-in…'
          : session.signedIn
            ? `Signed in as ${session.account?.name ?? '?'} (${session.account?.email ?? '?'}) | host (current login valid till ${expiry(session)})`
            : 'Signed out.'}
        {session?.development && (
          <span className="badge" data-testid="dev-badge">
            development sign-in
          </span>
        )}
      </p>
      <div className="row">
        {session?.signedIn ? (
          <VscodeButton
            data-testid="sign-out"
            secondary
            disabled={busy}
            onClick={() => void run(() => channel.request('signOut', {}, 30_000))}
          >
            Sign out
          </VscodeButton>
        ) : (
          <VscodeButton
            data-testid="sign-in"
            disabled={busy || !session}
            onClick={() => void run(() => channel.request('signIn', {}, 300_000))}
          >
            Sign in
          </VscodeButton>
        )}
        <VscodeButton data-testid="call-public" secondary disabled={busy} onClick={() => void call('ping')}>
          Call public route
        </VscodeButton>
        <VscodeButton data-testid="call-protected" secondary disabled={busy} onClick={() => void call('pong')}>
          Call protected route
        </VscodeButton>
      </div>
      <ul className="calls" data-testid="api-calls">
        {calls.map((c, i) => (
          <li
            key={`${c.route}-${calls.length - i}`}
            className={c.ok ? '' : 'error'}
            data-testid={`api-call-${c.route}`}
            data-status={c.status}
          >
            GET {c.path} · token: {c.usedToken ? 'yes' : 'no'} · {c.status || 'no answer'} {c.ok ? 'OK' : (c.error ?? '')} ·{' '}
            {c.durationMs.toFixed(0)} ms
          </li>
        ))}
      </ul>
    </section>
  );
}
