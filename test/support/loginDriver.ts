/**
 * A plain-HTTP browser for the development identity provider's login: follows redirects by hand
 * with a cookie jar that honours cookie paths (so a wrong path behind a proxy fails here too),
 * submits the login form, and stops at the redirect to the client's callback.
 */
export interface Cookie {
  name: string;
  value: string;
  host: string;
  path: string;
}

export class CookieJar {
  private readonly cookies = new Map<string, Cookie>();

  header(url: URL): string {
    return [...this.cookies.values()]
      .filter(
        (c) => c.host === url.host && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  take(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = new Map(attributes.map((a) => [a.split('=')[0]?.toLowerCase() ?? '', a.slice(a.indexOf('=') + 1)]));
      const path = attr.get('path') ?? '/';
      const key = `${url.host} ${path} ${name}`;
      const expires = attr.get('expires');
      if (value === '' || (expires && Date.parse(expires) < Date.now())) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, host: url.host, path });
    }
  }
}

export interface LoginResult {
  /** The redirect to the client's redirect_uri, with code/state/iss or error. */
  callbackUrl: URL;
  /** Pages seen on the way, for assertions on what the user is shown. */
  pages: string[];
}

async function request(jar: CookieJar, url: URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set('cookie', cookie);
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.take(url, response);
  return response;
}

/**
 * Walks the authorization URL to the point where the provider redirects to `redirectUriPrefix`.
 * `decision` picks the button on the development login page.
 */
export async function loginOverHttp(
  authorizationUrl: URL,
  redirectUriPrefix: string,
  decision: 'login' | 'cancel' = 'login',
  jar = new CookieJar(),
): Promise<LoginResult> {
  const pages: string[] = [];
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 10; hop++) {
    const response = await request(jar, url, init);
    init = {};
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      if (!location) throw new Error(`redirect without location from ${url.pathname}`);
      const next = new URL(location, url);
      if (next.href.startsWith(redirectUriPrefix)) return { callbackUrl: next, pages };
      url = next;
      continue;
    }
    const body = await response.text();
    pages.push(body);
    if (response.status !== 200) {
      throw new Error(
        `HTTP ${response.status} at ${url.pathname}: ${body
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 300)}`,
      );
    }
    const action = /<form method="post" action="([^"]+)"/.exec(body)?.[1];
    if (!action) throw new Error(`no login form at ${url.pathname}`);
    url = new URL(action, url);
    init = {
      method: 'POST',
      body: new URLSearchParams({ action: decision }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error('too many redirects');
}
