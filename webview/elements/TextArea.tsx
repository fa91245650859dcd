/** st.textArea: vscode-textarea; what is typed is sent when the field loses focus or on Ctrl/Cmd+Enter. */
import { useEffect, useState } from 'react';
import type { Element } from '../../protocol';
import type { Send } from './ElementView';
import { sendChecked } from './checkedSend';
import { VscodeTextarea } from './vscodeElements';

export function TextArea({ element, send }: { element: Extract<Element, { kind: 'text_area' }>; send: Send }) {
  const [draft, setDraft] = useState(element.value);
  useEffect(() => setDraft(element.value), [element.value]);
  const commit = (value: string) => value !== element.value && sendChecked(send, 'text_area', element.id, value);
  return (
    <label className="field">
      <span>{element.label}</span>
      <VscodeTextarea
        data-testid={`el-${element.id}`}
        className="text-area"
        label={element.label}
        value={draft}
        disabled={element.disabled}
        placeholder={element.placeholder ?? ''}
        resize="vertical"
        {...(element.maxChars !== undefined ? { maxLength: element.maxChars } : {})}
        style={element.height !== undefined ? { height: `${element.height}px` } : undefined}
        onInput={(e) => setDraft((e.target as unknown as { value: string }).value)}
        onBlur={(e) => commit((e.target as unknown as { value: string }).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) commit((e.target as unknown as { value: string }).value);
        }}
      />
      {element.maxChars !== undefined && (
        <span className="caption">
          {draft.length}/{element.maxChars}
        </span>
      )}
    </label>
  );
}
