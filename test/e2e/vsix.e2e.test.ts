/**
 * The packaged .vsix (built by `npm test` before this suite) installs into code-server, activates
 * and shows its view: a file missing from the package fails here.
 */
import { describe, test } from 'node:test';
import { useInstalledVsix } from '../support/suite';

describe('installed from the .vsix', { timeout: 240_000 }, () => {
  const installed = useInstalledVsix();

  test('the installed extension activates and shows its view', async () => {
    const bed = installed();
    await bed.runCommand('Component Host: Open');
    const view = await bed.webviewFrame();
    await view.getByTestId('host-info').waitFor({ timeout: 30_000 });
    await view.getByTestId('echo-input').locator('input').fill('from the vsix');
    await view.getByTestId('echo-button').click();
    await view.getByTestId('echo-reply').filter({ hasText: 'from the vsix' }).waitFor({ timeout: 10_000 });
  });
});
