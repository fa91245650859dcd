import { after, afterEach, before } from 'node:test';
import { TestBed, type TestBedOptions } from './testBed';
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
