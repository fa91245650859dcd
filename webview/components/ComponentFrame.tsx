/**
 * A component in a sandboxed iframe (scripts only: an opaque origin with no access to this document
 * or to the webview's channel), speaking Streamlit's v1 protocol: waits for componentReady, sends
 * render with args, disabled and the theme (again when they change, and when a reloaded frame says
 * ready again), applies setFrameHeight, and turns setComponentValue into a widget event.
 */
import { useContext, useEffect, useRef, useState } from 'react';
import { STREAMLIT_API_VERSION, type Element, type StreamlitRender } from '../../protocol';
import { componentStats, relayFrameMessage, type FrameOwner } from './frameRelay';
import { currentTheme, onThemeChange } from './streamlitTheme';
import { RenderStoreContext } from '../renderStore';
import { v1BytesArgs, v1Dfs } from './componentData';

type ComponentElement = Extract<Element, { kind: 'component' }>;

/** Component-shaped messages (or any from an opaque origin) that no component frame of this view sent: ignored, counted once. */
function countForeign(event: MessageEvent<unknown>): void {
  const data = event.data as { isStreamlitMessage?: unknown; isComponentHostMessage?: unknown } | null;
  const shaped =
    event.origin === 'null' ||
    (typeof data === 'object' && data !== null && (data.isStreamlitMessage === true || data.isComponentHostMessage === true));
  if (
    shaped &&
    ![...document.querySelectorAll<HTMLIFrameElement>('iframe.component-frame')].some((f) => f.contentWindow === event.source)
  ) {
    componentStats.ignored++;
  }
}
window.addEventListener('message', countForeign);

export function ComponentFrame({ element, send }: { element: ComponentElement; send: (id: string, value: unknown) => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [ready, setReady] = useState(false);
  const [height, setHeight] = useState(element.height ?? 150);
  const [late, setLate] = useState(false);
  const latest = useRef(element);
  latest.current = element;
  const store = useContext(RenderStoreContext);
  // Tables and bytes arguments, from the blobs beside the nodes (undefined: one is missing).
  const dfs = v1Dfs(element.dfs, (id) => store.blob(id));
  const bytesArgs = v1BytesArgs(element.bytesArgs, (id) => store.blob(id));
  const data = useRef({ dfs, bytesArgs });
  data.current = { dfs, bytesArgs };

  const render = () => {
    const target = frame.current?.contentWindow;
    const { dfs, bytesArgs } = data.current;
    if (!target || !dfs || !bytesArgs) return;
    const message: StreamlitRender = {
      type: 'streamlit:render',
      args: { ...latest.current.args, ...bytesArgs },
      dfs,
      disabled: latest.current.disabled,
      theme: currentTheme(),
    };
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
      relayFrameMessage(event.data, owner, (message) => target.postMessage(message, '*'));
    };
    const owner: FrameOwner = {
      get component() {
        return latest.current.name;
      },
      get elementId() {
        return latest.current.id;
      },
      ready: (apiVersion) => {
        if (apiVersion !== STREAMLIT_API_VERSION) console.warn(`component ${latest.current.name} speaks API version ${apiVersion}`);
        setReady(true);
        setLate(false);
        render();
      },
      setHeight,
      setValue: (value) => send(latest.current.id, value),
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
  const argsKey = JSON.stringify([element.args, element.dfs, element.bytesArgs, element.disabled]);
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
      {(!dfs || !bytesArgs) && (
        <div className="alert alert-error" role="alert" data-testid="component-data-missing">
          The component “{element.name}” was not given its table or bytes arguments (they did not reach the view). Rerun the app to send
          them again.
        </div>
      )}
      {late && (
        <div className="alert alert-warning" role="status" data-testid="component-not-ready">
          The component “{element.name}” has not said it is ready after {Math.round(element.readyTimeoutMs / 1000)} s. It may have failed to
          load ({element.url}); check that its files exist and that it calls Streamlit.setComponentReady().
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
