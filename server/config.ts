/** The server's configuration, from its environment (the supervisor sets it). */
export interface ServerConfig {
  /** 0 = any free port. */
  port: number;
  /** The issuer whose access tokens protected routes accept; undefined = protected routes answer 503. */
  issuerBaseUrl: string | undefined;
  audience: string;
  requiredScope: string;
  /** Extra `Host` header values to accept besides 127.0.0.1/localhost on our port (e.g. a proxy's). */
  extraAllowedHosts: string[];
}

export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const port = Number(env.COMPONENT_HOST_SERVER_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid COMPONENT_HOST_SERVER_PORT: ${env.COMPONENT_HOST_SERVER_PORT}`);
  }
  return {
    port,
    issuerBaseUrl: env.COMPONENT_HOST_ISSUER || undefined,
    audience: env.COMPONENT_HOST_AUDIENCE || 'https://component-host.local/api',
    requiredScope: env.COMPONENT_HOST_REQUIRED_SCOPE || 'read:pong',
    extraAllowedHosts: (env.COMPONENT_HOST_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  };
}
