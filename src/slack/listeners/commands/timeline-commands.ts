// Handlers of the timeline verbs: update, note, timeline.
import { timelineVerb } from "../../../domain/command/verbs/timeline.ts";
import { noteVerb, updateVerb } from "../../../domain/command/verbs/update.ts";
import { addNote } from "../../../services/timeline/add-note.ts";
import { humanizeNoting } from "../../../services/timeline/humanize.ts";
import { postUpdate } from "../../../services/timeline/post-update.ts";
import { readTimeline } from "../../../services/timeline/read-timeline.ts";
import type { PagePosition } from "../../../services/timeline/timeline-page.ts";
import { typedTime } from "../../../services/typed-time.ts";
import { renderResult } from "../../views/replies/index.ts";
import { timelineView } from "../../views/timeline-view.ts";
import { defineIncidentCommand } from "./scope.ts";

export const updateCommand = defineIncidentCommand({
  verb: updateVerb,
  run: async (request, args, { deps }) => {
    // Slash command text carries Slack markup; the timeline keeps plain words. Whom Slack could
    // not name in time is named in the stored entry after the commit (late-names.ts).
    const humanized = await humanizeNoting(deps, args.text);
    return postUpdate(deps, {
      ...request,
      text: humanized.text,
      unnamedMentions: humanized.unnamed,
      at: await typedTime(deps, request.actorId, args.at),
      key: args.key,
      public: args.public,
    });
  },
  render: renderResult,
});

export const noteCommand = defineIncidentCommand({
  verb: noteVerb,
  run: async (request, args, { deps }) => {
    const humanized = await humanizeNoting(deps, args.text);
    return addNote(deps, {
      ...request,
      text: humanized.text,
      unnamedMentions: humanized.unnamed,
      tag: args.tag,
      at: await typedTime(deps, request.actorId, args.at),
    });
  },
  render: renderResult,
});

export const timelineCommand = defineIncidentCommand({
  verb: timelineVerb,
  run: async ({ incidentId, actorId }, args, { deps }) => {
    const since = await typedTime(deps, actorId, args.since);
    const position: PagePosition = args.page
      ? { kind: "page", page: args.page }
      : args.all || since
        ? { kind: "start" }
        : { kind: "latest" };
    return readTimeline(deps, {
      incidentId,
      viewerId: actorId,
      workstream: args.workstream ? { name: args.workstream } : null,
      since,
      position,
    });
  },
  render: timelineView,
});
