import { createRoot } from 'react-dom/client';

// The project's own component lands with the components issue; until then it says so.
function ComponentPlaceholder() {
  return <p>Component Host component: not built yet.</p>;
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<ComponentPlaceholder />);
