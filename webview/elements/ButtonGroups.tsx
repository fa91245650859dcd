/**
 * st.pills, st.segmentedControl and st.feedback: rows of toggle buttons (aria-pressed), wrapping in a
 * narrow panel; pressing the pressed one again clears it (single mode), as in Streamlit.
 */
import type { Element } from '../../protocol';
import type { Send } from './ElementView';
import { sendChecked } from './checkedSend';

type Group = Extract<Element, { kind: 'pills' | 'segmented_control' }>;

function toggled(value: readonly number[], i: number, multi: boolean): number[] {
  if (value.includes(i)) return value.filter((v) => v !== i);
  return multi ? [...value, i].sort((a, b) => a - b) : [i];
}

export function ButtonGroup({ element, send }: { element: Group; send: Send }) {
  return (
    <div className="field">
      <span id={`${element.id}-label`}>{element.label}</span>
      <div
        data-testid={`el-${element.id}`}
        role="group"
        aria-labelledby={`${element.id}-label`}
        className={element.kind === 'pills' ? 'pills' : 'segmented'}
      >
        {element.options.map((o, i) => (
          <button
            key={`${i}:${o}`}
            type="button"
            className="toggle-button"
            aria-pressed={element.value.includes(i)}
            disabled={element.disabled}
            onClick={() => sendChecked(send, element.kind, element.id, toggled(element.value, i, element.multi))}
          >
            {o}
          </button>
        ))}
      </div>
    </div>
  );
}

const FACES = ['😞', '🙁', '😐', '🙂', '😀'];
const FACE_NAMES = ['very unhappy', 'unhappy', 'neutral', 'happy', 'very happy'];

function icon(name: string, lit: boolean): string {
  if (name === 'star') return lit ? 'star-full' : 'star-empty';
  return lit ? `${name}-filled` : name;
}

/** Shown in Streamlit's order: thumbs up then down (values 1 and 0), faces and stars from 0 to 4. */
export function Feedback({ element, send }: { element: Extract<Element, { kind: 'feedback' }>; send: Send }) {
  const choices =
    element.sentiment === 'thumbs'
      ? [
          { value: 1, name: 'thumbs up', icon: 'thumbsup' },
          { value: 0, name: 'thumbs down', icon: 'thumbsdown' },
        ]
      : element.sentiment === 'stars'
        ? [0, 1, 2, 3, 4].map((v) => ({ value: v, name: `${v + 1} star${v ? 's' : ''}`, icon: 'star' }))
        : FACES.map((_, v) => ({ value: v, name: FACE_NAMES[v]!, icon: '' }));
  const lit = (v: number) => (element.sentiment === 'stars' ? element.value !== null && v <= element.value : v === element.value);
  return (
    <div data-testid={`el-${element.id}`} role="group" aria-label="feedback" className={`feedback feedback-${element.sentiment}`}>
      {choices.map((c) => (
        <button
          key={c.value}
          type="button"
          className="feedback-button"
          aria-label={c.name}
          aria-pressed={c.value === element.value}
          disabled={element.disabled}
          onClick={() => sendChecked(send, 'feedback', element.id, c.value === element.value ? null : c.value)}
        >
          {c.icon ? (
            <span aria-hidden="true" className={`codicon codicon-${icon(c.icon, lit(c.value))}`} />
          ) : (
            <span aria-hidden="true">{FACES[c.value]}</span>
          )}
        </button>
      ))}
    </div>
  );
}
