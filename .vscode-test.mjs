// For people with desktop VS Code and internet access: `npx @vscode/test-cli` (0.0.x on Node 20)
// runs the in-host tests in a downloaded VS Code. CI and `npm test` use code-server instead
// (see docs/decisions.md): VS Code's desktop build cannot be downloaded offline.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'dist-test/host/index.js',
  workspaceFolder: 'examples/workspace',
});
