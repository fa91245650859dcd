/**
 * Sessions in SecretStorage: one JSON secret holding every session (each tagged with its tenant),
 * validated on read. SecretStorage is shared by all windows and fires onDidChange there, which is
 * how sessions stay in sync. Nothing else (state, logs, settings) ever holds token material.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { TokenSet } from './oidcClient';

export const SESSIONS_SECRET_KEY = 'componentHost.auth0.sessions';
/** Development sessions die with their window's embedded provider; drop leftovers after this. */
const DEV_SESSION_MAX_AGE_MS = 24 * 3600_000;
const MAX_SESSIONS = 20;

export interface Disposable {
  dispose(): unknown;
}
/** The slice of vscode.SecretStorage used here (a fake implements it in unit tests). */
export interface SecretStorageLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  onDidChange(listener: (event: { key: string }) => unknown): Disposable;
}

export const StoredSession = z.object({
  id: z.string().min(1).max(100),
  /** `issuer client_id`: sessions of another tenant are never offered. */
  tenant: z.string().min(1).max(2200),
  development: z.boolean(),
  createdAt: z.number().int(),
  tokens: TokenSet,
});
export type StoredSession = z.infer<typeof StoredSession>;
const StoreFile = z.object({ version: z.literal(1), sessions: z.array(z.unknown()).max(200) });

export const tenantKey = (issuer: string, clientId: string): string => `${issuer} ${clientId}`;

export function newSession(tenant: string, development: boolean, tokens: TokenSet): StoredSession {
  return { id: randomUUID(), tenant, development, createdAt: Date.now(), tokens };
}

export class TokenStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly secrets: SecretStorageLike,
    private readonly onProblem: (message: string) => void = () => {},
    private readonly key = SESSIONS_SECRET_KEY,
  ) {}

  async read(): Promise<StoredSession[]> {
    const raw = await this.secrets.get(this.key);
    if (raw === undefined) return [];
    let file: z.infer<typeof StoreFile>;
    try {
      file = StoreFile.parse(JSON.parse(raw));
    } catch {
      this.onProblem('stored sessions are unreadable; ignoring them');
      return [];
    }
    // Drop single bad entries rather than every session.
    return file.sessions.flatMap((s) => {
      const parsed = StoredSession.safeParse(s);
      if (!parsed.success) this.onProblem('dropping an unreadable stored session');
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Read-modify-write, serialized within this window. */
  update(change: (sessions: StoredSession[]) => StoredSession[]): Promise<StoredSession[]> {
    const run = this.queue.then(async () => {
      const now = Date.now();
      const next = change(await this.read())
        .filter((s) => !s.development || now - s.createdAt < DEV_SESSION_MAX_AGE_MS)
        .slice(-MAX_SESSIONS);
      if (next.length === 0) await this.secrets.delete(this.key);
      else await this.secrets.store(this.key, JSON.stringify({ version: 1, sessions: next }));
      return next;
    });
    this.queue = run.catch(() => {});
    return run;
  }

  onDidChange(listener: () => void): Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key === this.key) listener();
    });
  }
}
