/** Tiny HTML pages served by the loopback callback and the development identity provider. */
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_FORM_BYTES = 4096;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}
.dev{background:#fff3cd;border:1px solid #e0b400;padding:.5rem .75rem;border-radius:4px}
button{font:inherit;padding:.4rem 1rem;margin-right:.5rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<p>${escapeHtml(message)}</p>`);
}

/** `uid` makes the form action relative, so it also works behind code-server's path proxy. */
export function devLoginPage(account: { name: string; email: string }, clientId: string, uid: string): string {
  return layout(
    'Component Host — development sign-in',
    `<p class="dev">This is the <strong>development sign-in</strong> built into Component Host. It is not Auth0 and
not a production identity. Configure an Auth0 tenant in the settings to sign in for real.</p>
<p>Application: <code>${escapeHtml(clientId)}</code></p>
<form method="post" action="${escapeHtml(uid)}/login" autocomplete="off">
<p>Continue as <strong>${escapeHtml(account.name)}</strong> (${escapeHtml(account.email)})?</p>
<button type="submit" name="action" value="login" id="continue">Continue</button>
<button type="submit" name="action" value="cancel" id="cancel">Cancel</button>
</form>`,
  );
}

/**
 * `sameOriginReferrer`: for the login page, whose form post must carry its real Origin (with
 * no-referrer the browser sends `Origin: null`, which the provider refuses). Framing is refused always.
 */
export function sendHtml(res: ServerResponse, status: number, html: string, options: { sameOriginReferrer?: boolean } = {}): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'referrer-policy': options.sameOriginReferrer ? 'same-origin' : 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}
