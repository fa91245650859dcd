/**
 * Streamlit's component protocol, version 1, exactly as `streamlit-component-lib` speaks it: what a
 * component frame posts to its parent, and the render message it expects back.
 */
import { z } from 'zod';

export const STREAMLIT_API_VERSION = 1;

export const ComponentReady = z.object({ isStreamlitMessage: z.literal(true), type: z.literal('streamlit:componentReady'), apiVersion: z.number() });
export const SetFrameHeight = z.object({ isStreamlitMessage: z.literal(true), type: z.literal('streamlit:setFrameHeight'), height: z.number().finite().nonnegative().max(100_000) });
export const SetComponentValue = z.object({
  isStreamlitMessage: z.literal(true),
  type: z.literal('streamlit:setComponentValue'),
  value: z.unknown(),
  dataType: z.enum(['json', 'bytes', 'dataframe']).optional(),
});
export const FromComponent = z.discriminatedUnion('type', [ComponentReady, SetFrameHeight, SetComponentValue]);
export type FromComponent = z.infer<typeof FromComponent>;

/** Theme as Streamlit sends it; taken from VS Code's colours and fonts. */
export const StreamlitTheme = z.object({
  base: z.enum(['light', 'dark']),
  primaryColor: z.string(),
  backgroundColor: z.string(),
  secondaryBackgroundColor: z.string(),
  textColor: z.string(),
  font: z.string(),
});
export type StreamlitTheme = z.infer<typeof StreamlitTheme>;

export interface StreamlitRender {
  type: 'streamlit:render';
  args: Record<string, unknown>;
  dfs: never[];
  disabled: boolean;
  theme: StreamlitTheme;
}

/** A component value as it crosses to the host: JSON, or bytes as base64 (postMessage to the host is JSON). */
export const ComponentValue = z.union([z.object({ dataType: z.literal('json'), json: z.json() }), z.object({ dataType: z.literal('bytes'), base64: z.string().max(1_000_000) })]);
export type ComponentValue = z.infer<typeof ComponentValue>;
