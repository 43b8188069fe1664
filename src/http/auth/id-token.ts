// Verifying Slack's id_token with jose: RS256 signature against the issuer's published keys
// (JWKS, fetched and cached by jose), `iss` = the issuer, `aud` = our client id, `exp` (jose
// checks it against real time, since Slack stamped the token with real time: a simulated drill
// clock must never make an expired token valid), and the `nonce` this browser's attempt sent.
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from "jose";

export interface IdTokenVerifier {
  /** The verified claims; throws IdTokenError with a reason on any mismatch. */
  verify(idToken: string, expectedNonce: string): Promise<{ userId: string; teamId: string; name?: string }>;
}

export class IdTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "IdTokenError";
  }
}

/** The issuer's keys could not be fetched: nothing is wrong with the token, try again later. */
export class IssuerUnavailableError extends Error {
  constructor(cause: unknown) {
    super("the issuer's signing keys could not be fetched", { cause });
    this.name = "IssuerUnavailableError";
  }
}

export function idTokenVerifier(options: { issuer: string; clientId: string }): IdTokenVerifier {
  const keys = createRemoteJWKSet(new URL(`${options.issuer}/openid/connect/keys`), {
    timeoutDuration: 10_000,
  });
  return {
    async verify(idToken, expectedNonce) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(idToken, keys, {
          issuer: options.issuer,
          audience: options.clientId,
          algorithms: ["RS256"],
          requiredClaims: ["exp", "iat", "sub", "nonce"],
        }));
      } catch (error) {
        // Not a JOSE verdict (a network error) or a keys timeout: Slack's side, not the token.
        if (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout)
          throw new IssuerUnavailableError(error);
        throw new IdTokenError(`id_token refused: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (payload.nonce !== expectedNonce) throw new IdTokenError("id_token refused: nonce does not match");
      const userId = payload["https://slack.com/user_id"] ?? payload.sub;
      const teamId = payload["https://slack.com/team_id"];
      if (typeof userId !== "string" || typeof teamId !== "string")
        throw new IdTokenError("id_token refused: no Slack user or team");
      return { userId, teamId, ...(typeof payload.name === "string" ? { name: payload.name } : {}) };
    },
  };
}
