/** Components that ship with the extension, for the built-in apps. */
import type { ComponentV2 } from './st';
import type { St } from './st';

export interface RatingState extends Record<string, unknown> {
  rating: number;
  submitted: number;
}

/**
 * A Streamlit v2 component (component/v2/rating.ts, bundled into dist/component-v2/): a star rating
 * with a `rating` state value and a `submitted` trigger. Registered on the container it mounts in.
 */
export function ratingComponent(st: St): ComponentV2<RatingState> {
  return st.components.v2.component<RatingState>('rating', {
    html: { extensionFile: 'dist/component-v2/rating.html' },
    css: { extensionFile: 'dist/component-v2/rating.css' },
    js: { extensionFile: 'dist/component-v2/rating.js' },
  });
}
