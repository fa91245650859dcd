/**
 * The packaged .vsix (built by `npm test` before this suite) installs into code-server, activates
 * and shows its view: a file missing from the package fails here.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TestBed, repoRoot } from '../support/testBed';

const vsix = process.env.COMPONENT_HOST_VSIX ?? join(repoRoot, 'test-results', 'component-host.vsix');

describe('installed from the .vsix', { timeout: 240_000 }, () => {
  let bed: TestBed;
  before(async () => {
    assert.ok(existsSync(vsix), `${vsix} exists (npm test packages it first; or run npm run package -- --out ${vsix})`);
    bed = await TestBed.start({ vsix, extensionDevelopmentPath: null, hostTests: false });
  });
  after(async () => {
    await bed?.stop();
  });

  test('the installed extension activates and shows its view', async () => {
    try {
      await bed.runCommand('Component Host: Open');
      const view = await bed.webviewFrame();
      await view.getByTestId('host-info').waitFor({ timeout: 30_000 });
      await view.getByTestId('echo-input').locator('input').fill('from the vsix');
      await view.getByTestId('echo-button').click();
      await view.getByTestId('echo-reply').filter({ hasText: 'from the vsix' }).waitFor({ timeout: 10_000 });
    } catch (err) {
      console.log(`screenshot: ${await bed.screenshot('vsix-view')}`);
      throw err;
    }
  });
});
