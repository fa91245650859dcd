import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before } from 'node:test';
import { TestBed, repoRoot, type TestBedOptions } from './testBed';
import { failed } from './testStatus';

/**
 * Start one test bed for the enclosing `describe`, stop it after, and save a screenshot of every
 * failing test. Returns the bed through a getter, since it exists only once `before` has run.
 */
export function useTestBed(options?: TestBedOptions): () => TestBed {
  let bed: TestBed | undefined;
  before(async () => {
    bed = await TestBed.start(options);
  });
  after(async () => {
    await bed?.stop();
  });
  afterEach(async (t) => {
    if (bed && failed(t)) console.log(`screenshot: ${await bed.screenshot(t.name)}`);
  });
  return () => {
    if (!bed) throw new Error('the test bed did not start');
    return bed;
  };
}

/** The package `npm test` builds before the end-to-end suites (or COMPONENT_HOST_VSIX). */
export const builtVsix = process.env.COMPONENT_HOST_VSIX ?? join(repoRoot, 'test-results', 'component-host.vsix');

/** A test bed with the extension installed from the .vsix, as a user gets it: no development path, no in-host probes. */
export function useInstalledVsix(): () => TestBed {
  before(() =>
    assert.ok(existsSync(builtVsix), `${builtVsix} exists (npm test packages it first; or run npm run package -- --out ${builtVsix})`),
  );
  return useTestBed({ vsix: builtVsix, extensionDevelopmentPath: null, hostTests: false });
}
