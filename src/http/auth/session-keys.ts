// The keys that sign the session and sign-in cookies, one per purpose (HKDF-SHA256), so a
// sign-in state cookie can never be replayed as a session. The secret is WEB_SESSION_SECRET,
// or, when unset, the Slack client secret (always present when sign-in is on): rotating either
// signs everyone out, which is what rotating a secret should do.
import { hkdfSync } from "node:crypto";
import type { SignInConfig } from "../../config.ts";

export interface SessionKeys {
  session: Buffer;
  signInState: Buffer;
}

export function deriveSessionKeys(signIn: SignInConfig): SessionKeys {
  const secret = signIn.sessionSecret ?? signIn.clientSecret;
  const derive = (purpose: string) =>
    Buffer.from(hkdfSync("sha256", secret, "incident-bot web sign-in", purpose, 32));
  return { session: derive("session v1"), signInState: derive("sign-in state v1") };
}
