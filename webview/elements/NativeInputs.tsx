/**
 * st.dateInput, st.timeInput and st.colorPicker: the browser's own date, time and colour inputs in the
 * theme's input colours, as VS Code's settings editor does; no picker code of our own to load.
 */
import { useEffect, useRef, useState } from 'react';
import type { Element } from '../../protocol';
import type { Send } from './ElementView';
import { sendChecked } from './checkedSend';

type Native = Extract<Element, { kind: 'date_input' | 'time_input' | 'color_picker' }>;

export function NativeInput({ element, send }: { element: Native; send: Send }) {
  const value = element.value ?? '';
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  // A date or time is sent when complete and different (each arrow key or typed field); '' clears it.
  const commit = (raw: string) => {
    if (raw === value) return;
    if (element.kind === 'color_picker') return raw && sendChecked(send, 'color_picker', element.id, raw.toLowerCase());
    if (element.kind === 'date_input' && raw && (raw < element.min || raw > element.max)) return;
    sendChecked(send, element.kind, element.id, raw === '' ? null : element.kind === 'time_input' ? raw.slice(0, 5) : raw);
  };
  // The colour dialog fires input for each hue while it is open and change once when it closes:
  // React's onChange is input, so the native change sends.
  const ref = useRef<HTMLInputElement>(null);
  const latest = useRef(commit);
  latest.current = commit;
  useEffect(() => {
    const input = ref.current;
    if (element.kind !== 'color_picker' || !input) return;
    const onChange = () => latest.current(input.value);
    input.addEventListener('change', onChange);
    return () => input.removeEventListener('change', onChange);
  }, [element.kind]);
  const type = element.kind === 'date_input' ? 'date' : element.kind === 'time_input' ? 'time' : 'color';
  return (
    <label className="field">
      <span>
        {element.label}
        {element.kind === 'color_picker' && <output className="caption"> {draft}</output>}
      </span>
      <input
        ref={ref}
        data-testid={`el-${element.id}`}
        aria-label={element.label}
        className={`native native-${type}`}
        type={type}
        value={draft}
        disabled={element.disabled}
        {...(element.kind === 'date_input' ? { min: element.min, max: element.max } : {})}
        {...(element.kind === 'time_input' ? { step: element.step } : {})}
        onChange={(e) => {
          setDraft(e.target.value);
          if (element.kind !== 'color_picker') commit(e.target.value);
        }}
      />
    </label>
  );
}
