/**
 * Renders one element of the app's tree with VS Code-native web components. Keys are element ids, so
 * React keeps the same DOM nodes (and focus, and scroll) across reruns.
 */
import { createContext, memo, useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { assertNever, slotId, type Element, type ViewNode } from '../../protocol';
import { RenderStoreContext, useNode, useSlot } from '../renderStore';
import { Markdown } from '../markdown';
import { Chart } from './Chart';
import { Code } from './Code';
import { Badge, Image, Metric } from './Status';
import { Toast } from './Toast';
import { ComponentFrame } from '../components/ComponentFrame';
import { ComponentV2Frame } from '../components/ComponentV2Frame';
import { ButtonGroup, Feedback } from './ButtonGroups';
import { Dataframe } from './Dataframe';
import { DownloadButton, FileUploader, LinkButton } from './HostWidgets';
import { FormView, FragmentView, useFormValue } from './Form';
import { Multiselect } from './Multiselect';
import { NativeInput } from './NativeInputs';
import { SelectSlider } from './SelectSlider';
import { TextArea } from './TextArea';
import { ChatInput, ChatMessage } from './Chat';
import { Columns, Dialog, Popover } from './Overlays';
import { UncaughtError } from './RunError';
import {
  VscodeButton,
  VscodeCheckbox,
  VscodeDivider,
  VscodeOption,
  VscodeProgressBar,
  VscodeRadio,
  VscodeRadioGroup,
  VscodeSingleSelect,
  VscodeTabHeader,
  VscodeTabPanel,
  VscodeTabs,
  VscodeTextfield,
} from './vscodeElements';

export type Send = (widgetId: string, value: unknown) => void;
export const SendContext = createContext<Send>(() => undefined);

/**
 * A slot's elements (the app's top level is slot ""; a container's are `${id}#${i}`). Entries from
 * `staleFrom` on are the previous run's, not reached yet by the one streaming: shown dimmed.
 */
export function SlotView({ slot }: { slot: string }) {
  const { ids, staleFrom } = useSlot(slot);
  return (
    <>
      {ids.map((id, i) => (
        <NodeView key={id} id={id} stale={i >= staleFrom} />
      ))}
    </>
  );
}

/** One element; it re-renders only when its node or its staleness changes. */
const NodeView = memo(function NodeView({ id, stale }: { id: string; stale: boolean }) {
  const node = useFormValue(useNode(id));
  const send = useContext(SendContext);
  const store = useContext(RenderStoreContext);
  useLayoutEffect(() => store.committed());
  if (!node) return null;
  return (
    <div className="node" data-stale={stale ? '' : undefined}>
      <ElementView element={node} send={send} />
    </div>
  );
});

/** A text field keeps what the user types and sends it when committed (Enter or leaving the field). */
function TextInput({ element, send }: { element: Extract<Element, { kind: 'text_input' }>; send: Send }) {
  const [draft, setDraft] = useState(element.value);
  useEffect(() => setDraft(element.value), [element.value]);
  return (
    <label className="field">
      <span>{element.label}</span>
      <VscodeTextfield
        data-testid={`el-${element.id}`}
        label={element.label}
        value={draft}
        disabled={element.disabled}
        placeholder={element.placeholder ?? ''}
        onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        onChange={(e) => send(element.id, (e.target as HTMLInputElement).value)}
      />
    </label>
  );
}

function Slider({ element, send }: { element: Extract<Element, { kind: 'slider' | 'number_input' }>; send: Send }) {
  const [draft, setDraft] = useState(element.value);
  useEffect(() => setDraft(element.value), [element.value]);
  const dragging = useRef(false);
  const commit = (raw: string) => {
    const value = Number(raw);
    if (Number.isFinite(value) && value !== element.value) send(element.id, value);
  };
  // A slider commits each keyboard step as it happens, not on key-up: the render of the previous
  // step can arrive while the key is down and reset the input, and a key-up commit then lost this
  // step (tested). A drag commits once, on release. A number input commits on key-up and blur.
  const slider = element.kind === 'slider';
  return (
    <label className="field">
      <span>
        {element.label}: <output>{draft}</output>
      </span>
      <input
        data-testid={`el-${element.id}`}
        aria-label={element.label}
        className={slider ? 'slider' : 'number'}
        type={slider ? 'range' : 'number'}
        value={draft}
        min={element.min}
        max={element.max}
        step={element.step}
        disabled={element.disabled}
        onChange={(e) => {
          setDraft(Number(e.target.value));
          if (slider && !dragging.current) commit(e.target.value);
        }}
        onPointerDown={(e) => {
          // The release may happen outside the input: listen on the window.
          const input = e.currentTarget;
          dragging.current = true;
          window.addEventListener(
            'pointerup',
            () => {
              dragging.current = false;
              commit(input.value);
            },
            { once: true },
          );
        }}
        onKeyUp={(e) => !slider && commit((e.target as HTMLInputElement).value)}
        onBlur={(e) => commit(e.target.value)}
      />
    </label>
  );
}

export function ElementView({ element, send }: { element: ViewNode; send: Send }): ReactNode {
  const testId = `el-${element.id}`;
  switch (element.kind) {
    case 'title':
      return <h1 data-testid={testId}>{element.text}</h1>;
    case 'header':
      return <h2 data-testid={testId}>{element.text}</h2>;
    case 'subheader':
      return <h3 data-testid={testId}>{element.text}</h3>;
    case 'markdown':
      return (
        <div data-testid={testId}>
          <Markdown text={element.text} />
        </div>
      );
    case 'text':
      return (
        <p data-testid={testId} className="text">
          {element.text}
        </p>
      );
    case 'caption':
      return (
        <p data-testid={testId} className="caption">
          {element.text}
        </p>
      );
    case 'code':
      return <Code element={element} testId={testId} />;
    case 'json':
      return (
        <pre data-testid={testId} className="code json">
          <code>{element.json}</code>
        </pre>
      );
    case 'divider':
      return <VscodeDivider data-testid={testId} />;
    case 'alert':
      return (
        <div data-testid={testId} role={element.level === 'error' ? 'alert' : 'status'} className={`alert alert-${element.level}`}>
          {element.text}
        </div>
      );
    case 'progress':
      return (
        <div data-testid={testId} className="progress">
          <VscodeProgressBar value={element.value} max={1} aria-label={element.text || 'progress'} />
          {element.text && <span className="caption">{element.text}</span>}
        </div>
      );
    case 'table':
      return (
        // A narrow panel scrolls a wide table sideways instead of breaking its words (focusable, so keys scroll it too).
        <div className="table-scroll" role="region" aria-label="table" tabIndex={0}>
          <table data-testid={testId} className="table">
            <thead>
              <tr>
                {element.columns.map((c, i) => (
                  <th key={i}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {element.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'error':
      if (element.uncaught) return <UncaughtError message={element.message} testId={testId} />;
      return (
        <div data-testid={testId} role="alert" className="alert alert-error">
          {element.message}
          {element.stack && <pre className="stack">{element.stack}</pre>}
        </div>
      );
    case 'metric':
      return <Metric element={element} testId={testId} />;
    case 'image':
      return <Image element={element} testId={testId} />;
    case 'badge':
      return <Badge element={element} testId={testId} />;
    case 'toast':
      return <Toast element={element} />;
    case 'vega_lite_chart':
      return <Chart element={element} testId={testId} />;
    case 'button':
      return (
        <VscodeButton data-testid={testId} disabled={element.disabled} onClick={() => send(element.id, true)}>
          {element.label}
        </VscodeButton>
      );
    case 'checkbox':
    case 'toggle':
      return (
        <VscodeCheckbox
          data-testid={testId}
          label={element.label}
          checked={element.value}
          toggle={element.kind === 'toggle'}
          disabled={element.disabled}
          onChange={(e) => send(element.id, (e.target as HTMLInputElement).checked)}
        />
      );
    case 'text_input':
      return <TextInput element={element} send={send} />;
    case 'number_input':
    case 'slider':
      return <Slider element={element} send={send} />;
    case 'select':
      return (
        <label className="field">
          <span>{element.label}</span>
          <VscodeSingleSelect
            data-testid={testId}
            label={element.label}
            disabled={element.disabled}
            onChange={(e) => send(element.id, (e.target as unknown as { selectedIndex: number }).selectedIndex)}
          >
            {element.options.map((o, i) => (
              <VscodeOption key={i} selected={i === element.value}>
                {o}
              </VscodeOption>
            ))}
          </VscodeSingleSelect>
        </label>
      );
    case 'radio':
      return (
        <fieldset className="field" data-testid={testId}>
          <legend>{element.label}</legend>
          <VscodeRadioGroup>
            {element.options.map((o, i) => (
              <VscodeRadio
                key={i}
                label={o}
                name={element.id}
                checked={i === element.value}
                disabled={element.disabled}
                onChange={(e) => (e.target as HTMLInputElement).checked && send(element.id, i)}
              />
            ))}
          </VscodeRadioGroup>
        </fieldset>
      );
    case 'multiselect':
      return <Multiselect element={element} send={send} />;
    case 'text_area':
      return <TextArea element={element} send={send} />;
    case 'date_input':
    case 'time_input':
    case 'color_picker':
      return <NativeInput element={element} send={send} />;
    case 'select_slider':
      return <SelectSlider element={element} send={send} />;
    case 'pills':
    case 'segmented_control':
      return <ButtonGroup element={element} send={send} />;
    case 'feedback':
      return <Feedback element={element} send={send} />;
    case 'file_uploader':
      return <FileUploader element={element} send={send} />;
    case 'download_button':
      return <DownloadButton element={element} send={send} />;
    case 'link_button':
      return <LinkButton element={element} send={send} />;
    case 'expander':
      return (
        // A native disclosure, as Streamlit's expander: the label in its own case, wrapping, keyboard-operable
        // (vscode-collapsible uppercases its heading and cuts it to one line).
        <details data-testid={testId} className="expander" open={element.expanded}>
          <summary>{element.label}</summary>
          <div className="expander-body">
            <SlotView slot={slotId(element.id, 0)} />
          </div>
        </details>
      );
    case 'tabs':
      return (
        <VscodeTabs data-testid={testId}>
          {element.labels.flatMap((label, i) => [
            <VscodeTabHeader key={`h${i}`} slot="header">
              {label}
            </VscodeTabHeader>,
            <VscodeTabPanel key={`p${i}`}>
              <SlotView slot={slotId(element.id, i)} />
            </VscodeTabPanel>,
          ])}
        </VscodeTabs>
      );
    case 'component':
      return <ComponentFrame element={element} send={send} />;
    case 'component_v2':
      return <ComponentV2Frame element={element} send={send} />;
    case 'dataframe':
    case 'data_editor':
      return <Dataframe element={element} send={send} />;
    case 'columns':
      return (
        <Columns element={element}>
          {Array.from({ length: element.count }, (_, i) => (
            <div key={i} className="column">
              <SlotView slot={slotId(element.id, i)} />
            </div>
          ))}
        </Columns>
      );
    case 'chat_message':
      return <ChatMessage element={element} slot={<SlotView slot={slotId(element.id, 0)} />} />;
    case 'chat_input':
      return <ChatInput element={element} send={send} />;
    case 'popover':
      return (
        <Popover element={element}>
          <SlotView slot={slotId(element.id, 0)} />
        </Popover>
      );
    case 'dialog':
      return (
        <Dialog element={element} send={send}>
          <SlotView slot={slotId(element.id, 0)} />
        </Dialog>
      );
    case 'container':
      return (
        <div
          data-testid={testId}
          className={element.border ? 'container bordered' : 'container'}
          style={element.height ? { maxHeight: element.height, overflowY: 'auto' } : undefined}
          {...(element.height ? { tabIndex: 0, role: 'region', 'aria-label': 'scrolling container' } : {})}
        >
          <SlotView slot={slotId(element.id, 0)} />
        </div>
      );
    case 'status':
      return <StatusView element={element} />;
    case 'form':
      return <FormView element={element} />;
    case 'fragment':
      return <FragmentView element={element} />;
    case 'form_submit_button':
      return (
        <VscodeButton data-testid={testId} disabled={element.disabled} onClick={() => send(element.id, { values: {} })}>
          {element.label}
        </VscodeButton>
      );
    case 'spinner':
      return (
        <p data-testid={testId} className="spinner" role="status">
          <span className="codicon codicon-loading codicon-modifier-spin" aria-hidden="true" /> {element.text}
        </p>
      );
    default:
      return assertNever(element, 'element kind');
  }
}

const STATUS_ICON = { running: 'codicon-loading codicon-modifier-spin', complete: 'codicon-pass', error: 'codicon-error' } as const;

/** `st.status`: a disclosure whose summary shows the task's state; it opens when told to (and on error). */
function StatusView({ element }: { element: Extract<ViewNode, { kind: 'status' }> }) {
  return (
    <details
      data-testid={`el-${element.id}`}
      data-state={element.state}
      className={`expander status status-${element.state}`}
      open={element.expanded}
    >
      <summary>
        <span className={`codicon ${STATUS_ICON[element.state]}`} aria-hidden="true" /> {element.label}
        <span className="sr-only"> ({element.state})</span>
      </summary>
      <div className="expander-body">
        <SlotView slot={slotId(element.id, 0)} />
      </div>
    </details>
  );
}
