/**
 * st.selectSlider: a range input over the options' positions, showing the option; a range is two
 * sliders, "from" and "to", each keyboard-operable and labelled (the "to" one cannot pass "from").
 */
import { useEffect, useRef, useState } from 'react';
import type { Element } from '../../protocol';
import type { Send } from './ElementView';
import { sendChecked } from './checkedSend';

type SelectSliderElement = Extract<Element, { kind: 'select_slider' }>;

export function SelectSlider({ element, send }: { element: SelectSliderElement; send: Send }) {
  const range = Array.isArray(element.value);
  const value: [number, number] = Array.isArray(element.value) ? element.value : [element.value, element.value];
  const [draft, setDraftState] = useState(value);
  const latest = useRef(value);
  const setDraft = (next: [number, number]) => {
    latest.current = next;
    setDraftState(next);
  };
  const [from, to] = value;
  useEffect(() => {
    latest.current = [from, to];
    setDraftState([from, to]);
  }, [from, to]);
  const dragging = useRef(false);
  const commit = (next: [number, number]) => {
    if (next[0] === value[0] && next[1] === value[1]) return;
    sendChecked(send, 'select_slider', element.id, range ? next : next[0]);
  };
  const last = element.options.length - 1;
  const slider = (which: 0 | 1, label: string) => (
    <input
      data-testid={`el-${element.id}${range ? (which === 0 ? '-from' : '-to') : ''}`}
      aria-label={label}
      aria-valuetext={element.options[draft[which]]}
      className="slider"
      type="range"
      min={0}
      max={last}
      step={1}
      value={draft[which]}
      disabled={element.disabled || last === 0}
      onChange={(e) => {
        const n = Number(e.target.value);
        // In a range, "from" cannot pass "to" nor "to" pass "from"; a single slider moves both ends.
        const next: [number, number] = !range
          ? [n, n]
          : which === 0
            ? [Math.min(n, draft[1]), draft[1]]
            : [draft[0], Math.max(n, draft[0])];
        setDraft(next);
        if (!dragging.current) commit(next);
      }}
      onPointerDown={() => {
        dragging.current = true;
        window.addEventListener(
          'pointerup',
          () => {
            dragging.current = false;
            commit(latest.current);
          },
          { once: true },
        );
      }}
    />
  );
  return (
    <div className="field" role="group" aria-label={element.label}>
      <span>
        {element.label}:{' '}
        <output>{range ? `${element.options[draft[0]]} – ${element.options[draft[1]]}` : element.options[draft[0]]}</output>
      </span>
      {range ? (
        <>
          {slider(0, `${element.label} from`)}
          {slider(1, `${element.label} to`)}
        </>
      ) : (
        slider(0, element.label)
      )}
    </div>
  );
}
