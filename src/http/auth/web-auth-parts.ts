// What Sign in with Slack and the access checks are built from, handed down by src/bot.ts, and
// the pieces both derive from it (cookie keys, whether cookies are Secure).
import type { Clock } from "../../clock/clock.ts";
import type { SignInConfig } from "../../config.ts";
import type { Logger } from "../../log/logger.ts";
import type { Directory } from "../../services/ports.ts";
import type { OpenIdGateway } from "../../slack/gateway.ts";
import { type SessionCookies, sessionCookies } from "./session-cookie.ts";
import { deriveSessionKeys } from "./session-keys.ts";
import { type SignInStateCookies, signInStateCookies } from "./sign-in-state.ts";

export interface WebAuthParts {
  /** undefined: sign-in is not configured (pages say so; the bot runs anyway). */
  signIn: SignInConfig | undefined;
  /** APP_BASE_URL: https there makes every cookie Secure. */
  appBaseUrl: string | undefined;
  clock: Clock;
  directory: Directory;
  openId: OpenIdGateway;
  /** Our workspace as auth.test answered it; undefined while Slack has not said. */
  teamId(): string | undefined;
  logger: Logger;
}

export interface WebAuthCookies {
  session: SessionCookies;
  signInState: SignInStateCookies;
}

export function webAuthCookies(signIn: SignInConfig, appBaseUrl: string | undefined): WebAuthCookies {
  const keys = deriveSessionKeys(signIn);
  const secure = appBaseUrl?.startsWith("https://") ?? false;
  return {
    session: sessionCookies(keys.session, secure),
    signInState: signInStateCookies(keys.signInState, secure),
  };
}
