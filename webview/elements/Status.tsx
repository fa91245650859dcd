/** `st.metric`, `st.badge` and `st.image`: Streamlit's status figures in the theme's chart colours (the `st-*` classes in media/webview.css). */
import type { Element } from '../../protocol';

type Of<K extends Element['kind']> = Extract<Element, { kind: K }>;

const arrowWords = { up: 'up', down: 'down', none: '' } as const;

export function Metric({ element, testId }: { element: Of<'metric'>; testId: string }) {
  return (
    <div data-testid={testId} className={`metric${element.border ? ' metric-border' : ''}`} role="group" aria-label={element.label}>
      <div className="metric-label" title={element.help}>
        {element.label}
        {element.help && <span className="codicon codicon-question" role="img" aria-label={element.help} />}
      </div>
      <div className="metric-value">{element.value}</div>
      {element.delta !== undefined && (
        <div className={`metric-delta st-bg st-bg-${element.color} st-color-${element.color}`}>
          {element.arrow !== 'none' && (
            <span className={`codicon codicon-arrow-${element.arrow}`} role="img" aria-label={arrowWords[element.arrow]} />
          )}
          {element.delta}
        </div>
      )}
    </div>
  );
}

export function Badge({ element, testId }: { element: Of<'badge'>; testId: string }) {
  return (
    <div className="badge-row">
      <span data-testid={testId} className={`badge st-bg st-bg-${element.color} st-color-${element.color}`}>
        {element.icon && (
          <span className="badge-icon" aria-hidden="true">
            {element.icon}
          </span>
        )}
        {element.text}
      </span>
    </div>
  );
}

export function Image({ element, testId }: { element: Of<'image'>; testId: string }) {
  return (
    <figure data-testid={testId} className="image">
      <img src={element.src} alt={element.alt} width={element.width} />
      {element.caption && <figcaption className="caption">{element.caption}</figcaption>}
    </figure>
  );
}
