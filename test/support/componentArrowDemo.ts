import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './testBed';

/** An app that gives one apache-arrow table to a v1 component (in dfs) and to a v2 one (whole, and inside an object). */
const APP = `const arrow = require('apache-arrow');
module.exports = (st) => {
  st.title('Arrow to and from components');
  const table = arrow.tableFromArrays({
    name: ['Ada', 'Grace', 'Edsger'],
    score: Float64Array.from([1.5, 2.5, 3]),
    id: BigInt64Array.from([1n, 2n, 3n]),
  });
  const back = st.component('arrow', { table, raw: new Uint8Array([1, 2, 255]) }, { path: 'components/streamlit-v1-arrow', key: 'v1arrow' });
  st.text('v1 returned: ' + (back instanceof arrow.Table ? JSON.stringify([...back].map((row) => row.toJSON())) : String(back)));
  const c = st.components.v2.component('arrowv2', { js: { path: 'components/v2/arrow.js' } });
  const whole = c({ key: 'whole', data: table });
  const mixed = c({ key: 'mixed', data: { df: table, label: 'scores' } });
  st.text('v2 rows: ' + JSON.stringify([whole.rows ?? null, mixed.rows ?? null]));
};
`;

/** The built fixtures, apache-arrow for the app (as a user's workspace would have it installed), and the app. */
export function addComponentArrowDemo(workspace: string): void {
  mkdirSync(join(workspace, 'components'), { recursive: true });
  cpSync(join(repoRoot, 'dist-test', 'fixtures', 'streamlit-v1-arrow'), join(workspace, 'components', 'streamlit-v1-arrow'), {
    recursive: true,
  });
  cpSync(join(repoRoot, 'dist-test', 'fixtures', 'streamlit-v2'), join(workspace, 'components', 'v2'), { recursive: true });
  mkdirSync(join(workspace, 'node_modules'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules', 'apache-arrow'), join(workspace, 'node_modules', 'apache-arrow'), 'dir');
  writeFileSync(join(workspace, 'apps', 'arrow-demo.js'), APP);
}
