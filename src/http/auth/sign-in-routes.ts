// Sign in with Slack (OpenID Connect, Slack's flow) for the internal incident pages:
//   GET  /auth/slack/login?next=/incidents/12  → Slack's authorize page (state + nonce bound to
//        this browser in a signed cookie)
//   GET  /auth/slack/callback?code&state       → state checked, code exchanged
//        (openid.connect.token), id_token verified, userInfo asked, team checked, session set
//   POST /auth/logout (or GET from our own pages) → session cleared
//   GET  /auth/session                         → who is signed in (JSON), or 401
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import { SlackCallError } from "../../slack/gateway.ts";
import { NOT_CONFIGURED, sendAuthPage, signInRefused } from "./auth-pages.ts";
import { IdTokenError, IssuerUnavailableError, idTokenVerifier } from "./id-token.ts";
import { safeNextPath } from "./next-path.ts";
import { type WebAuthParts, webAuthCookies } from "./web-auth-parts.ts";

function query(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? "/", "http://request.invalid").searchParams;
}

function json(res: ServerResponse, status: number, body: unknown, setCookie?: string): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...(setCookie ? { "set-cookie": setCookie } : {}),
  });
  res.end(JSON.stringify(body));
}

/**
 * A sign-out must come from our own pages: browsers say where a request came from in
 * Sec-Fetch-Site (and Origin on POST). A GET needs Sec-Fetch-Site same-origin; a POST may
 * also come from a client that sends neither header (curl, tests), which no other site can make a browser do.
 */
function sameSite(req: IncomingMessage, appBaseUrl: string | undefined): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined) return site === "same-origin" || (site === "none" && req.method === "POST");
  const origin = req.headers.origin;
  if (origin !== undefined) return appBaseUrl !== undefined && origin === new URL(appBaseUrl).origin;
  return req.method === "POST";
}

