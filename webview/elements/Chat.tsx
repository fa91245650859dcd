/**
 * st.chatMessage and st.chatInput. A chat input at the app's top level (`docked`) is drawn in the
 * dock, a bar pinned to the bottom of the view (Streamlit's bottom container), through a portal: its
 * node stays where the app declared it, so ids and diffs are as for any element.
 */
import { createContext, useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { ViewNode } from '../../protocol';
import type { Send } from './ElementView';

/** The dock's element, once mounted (null before, and outside an app view). */
export const DockContext = createContext<HTMLElement | null>(null);

/** The bar at the bottom of the view, and a spacer as tall as it so the app's last element is never under it. */
export function ChatDock({ onDock }: { onDock: (dock: HTMLElement | null) => void }) {
  const [height, setHeight] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const dock = ref.current!;
    onDock(dock);
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() => {
      setHeight(dock.offsetHeight);
      root.setProperty('--chat-dock-height', `${dock.offsetHeight}px`); // toasts stand above the dock
    });
    observer.observe(dock);
    return () => {
      observer.disconnect();
      root.removeProperty('--chat-dock-height');
      onDock(null);
    };
  }, [onDock]);
  return (
    <>
      <div className="chat-dock-spacer" style={{ height }} />
      <div className="chat-dock" ref={ref} data-testid="chat-dock" />
    </>
  );
}

const ROLE_OF: Record<string, 'user' | 'assistant'> = { user: 'user', human: 'user', assistant: 'assistant', ai: 'assistant' };

export function ChatMessage({ element, slot }: { element: Extract<ViewNode, { kind: 'chat_message' }>; slot: ReactNode }) {
  const role = ROLE_OF[element.name.toLowerCase()];
  const avatar = element.avatar ? (
    <span className="chat-avatar-text">{element.avatar}</span>
  ) : role ? (
    <span className={`codicon ${role === 'user' ? 'codicon-account' : 'codicon-hubot'}`} />
  ) : (
    <span className="chat-avatar-text">{[...element.name][0]?.toUpperCase() ?? '?'}</span>
  );
  return (
    <div
      data-testid={`el-${element.id}`}
      className={`chat-message chat-${role ?? 'other'}`}
      role="group"
      aria-label={`${element.name} message`}
    >
      <span className="chat-avatar" aria-hidden="true">
        {avatar}
      </span>
      <div className="chat-body">{slot}</div>
    </div>
  );
}

/** Enter sends (not while an IME composes), Shift+Enter is a new line; the field empties once sent. */
export function ChatInput({ element, send }: { element: Extract<ViewNode, { kind: 'chat_input' }>; send: Send }) {
  const dock = useContext(DockContext);
  const [draft, setDraft] = useState('');
  const empty = draft.trim() === '';
  const submit = () => {
    if (empty || element.disabled) return;
    send(element.id, draft);
    setDraft('');
  };
  const box = (
    <form
      className="chat-input"
      data-testid={`el-${element.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        aria-label={element.placeholder}
        placeholder={element.placeholder}
        rows={1}
        value={draft}
        maxLength={element.maxChars}
        disabled={element.disabled}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" className="chat-send" aria-label="Send" title="Send (Enter)" disabled={element.disabled || empty}>
        <span className="codicon codicon-send" aria-hidden="true" />
      </button>
    </form>
  );
  return element.docked && dock ? createPortal(box, dock) : box;
}
