/**
 * Where the host may send the signed-in user's access token. The supervised server and any server on
 * this machine's loopback get it; another machine gets it only over https and only after the user has
 * allowed that origin (remembered per origin, revocable); plain http to another machine never does.
 */

export type ServerOrigin =
  | { kind: 'loopback'; origin: string }
  | { kind: 'insecure'; origin: string }
  | { kind: 'remote'; origin: string }
  | { kind: 'invalid'; origin: string };

const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** True for a host name that always means this machine (RFC 6761 localhost, 127/8, ::1). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || LOOPBACK_V4.test(host) || host === '::1';
}

export function classifyServerUrl(url: string): ServerOrigin {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'invalid', origin: url };
  }
  const { origin } = parsed;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { kind: 'invalid', origin };
  if (isLoopbackHost(parsed.hostname)) return { kind: 'loopback', origin };
  return parsed.protocol === 'https:' ? { kind: 'remote', origin } : { kind: 'insecure', origin };
}

export interface TokenGateDeps {
  /** Origins the user has allowed before. */
  allowed(): readonly string[];
  remember(origin: string): Promise<void>;
  /** Ask the user (a modal dialog); true when they allow this origin. */
  confirm(origin: string): Promise<boolean>;
}

export type TokenDecision = { send: true } | { send: false; reason: string };

export class TokenGate {
  /** One question per origin at a time, however many calls wait for it. */
  private readonly asking = new Map<string, Promise<boolean>>();

  constructor(private readonly deps: TokenGateDeps) {}

  async decide(baseUrl: string): Promise<TokenDecision> {
    const server = classifyServerUrl(baseUrl);
    switch (server.kind) {
      case 'loopback':
        return { send: true };
      case 'invalid':
        return { send: false, reason: `the API server URL ${server.origin} is not an http(s) URL` };
      case 'insecure':
        return {
          send: false,
          reason: `the API server ${server.origin} is on another machine and not https, so the access token is not sent`,
        };
      case 'remote': {
        if (this.deps.allowed().includes(server.origin)) return { send: true };
        let question = this.asking.get(server.origin);
        if (!question) {
          question = this.deps.confirm(server.origin).then(async (yes) => {
            if (yes) await this.deps.remember(server.origin);
            return yes;
          });
          question.finally(() => this.asking.delete(server.origin)).catch(() => undefined);
          this.asking.set(server.origin, question);
        }
        return (await question)
          ? { send: true }
          : { send: false, reason: `you did not allow sending your access token to ${server.origin}` };
      }
    }
  }
}
