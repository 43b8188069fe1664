// Handlers of the timeline verbs: update, note, timeline.
import { timelineVerb } from "../../../domain/command/verbs/timeline.ts";
import { noteVerb, updateVerb } from "../../../domain/command/verbs/update.ts";
import { forbidden, notFound } from "../../../domain/errors.ts";
import { parseTime } from "../../../domain/time/parse-time.ts";
import { addNote } from "../../../services/timeline/add-note.ts";
import { humanizeSlackText } from "../../../services/timeline/humanize.ts";
import { postUpdate } from "../../../services/timeline/post-update.ts";
import { type PagePosition, timelinePage } from "../../../services/timeline/timeline-page.ts";
import { canSee } from "../../../services/visibility.ts";
import { normaliseWorkstreamName } from "../../../services/workstreams.ts";
import { defineCommand } from "./command.ts";
import { requireScope } from "./scope.ts";

export const updateCommand = defineCommand({
  verb: updateVerb,
  async run(context, args) {
    const { deps } = context;
    const { incident, workstream } = await requireScope(context, updateVerb.name);
    const at = args.at ? parseTime(args.at, deps.clock.now()) : null;
    return postUpdate(deps, {
      incidentId: incident.id,
      workstreamId: workstream?.id ?? null,
      // Slash command text carries Slack markup; the timeline keeps plain words.
      text: await humanizeSlackText(deps, args.text),
      at,
      actorId: context.userId,
      requestKey: context.requestKey,
    });
  },
});

export const noteCommand = defineCommand({
  verb: noteVerb,
  async run(context, args) {
    const { deps } = context;
    const { incident, workstream } = await requireScope(context, noteVerb.name);
    const at = args.at ? parseTime(args.at, deps.clock.now()) : null;
    return addNote(deps, {
      incidentId: incident.id,
      workstreamId: workstream?.id ?? null,
      text: await humanizeSlackText(deps, args.text),
      tag: args.tag,
      at,
      actorId: context.userId,
      requestKey: context.requestKey,
    });
  },
});

export const timelineCommand = defineCommand({
  verb: timelineVerb,
  async run(context, args) {
    const { deps } = context;
    const { incident } = await requireScope(context, timelineVerb.name);
    if (!(await canSee(deps, incident, context.userId)))
      throw forbidden("This incident is private; only members of its channel can read its timeline.");
    let workstream = null;
    if (args.workstream) {
      const name = normaliseWorkstreamName(args.workstream);
      workstream = await deps.store.read.workstreams.byName(incident.id, name);
      if (!workstream)
        throw notFound(`There is no workstream \`${name}\`. \`/incident workstreams\` lists them.`);
    }
    const since = args.since ? parseTime(args.since, deps.clock.now()) : null;
    const position: PagePosition = args.page
      ? { kind: "page", page: args.page }
      : args.all || since
        ? { kind: "start" }
        : { kind: "latest" };
    return timelinePage(deps, { incident, viewerId: context.userId, workstream, since, position });
  },
});
