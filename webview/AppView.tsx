import { memo, useState } from 'react';
import { ROOT_SLOT, type SourceLocation } from '../protocol';
import { SlotView } from './elements/ElementView';
import { ChatDock, DockContext } from './elements/Chat';
import { OpenSourceContext, RunError } from './elements/RunError';
import { useRenderMeta, useSlot } from './renderStore';

/** The top level: it re-renders only when its slot changes, not with every run's status (see renderStore.ts). */
const RootSlot = memo(function RootSlot() {
  return <SlotView slot={ROOT_SLOT} />;
});

/** The app's UI: the host's latest state of it (renderStore.ts); widget events go out through SendContext. */
export function AppView({
  openSource,
}: {
  /** Open a file of the workspace at a stack frame's line, in the editor. */
  openSource: (location: SourceLocation) => void;
}) {
  const render = useRenderMeta();
  const root = useSlot(ROOT_SLOT);
  const [dock, setDock] = useState<HTMLElement | null>(null);
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
      {render.error && !render.error.inPlace && <RunError error={render.error} />}
      {root.ids.length === 0 && !render.error ? (
        <p className="empty">{render.status === 'done' ? 'The app declared no elements yet.' : 'Running the app…'}</p>
      ) : (
        <OpenSourceContext value={openSource}>
          <DockContext value={dock}>
            <RootSlot />
          </DockContext>
        </OpenSourceContext>
      )}
      <ChatDock onDock={setDock} />
    </div>
  );
}
