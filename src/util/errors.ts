/** The message of anything thrown, for logs and replies (an Error's message, or the value as text). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
