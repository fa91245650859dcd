/**
 * Forms and fragments in the view. A form holds its widgets' edits (FormDrafts) and shows them over
 * the host's values; its submit button sends them as one event. A fragment is a plain container whose
 * `runEvery` timer asks the host to rerun it while the view shows.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import {
  fragmentTickId,
  FormUploadDraft,
  slotCount,
  slotId,
  ViewNode,
  widgetValueSchemas,
  type ComponentV2Value,
  type FormFilePick,
  type WidgetKind,
} from '../../protocol';
import { mergeV2Changes, pickFormFiles, type FormDrafts, type Draft } from '../formDrafts';
import { RenderStoreContext, useRenderMeta, type RenderStore } from '../renderStore';
import { SendContext, SlotView, type Send } from './ElementView';

export const FormDraftsContext = createContext<FormDrafts | undefined>(undefined);
/** The form the elements below are in. */
const FormContext = createContext<string | undefined>(undefined);

const isWidget = (kind: string): kind is WidgetKind => kind in widgetValueSchemas;
/** Widgets in a form whose events still go at once: they change no value (a link opens). */
const SENT_AT_ONCE: ReadonlySet<string> = new Set(['link_button']);
const noSubscribe = () => () => undefined;

/** The first submit button in a slot, at any depth: what Enter clicks, as in Streamlit. */
function firstSubmitButton(store: RenderStore, slot: string): Extract<ViewNode, { kind: 'form_submit_button' }> | undefined {
  for (const id of store.slot(slot)) {
    const node = store.node(id);
    if (node?.kind === 'form_submit_button') return node;
    for (let i = 0; node && i < slotCount(node); i++) {
      const found = firstSubmitButton(store, slotId(id, i));
      if (found) return found;
    }
  }
  return undefined;
}

/** Enter in these submits a form: text fields, number inputs (not text areas, sliders or selects). */
const submitsOnEnter = (target: EventTarget) =>
  (target as Element).tagName === 'VSCODE-TEXTFIELD' || (target instanceof HTMLInputElement && target.type === 'number');

/** A node as the view shows it: a form widget's held value over the host's. */
export function useFormValue(node: ViewNode | undefined): ViewNode | undefined {
  const form = useContext(FormContext);
  const drafts = useContext(FormDraftsContext);
  const id = node?.id;
  const active = form !== undefined && drafts !== undefined && id !== undefined;
  const subscribe = useMemo(() => (active ? (listener: () => void) => drafts.subscribe(id, listener) : noSubscribe), [active, drafts, id]);
  const draft: Draft | undefined = useSyncExternalStore(subscribe, () => (active ? drafts.get(id, form) : undefined));
  return useMemo(() => {
    if (draft && node?.kind === 'file_uploader') {
      const upload = FormUploadDraft.safeParse(draft.value);
      return upload.success
        ? { ...node, files: upload.data.files, ...(upload.data.error ? { error: upload.data.error } : { error: undefined }) }
        : node;
    }
    if (!draft || !node || !('value' in node)) return node;
    const shown = ViewNode.safeParse({ ...node, value: draft.value });
    return shown.success ? shown.data : node;
  }, [node, draft]);
}

/**
 * A file uploader's Browse or Remove in a form: the host opens its dialog and holds the files; the
 * view keeps the pick's token and the names as the uploader's edit, sent with the submit.
 */
function editUpload(drafts: FormDrafts, form: string, widgetId: string, action: unknown, node: ViewNode | undefined): void {
  if (action === 'clear') return drafts.edit(form, widgetId, { pick: null, files: [] } satisfies FormUploadDraft);
  void pickFormFiles(widgetId)
    .catch((err: unknown): FormFilePick => ({
      error: `The file dialog failed: ${err instanceof Error ? err.message : String(err)}`.slice(0, 1000),
    }))
    .then(({ draft, error }) => {
      if (draft) return drafts.edit(form, widgetId, draft);
      if (!error) return; // cancelled
      // Refused: what the uploader shows stays (and its submit changes nothing), with why.
      const held = FormUploadDraft.safeParse(drafts.get(widgetId, form)?.value);
      const shown = held.success ? held.data : { files: node?.kind === 'file_uploader' ? node.files : [] };
      drafts.edit(form, widgetId, { ...shown, error } satisfies FormUploadDraft);
    });
}

