import { createRoot } from 'react-dom/client';
import { App } from './App';
import { HostChannel } from './hostChannel';
import { setToastMemory } from './elements/Toast';
import { COMPONENT_REQUEST_TIMEOUT_MS, setComponentRequester, setIsolationReporter } from './components/componentRequests';
import { setFormFilePicker } from './formDrafts';

const channel = new HostChannel();
setComponentRequester((call) => channel.request('component', call, COMPONENT_REQUEST_TIMEOUT_MS));
setIsolationReporter((report) => channel.request('reportIsolation', report));
// The dialog waits for the user: as long as a person may take to pick a file.
setFormFilePicker((widgetId) => channel.request('pickFormFiles', { widgetId }, 30 * 60_000));
// The toasts already shown, so that a render shown again (hidden and shown, reloaded) does not repeat them.
setToastMemory({
  load: () => {
    const saved = channel.getState<{ toasts?: unknown }>()?.toasts;
    return Array.isArray(saved) ? saved.filter((id): id is string => typeof id === 'string') : undefined;
  },
  save: (toasts) => channel.patchState({ toasts }),
});
// Tests reach the channel through this handle to send hostile input; it holds no secrets.
(window as unknown as { __componentHost?: HostChannel }).__componentHost = channel;
const root = document.getElementById('root');
if (root) createRoot(root).render(<App channel={channel} />);
