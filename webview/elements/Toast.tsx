/**
 * `st.toast`: a message in the view's bottom corner that goes away by itself, as Streamlit's does
 * (docs/decisions.md: an in-view toast, not a VS Code notification). The element renders nothing in
 * place; on mount it hands its toast to one stack, drawn in a React root of its own so that a toast
 * outlives the render that declared it. A toast shows once per `st.toast` call: its `toastId` is
 * remembered (in the webview's state, so also across hiding the view and reloads) and a render that
 * arrives again with it shows nothing new.
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Element } from '../../protocol';
import { Markdown } from '../markdown';

type ToastElement = Extract<Element, { kind: 'toast' }>;
interface Memory {
  load(): string[] | undefined;
  save(ids: string[]): void;
}

const remembered = 200;
let memory: Memory = { load: () => undefined, save: () => undefined };
let shown: string[] | undefined;
let showing: ToastElement[] = [];
const listeners = new Set<() => void>();

/** Where shown toast ids are kept (main.tsx: the webview state). */
export function setToastMemory(m: Memory): void {
  memory = m;
  shown = undefined;
}

function update(next: ToastElement[]): void {
  showing = next;
  for (const l of listeners) l();
}

function dismiss(toastId: string): void {
  update(showing.filter((t) => t.toastId !== toastId));
}

function show(toast: ToastElement): void {
  shown ??= memory.load() ?? [];
  if (shown.includes(toast.toastId)) return;
  shown = [...shown, toast.toastId].slice(-remembered);
  memory.save(shown);
  mountStack();
  update([...showing, toast]);
  if (toast.durationMs > 0) setTimeout(() => dismiss(toast.toastId), toast.durationMs);
}

let mounted = false;
function mountStack(): void {
  if (mounted) return;
  mounted = true;
  const host = document.createElement('div');
  document.body.append(host);
  createRoot(host).render(<ToastStack />);
}

function ToastStack() {
  const [toasts, setToasts] = useState(showing);
  useEffect(() => {
    const listener = () => setToasts(showing);
    listeners.add(listener);
    listener();
    return () => void listeners.delete(listener);
  }, []);
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((t) => (
        <div key={t.toastId} className="toast" data-testid="toast">
          {t.icon && (
            <span className="toast-icon" aria-hidden="true">
              {t.icon}
            </span>
          )}
          <div className="toast-body">
            <Markdown text={t.text} />
          </div>
          <button
            type="button"
            className="toast-close codicon codicon-close"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => dismiss(t.toastId)}
          />
        </div>
      ))}
    </div>
  );
}

export function Toast({ element }: { element: ToastElement }) {
  useEffect(() => show(element), [element]);
  return null;
}
