/**
 * A component in a sandboxed iframe (scripts only: an opaque origin with no access to this document
 * or to the webview's channel), speaking Streamlit's v1 protocol: waits for componentReady, sends
 * render with args, disabled and the theme (again when they change, and when a reloaded frame says
 * ready again), applies setFrameHeight, and turns setComponentValue into a widget event.
 */
import { useEffect, useRef, useState } from 'react';
import { classifyFrameMessage, STREAMLIT_API_VERSION, type ComponentReply, type ComponentValue, type Element, type StreamlitRender } from '../../protocol';
import { requestForComponent } from '../components/componentRequests';
import { currentTheme, onThemeChange } from './streamlitTheme';

type ComponentElement = Extract<Element, { kind: 'component' }>;

/** Counters the tests read: messages from other windows ignored, invalid ones from our frames refused. */
export const componentStats = { ignored: 0, invalid: 0, accepted: 0 };
(window as unknown as { __componentStats?: typeof componentStats }).__componentStats = componentStats;

/** Component-shaped messages (or any from an opaque origin) that no component frame of this view sent: ignored, counted once. */
function countForeign(event: MessageEvent<unknown>): void {
  const data = event.data as { isStreamlitMessage?: unknown; isComponentHostMessage?: unknown } | null;
  const shaped = event.origin === 'null' || (typeof data === 'object' && data !== null && (data.isStreamlitMessage === true || data.isComponentHostMessage === true));
  if (shaped && ![...document.querySelectorAll<HTMLIFrameElement>('iframe.component-frame')].some((f) => f.contentWindow === event.source)) componentStats.ignored++;
}
window.addEventListener('message', countForeign);

function toValue(value: unknown, dataType: string | undefined): ComponentValue {
  if (dataType === 'bytes' && value instanceof Uint8Array) {
    let binary = '';
    for (const byte of value) binary += String.fromCharCode(byte);
    return { dataType: 'bytes', base64: btoa(binary) };
  }
  return { dataType: 'json', json: JSON.parse(JSON.stringify(value ?? null)) as ComponentValue extends { json: infer J } ? J : never };
}

export function ComponentFrame({ element, send }: { element: ComponentElement; send: (id: string, value: unknown) => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [ready, setReady] = useState(false);
  const [height, setHeight] = useState(element.height ?? 150);
  const [late, setLate] = useState(false);
  const latest = useRef(element);
  latest.current = element;

  const render = () => {
    const target = frame.current?.contentWindow;
    if (!target) return;
    const message: StreamlitRender = { type: 'streamlit:render', args: latest.current.args, dfs: [], disabled: latest.current.disabled, theme: currentTheme() };
    // The frame's origin is opaque ("null"): "*" is the only target origin that reaches it.
    target.postMessage(message, '*');
  };

  useEffect(() => {
    const onMessage = (event: MessageEvent<unknown>) => {
      if (event.source !== frame.current?.contentWindow || event.source === null) return; // not ours: another frame's business
      if (event.origin !== 'null') {
        componentStats.ignored++; // a sandboxed frame always has an opaque origin; anything else is not our frame's document
        return;
      }
      const target = event.source as Window;
      const reply = (message: ComponentReply) => target.postMessage(message, '*');
      const parsed = classifyFrameMessage(event.data);
      if (parsed.kind === 'invalid') {
        // Every invalid message from our frame gets a typed answer (with its id when it had one).
        componentStats.invalid++;
        reply(parsed.id !== undefined ? { type: 'componentHost:response', id: parsed.id, ok: false, error: parsed.error } : { type: 'componentHost:error', error: parsed.error });
        return;
      }
      componentStats.accepted++;
      if (parsed.kind === 'request') {
        const { id, method, params } = parsed.request;
        void requestForComponent({ component: latest.current.name, elementId: latest.current.id, method, params }).then((outcome) =>
          reply(outcome.ok ? { type: 'componentHost:response', id, ok: true, result: outcome.result } : { type: 'componentHost:response', id, ok: false, error: outcome.error }),
        );
        return;
      }
      const message = parsed.message;
      if (message.type === 'streamlit:componentReady') {
        if (message.apiVersion !== STREAMLIT_API_VERSION) console.warn(`component ${latest.current.name} speaks API version ${message.apiVersion}`);
        setReady(true);
        setLate(false);
        render();
      } else if (message.type === 'streamlit:setFrameHeight') {
        setHeight(Math.ceil(message.height));
      } else {
        send(latest.current.id, toValue(message.value, message.dataType));
      }
    };
    window.addEventListener('message', onMessage);
    // One listener per frame for its lifetime; `latest` holds the current element.
    const stopTheme = onThemeChange(render);
    return () => {
      window.removeEventListener('message', onMessage);
      stopTheme();
    };
  }, []);

  // New args or disabled state: render again without reloading the frame.
  const argsKey = JSON.stringify([element.args, element.disabled]);
  useEffect(() => {
    if (ready) render();
  }, [argsKey, ready]);

  // Streamlit warns when a frame never says ready; so do we, instead of a silent blank.
  useEffect(() => {
    if (ready) return;
    const timer = setTimeout(() => setLate(true), element.readyTimeoutMs);
    return () => clearTimeout(timer);
  }, [ready, element.readyTimeoutMs, element.url]);

  const src = `${element.url}?streamlitUrl=${encodeURIComponent(window.location.href)}`;
  return (
    <div className="component" data-testid={`el-${element.id}`} data-ready={ready}>
      {late && (
        <div className="alert alert-warning" role="status" data-testid="component-not-ready">
          The component “{element.name}” has not said it is ready after {Math.round(element.readyTimeoutMs / 1000)} s. It may have failed to load
          ({element.url}); check that its files exist and that it calls Streamlit.setComponentReady().
        </div>
      )}
      <iframe
        ref={frame}
        key={element.url}
        title={`component ${element.name}`}
        src={src}
        sandbox="allow-scripts allow-forms allow-popups"
        height={height}
        className="component-frame"
      />
    </div>
  );
}
