// WebAccess (src/http/web/viewer.ts) over the session cookie and Slack's channel membership:
// who is viewing (or answer the request: sign in for a page, 401 for data) and may they read
// an incident (public-channel: anyone in our workspace; private: members of its channel).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { IncidentAccessSubject, Viewer, WebAccess } from "../web/viewer.ts";
import { NOT_CONFIGURED, sendAuthPage } from "./auth-pages.ts";
import { type WebAuthParts, webAuthCookies } from "./web-auth-parts.ts";

/**
 * mayRead rejects with this when Slack cannot say who is in a private incident's channel: the
 * bot never guesses "member". Pages answer it with 503 ("could not check, try again"), not 404.
 */
export class AccessCheckUnavailableError extends Error {
  constructor(cause: unknown) {
    super("could not ask Slack who is in the incident's channel", { cause });
    this.name = "AccessCheckUnavailableError";
  }
}

/**
 * A browser navigating to a page is sent to sign in and back; a download, a JSON or feed
 * request, or anything not asking for HTML gets 401 (a redirect to Slack is no use to it).
 */
function wantsPage(req: IncomingMessage): boolean {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (/\.(json|md|atom|csv)$/i.test(path) || /\/download(\/|$)/.test(path)) return false;
  return (req.headers.accept ?? "").includes("text/html");
}

function unauthorized(res: ServerResponse, error: string): void {
  res.writeHead(401, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "www-authenticate": 'Cookie realm="incident pages"',
  });
  res.end(JSON.stringify({ ok: false, error }));
}

export function buildWebAccess(parts: WebAuthParts): WebAccess {
  const signIn = parts.signIn;
  const cookies = signIn ? webAuthCookies(signIn, parts.appBaseUrl) : undefined;

  return {
    async viewer(req, res) {
      if (!cookies) {
        if (wantsPage(req)) sendAuthPage(res, NOT_CONFIGURED);
        else unauthorized(res, "sign_in_not_configured");
        return null;
      }
      const session = cookies.session.read(req, parts.clock.now());
      const ourTeam = parts.teamId();
      // A session names the team it was checked against at sign-in; one from another workspace
      // (the bot moved, same secret) is signed out. While Slack has not told us our team, the
      // signature stands for the check made at sign-in.
      if (session && (!ourTeam || session.teamId === ourTeam)) {
        const { expiresAt: _expiresAt, ...viewer } = session;
        return viewer;
      }
      if (wantsPage(req)) {
        const next = req.url ?? "/incidents";
        res.writeHead(302, {
          location: `/auth/slack/login?next=${encodeURIComponent(next)}`,
          "cache-control": "no-store",
          ...(session ? { "set-cookie": cookies.session.clear() } : {}),
        });
        res.end();
      } else {
        unauthorized(res, "not_signed_in");
      }
      return null;
    },

    async mayRead(viewer: Viewer, incident: IncidentAccessSubject) {
      const ourTeam = parts.teamId();
      if (ourTeam && viewer.teamId !== ourTeam) return false;
      if (!incident.isPrivate) return true;
      if (!incident.channelId) return false;
      let members: string[];
      try {
        members = await parts.directory.knownChannelMembers(incident.channelId);
      } catch (error) {
        parts.logger.warn({ err: error, channel: incident.channelId }, "could not check channel membership");
        throw new AccessCheckUnavailableError(error);
      }
      return members.includes(viewer.userId);
    },
  };
}
