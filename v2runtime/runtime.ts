/**
 * The document a Streamlit v2 (frameless) component is mounted in: a sandboxed frame (opaque origin,
 * scripts only) that presents exactly Streamlit's front-end contract. The webview hands this script a
 * MessagePort before any component code exists; the port stays in this closure, so the component can
 * reach neither the webview's channel to the extension host nor the port, only its own DOM.
 *
 * Like Streamlit's front end (BidiComponent): html and css go into a content <div> inside the parent
 * (a ShadowRoot when styles are isolated); the renderer is called on mount and again, on the same DOM
 * and without running the previous cleanup, when data, the theme or the js change; a change of html
 * or css recreates the content <div>; on unmount the DOM is removed first, then the last cleanup runs once.
 */
import type { FrontendRenderer, FrontendRendererArgs } from '@streamlit/component-v2-lib';
import type { FromV2Runtime, ToV2Runtime, V2Change, V2Render } from '../protocol/componentV2';

/** Same as protocol's V2_INIT; not imported, so this frame's script stays free of zod (it is validated by hand below). */
const V2_INIT = 'componentHost:v2:init';

type Send = (message: FromV2Runtime) => void;

/** Same as protocol's ARROW_REF_KEY. */
const ARROW_REF_KEY = '__streamlit_arrow_ref__';

interface ArrowLib {
  tableFromIPC(bytes: Uint8Array): unknown;
}
let arrow: Promise<ArrowLib> | undefined;
/** apache-arrow (arrow.js beside this script), loaded the first time data holds a table. */
function loadArrow(): Promise<ArrowLib> {
  arrow ??= new Promise<ArrowLib>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL('./arrow.js', location.href).href;
    script.onload = () => {
      const global = window as unknown as { __componentHostArrow?: ArrowLib };
      const lib = global.__componentHostArrow; // a `var` of the script: it cannot be deleted
      if (lib) resolve(lib);
      else reject(new Error('apache-arrow did not load'));
    };
    script.onerror = () => reject(new Error('apache-arrow did not load'));
    document.head.appendChild(script);
  });
  return arrow;
}

/** As Streamlit's front end: bytes and a whole table as a Uint8Array, first-level tables of an object as apache-arrow Tables. */
async function decode(render: V2Render): Promise<unknown> {
  const data = render.data;
  if (data.dataType === 'json') return data.json;
  if (data.dataType === 'bytes' || data.dataType === 'arrow') return data.bytes;
  const { tableFromIPC } = await loadArrow();
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data.json)) {
    const ref =
      typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[ARROW_REF_KEY] : undefined;
    if (typeof ref !== 'string') out[key] = value;
    else {
      const bytes = data.blobs[ref];
      try {
        out[key] = bytes ? tableFromIPC(bytes) : null;
      } catch {
        out[key] = null; // as Streamlit: a table that does not parse is null
      }
    }
  }
  return out;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** Values cross to the host as JSON: refuse what JSON cannot carry instead of silently changing it. */
function toJson(value: unknown): V2Change['value'] {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as V2Change['value'];
}

