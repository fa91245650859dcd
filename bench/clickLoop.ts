/**
 * Click → rerun → new count in the DOM, the loop shared by bench/webview.bench.ts (our view) and
 * bench/streamlit.bench.ts (ours and real Streamlit, in turns): clicks the button, then waits, with a
 * MutationObserver, for the frame's DOM to hold the next "Button clicked N times" count.
 */
import type { Frame } from 'playwright-core';

export interface ClickSelectors {
  /** The button the loop clicks. */
  button: string;
  /** The elements among which the one whose text starts with "Button clicked" holds the count. */
  counter: string;
}

/** Our built-in gallery app (src/app/builtinApps.ts) in our view. */
export const ourGallery: ClickSelectors = { button: '[data-testid="el-key:click"]', counter: 'p.text' };

/** Times `clicks` clicks after `warmUp` untimed ones; returns each in ms, from the click to the commit of the new count. */
export async function clickSamples(frame: Frame, selectors: ClickSelectors, clicks: number, warmUp = 10): Promise<number[]> {
  // tsx keeps function names with an `__name` helper that does not exist in the page.
  await frame.evaluate('window.__name = (f) => f');
  return frame.evaluate(
    async ({ n, warm, button: buttonSelector, counter: counterSelector }) => {
      const counter = () =>
        [...document.querySelectorAll(counterSelector)].find((p) => p.textContent?.startsWith('Button clicked'))?.textContent ?? '';
      const count = () => Number(/clicked (\d+) times/.exec(counter())?.[1] ?? -1);
      const findButton = async (): Promise<HTMLElement> => {
        const deadline = performance.now() + 10_000;
        for (;;) {
          const found = document.querySelector(buttonSelector);
          if (found instanceof HTMLElement) return found;
          if (performance.now() > deadline) throw new Error(`no ${buttonSelector} to click in 10 s`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      const samples: number[] = [];
      for (let i = 0; i < n + warm; i++) {
        // Looked up each time (not timed): a view may replace the button's node when it renders again.
        const button = await findButton();
        const target = count() + 1;
        const t0 = performance.now();
        button.click();
        // React commits the new count to the DOM; the browser paints it in the next frame.
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error(`click ${i + 1}: the count did not reach ${target} in 10 s (it reads "${counter()}")`));
          }, 10_000);
          const observer = new MutationObserver(() => {
            if (count() >= target) {
              observer.disconnect();
              clearTimeout(timer);
              resolve();
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
        if (i >= warm) samples.push(performance.now() - t0);
      }
      return samples;
    },
    { n: clicks, warm: warmUp, ...selectors },
  );
}
