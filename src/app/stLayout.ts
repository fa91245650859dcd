/**
 * The pure parts of st.dialog, st.chatMessage and st.chatInput: what a dialog keeps between runs, and
 * the checks of their options, apart from `St` so they are unit-tested on their own.
 */
import * as z from 'zod';
import { MAX_AVATAR_CHARS, MAX_CHAT_CHARS } from '../../protocol';

/**
 * What a dialog keeps in widget state: open or not, the arguments it was opened with (as JSON, so
 * it opens again with them after a reload), and how many times it was opened (`openId`: the view
 * tells one opening from the next by it).
 */
export const DialogState = z.object({ open: z.boolean(), args: z.array(z.json()), openId: z.number().int().nonnegative() });
export type DialogState = z.infer<typeof DialogState>;

export const DIALOG_WIDTHS = ['small', 'medium', 'large'] as const;
export type DialogWidth = (typeof DIALOG_WIDTHS)[number];

export function dialogState(stored: unknown): DialogState {
  const parsed = DialogState.safeParse(stored);
  return parsed.success ? parsed.data : { open: false, args: [], openId: 0 };
}

/** The state after the user closed the dialog (Escape, its close button, a click outside). */
export function closedDialog(stored: unknown): DialogState {
  return { ...dialogState(stored), open: false, args: [] };
}

/** The state of a dialog opened with `args`: arguments that are not JSON are kept as JSON makes them. */
export function openedDialog(previous: DialogState, args: readonly unknown[]): DialogState {
  let json: z.infer<ReturnType<typeof z.json>>[] = [];
  try {
    json = JSON.parse(JSON.stringify(args) ?? '[]') as typeof json;
  } catch {
    // cycles, BigInt: the dialog opens with its arguments this run, without them after a reload
  }
  return { open: true, args: json, openId: previous.openId + 1 };
}

export function dialogWidth(width: unknown): DialogWidth {
  if (width === undefined) return 'small';
  if ((DIALOG_WIDTHS as readonly unknown[]).includes(width)) return width as DialogWidth;
  throw new Error(`st.dialog width is "small", "medium" or "large"; got ${JSON.stringify(width)}`);
}

/** A chat message's avatar: an emoji or a few letters (Streamlit also takes images and icons; not here). */
export function chatAvatar(avatar: unknown): string | undefined {
  if (avatar === undefined || avatar === null || avatar === '') return undefined;
  const text = String(avatar).trim();
  if ([...text].length > MAX_AVATAR_CHARS || text.length > MAX_AVATAR_CHARS) {
    throw new Error(`st.chatMessage avatar is an emoji or up to ${MAX_AVATAR_CHARS} characters; got "${text.slice(0, 50)}"`);
  }
  return text;
}

export function chatMaxChars(maxChars: unknown): number | undefined {
  if (maxChars === undefined || maxChars === null) return undefined;
  if (!(Number.isInteger(maxChars) && (maxChars as number) > 0 && (maxChars as number) <= MAX_CHAT_CHARS)) {
    throw new Error(`st.chatInput maxChars is a whole number from 1 to ${MAX_CHAT_CHARS}`);
  }
  return maxChars as number;
}
