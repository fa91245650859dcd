/**
 * A Streamlit v2 (frameless) component instance. Streamlit runs these in its own page; a VS Code
 * webview's page holds the channel to the extension host, so here each instance gets its own
 * sandboxed runtime frame (scripts only, opaque origin: no access to this document, to other
 * components or to the channel) that presents exactly Streamlit's contract (v2runtime/). The frame
 * receives a MessagePort before any component code loads; everything else it posts is ignored,
 * counted and reported to the host's log.
 */
import { useContext, useEffect, useRef, useState } from 'react';
import { FromV2Runtime, V2_INIT, type ComponentV2Element, type ErrorInfo, type ToV2Runtime, type V2Change } from '../../protocol';
import { reportIsolation } from './componentRequests';
import { ChangeBatcher } from './changeBatcher';
import { currentThemeV2, onThemeChange } from './streamlitTheme';
import { RenderStoreContext } from '../renderStore';
import { v2RuntimeData } from './componentData';

/** Counters the tests and benchmarks read. */
export const v2Stats = { frames: 0, foreign: 0, invalid: 0, events: 0, unmounted: 0, cleanedUp: 0, dropped: 0 };
(window as unknown as { __v2Stats?: typeof v2Stats }).__v2Stats = v2Stats;

/** A runtime frame only talks over its port: anything its window posts here went around it. */
const frameWindows = new Map<Window, string>();
window.addEventListener('message', (event) => {
  const name = event.source ? frameWindows.get(event.source as Window) : undefined;
  if (name === undefined) return;
  v2Stats.foreign++;
  reportIsolation(name, 'foreign-message');
});

type Send = (widgetId: string, value: unknown) => void;

export function ComponentV2Frame({ element, send }: { element: ComponentV2Element; send: Send }) {
  const slot = useRef<HTMLDivElement>(null);
  const port = useRef<MessagePort | undefined>(undefined);
  const lastSent = useRef('');
  const latest = useRef(element);
  latest.current = element;
  // The frame lives across reruns; its changes go through the send of the latest render (a form's changes).
  const sendRef = useRef(send);
  sendRef.current = send;
  const [height, setHeight] = useState(0);
  const [error, setError] = useState<ErrorInfo | undefined>(undefined);
  const store = useContext(RenderStoreContext);
  const data = v2RuntimeData(element.data, (id) => store.blob(id));
  const dataRef = useRef(data);
  dataRef.current = data;

  /** Send the current element and theme, unless the runtime already has exactly that. */
  const render = () => {
    const e = latest.current;
    const data = dataRef.current;
    if (!data) return;
    const message: ToV2Runtime = {
      type: 'render',
      name: e.name,
      html: e.html,
      css: e.css,
      js: e.js,
      isolateStyles: e.isolateStyles,
      data,
      dataKey: JSON.stringify(e.data),
      theme: currentThemeV2(),
    };
    // The bytes are named by their ids in dataKey: compare without them.
    const fingerprint = JSON.stringify({ ...message, data: undefined });
    if (!port.current || fingerprint === lastSent.current) return;
    lastSent.current = fingerprint;
    port.current.postMessage(message);
  };

  useEffect(() => {
    const name = element.name;
    const frame = document.createElement('iframe');
    frame.className = 'component-v2-frame';
    frame.title = `component ${name}`;
    // No allow-same-origin (opaque origin), no top navigation, no popups, no forms.
    frame.setAttribute('sandbox', 'allow-scripts');
    const channel = new MessageChannel();
    const batcher = new ChangeBatcher(
      (changes: V2Change[]) => {
        v2Stats.events++;
        sendRef.current(latest.current.id, { changes });
      },
      (dropped) => {
        v2Stats.dropped += dropped;
        reportIsolation(name, 'flood');
      },
    );
    channel.port1.onmessage = (event: MessageEvent<unknown>) => {
      const parsed = FromV2Runtime.safeParse(event.data);
      if (!parsed.success) {
        v2Stats.invalid++;
        reportIsolation(name, 'invalid-message');
        return;
      }
      const message = parsed.data;
      if (message.type === 'change') batcher.add(message.change);
      else if (message.type === 'height') setHeight(message.height);
      else if (message.type === 'error') setError(message.error);
      else {
        v2Stats.unmounted++;
        if (message.cleanedUp) v2Stats.cleanedUp++;
      }
    };
    // The port goes to the first document only: if the component navigates its frame, the new page gets nothing.
    frame.addEventListener(
      'load',
      () => {
        frame.contentWindow?.postMessage({ type: V2_INIT }, '*', [channel.port2]);
        port.current = channel.port1;
        render();
      },
      { once: true },
    );
    frame.src = element.runtimeUrl;
    slot.current!.appendChild(frame);
    const win = frame.contentWindow!;
    frameWindows.set(win, name);
    v2Stats.frames++;
    const stopTheme = onThemeChange(render);
    return () => {
      stopTheme();
      batcher.dispose();
      // When React unmounts the element the frame is already out of the document here, and the
      // runtime unmounts on pagehide; either way it removes the component's DOM first, then runs the
      // last cleanup once (as Streamlit does).
      channel.port1.postMessage({ type: 'unmount' } satisfies ToV2Runtime);
      frame.remove();
      port.current = undefined;
      lastSent.current = '';
      // Keep listening briefly for the runtime's "unmounted" answer.
      setTimeout(() => {
        channel.port1.close();
        frameWindows.delete(win);
      }, 2000);
    };
  }, [element.id, element.runtimeUrl]);

  // Every rerun: new data, html, css or js reach the same instance (the runtime decides what to redo).
  useEffect(() => {
    render();
  }, [element]);
  useEffect(() => setError(undefined), [element.js]);

  const width = typeof element.width === 'number' ? `${element.width}px` : '100%';
  const frameHeight = typeof element.height === 'number' ? element.height : height;
  return (
    <div className="component-v2" data-testid={`el-${element.id}`} data-component={element.name} style={{ width }}>
      {!data && (
        <div className="alert alert-error" role="alert" data-testid="component-data-missing">
          Component “{element.name}” was not given its data (its bytes or tables did not reach the view). Rerun the app to send them again.
        </div>
      )}
      {error && (
        <div className="alert alert-error" role="alert" data-testid="component-v2-error">
          Component “{element.name}” failed: {error.message}
        </div>
      )}
      <div ref={slot} className="component-v2-slot" style={{ height: `${frameHeight}px`, display: error ? 'none' : 'block' }} />
    </div>
  );
}
