/**
 * A chart as it crosses to the view: a Vega-Lite spec with its data inline. `st.vegaLiteChart` sends
 * the app's spec; the simple charts (`st.lineChart` and the rest) send the spec the host built for
 * them, as Streamlit does. The spec is opaque JSON to the protocol (Vega-Lite checks it when it
 * compiles), but bounded: it travels in every render that changes it.
 */
import * as z from 'zod';

/** The most characters a chart's spec (data included) may have as JSON. */
export const MAX_CHART_SPEC_CHARS = 4_000_000;

const jsonSize = (value: unknown): number => JSON.stringify(value)?.length ?? 0;

export const ChartSpec = z
  .record(z.string().max(200), z.json())
  .refine((spec) => jsonSize(spec) <= MAX_CHART_SPEC_CHARS, `a chart's spec with its data is at most ${MAX_CHART_SPEC_CHARS} characters`);
export type ChartSpec = z.infer<typeof ChartSpec>;

export const ChartElement = z.object({
  kind: z.literal('vega_lite_chart'),
  id: z.string().min(1).max(300),
  spec: ChartSpec,
  /** Which command made it (the view names the chart by it; `vega_lite` for an app's own spec). */
  chart: z.enum(['line', 'bar', 'area', 'scatter', 'vega_lite']),
  /** Drawn in VS Code's theme (Streamlit's `theme="streamlit"`), or in Vega-Lite's own look (`theme=None`). */
  themed: z.boolean(),
});
export type ChartElement = z.infer<typeof ChartElement>;
