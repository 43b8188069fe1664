// Severity ledger: every change keeps from, to, who, when and why (the timeline entry).
// Escalation to SEV1/SEV2 is also announced where stakeholders watch.
import { isEscalation, type Severity, severityLabel } from "../../domain/incident/severity.ts";
import { escapeMrkdwn, mentionChannel, mentionGroup, mentionUser } from "../../domain/text/mrkdwn.ts";
import { messageText, section } from "../../slack/views/blocks.ts";
import type { Effect, EventHandler } from "../types.ts";
import { toPublic } from "../types.ts";
import {
  announceInChannel,
  refreshAnnouncement,
  refreshSummary,
  refreshTopic,
  refreshWorkstreams,
} from "./common.ts";

/** Lower number = worse. */
const worstOf = (a: Severity, b: Severity): Severity => (a < b ? a : b);

export const severityChanged: EventHandler<"severity_changed"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("severity_changed needs an incident");
    const updated = await repos.incidents.update(incident.id, {
      severity: event.to,
      peakSeverity: worstOf(incident.peakSeverity, event.to),
      updatedAt: meta.occurredAt,
    });
    return { incident: updated };
  },
  effects(event, incident, meta, context) {
    const effects: Effect[] = [
      announceInChannel(incident, event, meta),
      refreshSummary(incident),
      refreshTopic(incident),
      refreshAnnouncement(incident),
      refreshWorkstreams(incident),
    ];
    if (isEscalation(event.from, event.to) && event.to <= 2 && context.announceChannel) {
      const who = meta.actorId ? ` by ${mentionUser(meta.actorId)}` : "";
      const group = context.leadershipGroup ? `${mentionGroup(context.leadershipGroup)} ` : "";
      const where = incident.channelId ? ` — ${mentionChannel(incident.channelId)}` : "";
      const text = messageText(
        `${group}:rotating_light: *INC-${incident.number}* escalated to *${severityLabel(event.to)}*${who}: ${escapeMrkdwn(event.reason)}${where}`,
      );
      effects.push(
        toPublic({
          kind: "message.post",
          target: { channelId: context.announceChannel },
          content: { text, blocks: [section(text)] },
        }),
      );
    }
    return effects;
  },
};
