import * as z from 'zod';

/** Every error that crosses a boundary has one of these codes, so each side can react by kind. */
export const errorCodes = [
  'invalid-message', // failed schema validation
  'unknown-type', // a message type this side does not know
  'unknown-method', // a request for a method nobody serves
  'too-large', // a message or value over its size limit
  'out-of-order', // an event id that goes backwards or skips
  'not-allowed', // refused by policy (allow-list, trust, origin)
  'rate-limited', // too many requests from one component frame; try again later
  'timeout',
  'unavailable', // a dependency (server, identity provider) is down
  'unauthenticated',
  'app-error', // the app threw
  'component-error', // a component's module failed to load, or its renderer threw
  'internal',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorInfo = z.object({
  code: ErrorCode,
  message: z.string().max(4000),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/** Describe a zod failure in one line without echoing the (possibly secret) input. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
