/**
 * The colours Streamlit's front end derives from a theme's three base colours and adds to the v1
 * theme object (its `computeDerivedColors`, with the same color2k functions Streamlit 1.64 bundles,
 * so the same inputs give the same strings as in Streamlit). Pure: no DOM.
 */
import { darken, getLuminance, lighten, mix, transparentize } from 'color2k';

export interface BaseColors {
  textColor: string;
  backgroundColor: string;
  secondaryBackgroundColor: string;
}

export interface DerivedColors {
  fadedText05: string;
  fadedText10: string;
  fadedText20: string;
  fadedText40: string;
  fadedText60: string;
  bgMix: string;
  darkenedBgMix100: string;
  darkenedBgMix40: string;
  darkenedBgMix25: string;
  darkenedBgMix15: string;
  lightenedBg05: string;
}

export function deriveColors({ textColor, backgroundColor, secondaryBackgroundColor }: BaseColors): DerivedColors {
  const lightBackground = getLuminance(backgroundColor) > 0.5;
  const bgMix = mix(backgroundColor, secondaryBackgroundColor, 0.5);
  const darkenedBgMix100 = lightBackground ? darken(bgMix, 0.3) : lighten(bgMix, 0.6);
  return {
    fadedText05: transparentize(textColor, 0.9),
    fadedText10: transparentize(textColor, 0.8),
    fadedText20: transparentize(textColor, 0.7),
    fadedText40: transparentize(textColor, 0.6),
    fadedText60: transparentize(textColor, 0.4),
    bgMix,
    darkenedBgMix100,
    darkenedBgMix40: transparentize(darkenedBgMix100, 0.6),
    darkenedBgMix25: transparentize(darkenedBgMix100, 0.75),
    darkenedBgMix15: transparentize(darkenedBgMix100, 0.85),
    lightenedBg05: lighten(backgroundColor, 0.025),
  };
}
