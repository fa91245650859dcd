/**
 * The colours Streamlit's front end derives from a theme's three base colours and adds to the v1
 * theme object (its `computeDerivedColors`, with the same polished functions, so the same inputs give
 * the same strings as in Streamlit). Pure: no DOM.
 */
import { darken, getLuminance, lighten, mix, transparentize } from 'polished';

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
  const bgMix = mix(0.5, backgroundColor, secondaryBackgroundColor);
  const darkenedBgMix100 = lightBackground ? darken(0.3, bgMix) : lighten(0.6, bgMix);
  return {
    fadedText05: transparentize(0.9, textColor),
    fadedText10: transparentize(0.8, textColor),
    fadedText20: transparentize(0.7, textColor),
    fadedText40: transparentize(0.6, textColor),
    fadedText60: transparentize(0.4, textColor),
    bgMix,
    darkenedBgMix100,
    darkenedBgMix40: transparentize(0.6, darkenedBgMix100),
    darkenedBgMix25: transparentize(0.75, darkenedBgMix100),
    darkenedBgMix15: transparentize(0.85, darkenedBgMix100),
    lightenedBg05: lighten(0.025, backgroundColor),
  };
}
