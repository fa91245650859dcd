import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './testBed';

const APP = `module.exports = (st) => {
  st.title('Component demo');
  const greeting = st.textInput('Greeting', { value: 'hello from the app', key: 'greeting' });
  const value = st.component('fixture', { greeting }, { path: 'components/streamlit-v1', key: 'fx', default: { clicks: 0 } });
  st.text('component value: ' + JSON.stringify(value));
};
`;

/** Puts the built streamlit-component-lib fixture and an app that uses it into a test workspace. */
export function addComponentDemo(workspace: string): void {
  mkdirSync(join(workspace, 'components'), { recursive: true });
  cpSync(join(repoRoot, 'dist-test', 'fixtures', 'streamlit-v1'), join(workspace, 'components', 'streamlit-v1'), { recursive: true });
  writeFileSync(join(workspace, 'apps', 'component-demo.js'), APP);
}