class Instance {
  private readonly key = `st-bidi-component-${crypto.randomUUID()}`;
  private parent: HTMLElement | ShadowRoot | undefined;
  private content: HTMLDivElement | undefined;
  private last: V2Render | undefined;
  private data: unknown;
  private renderer: FrontendRenderer | undefined;
  private cleanup: (() => void) | undefined;
  private moduleUrl: string | undefined;
  private unmounted = false;
  /** Renders arrive faster than a module loads: apply them in order, one at a time. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly send: Send) {}

  render(next: V2Render): void {
    this.queue = this.queue.then(() => this.apply(next)).catch((err: unknown) => this.fail(err));
  }

  private async apply(next: V2Render): Promise<void> {
    if (this.unmounted) return;
    const root = document.documentElement;
    for (const [name, value] of Object.entries(next.theme)) root.style.setProperty(name, value);
    const prev = this.last;
    this.last = next;
    const host = document.getElementById('root')!;
    this.parent ??= next.isolateStyles ? host.attachShadow({ mode: 'open' }) : host;
    if (!prev || prev.html !== next.html || prev.css !== next.css) this.mountContent(next);
    const jsChanged = !prev || prev.js !== next.js;
    if (jsChanged) this.renderer = await this.load(next.js);
    const dataChanged = !prev || prev.dataKey !== next.dataKey;
    if (dataChanged) this.data = await decode(next);
    const themeChanged = !prev || JSON.stringify(prev.theme) !== JSON.stringify(next.theme);
    if ((jsChanged || dataChanged || themeChanged || prev.name !== next.name) && this.renderer) this.call(next);
  }

  private mountContent(next: V2Render): void {
    this.content?.remove();
    const content = document.createElement('div');
    if (next.html) {
      const html = document.createElement('div');
      html.appendChild(document.createRange().createContextualFragment(next.html));
      content.appendChild(html);
    }
    if (next.css) {
      const style = document.createElement('style');
      style.textContent = next.css;
      content.appendChild(style);
    }
    this.parent!.appendChild(content);
    this.content = content;
  }

  private async load(js: string): Promise<FrontendRenderer> {
    if (this.moduleUrl) URL.revokeObjectURL(this.moduleUrl);
    this.moduleUrl = URL.createObjectURL(new Blob([js], { type: 'text/javascript' }));
    let module: { default?: unknown };
    try {
      module = (await import(/* @vite-ignore */ this.moduleUrl)) as { default?: unknown };
    } catch (err) {
      throw new Error(`the component's module failed to load: ${describe(err)}`, { cause: err });
    }
    if (typeof module.default !== 'function') {
      throw new Error("the component's module has no default export function (export default function (component) { … })");
    }
    return module.default as FrontendRenderer;
  }

  private call(render: V2Render): void {
    const args: FrontendRendererArgs = {
      name: render.name,
      data: this.data,
      key: this.key,
      parentElement: this.parent!,
      setStateValue: (name, value) => this.change('state', name, value),
      setTriggerValue: (name, value) => this.change('trigger', name, value),
    };
    let result: unknown;
    try {
      result = this.renderer!(args);
    } catch (err) {
      throw new Error(`the component's renderer threw: ${describe(err)}`, { cause: err });
    }
    // Only the latest call's cleanup runs, on unmount (as in Streamlit).
    this.cleanup = typeof result === 'function' ? (result as () => void) : undefined;
  }

  private change(kind: V2Change['kind'], name: unknown, value: unknown): void {
    if (this.unmounted) return;
    if (typeof name !== 'string' || name.length === 0 || name.length > 200) {
      throw new TypeError(
        `set${kind === 'state' ? 'State' : 'Trigger'}Value: the name must be a non-empty string of at most 200 characters`,
      );
    }
    this.send({ type: 'change', change: { kind, name, value: toJson(value) } });
  }

  private fail(err: unknown): void {
    console.error(err);
    this.send({ type: 'error', error: { code: 'component-error', message: describe(err).replace(/^Error: /, '') } });
  }

  /** As in Streamlit: the component's DOM is removed first, then the last call's cleanup runs, once. */
  unmount(): void {
    if (this.unmounted) return;
    this.unmounted = true;
    this.content?.remove();
    this.parent?.replaceChildren();
    let cleanedUp = false;
    try {
      if (this.cleanup) {
        this.cleanup();
        cleanedUp = true;
      }
    } catch (err) {
      console.error('the component cleanup failed', err);
    }
    this.send({ type: 'unmounted', cleanedUp });
  }
}

/** The webview is ours, but its messages are still checked: this runtime's only input. */
function parseToRuntime(data: unknown): ToV2Runtime | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  if (m.type === 'unmount') return { type: 'unmount' };
  if (m.type !== 'render') return undefined;
  const strings = ['name', 'html', 'css', 'js'].every((k) => typeof m[k] === 'string');
  const d = m.data as Record<string, unknown> | null;
  const data_ =
    typeof d === 'object' &&
    d !== null &&
    typeof m.dataKey === 'string' &&
    ((d.dataType === 'json' && 'json' in d) ||
      ((d.dataType === 'bytes' || d.dataType === 'arrow') && d.bytes instanceof Uint8Array) ||
      (d.dataType === 'mixed' &&
        typeof d.json === 'object' &&
        d.json !== null &&
        typeof d.blobs === 'object' &&
        d.blobs !== null &&
        Object.values(d.blobs).every((b) => b instanceof Uint8Array)));
  const t = m.theme as Record<string, unknown> | null;
  const theme =
    typeof t === 'object' && t !== null && Object.entries(t).every(([k, v]) => /^--st-[a-z0-9-]+$/.test(k) && typeof v === 'string');
  return strings && data_ && theme && typeof m.isolateStyles === 'boolean' ? (m as unknown as V2Render) : undefined;
}

function connect(port: MessagePort): void {
  const send: Send = (message) => port.postMessage(message);
  const instance = new Instance(send);
  port.onmessage = (event: MessageEvent<unknown>) => {
    const message = parseToRuntime(event.data);
    if (!message) return send({ type: 'error', error: { code: 'invalid-message', message: 'the runtime received an invalid message' } });
    if (message.type === 'render') instance.render(message);
    else instance.unmount();
  };
  // Removing the frame unloads this document: the cleanup still runs.
  window.addEventListener('pagehide', () => instance.unmount());
  // Sizing follows the content: the webview sets the frame's height, the component never has to.
  let reported = -1;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== reported) send({ type: 'height', height: (reported = height) });
  }).observe(document.documentElement);
}

/** The one message this document accepts on its window: the port, from the webview, once. */
function onInit(event: MessageEvent<unknown>): void {
  const data = event.data as { type?: unknown } | null;
  if (event.source !== window.parent || typeof data !== 'object' || data === null || data.type !== V2_INIT || !event.ports[0]) return;
  window.removeEventListener('message', onInit);
  connect(event.ports[0]);
}
window.addEventListener('message', onInit);
