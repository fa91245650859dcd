/** VS Code's simple file dialog (the open and save dialogs of a browser window): a quick input holding a path. */
import { waitFor } from './processes';
import type { TestBed } from './testBed';

/** Type `path` into the open dialog and accept it. */
export async function dialogPath(bed: TestBed, path: string): Promise<void> {
  const input = bed.page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  // The dialog fills in its folder once it has listed it; typing before that is overwritten.
  await waitFor('the dialog shows its folder', async () => ((await input.inputValue()).length > 1 ? true : undefined), 15_000);
  // It may still refill its folder after that (a slow listing on a loaded machine): type again until the path stays.
  await waitFor(
    'the path typed',
    async () => {
      if ((await input.inputValue()) !== path) await input.fill(path);
      await new Promise((r) => setTimeout(r, 200));
      return (await input.inputValue()) === path ? true : undefined;
    },
    30_000,
  );
  await input.press('Enter');
  await bed.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
}
