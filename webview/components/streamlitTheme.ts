import type { StreamlitTheme as StreamlitThemeV2 } from '@streamlit/component-v2-lib';
import type { StreamlitTheme } from '../../protocol';
import { deriveColors, type BaseColors, type DerivedColors } from './derivedColors';

/** Streamlit's v1 theme (all 18 keys of Streamlit 1.64) from VS Code's current colours and font. */
export function currentTheme(): Required<StreamlitTheme> {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const dark = document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
  const font = v('--vscode-font-family', 'sans-serif');
  const colors: BaseColors = {
    backgroundColor: v('--vscode-sideBar-background', v('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff')),
    secondaryBackgroundColor: v('--vscode-editorWidget-background', dark ? '#252526' : '#f3f3f3'),
    textColor: v('--vscode-foreground', dark ? '#cccccc' : '#333333'),
  };
  return {
    base: dark ? 'dark' : 'light',
    primaryColor: v('--vscode-button-background', '#0e639c'),
    ...colors,
    font,
    bodyFont: font,
    ...safeDerivedColors(colors, dark),
  };
}

/** A colour color2k cannot parse (a theme may use any CSS colour syntax) falls back to the default theme's. */
function safeDerivedColors(colors: BaseColors, dark: boolean): DerivedColors {
  try {
    return deriveColors(colors);
  } catch {
    return deriveColors(
      dark
        ? { backgroundColor: '#1e1e1e', secondaryBackgroundColor: '#252526', textColor: '#cccccc' }
        : { backgroundColor: '#ffffff', secondaryBackgroundColor: '#f3f3f3', textColor: '#333333' },
    );
  }
}

/** VS Code switches themes by changing the body's classes and variables. */
export function onThemeChange(listener: () => void): () => void {
  const observer = new MutationObserver(listener);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return () => observer.disconnect();
}

/**
 * Streamlit v2's theme as the `--st-*` custom properties a frameless component reads (names from
 * `@streamlit/component-v2-lib`'s StreamlitTheme, kebab-cased; arrays comma-separated; booleans 1/0),
 * every one with a value, from VS Code's colours and fonts.
 */
export function currentThemeV2(): Record<string, string> {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const base = currentTheme();
  const dark = base.base === 'dark';
  const border = v('--vscode-widget-border', v('--vscode-panel-border', dark ? '#454545' : '#e5e5e5'));
  const fontSize = v('--vscode-font-size', '13px');
  const px = (factor: number) => `${Math.round(parseFloat(fontSize) * factor)}px`;
  const headingFontSizes = [px(2), px(1.6), px(1.35), px(1.15), px(1), px(0.9)];
  const headingFontWeights = [700, 600, 600, 600, 600, 600];
  const palette = {
    red: v('--vscode-charts-red', '#f14c4c'),
    orange: v('--vscode-charts-orange', '#d18616'),
    yellow: v('--vscode-charts-yellow', '#cca700'),
    blue: v('--vscode-charts-blue', '#3794ff'),
    green: v('--vscode-charts-green', '#89d185'),
    violet: v('--vscode-charts-purple', '#b180d7'),
    gray: v('--vscode-descriptionForeground', dark ? '#9d9d9d' : '#717171'),
  };
  const tinted = (color: string) => `color-mix(in srgb, ${color} 20%, transparent)`;
  const theme: StreamlitThemeV2 = {
    primaryColor: base.primaryColor,
    backgroundColor: base.backgroundColor,
    secondaryBackgroundColor: base.secondaryBackgroundColor,
    textColor: base.textColor,
    linkColor: v('--vscode-textLink-foreground', '#3794ff'),
    linkUnderline: false,
    headingFont: base.font,
    codeFont: v('--vscode-editor-font-family', 'monospace'),
    baseRadius: '4px',
    buttonRadius: '2px',
    baseFontSize: fontSize,
    baseFontWeight: Number(v('--vscode-font-weight', '400').replace('normal', '400')) || 400,
    codeFontWeight: Number(v('--vscode-editor-font-weight', '400').replace('normal', '400')) || 400,
    codeFontSize: v('--vscode-editor-font-size', '12px'),
    headingFontSizes,
    headingFontSize1: headingFontSizes[0]!,
    headingFontSize2: headingFontSizes[1]!,
    headingFontSize3: headingFontSizes[2]!,
    headingFontSize4: headingFontSizes[3]!,
    headingFontSize5: headingFontSizes[4]!,
    headingFontSize6: headingFontSizes[5]!,
    headingFontWeights,
    headingFontWeight1: headingFontWeights[0]!,
    headingFontWeight2: headingFontWeights[1]!,
    headingFontWeight3: headingFontWeights[2]!,
    headingFontWeight4: headingFontWeights[3]!,
    headingFontWeight5: headingFontWeights[4]!,
    headingFontWeight6: headingFontWeights[5]!,
    borderColor: border,
    dataframeBorderColor: v('--vscode-editorWidget-border', border),
    dataframeHeaderBackgroundColor: base.secondaryBackgroundColor,
    codeBackgroundColor: v('--vscode-textCodeBlock-background', base.secondaryBackgroundColor),
    font: base.font,
    chartCategoricalColors: [palette.blue, palette.red, palette.green, palette.yellow, palette.violet, palette.orange],
    chartSequentialColors: [20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => `color-mix(in srgb, ${palette.blue} ${p}%, transparent)`),
    headingColor: base.textColor,
    borderColorLight: v('--vscode-editorGroup-border', border),
    codeTextColor: v('--vscode-textPreformat-foreground', base.textColor),
    widgetBorderColor: v('--vscode-input-border', border),
    redColor: palette.red,
    orangeColor: palette.orange,
    yellowColor: palette.yellow,
    blueColor: palette.blue,
    greenColor: palette.green,
    violetColor: palette.violet,
    grayColor: palette.gray,
    redBackgroundColor: v('--vscode-inputValidation-errorBackground', tinted(palette.red)),
    orangeBackgroundColor: tinted(palette.orange),
    yellowBackgroundColor: v('--vscode-inputValidation-warningBackground', tinted(palette.yellow)),
    blueBackgroundColor: v('--vscode-inputValidation-infoBackground', tinted(palette.blue)),
    greenBackgroundColor: tinted(palette.green),
    violetBackgroundColor: tinted(palette.violet),
    grayBackgroundColor: tinted(palette.gray),
    redTextColor: v('--vscode-errorForeground', palette.red),
    orangeTextColor: palette.orange,
    yellowTextColor: v('--vscode-editorWarning-foreground', palette.yellow),
    blueTextColor: palette.blue,
    greenTextColor: palette.green,
    violetTextColor: palette.violet,
    grayTextColor: palette.gray,
  };
  const properties: Record<string, string> = {};
  for (const [key, value] of Object.entries(theme)) {
    const name = `--st-${key.replace(/[A-Z0-9]/g, (c) => `-${c.toLowerCase()}`)}`;
    properties[name] = typeof value === 'boolean' ? (value ? '1' : '0') : Array.isArray(value) ? value.join(',') : String(value);
  }
  return properties;
}
