import { createRoot } from 'react-dom/client';
import { App } from './App';
import { HostChannel } from './hostChannel';
import { COMPONENT_REQUEST_TIMEOUT_MS, setComponentRequester, setIsolationReporter } from './components/componentRequests';

const channel = new HostChannel();
setComponentRequester((call) => channel.request('component', call, COMPONENT_REQUEST_TIMEOUT_MS));
setIsolationReporter((report) => channel.request('reportIsolation', report));
// Tests reach the channel through this handle to send hostile input; it holds no secrets.
(window as unknown as { __componentHost?: HostChannel }).__componentHost = channel;
const root = document.getElementById('root');
if (root) createRoot(root).render(<App channel={channel} />);
