/**
 * Chat and layout elements (Streamlit's chat_message, chat_input, popover, dialog, subheader): their
 * nodes as the view holds them, spread into protocol/elements.ts.
 */
import * as z from 'zod';

const id = z.string().min(1).max(300);
const label = z.string().max(1000);

/** What a chat message's avatar may be: an emoji or a few letters. */
export const MAX_AVATAR_CHARS = 8;
/** The longest text a chat input sends. */
export const MAX_CHAT_CHARS = 100_000;

export const layoutContent = {
  subheader: z.object({ kind: z.literal('subheader'), id, text: label }),
};

export const layoutWidgets = {
  /** `docked`: at the app's top level, shown pinned to the bottom of the view (Streamlit's bottom container). */
  chat_input: z.object({
    kind: z.literal('chat_input'),
    id,
    placeholder: z.string().max(500),
    maxChars: z.number().int().positive().max(MAX_CHAT_CHARS).optional(),
    docked: z.boolean(),
    disabled: z.boolean(),
  }),
};

export const layoutContainers = {
  /** `name`: "user"/"human" and "assistant"/"ai" get their own avatar; others show their first letter. */
  chat_message: z.object({ kind: z.literal('chat_message'), id, name: label, avatar: z.string().max(MAX_AVATAR_CHARS).optional() }),
  /** A button that opens a floating container; open or closed lives in the view only, as in Streamlit. */
  popover: z.object({ kind: z.literal('popover'), id, label, disabled: z.boolean() }),
  /** A modal, declared only while open; `openId` changes each time it is opened. */
  dialog: z.object({
    kind: z.literal('dialog'),
    id,
    title: label,
    width: z.enum(['small', 'medium', 'large']),
    dismissible: z.boolean(),
    openId: z.number().int().nonnegative(),
  }),
};

/** The values these widgets send: a chat input its submitted text, a dialog that the user closed it. */
export const layoutValueSchemas = {
  chat_input: z.string().min(1).max(MAX_CHAT_CHARS),
  dialog: z.literal('close'),
};
