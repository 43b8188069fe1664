// Handlers of the timeline verbs: update, note, timeline.
import { timelineVerb } from "../../../domain/command/verbs/timeline.ts";
import { noteVerb, updateVerb } from "../../../domain/command/verbs/update.ts";
import { addNote } from "../../../services/timeline/add-note.ts";
import { humanizeSlackText } from "../../../services/timeline/humanize.ts";
import { postUpdate } from "../../../services/timeline/post-update.ts";
import { readTimeline } from "../../../services/timeline/read-timeline.ts";
import type { PagePosition } from "../../../services/timeline/timeline-page.ts";
import { typedTime } from "../../../services/typed-time.ts";
import { renderResult } from "../../views/replies/index.ts";
import { timelineView } from "../../views/timeline-view.ts";
import { defineIncidentCommand } from "./scope.ts";

export const updateCommand = defineIncidentCommand({
  verb: updateVerb,
  run: async (request, args, { deps }) =>
    postUpdate(deps, {
      ...request,
      // Slash command text carries Slack markup; the timeline keeps plain words.
      text: await humanizeSlackText(deps, args.text),
      at: await typedTime(deps, request.actorId, args.at),
      key: args.key,
      public: args.public,
    }),
  render: renderResult,
});

export const noteCommand = defineIncidentCommand({
  verb: noteVerb,
  run: async (request, args, { deps }) =>
    addNote(deps, {
      ...request,
      text: await humanizeSlackText(deps, args.text),
      tag: args.tag,
      at: await typedTime(deps, request.actorId, args.at),
    }),
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
