import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './testBed';

/**
 * A workspace app that mounts the v2 fixtures: the counter (state, trigger, callbacks, default), the
 * non-isolated one (document.getElementById), a broken one and, when asked, a hostile one. It records
 * in session state which runs saw the trigger, so tests can count.
 */
const APP = `module.exports = (st) => {
  const s = st.sessionState;
  s.runs = (s.runs ?? 0) + 1;
  s.stateCallbacks ??= 0;
  s.triggerCallbacks ??= 0;
  s.triggerRuns ??= [];
  st.title('v2 components');
  const counter = st.components.v2.component('counter', {
    html: { path: 'components/v2/counter.html' },
    css: { path: 'components/v2/counter.css' },
    js: { path: 'components/v2/counter.js' },
  });
  const label = st.textInput('Label', { value: 'clicks', key: 'label' });
  const show = st.checkbox('Show the counter', { value: true, key: 'show' });
  let result = null;
  if (show) {
    const count = s.counter?.count ?? 5;
    result = counter({
      key: 'counter',
      data: { label, count },
      default: { count: 5 },
      onChange: { count: () => { s.stateCallbacks += 1; }, clicked: () => { s.triggerCallbacks += 1; } },
    });
    if (result.clicked !== null) s.triggerRuns = [...s.triggerRuns, s.runs].slice(-20);
  }
  st.button('Rerun', { key: 'rerun' });
  st.text('result: ' + JSON.stringify(result));
  st.text(
    'runs: ' + s.runs + '; state callbacks: ' + s.stateCallbacks + '; trigger callbacks: ' + s.triggerCallbacks +
      '; trigger seen in runs: ' + JSON.stringify(s.triggerRuns),
  );
  const plain = st.components.v2.component('plain', {
    html: '<p>plain: <span id="plain-out"></span></p>',
    js: { path: 'components/v2/plain.js' },
    isolateStyles: false,
  });
  plain({ key: 'plain', data: { text: 'found by id' } });
  st.components.v2.component('broken', { js: { path: 'components/v2/broken.js' } })({ key: 'broken' });
  st.components.v2.component('nodefault', { js: 'export const renderer = () => {};' })({ key: 'nodefault' });
  st.components.v2.component('syntax', { js: 'export default function (' })({ key: 'syntax' });
  if (st.checkbox('Mount the hostile component', { key: 'hostile' })) {
    const hostile = st.components.v2.component('hostile', { js: { path: 'components/v2/hostile.js' } })({ key: 'hostile-c' });
    st.text('hostile: ' + JSON.stringify(hostile));
  }
};
`;

export function addComponentV2Demo(workspace: string): void {
  mkdirSync(join(workspace, 'components'), { recursive: true });
  cpSync(join(repoRoot, 'dist-test', 'fixtures', 'streamlit-v2'), join(workspace, 'components', 'v2'), { recursive: true });
  writeFileSync(join(workspace, 'apps', 'v2-demo.js'), APP);
}
