import type { RenderMessage, SourceLocation } from '../protocol';
import { ElementList } from './elements/ElementView';
import type { Outbox } from './outbox';

/** The app's UI: the latest render from the host, and widget events back through the outbox. */
export function AppView({
  render,
  outbox,
  openSource,
}: {
  render: RenderMessage | undefined;
  outbox: Outbox;
  /** Open a file of the workspace at a stack frame's line, in the editor. */
  openSource: (location: SourceLocation) => void;
}) {
  if (!render) {
    return (
      <p className="empty" data-testid="app-empty">
        Starting the app…
      </p>
    );
  }
  return (
    <div data-testid="app-root" data-run-id={render.runId} data-status={render.status} data-runs={render.stats.runs}>
      {render.status === 'slow' && (
        <p className="alert alert-warning" role="status" data-testid="app-slow">
          The app is still running after a few seconds…
        </p>
      )}
      {render.error && (
        <div className="alert alert-error" role="alert" data-testid="app-error">
          <strong>The app raised an error.</strong> {render.error.message}
          {render.error.locations && (
            <ul className="locations">
              {render.error.locations.map((at, i) => (
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
          {render.error.stack && <pre className="stack">{render.error.stack}</pre>}
        </div>
      )}
      {render.elements.length === 0 && !render.error ? (
        <p className="empty">The app declared no elements yet.</p>
      ) : (
        <ElementList elements={render.elements} send={(id, value) => outbox.send(id, value)} />
      )}
    </div>
  );
}
