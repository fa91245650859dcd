/**
 * A chart, drawn by vega-embed (Vega-Lite compiled to Vega) in its own chunk (see elements/Chart.tsx).
 * The view's CSP forbids eval, and Vega compiles expressions with `new Function` by default: `ast:
 * true` makes Vega keep expressions as syntax trees and vega-embed run them with vega-interpreter.
 * No style elements are injected (the CSP allows only ours): the chart's and the tooltip's styles
 * are in media/webview.css. Redrawn when the theme changes; "container" width follows the panel.
 */
import { useEffect, useRef, useState } from 'react';
import embed, { type Result, type VisualizationSpec } from 'vega-embed';
import type { ChartElement } from '../../protocol';
import { chartConfig, documentCss, resolveNamedColours } from './chartTheme';
import { useThemeVersion } from './useThemeVersion';

const NAMES: Record<ChartElement['chart'], string> = {
  line: 'line chart',
  bar: 'bar chart',
  area: 'area chart',
  scatter: 'scatter chart',
  vega_lite: 'chart',
};

/**
 * Past this many rows of inline data Vega draws on a canvas: 10 000 points took 1.8 s as SVG and 0.6 s
 * on a canvas (docs/decisions.md). SVG below it: sharp text, marks in the DOM, ARIA labels.
 */
const CANVAS_FROM_ROWS = 5000;

function rendererFor(spec: ChartElement['spec']): 'svg' | 'canvas' {
  const data = spec.data;
  const rows = typeof data === 'object' && data !== null && !Array.isArray(data) && Array.isArray(data.values) ? data.values.length : 0;
  return rows > CANVAS_FROM_ROWS ? 'canvas' : 'svg';
}

export function ChartView({ element, testId }: { element: ChartElement; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useThemeVersion();
  const [error, setError] = useState<string>();
  const [drawn, setDrawn] = useState<{ count: number; ms: number }>({ count: 0, ms: 0 });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let result: Result | undefined;
    let cancelled = false;
    const spec = element.themed && element.chart !== 'vega_lite' ? resolveNamedColours(element.spec, documentCss) : element.spec;
    const started = performance.now();
    embed(el, spec as VisualizationSpec, {
      mode: 'vega-lite', // always: a spec without a mark is an error to show, not a Vega spec
      ast: true,
      actions: false,
      defaultStyle: false,
      renderer: rendererFor(element.spec),
      ...(element.themed ? { config: chartConfig(documentCss) } : {}),
      tooltip: { disableDefaultStyle: true, theme: 'vscode' },
    }).then(
      (r) => {
        if (cancelled) return r.finalize();
        result = r;
        setError(undefined);
        setDrawn((d) => ({ count: d.count + 1, ms: Math.round(performance.now() - started) }));
      },
      (err: unknown) => !cancelled && setError(err instanceof Error ? err.message : String(err)),
    );
    // The panel or a column resized, or an expander opened: a "container" width follows (Vega itself
    // only listens to the window's resize).
    const resized = new ResizeObserver(() => {
      const view = result?.view;
      if (!view || element.spec.width !== 'container' || el.clientWidth === 0) return;
      if (view.width() !== el.clientWidth) void view.width(el.clientWidth).runAsync();
    });
    resized.observe(el);
    return () => {
      cancelled = true;
      resized.disconnect();
      result?.finalize();
    };
  }, [element.spec, element.themed, element.chart, theme]);

  const title = typeof element.spec.title === 'string' ? element.spec.title : undefined;
  const description = typeof element.spec.description === 'string' ? element.spec.description : undefined;
  return (
    <figure
      data-testid={testId}
      className="chart"
      data-chart={element.chart}
      data-renderer={rendererFor(element.spec)}
      data-drawn={drawn.count}
      data-draw-ms={drawn.ms}
      role="group"
      aria-label={description ?? title ?? NAMES[element.chart]}
    >
      {error && (
        <div role="alert" className="alert alert-error">
          This chart could not be drawn: {error}
        </div>
      )}
      <div ref={box} className="chart-canvas" />
    </figure>
  );
}
