// The few pages Sign in with Slack shows itself: why a sign-in was refused, that sign-in is not
// configured, that you are signed out. An eta template with auto-escaping on (every `<%= %>` is
// escaped; there is no raw output), no scripts, and a strict CSP.
import type { ServerResponse } from "node:http";
import { Eta } from "eta";

const eta = new Eta({ autoEscape: true, autoTrim: false });
eta.loadTemplate(
  "@auth-page",
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.title %></title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1.25rem; color: #1a1a1a; line-height: 1.5; }
  a { color: #0b57d0; }
</style>
</head>
<body>
<main>
<h1><%= it.title %></h1>
<p><%= it.message %></p>
<% if (it.link) { %><p><a href="<%= it.link.href %>"><%= it.link.text %></a></p><% } %>
</main>
</body>
</html>
`,
);

export interface AuthPage {
  status: number;
  title: string;
  message: string;
  link?: { href: string; text: string };
}

export function sendAuthPage(res: ServerResponse, page: AuthPage, setCookies: string[] = []): void {
  const body = eta.render("@auth-page", { title: page.title, message: page.message, link: page.link });
  res.writeHead(page.status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "referrer-policy": "no-referrer",
    ...(setCookies.length ? { "set-cookie": setCookies } : {}),
  });
  res.end(body);
}

export const NOT_CONFIGURED: AuthPage = {
  status: 503,
  title: "Sign-in is not configured",
  message:
    "The internal incident pages need Sign in with Slack, which this bot has not been set up for " +
    "(SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and APP_BASE_URL). Ask whoever runs the bot.",
};

/** A refused sign-in: what happened, and a link to try again from the start. */
export function signInRefused(message: string, next: string, status = 400): AuthPage {
  return {
    status,
    title: "Sign-in did not complete",
    message,
    link: { href: `/auth/slack/login?next=${encodeURIComponent(next)}`, text: "Sign in with Slack again" },
  };
}
