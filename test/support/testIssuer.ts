/**
 * A minimal token issuer over real HTTP on loopback (discovery document + JWKS) with keys made by
 * jose, for attacking the API server's verification with every malformed token we can think of.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export interface TestIssuer {
  issuer: string;
  audience: string;
  /** A correctly signed access token; override claims or header fields to break it. */
  mint(claims?: JWTPayload, header?: Record<string, unknown>, key?: CryptoKey): Promise<string>;
  publicJwk: JWK;
  close(): Promise<void>;
}

export async function startTestIssuer(audience = 'https://component-host.local/api'): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  let issuer = '';
  const server: Server = createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ issuer, jwks_uri: `${issuer}jwks`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    issuer,
    audience,
    publicJwk,
    async mint(claims = {}, header = {}, key = privateKey) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ scope: 'openid read:pong', client_id: 'test-client', ...claims })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'test-key-1', ...header })
        .setIssuer(typeof claims.iss === 'string' ? claims.iss : issuer)
        .setAudience(claims.aud ?? audience)
        .setSubject(typeof claims.sub === 'string' ? claims.sub : 'auth0|test-user')
        .setIssuedAt(typeof claims.iat === 'number' ? claims.iat : now)
        .setExpirationTime(typeof claims.exp === 'number' ? claims.exp : now + 300)
        .setJti(typeof claims.jti === 'string' ? claims.jti : randomUUID())
        .sign(key);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
