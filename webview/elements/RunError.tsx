/**
 * The error that ended a run: its message, the app's own frames as links to its sources, the stack.
 * Shown where the run stopped (an `uncaught` error element, as Streamlit shows an exception), or above
 * the elements when there is no such place (the app could not start, a rerun loop).
 */
import { createContext, useContext } from 'react';
import type { RenderMeta, SourceLocation } from '../../protocol';
import { useRenderMeta } from '../renderStore';

/** Opens a file of the workspace at a stack frame's line, in the editor. */
export const OpenSourceContext = createContext<(location: SourceLocation) => void>(() => undefined);

export function RunError({ error, testId = 'app-error' }: { error: NonNullable<RenderMeta['error']>; testId?: string }) {
  const openSource = useContext(OpenSourceContext);
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <strong>The app raised an error.</strong> {error.message}
      {error.locations && (
        <ul className="locations">
          {error.locations.map((at, i) => (
            <li key={i}>
              <a
                href="#"
                data-testid="app-error-location"
                title="Open in the editor"
                onClick={(e) => {
                  e.preventDefault();
                  openSource(at);
                }}
              >
                {at.file}:{at.line}:{at.column}
              </a>
            </li>
          ))}
        </ul>
      )}
      {error.stack && <pre className="stack">{error.stack}</pre>}
    </div>
  );
}

/**
 * An `uncaught` error element: the run's error while it is the latest run's (with its mapped stack);
 * once a later run (a fragment's) succeeded, the element's own message.
 */
export function UncaughtError({ message, stack, testId }: { message: string; stack?: string; testId: string }) {
  const error = useRenderMeta()?.error;
  if (error?.inPlace && error.message === message) return <RunError error={error} />;
  return (
    <div data-testid={testId} role="alert" className="alert alert-error">
      {message}
      {stack && <pre className="stack">{stack}</pre>}
    </div>
  );
}
