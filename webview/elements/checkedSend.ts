/** The view checks a widget's value with the host's own schema before it sends it: a bug here shows here. */
import { widgetValueSchemas, type WidgetKind } from '../../protocol';
import type { Send } from './ElementView';

export function sendChecked(send: Send, kind: WidgetKind, widgetId: string, value: unknown): void {
  const checked = widgetValueSchemas[kind].safeParse(value);
  if (checked.success) send(widgetId, checked.data);
  else console.error(`not sent: bad ${kind} value`, checked.error.issues[0]?.message);
}
