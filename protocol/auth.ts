/**
 * Sign-in state as the webview and the component see it. Deliberately no token fields: the access
 * token never leaves the extension host (`.strict()` rejects anything extra).
 */
import * as z from 'zod';

export const SessionInfo = z
  .object({
    signedIn: z.boolean(),
    account: z
      .object({ name: z.string().max(200), email: z.string().max(320) })
      .strict()
      .optional(),
    /** When the current access token expires, in ms since the epoch. */
    expiresAt: z.number().int().nonnegative().optional(),
    /** True for the embedded development identity provider ("development sign-in"). */
    development: z.boolean(),
  })
  .strict();
export type SessionInfo = z.infer<typeof SessionInfo>;