export function signInRoutes(parts: WebAuthParts): CustomRoute[] {
  const signIn = parts.signIn;
  const cookies = signIn ? webAuthCookies(signIn, parts.appBaseUrl) : undefined;
  const verifier = signIn
    ? idTokenVerifier({ issuer: signIn.openIdUrl, clientId: signIn.clientId })
    : undefined;
  const log = parts.logger.child({ component: "sign-in" });

  function login(req: IncomingMessage, res: ServerResponse): void {
    if (!signIn || !cookies) {
      sendAuthPage(res, NOT_CONFIGURED);
      return;
    }
    const { attempt, setCookie } = cookies.signInState.start(query(req).get("next"), parts.clock.now());
    const authorize = new URL(`${signIn.openIdUrl}/openid/connect/authorize`);
    authorize.searchParams.set("response_type", "code");
    authorize.searchParams.set("scope", "openid profile email");
    authorize.searchParams.set("client_id", signIn.clientId);
    authorize.searchParams.set("redirect_uri", signIn.redirectUri);
    authorize.searchParams.set("state", attempt.state);
    authorize.searchParams.set("nonce", attempt.nonce);
    const team = parts.teamId();
    if (team) authorize.searchParams.set("team", team);
    res.writeHead(302, {
      location: authorize.toString(),
      "set-cookie": setCookie,
      "cache-control": "no-store",
    });
    res.end();
  }

  async function callback(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!signIn || !cookies || !verifier) return sendAuthPage(res, NOT_CONFIGURED);
    const now = parts.clock.now();
    const params = query(req);
    const attempt = cookies.signInState.read(req, now);
    // The attempt is single use: every answer from here on clears it.
    const clearState = cookies.signInState.clear();
    const refuse = (message: string, status = 400) =>
      sendAuthPage(res, signInRefused(message, attempt?.next ?? "/incidents", status), [clearState]);
    if (!attempt) {
      return refuse(
        "This sign-in was not started in this browser, or took longer than 10 minutes. Start again from the page you wanted.",
      );
    }
    if (params.get("state") !== attempt.state) {
      log.warn("sign-in refused: state does not match this browser's attempt");
      return refuse("This sign-in answer does not belong to the sign-in this browser started.");
    }
    const error = params.get("error");
    if (error)
      return refuse(
        error === "access_denied" ? "Sign-in was cancelled at Slack." : "Slack did not sign you in.",
      );
    const code = params.get("code");
    if (!code) return refuse("Slack's answer had no sign-in code.");
    const ourTeam = parts.teamId();
    if (!ourTeam)
      return refuse("The bot cannot reach Slack to confirm its workspace right now; try again shortly.", 503);

    let signedIn: { userId: string; teamId: string; name: string };
    try {
      const tokens = await parts.openId.exchangeCode({
        clientId: signIn.clientId,
        clientSecret: signIn.clientSecret,
        code,
        redirectUri: signIn.redirectUri,
      });
      const claims = await verifier.verify(tokens.idToken, attempt.nonce);
      const info = await parts.openId.userInfo(tokens.accessToken);
      if (info.userId !== claims.userId || info.teamId !== claims.teamId)
        throw new IdTokenError("userInfo names someone else than the id_token");
      signedIn = { userId: claims.userId, teamId: claims.teamId, name: info.name };
    } catch (failure) {
      if (failure instanceof IdTokenError) {
        log.warn({ reason: failure.message }, "sign-in refused");
        return refuse("Slack's answer could not be verified.");
      }
      const transient =
        failure instanceof IssuerUnavailableError ||
        (failure instanceof SlackCallError && failure.failure.kind !== "permanent");
      log.warn({ err: failure }, "sign-in failed at Slack");
      return transient
        ? refuse("Slack could not be reached to finish signing in; try again shortly.", 503)
        : refuse("Slack refused this sign-in (the link may have been used already).");
    }
    if (signedIn.teamId !== ourTeam) {
      log.warn({ team: signedIn.teamId }, "sign-in refused: another workspace");
      return refuse("You signed in to a different Slack workspace than the one this bot serves.", 403);
    }
    // The time zone pages show times in: the directory's users.info (never fails; UTC when unknown).
    const person = await parts.directory.user(signedIn.userId);
    const session = cookies.session.issue(
      { userId: signedIn.userId, teamId: signedIn.teamId, name: signedIn.name, timeZone: person.tz },
      now,
    );
    log.info({ user: signedIn.userId }, "signed in to the incident pages");
    res.writeHead(303, {
      location: safeNextPath(attempt.next),
      "set-cookie": [clearState, session],
      "cache-control": "no-store",
    });
    res.end();
  }

  function logout(req: IncomingMessage, res: ServerResponse): void {
    if (!sameSite(req, parts.appBaseUrl)) {
      sendAuthPage(res, {
        status: 403,
        title: "Not signed out",
        message: "Sign out from the incident pages themselves.",
      });
      return;
    }
    sendAuthPage(
      res,
      {
        status: 200,
        title: "Signed out",
        message: "You are signed out of the incident pages.",
        link: { href: "/auth/slack/login", text: "Sign in with Slack" },
      },
      cookies ? [cookies.session.clear()] : [],
    );
  }

  function session(req: IncomingMessage, res: ServerResponse): void {
    const found = cookies?.session.read(req, parts.clock.now());
    const ourTeam = parts.teamId();
    if (!found || (ourTeam && found.teamId !== ourTeam)) {
      json(res, 401, { signedIn: false, configured: cookies !== undefined });
      return;
    }
    json(res, 200, {
      signedIn: true,
      userId: found.userId,
      teamId: found.teamId,
      name: found.name,
      timeZone: found.timeZone ?? null,
      expiresAt: found.expiresAt.toISOString(),
    });
  }

  return [
    { path: "/auth/slack/login", method: ["GET"], handler: login },
    {
      path: "/auth/slack/callback",
      method: ["GET"],
      handler: (req, res) => {
        callback(req, res).catch((error: unknown) => {
          log.error({ err: error }, "sign-in callback failed");
          if (!res.headersSent)
            sendAuthPage(res, signInRefused("Something went wrong while signing in.", "/incidents", 500));
        });
      },
    },
    { path: "/auth/logout", method: ["GET", "POST"], handler: logout },
    { path: "/auth/session", method: ["GET"], handler: session },
  ];
}
