// Who is looking at an internal web page, and the two questions every internal page asks: who
// is this (a signed-in Slack user, or nobody yet) and may they read this incident. Sign in with
// Slack (src/http/auth/) answers the first; the incident pages (src/http/incidents/) ask both
// and never learn how a session is kept.
import type { IncomingMessage, ServerResponse } from "node:http";

/** A person signed in with Slack (OpenID Connect), as their session cookie says. */
export interface Viewer {
  userId: string;
  teamId: string;
  name: string;
  /** IANA zone Slack reports for the person (users.info), when known: pages show times in it. */
  timeZone?: string;
}

/** What an access decision needs to know about an incident. */
export interface IncidentAccessSubject {
  channelId: string | null;
  isPrivate: boolean;
}

export interface WebAccess {
  /**
   * The viewer of this request, or null after it has answered the request itself (a redirect to
   * sign in for a page, 401 for a download). Handlers return at once on null.
   */
  viewer(req: IncomingMessage, res: ServerResponse): Promise<Viewer | null>;
  /**
   * Anyone in the workspace reads a public-channel incident; a private one only a member of its
   * channel. A page that says no answers 404, never 403, so a private incident's existence is
   * not confirmed to outsiders.
   */
  mayRead(viewer: Viewer, incident: IncidentAccessSubject): Promise<boolean>;
}
