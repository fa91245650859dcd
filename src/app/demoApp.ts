/**
 * The built-in demo, the view's default app: what the original Streamlit + Next.js + Flask demo
 * showed, done through the host. Sign in and out (the token stays in the extension host), call the
 * public and protected API routes from the app and from the component, see the component's events,
 * and open pages that unlock only while the login is valid.
 */
import type { ApiCallResult } from '../../protocol';
import { ratingComponent } from './builtinComponents';
import type { ComponentEvent } from './componentEvents';
import type { App, St } from './st';

const REPORT_ROWS = 15;

const time = (ms: number | undefined) => (ms === undefined ? '—' : new Date(ms).toLocaleTimeString());

/** One line per call: which route, whether a token went with it, what came back. */
export function describeCall(r: ApiCallResult, from: string): string {
  return `${from}: GET ${r.path} · token: ${r.usedToken ? 'yes' : 'no'} · ${r.status === 0 ? 'no answer' : r.status} ${r.ok ? 'OK' : (r.error ?? '')}`.trim();
}

function eventDetail(e: ComponentEvent): string {
  const p = (e.payload ?? {}) as Record<string, unknown>;
  if (e.event === 'status') return `${String(p.state)}${p.detail ? ` — ${String(p.detail)}` : ''}`;
  if (e.event === 'action') return String(p.action);
  if (e.event === 'report') return `${String(p.title)}: ${JSON.stringify(p.data)}`;
  return String(p.message ?? JSON.stringify(p));
}

function showCall(st: St, line: unknown): void {
  if (typeof line !== 'string') return;
  if (/ (200|204) OK/.test(line)) st.success(line);
  else st.error(line);
}

function locked(st: St, page: string): void {
  st.warning(`🔒 ${page} is locked. Sign in to open it; it locks again when the login expires or you sign out.`);
}

export const demoApp: App = async (st) => {
  const s = st.sessionState;
  const auth = st.auth;
  st.title('Component Host demo');

  // Sign-in: the button says who is signed in on the host and until when.
  const label = auth.signedIn ? `Sign out | host (current login valid till ${time(auth.expiresAt)})` : 'Sign in | host';
  if (st.button(label, { key: 'signInOut' })) {
    if (auth.signedIn) auth.signOut();
    else auth.signIn();
  }
  const who = st.expander(auth.user ? `${auth.user.name} (${auth.user.email})` : 'Authenticate', { expanded: !auth.signedIn });
  if (auth.user) {
    who.text(
      `Signed in with ${auth.development ? 'the development sign-in (no Auth0 tenant configured)' : 'Auth0'}; the access token stays in the extension host.`,
    );
    who.caption(auth.valid ? `Login valid till ${time(auth.expiresAt)}.` : 'The login has expired: sign in again.');
  } else {
    who.text('Sign in with the button above, the status bar, or "Component Host: Sign In".');
    who.caption('Without an Auth0 tenant configured, the embedded development sign-in is used.');
  }

  // API calls from the app: the host calls the server and adds the token to protected routes.
  st.header('API calls from the app');
  const [left, right] = st.columns(2);
  if (left!.button('Call public route', { key: 'appPublic' })) s.appCall = describeCall(await st.api.call('ping'), 'app');
  if (right!.button('Call protected route', { key: 'appProtected' })) s.appCall = describeCall(await st.api.call('pong'), 'app');
  showCall(st, s.appCall ?? undefined);

  // The component: its own UI, events notifier, storage and host-delegated API calls.
  st.header('The component');
  st.component('component-host', { title: 'Demo component', demo: true }, { key: 'demoComponent', height: 260 });
  const events = st.componentEvents;
  const status = events.find((e) => e.event === 'status');
  st.caption(`Status: ${status ? eventDetail(status) : 'no status update yet'}`);
  const forced = events.filter((e) => e.event === 'status' && /forced/.test(eventDetail(e))).length;
  st.caption(`Forced status updates: ${forced}`);
  const calls = events.filter((e) => e.event === 'report' && (e.payload as { title?: unknown }).title === 'api call');
  if (calls[0]) showCall(st, `component: ${String((calls[0].payload as { data?: unknown }).data)}`);

  st.header('Report log');
  if (events.length === 0) {
    st.caption('No events yet: use the component’s buttons (status, action, report, error).');
  } else {
    const rows = events.slice(0, REPORT_ROWS).map((e) => ({ '#': e.seq, time: time(e.at), event: e.event, detail: eventDetail(e) }));
    st.table(rows, { columns: ['#', 'time', 'event', 'detail'] });
  }

  // Pages that need a valid login.
  st.header('Pages');
  const [page1, page2, editorPage] = st.tabs(['Page 1', 'Page 2', 'Editor']);
  if (auth.valid) {
    page1!.success(`Welcome${auth.user ? `, ${auth.user.name}` : ''}. This page is open while your login is valid.`);
    const rating = ratingComponent(page1!)({
      key: 'demoRating',
      data: { label: 'How useful is this demo?', rating: (s.demoRating as { rating?: number } | undefined)?.rating ?? 3 },
      default: { rating: 3 },
    });
    // A trigger: a number only in the run its submit caused (missing before any submit: no callback is declared).
    if (typeof rating.submitted === 'number') page1!.info(`Thanks: ${String(rating.submitted)} of 5 (a Streamlit v2 component).`);
    const level = page2!.slider('Competence level', { min: 1, max: 3, value: 1, key: 'competence' });
    page2!.text(['', 'Level 1: getting started.', 'Level 2: comfortable.', 'Level 3: expert.'][level] ?? '');
  } else {
    locked(page1!, 'Page 1');
    locked(page2!, 'Page 2');
  }
  const editor = editorPage!.editor;
  if (editor) {
    editorPage!.text(`${editor.file} (${editor.language})`);
    const sel = editor.selection;
    editorPage!.caption(`Selection ${sel.startLine + 1}:${sel.startCharacter + 1}–${sel.endLine + 1}:${sel.endCharacter + 1}`);
    if (sel.text) editorPage!.code(sel.text.slice(0, 2000));
  } else editorPage!.caption('No editor is active: open a file and this page follows it as you code.');
};
