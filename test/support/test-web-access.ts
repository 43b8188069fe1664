// A WebAccess test double for the incident pages' integration tests (the real one, Sign in with
// Slack, is tested end to end): the viewer is named by an `x-test-viewer` header, and a private
// incident is readable by the members listed for its channel. `slackDown` makes the private
// check fail as it does when Slack cannot answer.
import type { Viewer, WebAccess } from "../../src/http/web/viewer.ts";

export interface TestWebAccess extends WebAccess {
  viewers: Map<string, Viewer>;
  members: Map<string, Set<string>>;
  slackDown: boolean;
}

export function testWebAccess(): TestWebAccess {
  const access: TestWebAccess = {
    viewers: new Map(),
    members: new Map(),
    slackDown: false,
    async viewer(req, res) {
      const id = req.headers["x-test-viewer"];
      const viewer = typeof id === "string" ? access.viewers.get(id) : undefined;
      if (viewer) return viewer;
      res.writeHead(401, { "content-type": "text/plain" }).end("sign in first");
      return null;
    },
    async mayRead(viewer, incident) {
      if (!incident.isPrivate) return true;
      if (access.slackDown) throw new Error("slack is down");
      return Boolean(incident.channelId && access.members.get(incident.channelId)?.has(viewer.userId));
    },
  };
  return access;
}
