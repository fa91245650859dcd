/**
 * `st.lineChart` and the other charts, and `st.vegaLiteChart`. Vega, Vega-Lite and vega-embed load
 * on first use (their chunk is listed by `npm run package`); until then a placeholder of a chart's
 * height keeps the layout from jumping.
 */
import type { ChartElement } from '../../protocol';
import { lazyElement } from '../lazy';

export const Chart = lazyElement(
  () => import('../charts/ChartView').then((m) => m.ChartView),
  ({ testId }: { element: ChartElement; testId: string }) => (
    <div data-testid={testId} className="chart chart-loading" role="status">
      Loading chart…
    </div>
  ),
);
