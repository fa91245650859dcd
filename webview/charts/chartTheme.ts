/**
 * VS Code's colours as a Vega-Lite config, read from the webview's CSS variables at render time (VS
 * Code sets them on <html> and swaps them when the theme changes; see useThemeVersion). Streamlit's
 * named colours (`color: "red"`) become the theme's chart colours, as `:red[…]` text does.
 */

/** Reads one CSS variable of the document ('' when unset). */
export type CssVariable = (name: string) => string;

export const documentCss: CssVariable = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

const NAMED: Record<string, string> = {
  red: '--vscode-charts-red',
  orange: '--vscode-charts-orange',
  yellow: '--vscode-charts-yellow',
  green: '--vscode-charts-green',
  blue: '--vscode-charts-blue',
  violet: '--vscode-charts-purple',
  gray: '--vscode-descriptionForeground',
  primary: '--vscode-textLink-foreground',
};

/** The theme's categorical colours, in Streamlit's order (blue first), falling back to VS Code's dark defaults. */
export function palette(css: CssVariable): string[] {
  const names: [string, string][] = [
    ['blue', '#3794ff'],
    ['red', '#f14c4c'],
    ['green', '#89d185'],
    ['yellow', '#cca700'],
    ['orange', '#d18616'],
    ['purple', '#b180d7'],
  ];
  return names.map(([n, fallback]) => css(`--vscode-charts-${n}`) || fallback);
}

/** The config every themed chart gets; the spec's own `config` still wins over it. */
export function chartConfig(css: CssVariable): Record<string, unknown> {
  const fg = css('--vscode-charts-foreground') || css('--vscode-foreground') || '#cccccc';
  const muted = css('--vscode-descriptionForeground') || fg;
  const lines = css('--vscode-charts-lines') || css('--vscode-widget-border') || '#80808059';
  const font = css('--vscode-font-family') || 'sans-serif';
  const size = Number.parseFloat(css('--vscode-font-size')) || 13;
  const colours = palette(css);
  const text = { labelColor: fg, titleColor: fg, labelFont: font, titleFont: font };
  return {
    background: 'transparent',
    font,
    view: { stroke: null, continuousHeight: 350, continuousWidth: 400 },
    axis: {
      ...text,
      domainColor: lines,
      tickColor: lines,
      gridColor: lines,
      gridOpacity: 0.4, // the theme's chart lines are strong for a grid behind the marks
      labelFontSize: size - 1,
      titleFontSize: size - 1,
      titleFontWeight: 'normal',
      titlePadding: 12,
    },
    legend: { ...text, labelFontSize: size - 1, titleFontSize: size - 1, titleFontWeight: 'normal' },
    header: { ...text },
    title: { color: fg, subtitleColor: muted, font, subtitleFont: font, fontSize: size + 2, fontWeight: 'normal', anchor: 'start' },
    mark: { color: colours[0] },
    range: { category: colours },
  };
}

/** A simple chart's colour values with Streamlit's names resolved (`encoding.color.value`, `…scale.range`). */
export function resolveNamedColours(spec: Record<string, unknown>, css: CssVariable): Record<string, unknown> {
  const resolve = (c: unknown) => (typeof c === 'string' && NAMED[c] ? css(NAMED[c]) || c : c);
  const encoding = spec.encoding as { color?: { value?: unknown; scale?: { range?: unknown } } } | undefined;
  const colour = encoding?.color;
  if (!colour) return spec;
  const next = { ...colour };
  if ('value' in next) next.value = resolve(next.value);
  if (next.scale && Array.isArray(next.scale.range)) next.scale = { ...next.scale, range: next.scale.range.map(resolve) };
  return { ...spec, encoding: { ...encoding, color: next } };
}
