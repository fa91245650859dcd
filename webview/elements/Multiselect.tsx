/** st.multiselect: vscode-multi-select (its face says "N Selected"), with the picked options spelled out below it. */
import { useRef, useState } from 'react';
import type { Element } from '../../protocol';
import type { Send } from './ElementView';
import { sendChecked } from './checkedSend';
import { VscodeMultiSelect, VscodeOption } from './vscodeElements';

type Multiselect = Extract<Element, { kind: 'multiselect' }>;

export function Multiselect({ element, send }: { element: Multiselect; send: Send }) {
  const ref = useRef<{ selectedIndexes: number[] } | null>(null);
  const [tooMany, setTooMany] = useState(false);
  const picked = [...element.value].sort((a, b) => a - b).map((i) => element.options[i]);
  const max = element.maxSelections;
  return (
    // vscode-multi-select's face has an aria-label but no role, so screen readers skip the label: the
    // group names it, and the picked options are read out below it as they change.
    <div className="field" role="group" aria-label={element.label}>
      <span aria-hidden="true">{element.label}</span>
      <VscodeMultiSelect
        ref={ref as never}
        data-testid={`el-${element.id}`}
        label={element.label}
        disabled={element.disabled}
        onChange={(e) => {
          const select = e.target as unknown as { selectedIndexes: number[] };
          const indexes = [...select.selectedIndexes];
          if (max !== undefined && indexes.length > max) {
            // Put the element back as the app has it: the host would refuse more anyway.
            select.selectedIndexes = element.value;
            setTooMany(true);
            return;
          }
          setTooMany(false);
          sendChecked(send, 'multiselect', element.id, indexes);
        }}
      >
        {element.options.map((o, i) => (
          <VscodeOption key={`${i}:${o}`} selected={element.value.includes(i)}>
            {o}
          </VscodeOption>
        ))}
      </VscodeMultiSelect>
      <span className="caption" aria-live="polite">
        {tooMany ? `At most ${max} can be picked.` : picked.length ? picked.join(', ') : (element.placeholder ?? 'Choose options')}
      </span>
    </div>
  );
}
