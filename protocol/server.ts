/**
 * The API server's JSON, as the server sends it and the host checks it, and the result of a call the
 * host makes on behalf of the webview or a component (which never reach the server themselves).
 */
import * as z from 'zod';

export const HealthResponse = z.object({ status: z.literal('ok'), uptimeMs: z.number(), authConfigured: z.boolean() });
export const PingResponse = z.object({ message: z.string(), serverTime: z.string() });
export const PongResponse = z.object({ message: z.string(), subject: z.string(), serverTime: z.string() });
export const MeResponse = z.object({
  subject: z.string(),
  scopes: z.array(z.string()),
  audience: z.union([z.string(), z.array(z.string())]),
});
/** Every error the server sends: an OAuth-style code and a description, never a stack trace. */
export const ServerErrorBody = z.object({ error: z.string(), error_description: z.string().optional() });

/** The routes the host will call; anything else is refused before a request is made. */
export const apiRoutes = {
  health: { path: '/api/health', protected: false },
  ping: { path: '/api/ping', protected: false },
  pong: { path: '/api/pong', protected: true },
  me: { path: '/api/me', protected: true },
} as const;
export const ApiRoute = z.enum(['health', 'ping', 'pong', 'me']);
export type ApiRoute = z.infer<typeof ApiRoute>;

/** What the host reports back: which route, whether a token was attached, and what came back. */
export const ApiCallResult = z.object({
  route: ApiRoute,
  path: z.string(),
  usedToken: z.boolean(),
  /** HTTP status, or 0 when no response arrived (server down, timeout). */
  status: z.number().int(),
  ok: z.boolean(),
  body: z.unknown(),
  /** A human-readable reason when `ok` is false. */
  error: z.string().optional(),
  durationMs: z.number(),
});
export type ApiCallResult = z.infer<typeof ApiCallResult>;

/** The first line the server prints on stdout once it listens: how the supervisor learns the port. */
export const ListeningLine = z.object({ event: z.literal('listening'), port: z.number().int().positive() });
