/**
 * st.popover, st.dialog and wrapping columns. The popover and the dialog use the platform's top
 * layer: a `popover="auto"` element (Escape and a click outside close it, the browser's light
 * dismiss) and a modal <dialog> (the rest of the view inert, Escape closes), so neither is clipped
 * by a container nor stacked under a later element.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { ViewNode } from '../../protocol';
import type { Send } from './ElementView';

export function Popover({ element, children }: { element: Extract<ViewNode, { kind: 'popover' }>; children: ReactNode }) {
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const pop = panel.current!;
    const onToggle = (e: Event) => {
      if ((e as ToggleEvent).newState === 'open') {
        // Below the button, kept inside the view (a narrow panel has little room to the right).
        const at = button.current!.getBoundingClientRect();
        const width = pop.offsetWidth;
        pop.style.left = `${Math.max(4, Math.min(at.left, window.innerWidth - width - 4))}px`;
        pop.style.top = `${at.bottom + 4}px`;
        pop.focus();
      } else if (!document.activeElement || document.activeElement === document.body || pop.contains(document.activeElement)) {
        button.current?.focus();
      }
    };
    pop.addEventListener('toggle', onToggle);
    return () => pop.removeEventListener('toggle', onToggle);
  }, []);
  return (
    <div className="popover" data-testid={`el-${element.id}`}>
      <button ref={button} type="button" className="popover-button" popoverTarget={panelId} disabled={element.disabled}>
        {element.label} <span className="codicon codicon-chevron-down" aria-hidden="true" />
      </button>
      <div ref={panel} id={panelId} popover="auto" className="popover-panel" tabIndex={-1} role="dialog" aria-label={element.label}>
        {children}
      </div>
    </div>
  );
}

/** Where Tab goes in a dialog: its own focusable elements (web components' hosts included). */
const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select, textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), ' +
  'vscode-button, vscode-textfield, vscode-textarea, vscode-checkbox, vscode-single-select, vscode-multi-select';

export function Dialog({ element, send, children }: { element: Extract<ViewNode, { kind: 'dialog' }>; send: Send; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  // Closed by the user in this opening: stays closed until the host's render drops it or opens it anew.
  const [closedOpening, setClosedOpening] = useState<number | undefined>();
  const open = closedOpening !== element.openId;
  const dismiss = () => {
    if (!element.dismissible) return;
    setClosedOpening(element.openId);
    send(element.id, 'close');
  };
  /** Tab past either end goes round to the other: focus stays in the dialog (inside a webview, not out to VS Code). */
  const wrap = (to: 'first' | 'last') => {
    const all = [...ref.current!.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => !e.classList.contains('focus-guard'));
    (to === 'first' ? all[0] : all.at(-1))?.focus();
  };
  useLayoutEffect(() => {
    const dialog = ref.current!;
    if (open && !dialog.open) {
      dialog.showModal();
      wrap('first');
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      data-testid={`el-${element.id}`}
      className={`dialog dialog-${element.width}`}
      aria-label={element.title}
      onCancel={(e) => {
        e.preventDefault(); // the host closes it: a dialog that may not be dismissed stays
        dismiss();
      }}
      onClose={() => {
        // Closed by the browser itself (a second Escape is not cancellable): the same as a dismissal.
        if (open && element.dismissible) dismiss();
        else if (open) ref.current?.showModal();
      }}
      onClick={(e) => e.target === ref.current && dismiss()}
    >
      <span tabIndex={0} className="focus-guard" onFocus={() => wrap('last')} />
      <div className="dialog-body">
        <header className="dialog-header">
          <h2>{element.title}</h2>
          {element.dismissible && (
            <button type="button" className="dialog-close" aria-label="Close" title="Close (Escape)" onClick={dismiss}>
              <span className="codicon codicon-close" aria-hidden="true" />
            </button>
          )}
        </header>
        {children}
      </div>
      <span tabIndex={0} className="focus-guard" onFocus={() => wrap('first')} />
    </dialog>
  );
}

/** Below this width per column, columns stack (Streamlit stacks them in a narrow window). */
export const MIN_COLUMN_PX = 140;

export function Columns({ element, children }: { element: Extract<ViewNode, { kind: 'columns' }>; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [stacked, setStacked] = useState(false);
  useLayoutEffect(() => {
    const grid = ref.current!;
    const measure = () => setStacked(grid.clientWidth / element.count < MIN_COLUMN_PX);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(grid);
    return () => observer.disconnect();
  }, [element.count]);
  return (
    <div
      ref={ref}
      data-testid={`el-${element.id}`}
      className="columns"
      data-stacked={stacked && element.count > 1 ? '' : undefined}
      style={{ '--columns': element.count } as CSSProperties}
    >
      {children}
    </div>
  );
}
