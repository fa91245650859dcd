import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ComponentClient } from './lib/client';

// Listen before saying ready (inside App's first effect): a render sent before that would be lost.
const client = new ComponentClient();
// Tests post hostile messages through this handle; the frame holds nothing worth protecting.
(window as unknown as { __componentClient?: ComponentClient }).__componentClient = client;
const root = document.getElementById('root');
if (root) createRoot(root).render(<App client={client} />);
