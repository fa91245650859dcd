import { createRoot } from 'react-dom/client';
import { App } from './App';
import { HostChannel } from './hostChannel';

const channel = new HostChannel();
// Tests reach the channel through this handle to send hostile input; it holds no secrets.
(window as unknown as { __componentHost?: HostChannel }).__componentHost = channel;
const root = document.getElementById('root');
if (root) createRoot(root).render(<App channel={channel} />);
