/** A code block (`st.code`, `st.json`) with a copy button; CodeBlock.tsx fills it with highlighted tokens once its chunk has loaded. */
import { useState, type ReactNode } from 'react';
import type { Element } from '../../protocol';

export type CodeElement = Extract<Element, { kind: 'code' }>;

/** The block before (or without) highlighting: also the lazy element's fallback. */
export function PlainCode({ element, testId, body }: { element: CodeElement; testId: string; body?: ReactNode }) {
  const [copied, setCopied] = useState(false);
  const classes = ['code', element.lineNumbers ? 'line-numbers' : '', element.wrapLines ? 'wrap' : ''].filter(Boolean).join(' ');
  const lines = element.lineNumbers ? element.code.split('\n').length : 0;
  return (
    <div className="code-block">
      <pre data-testid={testId} className={classes} data-language={element.language ?? ''}>
        {lines > 0 && (
          <span className="gutter" aria-hidden="true">
            {Array.from({ length: lines }, (_, i) => `${i + 1}\n`)}
          </span>
        )}
        <code className={element.language ? `hljs language-${element.language}` : undefined}>{body ?? element.code}</code>
      </pre>
      <button
        type="button"
        className="copy codicon codicon-copy"
        data-testid={`${testId}-copy`}
        title={copied ? 'Copied' : 'Copy'}
        aria-label={copied ? 'Copied' : 'Copy code'}
        onClick={() =>
          void navigator.clipboard.writeText(element.code).then(
            () => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            },
            (err: unknown) => console.error('copy failed', err),
          )
        }
      />
    </div>
  );
}
