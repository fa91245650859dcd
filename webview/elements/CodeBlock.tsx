/** `st.code` with highlighting: loaded on first use (see ElementView's `CodeBlock`), highlighted by ./highlight.ts. */
import { useMemo, type ReactNode } from 'react';
import { tokens, type Token } from './highlight';
import { PlainCode, type CodeElement } from './PlainCode';

function render(list: Token[]): ReactNode[] {
  return list.map((t, i) =>
    typeof t === 'string' ? (
      t
    ) : (
      <span key={i} className={t.className}>
        {render(t.children)}
      </span>
    ),
  );
}

export function CodeBlock({ element, testId }: { element: CodeElement; testId: string }) {
  const highlighted = useMemo(() => tokens(element.code, element.language), [element.code, element.language]);
  return <PlainCode element={element} testId={testId} body={highlighted ? render(highlighted) : undefined} />;
}
