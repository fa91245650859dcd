/**
 * The built-in demo's Streamlit v2 component: a star rating. Written like any v2 component, only
 * against @streamlit/component-v2-lib's types, and bundled by esbuild into one ES module
 * (dist/component-v2/rating.js) whose default export is the renderer. The app registers it with:
 *
 *   st.components.v2.component('rating', { html: RATING_HTML, css: RATING_CSS, js: { path } })
 *
 * State: `rating` (persists). Trigger: `submitted` (one run).
 */
import type { FrontendRenderer } from '@streamlit/component-v2-lib';

export interface RatingState extends Record<string, unknown> {
  rating: number;
  submitted: number;
}
export interface RatingData {
  label: string;
  rating: number;
  max?: number;
}

const Rating: FrontendRenderer<RatingState, RatingData> = ({ data, parentElement, setStateValue, setTriggerValue }) => {
  const stars = parentElement.querySelector<HTMLElement>('.stars')!;
  const max = Math.max(1, Math.min(10, data.max ?? 5));
  parentElement.querySelector('.label')!.textContent = data.label;
  // Called again with new data on the same DOM: rebuild only what changed.
  if (stars.childElementCount !== max) {
    stars.replaceChildren(
      ...Array.from({ length: max }, (_, i) => {
        const star = document.createElement('button');
        star.type = 'button';
        star.className = 'star';
        star.dataset.value = String(i + 1);
        star.setAttribute('aria-label', `${i + 1} of ${max}`);
        star.textContent = '★';
        return star;
      }),
    );
  }
  for (const star of stars.querySelectorAll<HTMLButtonElement>('.star')) {
    const value = Number(star.dataset.value);
    star.classList.toggle('on', value <= data.rating);
    star.onclick = () => setStateValue('rating', value);
  }
  parentElement.querySelector<HTMLButtonElement>('.submit')!.onclick = () => setTriggerValue('submitted', data.rating);
  const onKey = (event: Event) => {
    const key = (event as KeyboardEvent).key;
    if (key === 'ArrowRight' || key === 'ArrowLeft') {
      setStateValue('rating', Math.max(1, Math.min(max, data.rating + (key === 'ArrowRight' ? 1 : -1))));
    }
  };
  stars.addEventListener('keydown', onKey);
  return () => stars.removeEventListener('keydown', onKey);
};

export default Rating;
