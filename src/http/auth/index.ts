// Sign in with Slack and the access checks of the internal incident pages: src/bot.ts mounts
// signInRoutes and hands buildWebAccess's WebAccess to the incident pages (src/http/incidents).

export { signInRoutes } from "./sign-in-routes.ts";
export { AccessCheckUnavailableError, buildWebAccess } from "./web-access.ts";
export type { WebAuthParts } from "./web-auth-parts.ts";