export function FormView({ element }: { element: Extract<ViewNode, { kind: 'form' }> }) {
  const outer = useContext(SendContext);
  const store = useContext(RenderStoreContext);
  const drafts = useContext(FormDraftsContext);
  const status = useRenderMeta()?.status;
  const { formKey, clearOnSubmit, defaults } = element;
  const send = useCallback<Send>(
    (widgetId, value) => {
      const kind = store.node(widgetId)?.kind;
      if (!drafts || !kind || !isWidget(kind) || SENT_AT_ONCE.has(kind)) return outer(widgetId, value);
      if (kind === 'component_v2') {
        const held = mergeV2Changes(drafts.get(widgetId, formKey)?.value, value as ComponentV2Value);
        if ((value as ComponentV2Value).changes.some((c) => c.kind === 'trigger')) {
          console.warn('A v2 component in st.form: setTriggerValue is ignored in a form; use setStateValue and the form submit.');
        }
        return held && drafts.edit(formKey, widgetId, held);
      }
      if (kind === 'file_uploader') return editUpload(drafts, formKey, widgetId, value, store.node(widgetId));
      if (kind !== 'form_submit_button') return drafts.edit(formKey, widgetId, value);
      const present = (id: string) => store.node(id) !== undefined;
      outer(widgetId, { values: drafts.submit(formKey, store.current?.runId ?? 0, present, clearOnSubmit ? defaults : undefined) });
    },
    [outer, store, drafts, formKey, clearOnSubmit, defaults],
  );
  // As Streamlit: the warning waits for the run to end (a submit button may still be on its way), then stays until one comes.
  // On key-up, after the field's own commit (a text field's on Enter, a number input's on key-up), so its value goes too.
  const onKeyUp = (e: React.KeyboardEvent) => {
    if (e.key !== 'Enter' || !element.enterToSubmit || !submitsOnEnter(e.target)) return;
    setTimeout(() => {
      const button = firstSubmitButton(store, slotId(element.id, 0));
      if (button && !button.disabled) send(button.id, { values: {} });
    });
  };
  const [warn, setWarn] = useState(false);
  if (element.hasSubmitButton && warn) setWarn(false);
  else if (!element.hasSubmitButton && !warn && status !== 'running' && status !== 'slow') setWarn(true);
  return (
    <div
      data-testid={`el-${element.id}`}
      className={element.border ? 'form bordered' : 'form'}
      role="group"
      aria-label={`form ${formKey}`}
      onKeyUp={onKeyUp}
      // A fixed height scrolls (focusable, so the keys scroll it too); `content` is as wide as the widgets.
      style={{
        ...(element.height ? { maxHeight: element.height, overflowY: 'auto' } : {}),
        ...(element.width === 'content'
          ? { width: 'fit-content', maxWidth: '100%' }
          : element.width
            ? { width: element.width, maxWidth: '100%' }
            : {}),
      }}
      {...(element.height ? { tabIndex: 0 } : {})}
    >
      <FormContext value={formKey}>
        <SendContext value={send}>
          <SlotView slot={slotId(element.id, 0)} />
        </SendContext>
      </FormContext>
      {warn && (
        <div role="alert" className="alert alert-error" data-testid={`form-missing-submit-${element.id}`}>
          <strong>Missing Submit Button</strong>
          <p>This form has no submit button, which means that user interactions will never be sent to your app.</p>
          <p>
            To create a submit button, use the <code>st.formSubmitButton()</code> function.
          </p>
        </div>
      )}
    </div>
  );
}

export function FragmentView({ element }: { element: Extract<ViewNode, { kind: 'fragment' }> }) {
  const send = useContext(SendContext);
  const { id, runEveryMs } = element;
  useEffect(() => {
    if (!runEveryMs) return;
    // A hidden view's document is disposed (its timer with it); a minimised window's is only hidden.
    const timer = setInterval(() => document.visibilityState === 'visible' && send(fragmentTickId(id), 'tick'), runEveryMs);
    return () => clearInterval(timer);
  }, [id, runEveryMs, send]);
  return (
    <div data-testid={`el-${id}`} className="fragment">
      <SlotView slot={slotId(id, 0)} />
    </div>
  );
}
